// Collected<T>: every field a collector records is either a value or the reason it could not be read.
// Checks must look at `ok` before judging; a failed collection becomes an `error` finding, never pass/fail.
import { z } from 'zod';

/**
 * Why a value is missing. `NotFound` is deliberately absent: "no password policy" or "no bucket policy"
 * is a *value* (null / empty), recorded with ok: true.
 */
export const collectErrorCodes = [
  'AccessDenied', // IAM, SCP or resource policy refused the call
  'DeniedByScp', // no longer recorded (an SCP is judged from the SCPs, not from a message); kept so older snapshots load
  'OptInRequired', // Region not enabled for the account, or service subscription needed
  'Throttled', // still throttled after the SDK's retries
  'Unsupported', // the service or operation does not exist in this Region / partition / emulator
  'InvalidCredentials', // expired or invalid credentials
  'Timeout', // network timeout
  'ParseError', // the response could not be understood (e.g. malformed policy JSON, unexpected shape)
  'NotCollected', // the run chose not to collect it (e.g. member account without org access)
  'Unknown',
] as const;
export type CollectErrorCode = (typeof collectErrorCodes)[number];

export const collectErrorSchema = z.object({
  code: z.enum(collectErrorCodes),
  message: z.string(),
  /** `service:Operation`, e.g. `guardduty:ListDetectors` (IAM action spelling, so users can grant it). */
  operation: z.string(),
  region: z.string().optional(),
});
export type CollectError = z.infer<typeof collectErrorSchema>;

export type Collected<T> = { ok: true; value: T } | { ok: false; error: CollectError };

/** zod schema of Collected<T> for a given value schema. */
export function collectedSchema<S extends z.ZodType>(value: S) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: collectErrorSchema }),
  ]);
}

export function ok<T>(value: T): Collected<T> {
  return { ok: true, value };
}

export function failed<T = never>(error: CollectError): Collected<T> {
  return { ok: false, error };
}

/** Map a Collected value, keeping an error as it is. */
export function mapCollected<T, U>(c: Collected<T>, f: (v: T) => U): Collected<U> {
  return c.ok ? { ok: true, value: f(c.value) } : c;
}

/** The first error among several collected inputs, or undefined when all are ok. */
export function firstError(...items: Array<Collected<unknown>>): CollectError | undefined {
  for (const i of items) if (!i.ok) return i.error;
  return undefined;
}
