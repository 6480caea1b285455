// Reading the files harden is given (baseline, plan, journal): a missing or unreadable file is an input error
// (exit 2) naming the file, as is a file that is not JSON where JSON is expected.
import { readFile } from 'node:fs/promises';
import { InputFileError } from '../core/errors.ts';

export async function readInputFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new InputFileError(file, `cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export function parseJsonInput(text: string, file: string, hint?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputFileError(file, `not JSON: ${(e as Error).message}`, hint ? { hint } : {});
  }
}
