// Counting and ordering findings for reports and exit codes.
import { severities, severityRank, statuses, type Finding, type Severity, type Status } from '../findings/finding.ts';

export interface ScanSummary {
  checks: number;
  accounts: number;
  byStatus: Record<Status, number>;
  /** Failing findings per severity. */
  failBySeverity: Record<Severity, number>;
  /** Findings a mutelist entry (or the Exception OU) muted; they are left out of byStatus and failBySeverity. */
  muted: number;
}

export function summarize(findings: readonly Finding[], checks: number, accounts: number): ScanSummary {
  const byStatus = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<Status, number>;
  const failBySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  let muted = 0;
  for (const f of findings) {
    if (f.muted) {
      muted += 1;
      continue;
    }
    byStatus[f.status] += 1;
    if (f.status === 'fail') failBySeverity[f.severity] += 1;
  }
  return { checks, accounts, byStatus, failBySeverity, muted };
}

/**
 * What `--fail-on` counts at or above `threshold`: failures, and errors (a check that could not run is not a pass)
 * unless `--allow-errors`; warnings only with `--fail-on-warn`.
 */
export interface FailOnPolicy {
  threshold: Severity;
  /** `--fail-on-warn`: a `warn` counts too. */
  warn: boolean;
  /** `--allow-errors`: an `error` does not count. */
  allowErrors: boolean;
}

/** Whether any unmuted finding trips the policy (drives exit code 1). */
export function tripsFailOn(findings: readonly Finding[], policy: FailOnPolicy): boolean {
  const counted = (f: Finding) =>
    f.status === 'fail' || (policy.warn && f.status === 'warn') || (!policy.allowErrors && f.status === 'error');
  return findings.some((f) => !f.muted && counted(f) && severityRank(f.severity) >= severityRank(policy.threshold));
}

/** Most severe first, then check id, account, region, resource. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.checkId.localeCompare(b.checkId) ||
    a.accountId.localeCompare(b.accountId) ||
    (a.region ?? '').localeCompare(b.region ?? '') ||
    a.resource.id.localeCompare(b.resource.id)
  );
}
