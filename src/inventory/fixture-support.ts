// Helpers the fixture builders share (src/inventory/fixtures.ts and src/services/<service>/fixtures.ts).
import type { Collected, CollectError, CollectErrorCode } from './collected.ts';

const DAY = 86_400_000;

/** A CollectError for tests and the demo: `collectError('AccessDenied', 'guardduty:ListDetectors', 'eu-west-1')`. */
export function collectError(code: CollectErrorCode, operation: string, region?: string, message?: string): CollectError {
  return {
    code,
    operation,
    message: message ?? `${code} when calling ${operation}${region ? ` in ${region}` : ''}`,
    ...(region ? { region } : {}),
  };
}

export function daysBefore(now: string, days: number): string {
  return new Date(Date.parse(now) - days * DAY).toISOString();
}

export function mustBeOk<T>(c: Collected<T>, what: string): T {
  if (!c.ok) throw new Error(`fixture: ${what} was marked failed earlier; set data before failing it`);
  return c.value;
}
