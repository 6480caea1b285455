// Secret canaries: values planted where a secret could sit, that must never show up in a report or a log.
// Each is 24 pseudo-random characters derived from the field name, so canaries share no piece with each other
// or with anything Rampart prints: any 8 characters of one in an output is a leak (V8 and others quote excerpts).

const WINDOW = 8;

/** A distinct canary per planted field, so a failure says which field leaked. */
export function canary(field: string): string {
  let h = 2166136261;
  let out = '';
  for (let round = 0; out.length < 24; round++) {
    for (const c of `${round}:${field}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(36).padStart(7, '0').slice(0, 6);
  }
  return out.slice(0, 24);
}

/** The canary planted in parser fuzz inputs. */
export const CANARY = canary('fuzz');

/** Whether `text` contains the secret or any 8-character piece of it. */
export function leaks(text: string, secret: string = CANARY): boolean {
  for (let i = 0; i + WINDOW <= secret.length; i++) if (text.includes(secret.slice(i, i + WINDOW))) return true;
  return false;
}
