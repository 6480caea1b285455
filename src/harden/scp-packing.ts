// Packs SCP statements into as few documents as fit the Organizations quotas: 5,120 characters per document
// (minified JSON, as AWS counts it) and 5 SCPs per target, FullAWSAccess included.
import type { ScpStatement } from './scp-templates.ts';

export const SCP_MAX_CHARS = 5120;
export const SCP_MAX_PER_TARGET = 5;

export interface ScpBody {
  Version: '2012-10-17';
  Statement: ScpStatement[];
}

export interface PackedScp {
  /** Minified JSON, exactly what CreatePolicy receives. */
  content: string;
  statements: ScpStatement[];
}

export class ScpPackingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScpPackingError';
  }
}

export function minify(statements: ScpStatement[]): string {
  const body: ScpBody = { Version: '2012-10-17', Statement: statements };
  return JSON.stringify(body);
}

/**
 * First-fit packing in template order (so related statements stay together and documents read in catalog order).
 * Throws ScpPackingError when one statement alone exceeds the limit: no packing can fix that.
 */
export function packStatements(statements: ScpStatement[], maxChars = SCP_MAX_CHARS): PackedScp[] {
  const bins: ScpStatement[][] = [];
  for (const st of statements) {
    if (minify([st]).length > maxChars) {
      throw new ScpPackingError(`statement ${st.Sid} alone is ${minify([st]).length} characters, over the ${maxChars}-character SCP limit`);
    }
    const bin = bins.find((b) => minify([...b, st]).length <= maxChars);
    if (bin) bin.push(st);
    else bins.push([st]);
  }
  return bins.map((b) => ({ content: minify(b), statements: b }));
}

/** Problems when `adding` documents go on a target that already carries `existing` SCPs. */
export function perTargetProblem(targetName: string, existing: number, adding: number, max = SCP_MAX_PER_TARGET): string | undefined {
  if (existing + adding <= max) return undefined;
  return `${targetName} already has ${existing} SCP${existing === 1 ? '' : 's'} attached; adding ${adding} would exceed the quota of ${max} per target — merge or detach some first`;
}
