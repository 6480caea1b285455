// Secret canaries: values planted where a secret could sit, that must never show up in a report or a log.
// They look like nothing a parser, V8 or Rampart prints on its own, so any 6 characters of one in an output is a leak.

/** A distinct canary per planted field, so a failure says which field leaked. */
export function canary(field: string): string {
  let h = 2166136261;
  for (const c of field) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return `Zq9Xk${h.toString(36).padStart(7, '0')}W3vRt7`;
}

/** The canary planted in parser fuzz inputs. */
export const CANARY = canary('fuzz');

/** Whether `text` contains the canary or any 6-character piece of it (V8 and others quote excerpts). */
export function leaks(text: string, secret: string = CANARY): boolean {
  for (let i = 0; i + 6 <= secret.length; i++) if (text.includes(secret.slice(i, i + 6))) return true;
  return false;
}
