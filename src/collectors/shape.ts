// Response-shape helpers for every collector: a field AWS documents as always present but missing,
// or a document that does not decode, becomes a ParseError or a raw string — never a guessed default.
import { collect, collectOrAbsent } from './collect.ts';
import { failed, type Collected } from '../inventory/collected.ts';

/** A response lacked a field the snapshot schema requires. */
export class ResponseShapeError extends Error {
  override name = 'ResponseShapeError';
}

/** The value of a field AWS always returns; throws ResponseShapeError when it is absent. */
export function need<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null) throw new ResponseShapeError(`response has no ${field}`);
  return value;
}

/** An SDK date as an ISO string; null when absent (the schema's "never"). */
export function isoOrNull(d: Date | string | undefined | null): string | null {
  if (d === undefined || d === null) return null;
  const t = d instanceof Date ? d.getTime() : Date.parse(d);
  if (Number.isNaN(t)) throw new ResponseShapeError(`unparseable date ${String(d)}`);
  return new Date(t).toISOString();
}

/**
 * A policy document as IAM/S3/Organizations return it: IAM URL-encodes documents, the others send plain JSON.
 * A document that does not parse is kept as the raw string, so the checks that read it report a ParseError
 * on that one policy instead of the whole collection failing.
 */
export function parsePolicyDocument(raw: string | undefined | null): unknown {
  if (raw === undefined || raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    /* probably URL-encoded */
  }
  try {
    return JSON.parse(decodeURIComponent(raw));
  } catch {
    return raw;
  }
}

function parseError(operation: string, region: string | undefined, e: ResponseShapeError): Collected<never> {
  return failed({ code: 'ParseError', operation, message: `${operation}: ${e.message}`, ...(region ? { region } : {}) });
}

/** collect() that reports ResponseShapeError as ParseError (the generic classifier would call it Unknown). */
export async function read<T>(operation: string, region: string | undefined, fn: () => Promise<T>): Promise<Collected<T>> {
  let shape: ResponseShapeError | undefined;
  const out = await collect(operation, region, () =>
    fn().catch((e: unknown) => {
      if (e instanceof ResponseShapeError) shape = e;
      throw e;
    }),
  );
  return shape ? parseError(operation, region, shape) : out;
}

/** collectOrAbsent() that reports ResponseShapeError as ParseError. */
export async function readOrAbsent<T>(
  operation: string,
  region: string | undefined,
  absentWhen: readonly string[],
  fn: () => Promise<T>,
): Promise<Collected<T | null>> {
  let shape: ResponseShapeError | undefined;
  const out = await collectOrAbsent(operation, region, absentWhen, () =>
    fn().catch((e: unknown) => {
      if (e instanceof ResponseShapeError) shape = e;
      throw e;
    }),
  );
  return shape ? parseError(operation, region, shape) : out;
}
