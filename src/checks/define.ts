// defineCheck: the shape of every check (metadata + a pure evaluate function), in the manner of ESLint rules.
import type { CollectError, Collected } from '../inventory/collected.ts';
import type { AccountSnapshot, RegionalSnapshot, Snapshot } from '../inventory/snapshot.ts';
import type { CheckResult, Compliance, Remediation, ResourceRef, Severity } from '../findings/finding.ts';

export type CheckScope = 'org' | 'account' | 'region' | 'resource';

export interface CheckMeta {
  /** The id in controls.md, stable forever. */
  id: string;
  title: string;
  severity: Severity;
  scope: CheckScope;
  /** The resource type findings are about, e.g. AwsIamUser. */
  resourceType: string;
  /** Why it matters, in one or two sentences. */
  rationale: string;
  remediation: Remediation;
  references: string[];
  compliance: Compliance;
  /** Whether `rampart harden` can plan a fix for it. */
  fixable: boolean;
  /** Snapshot fields the check reads (dotted, `regional.*.` for per-Region fields). */
  reads: string[];
}

export interface CheckContext<O> {
  snapshot: Snapshot;
  account: AccountSnapshot;
  /** The snapshot's collectedAt: checks never read the clock. */
  now: Date;
  options: O;
  /** Scanned Regions of this account, sorted by name. */
  regions(): Array<[string, RegionalSnapshot]>;
  /** The account itself as a resource. */
  accountResource(): ResourceRef;
  pass(resource: ResourceRef, message: string, extra?: ResultExtra): CheckResult;
  fail(resource: ResourceRef, message: string, extra?: ResultExtra): CheckResult;
  /** The catalog's WARN: worth acting on, weaker than a failure (never a stand-in for missing data). */
  warn(resource: ResourceRef, message: string, extra?: ResultExtra): CheckResult;
  notApplicable(resource: ResourceRef, message: string, extra?: ResultExtra): CheckResult;
  /** A verdict could not be reached because data is missing. The message says what, the error says why. */
  error(resource: ResourceRef, error: CollectError, message?: string, extra?: ResultExtra): CheckResult;
}

export interface ResultExtra {
  region?: string;
  severity?: Severity;
  evidence?: Record<string, unknown>;
}

export interface Check<O extends object = object> {
  meta: CheckMeta;
  defaultOptions: O;
  evaluate(ctx: CheckContext<O>): CheckResult[];
}

/** Declare a check. Options are typed and merged over `defaultOptions` by the engine. */
export function defineCheck<O extends object = Record<string, never>>(def: {
  meta: CheckMeta;
  defaultOptions?: O;
  evaluate(ctx: CheckContext<O>): CheckResult[];
}): Check<O> {
  return { meta: def.meta, defaultOptions: (def.defaultOptions ?? {}) as O, evaluate: def.evaluate };
}

/** The usual opening of an evaluate: the value, or an error result for the resource. */
export function requireData<T>(
  ctx: CheckContext<unknown>,
  collected: Collected<T>,
  resource: ResourceRef,
  what: string,
  region?: string,
): { ok: true; value: T } | { ok: false; result: CheckResult } {
  if (collected.ok) return { ok: true, value: collected.value };
  return {
    ok: false,
    result: ctx.error(resource, collected.error, `could not read ${what}`, region === undefined ? {} : { region }),
  };
}

/** Milliseconds in a day, for age arithmetic in checks. */
export const DAY_MS = 86_400_000;

/** Whole days between an ISO date and `now` (floored). */
export function daysSince(now: Date, iso: string): number {
  return Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
}
