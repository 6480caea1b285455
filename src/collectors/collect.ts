// Helpers every collector uses to turn an SDK call into Collected<T>: errors are recorded, never defaulted away.
import { failed, ok, type Collected } from '../inventory/collected.ts';
import { toCollectError } from '../aws/errors.ts';

/**
 * Run one read and record its outcome. `operation` is `service:Operation` (IAM action spelling).
 * Any error becomes `{ ok: false, error }` with a classified code.
 */
export async function collect<T>(operation: string, region: string | undefined, read: () => Promise<T>): Promise<Collected<T>> {
  try {
    return ok(await read());
  } catch (e) {
    return failed(toCollectError(e, operation, region));
  }
}

/**
 * Like collect, but the listed error names mean "this thing does not exist", which is a value (null),
 * e.g. NoSuchEntity for GetAccountPasswordPolicy or NoSuchBucketPolicy for GetBucketPolicy.
 */
export async function collectOrAbsent<T>(
  operation: string,
  region: string | undefined,
  absentWhen: readonly string[],
  read: () => Promise<T>,
): Promise<Collected<T | null>> {
  try {
    return ok(await read());
  } catch (e) {
    const name = (e as { name?: string; Code?: string }).name ?? (e as { Code?: string }).Code;
    if (name && absentWhen.includes(name)) return ok(null);
    return failed(toCollectError(e, operation, region));
  }
}

/** Drain an SDK v3 paginator into one array. */
export async function drain<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(pick(page) ?? []));
  return out;
}
