// Runs checks over a snapshot: per account, options merged over defaults, snapshot frozen so checks stay pure.
import { UsageError, errorMessage } from '../core/errors.ts';
import type { AccountSnapshot, Snapshot } from '../inventory/snapshot.ts';
import type { CheckResult, Finding, Remediation, ResourceRef } from '../findings/finding.ts';
import { shellArg } from './define.ts';
import type { Check, CheckContext, ResultExtra } from './define.ts';
import { regionClosure, type DeniedRegion } from './helpers/region-closure.ts';

export interface EvaluateOptions {
  /** Only these check ids (unknown ids are a UsageError). */
  only?: string[];
  /** Skip these check ids (unknown ids are a UsageError). */
  skip?: string[];
  /** Per-check option overrides, keyed by check id. */
  checkOptions?: Record<string, object>;
  /** Regions the user declared closed (config `regions.denied`). */
  deniedRegions?: readonly DeniedRegion[];
}

/** Freeze an object graph in place. Checks get a frozen snapshot so a mutating check throws in tests and in use. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

export function makeContext<O>(snapshot: Snapshot, account: AccountSnapshot, options: O, deniedRegions: readonly DeniedRegion[] = []): CheckContext<O> {
  const result = (status: CheckResult['status']) => (resource: ResourceRef, message: string, extra: ResultExtra = {}) =>
    ({ status, resource, message, ...extra }) satisfies CheckResult;
  return {
    snapshot,
    account,
    now: new Date(snapshot.collectedAt),
    options,
    regions: () => Object.entries(account.regional).sort(([a], [b]) => a.localeCompare(b)),
    accountResource: () => ({ type: 'AwsAccount', id: account.accountId, arn: `arn:aws:iam::${account.accountId}:root` }),
    closedRegion: regionClosure(snapshot, account, deniedRegions),
    pass: result('pass'),
    fail: result('fail'),
    warn: result('warn'),
    notApplicable: result('not_applicable'),
    error: (resource, error, message, extra = {}) => ({
      status: 'error',
      resource,
      message: message ? `${message}: ${error.code} on ${error.operation}${error.region ? ` in ${error.region}` : ''}` : error.message,
      error,
      ...(error.region && extra.region === undefined ? { region: error.region } : {}),
      ...extra,
    }),
  };
}

export function selectChecks(all: readonly Check[], options: EvaluateOptions = {}): Check[] {
  const known = new Set(all.map((c) => c.meta.id));
  for (const id of [...(options.only ?? []), ...(options.skip ?? []), ...Object.keys(options.checkOptions ?? {})]) {
    if (!known.has(id)) throw new UsageError(`unknown check id "${id}"`, { hint: 'Run `rampart checks` to list the check ids.' });
  }
  const only = options.only && options.only.length > 0 ? new Set(options.only) : undefined;
  const skip = new Set(options.skip ?? []);
  return all.filter((c) => (!only || only.has(c.meta.id)) && !skip.has(c.meta.id));
}

/** Place a check's results in context (account, title, severity, remediation for the resource). */
export function toFindings(check: Check, accountId: string, results: CheckResult[]): Finding[] {
  return results.map(({ remediationValues, ...r }) => ({
    ...r,
    checkId: check.meta.id,
    title: check.meta.title,
    severity: r.severity ?? check.meta.severity,
    accountId,
    // The account and the Region are known for every result; the check adds what else it knows.
    remediation: fillRemediation(
      { ...check.meta.remediation, ...r.remediation },
      { 'account-id': accountId, ...(r.region === undefined ? {} : { region: r.region }), ...remediationValues },
    ),
    compliance: check.meta.compliance,
  }));
}

/** The remediation with each known `<placeholder>` replaced by its value; unknown placeholders stay for the reader to fill. */
export function fillRemediation(remediation: Remediation, values: Record<string, string>): Remediation {
  const fill = (text: string, quote: (v: string) => string) =>
    text.replace(/<([a-z0-9-]+)>/gi, (whole, name: string) => (Object.hasOwn(values, name) ? quote(values[name] ?? '') : whole));
  const out: Remediation = { text: fill(remediation.text, (v) => v) };
  if (remediation.cli !== undefined) out.cli = fill(remediation.cli, shellArg);
  if (remediation.terraform !== undefined) out.terraform = fill(remediation.terraform, (v) => v);
  return out;
}

/**
 * A per-Region check (one that reads `regional.*`) on an account whose Region list could not be read: besides its
 * verdicts on the Regions that were collected, one error saying the Region set is unknown, so a scan that covered
 * one Region never reads as a scan of every Region.
 */
function regionSetUnknown(check: Check, ctx: CheckContext<unknown>): CheckResult[] {
  const { regions } = ctx.account;
  if (regions.ok || !check.meta.reads.some((r) => r.startsWith('regional.'))) return [];
  const covered = Object.keys(ctx.account.regional).sort();
  return [
    ctx.error(
      ctx.accountResource(),
      regions.error,
      `the Region set of account ${ctx.account.accountId} is unknown (its Region list could not be read), so only ${covered.join(', ') || 'no Region'} was evaluated`,
    ),
  ];
}

/** Evaluate one check on one account. A crashing check yields an error finding, not a crashed scan. */
export function runCheck(
  check: Check,
  snapshot: Snapshot,
  account: AccountSnapshot,
  overrides?: object,
  deniedRegions: readonly DeniedRegion[] = [],
): CheckResult[] {
  const ctx = makeContext(snapshot, account, { ...check.defaultOptions, ...overrides }, deniedRegions);
  try {
    return [...check.evaluate(ctx), ...regionSetUnknown(check, ctx)];
  } catch (e) {
    return [
      ctx.error(ctx.accountResource(), {
        code: 'Unknown',
        operation: `rampart:${check.meta.id}`,
        message: `internal error in check ${check.meta.id}: ${errorMessage(e)} (please report it)`,
      }),
    ];
  }
}

export function evaluateChecks(snapshot: Snapshot, checks: readonly Check[], options: EvaluateOptions = {}): Finding[] {
  deepFreeze(snapshot);
  const selected = selectChecks(checks, options);
  const findings: Finding[] = [];
  for (const account of snapshot.accounts) {
    for (const check of selected) {
      findings.push(
        ...toFindings(check, account.accountId, runCheck(check, snapshot, account, options.checkOptions?.[check.meta.id], options.deniedRegions)),
      );
    }
  }
  return findings;
}
