// Small helpers shared by the per-Region collectors: the Region's client, and the response-shape guards
// (a missing required field becomes a ParseError, never a guessed default).
import type { ClientConstructor, SdkClient } from '../../aws/clients.ts';
import type { CollectorContext } from '../types.ts';

// The response-shape guards are the same for every collector: one definition, in ../shape.ts.
export { need, read, readOrAbsent, ResponseShapeError } from '../shape.ts';

export type RegionalContext = CollectorContext & { region: string };

/** The Region's client from the shared factory (so the API-call ledger counts every call). */
export function regionalClient<C extends object>(ctx: RegionalContext, ctor: ClientConstructor<C>): C {
  return ctx.aws.client(ctor as unknown as ClientConstructor<SdkClient>, ctx.region) as unknown as C;
}

/** Optional scalar → null: the schema documents null as "not set", so this is a value, not a default. */
export function orNull<T>(value: T | null | undefined): T | null {
  return value ?? null;
}

/** The value type of a Collected<T> schema field, and the element type when the value is an array. */
export type ValueOf<C> = C extends { ok: true; value: infer V } ? V : never;
export type ItemOf<C> = ValueOf<C> extends ReadonlyArray<infer E> ? E : never;
