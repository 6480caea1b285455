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

/** Whether any unmuted failure is at or above the threshold (drives exit code 1). */
export function hasFailuresAtOrAbove(findings: readonly Finding[], threshold: Severity): boolean {
  return findings.some((f) => !f.muted && f.status === 'fail' && severityRank(f.severity) >= severityRank(threshold));
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
