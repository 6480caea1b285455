// Small helpers shared by the per-Region collectors: response-shape guards that turn a missing required field
// into a ParseError (instead of a guessed default), and the Collected wrappers that understand them.
import { collect, collectOrAbsent } from '../collect.ts';
import { failed, type Collected } from '../../inventory/collected.ts';
import type { ClientConstructor, SdkClient } from '../../aws/clients.ts';
import type { CollectorContext } from '../types.ts';

export type RegionalContext = CollectorContext & { region: string };

/**
 * The Region's client from the shared factory (so the API-call ledger counts every call).
 * The casts only bridge a typing gap: SdkClient in src/aws/clients.ts declares middleware option `name` as required,
 * which real SDK v3 clients do not satisfy; the runtime object is the factory's instrumented client either way.
 */
export function regionalClient<C extends object>(ctx: RegionalContext, ctor: ClientConstructor<C>): C {
  return ctx.aws.client(ctor as unknown as ClientConstructor<SdkClient>, ctx.region) as unknown as C;
}

/** A response lacked a field the schema requires; recorded as ParseError, never replaced by a default. */
export class ResponseShapeError extends Error {
  override name = 'ResponseShapeError';
}

/** The value of a field AWS documents as always present; throws ResponseShapeError when it is not. */
export function need<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null) throw new ResponseShapeError(`response has no ${field}`);
  return value;
}

/** Optional scalar → null: the schema documents null as "not set", so this is a value, not a default. */
export function orNull<T>(value: T | null | undefined): T | null {
  return value ?? null;
}

function parseError(operation: string, region: string, e: ResponseShapeError): Collected<never> {
  return failed({ code: 'ParseError', operation, region, message: `${operation}: ${e.message}` });
}

/**
 * collect() plus the ParseError case. collect()'s classifier does not know ResponseShapeError (it would say Unknown),
 * so the shape error is caught on its way through and reported with the precise code.
 */
export async function read<T>(operation: string, region: string, fn: () => Promise<T>): Promise<Collected<T>> {
  let shape: ResponseShapeError | undefined;
  const out = await collect(operation, region, () =>
    fn().catch((e: unknown) => {
      if (e instanceof ResponseShapeError) shape = e;
      throw e;
    }),
  );
  return shape ? parseError(operation, region, shape) : out;
}

/** collectOrAbsent() plus the ParseError case (see read). */
export async function readOrAbsent<T>(
  operation: string,
  region: string,
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

/** The value type of a Collected<T> schema field, and the element type when the value is an array. */
export type ValueOf<C> = C extends { ok: true; value: infer V } ? V : never;
export type ItemOf<C> = ValueOf<C> extends ReadonlyArray<infer E> ? E : never;
