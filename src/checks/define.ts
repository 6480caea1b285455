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
  /**
   * Why `operation` cannot run in `region`, when that is shown (the config's regions.denied, or an SCP in force for
   * the account); undefined otherwise. Only then may unreadable Region data make a check not_applicable.
   */
  closedRegion(region: string, operation: string): string | undefined;
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
  /** Replaces parts of the check's remediation for this resource; see CheckResult.remediation. */
  remediation?: Partial<Remediation>;
  /** Fills the remediation's `<placeholder>`s for this resource; see CheckResult.remediationValues. */
  remediationValues?: Record<string, string>;
}

export interface Check<O extends object = object> {
  meta: CheckMeta;
  defaultOptions: O;
  /** Problems with a set of options (merged over the defaults) beyond their types, e.g. thresholds in the wrong order. */
  optionProblems?(options: O): string[];
  evaluate(ctx: CheckContext<O>): CheckResult[];
}

/** Declare a check. Options are typed and merged over `defaultOptions` by the engine. */
export function defineCheck<O extends object = Record<string, never>>(def: {
  meta: CheckMeta;
  defaultOptions?: O;
  optionProblems?: (options: O) => string[];
  evaluate(ctx: CheckContext<O>): CheckResult[];
}): Check<O> {
  return {
    meta: def.meta,
    defaultOptions: (def.defaultOptions ?? {}) as O,
    ...(def.optionProblems ? { optionProblems: def.optionProblems } : {}),
    evaluate: def.evaluate,
  };
}

/** The optionProblems rule of an account-id option: null (unset) or 12 digits. */
export function accountIdProblems(value: string | null): string[] {
  return value === null || /^\d{12}$/.test(value) ? [] : [`"${value}" is not a 12-digit AWS account id`];
}

/** The optionProblems rule of two thresholds where the first must not exceed the second. */
export function thresholdsInOrder<O>(lower: keyof O & string, upper: keyof O & string): (options: O) => string[] {
  return (o) => ((o[lower] as number) > (o[upper] as number) ? [`${lower} (${String(o[lower])}) must not be above ${upper} (${String(o[upper])})`] : []);
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

/**
 * Exact elapsed days (fractional) between an ISO date and `now`. Not floored: a key rotated 90.9 days ago is
 * more than 90 days old, and a floored age would let it pass a `> 90 days` rule.
 */
export function daysSince(now: Date, iso: string): number {
  return (now.getTime() - Date.parse(iso)) / DAY_MS;
}

/** An age for messages and evidence: whole days as they are, otherwise one decimal (`90.9`), so the number shown explains the verdict. */
export function formatDays(days: number): string {
  return Number.isInteger(days) ? String(days) : days.toFixed(1);
}

/** A value as one shell word: AWS names (users, buckets, ids, ARNs) stay as they are, anything else is single-quoted. */
export function shellArg(value: string): string {
  return /^[A-Za-z0-9_+=,.@:/-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
