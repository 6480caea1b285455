// Credential-report helpers shared by the root-user and IAM-user checks: the report, its root row, IAM-user rows
// and a per-access-key view, so each check states only its own rule.
import type { CheckResult, ResourceRef, Severity } from '../../findings/finding.ts';
import { ROOT_USER_NAME, type CredentialReportRow } from '../../services/iam/schema.ts';
import { requireData, type CheckContext } from '../define.ts';

export const CREDENTIAL_REPORT_OPERATION = 'iam:GetCredentialReport';

type Read<T> = { ok: true; value: T } | { ok: false; result: CheckResult };

/** The credential report's rows, or an error result on the account. */
export function credentialReportRows<O>(ctx: CheckContext<O>): Read<CredentialReportRow[]> {
  const report = requireData(ctx, ctx.account.iam.credentialReport, ctx.accountResource(), 'the IAM credential report');
  return report.ok ? { ok: true, value: report.value.rows } : report;
}

/**
 * The root row. Some emulators and proxies omit it; without it nothing can be said about root, so that is a
 * ParseError on the account (never a pass).
 */
export function rootRow<O>(ctx: CheckContext<O>): Read<CredentialReportRow> {
  const rows = credentialReportRows(ctx);
  if (!rows.ok) return rows;
  const row = rows.value.find((r) => r.user === ROOT_USER_NAME);
  if (row !== undefined) return { ok: true, value: row };
  return { ok: false, result: rootRowMissing(ctx) };
}

export function rootRowMissing<O>(ctx: CheckContext<O>): CheckResult {
  return reportRowIncomplete(
    ctx,
    ctx.accountResource(),
    `credential report has no root row (${ROOT_USER_NAME}), so the root user of ${ctx.account.accountId} cannot be assessed`,
  );
}

/** A credential-report row lacks a field the verdict needs: a ParseError on that resource, never a guess. */
export function reportRowIncomplete<O>(ctx: CheckContext<O>, resource: ResourceRef, message: string): CheckResult {
  return ctx.error(resource, { code: 'ParseError', operation: CREDENTIAL_REPORT_OPERATION, message });
}

/** Rows of IAM users (everything but the root row). */
export function iamUserRows(rows: readonly CredentialReportRow[]): CredentialReportRow[] {
  return rows.filter((r) => r.user !== ROOT_USER_NAME);
}

export function userResource(row: CredentialReportRow): ResourceRef {
  return { type: 'AwsIamUser', id: row.user, arn: row.arn };
}

/** One of the two access-key slots of a credential-report row. */
export interface AccessKeySlot {
  user: string;
  userArn: string;
  slot: 1 | 2;
  active: boolean;
  /** ISO date, null when the report says N/A. */
  lastRotated: string | null;
  /** ISO date, null when never used (N/A) or unknown (no_information). */
  lastUsed: string | null;
}

export function accessKeySlots(row: CredentialReportRow): AccessKeySlot[] {
  const base = { user: row.user, userArn: row.arn };
  return [
    { ...base, slot: 1, active: row.accessKey1Active, lastRotated: row.accessKey1LastRotated, lastUsed: row.accessKey1LastUsedDate },
    { ...base, slot: 2, active: row.accessKey2Active, lastRotated: row.accessKey2LastRotated, lastUsed: row.accessKey2LastUsedDate },
  ];
}

/** The credential report names keys by slot, not by key id, so the resource id is `<user>/key<N>`. */
/**
 * The active access keys of IAM users, or the results to return instead: the report's error, or one
 * not_applicable on the account when no user has an active key.
 */
export function activeAccessKeys<O>(ctx: CheckContext<O>): { ok: true; keys: AccessKeySlot[] } | { ok: false; results: CheckResult[] } {
  const rows = credentialReportRows(ctx);
  if (!rows.ok) return { ok: false, results: [rows.result] };
  const keys = iamUserRows(rows.value).flatMap(accessKeySlots).filter((k) => k.active);
  if (keys.length === 0) {
    return { ok: false, results: [ctx.notApplicable(ctx.accountResource(), `no IAM user in ${ctx.account.accountId} has an active access key`)] };
  }
  return { ok: true, keys };
}

export function accessKeyResource(key: AccessKeySlot): ResourceRef {
  return { type: 'AwsIamAccessKey', id: `${key.user}/key${key.slot}`, arn: key.userArn };
}

/** The newest of some ISO dates (nulls are "never"), or undefined when all are null. */
export function newestDate(dates: ReadonlyArray<string | null>): string | undefined {
  let best: string | undefined;
  for (const d of dates) if (d !== null && (best === undefined || Date.parse(d) > Date.parse(best))) best = d;
  return best;
}

export interface StalenessOptions {
  /** Older than this many days fails (medium). */
  unusedDays: number;
  /** Older than this many days fails as high. */
  highDays: number;
}

/** Staleness verdict shared by the unused-password and unused-key checks: undefined while fresh. */
export function staleSeverity(ageDays: number, opts: StalenessOptions): Severity | undefined {
  if (ageDays > opts.highDays) return 'high';
  if (ageDays > opts.unusedDays) return 'medium';
  return undefined;
}
