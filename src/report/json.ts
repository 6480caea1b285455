// The JSON report: a stable, documented document (docs/report-json.md). Field names never change within a schemaVersion.
import type { LedgerEntry } from '../aws/ledger.ts';
import type { FrameworkSummary } from '../compliance/framework.ts';
import type { Finding } from '../findings/finding.ts';
import type { CollectError } from '../inventory/collected.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { tool } from '../version.ts';
import type { OrgReportSection } from './org.ts';
import { accountOuPaths } from './org-units.ts';
import { compareFindings, summarize, type ScanSummary } from './summary.ts';

export const REPORT_KIND = 'rampart.report';
export const REPORT_VERSION = 1;

export interface ScanReport {
  kind: typeof REPORT_KIND;
  schemaVersion: typeof REPORT_VERSION;
  tool: { name: string; version: string };
  collectedAt: string;
  source: Snapshot['source'];
  accounts: Array<{
    accountId: string;
    scannedRegions: string[];
    skippedRegions: Array<{ name: string; note: string | null }>;
    /** Why the account's Region list (ec2:DescribeRegions) could not be read; null when it was. The Region set is then unknown. */
    regionListError: CollectError | null;
  }>;
  summary: ScanSummary;
  findings: Finding[];
  /**
   * Per compliance framework (CIS AWS Foundations v3.0): every control with the checks that serve it and its
   * roll-up (pass/fail/warn/error/manual/not_applicable/not_run/not_covered). Absent in reports written before it.
   */
  frameworks?: FrameworkSummary[];
  /** Present for an organization scan: every account of the organization with its outcome, and a roll-up per OU. */
  organization?: OrgReportSection;
  /** OU path (names, root first) of each account the organization structure lists; absent without one. */
  ouPaths?: Record<string, string[]>;
  /** Present when a mutelist was applied: what it muted, and its expired and unused entries (file:line). */
  mutelist?: {
    file: string;
    entries: number;
    muted: number;
    exempt: number;
    expired: Array<{ entry: string; reason: string; expires: string }>;
    unused: Array<{ entry: string; reason: string }>;
  };
  /** Present when the run called AWS: calls per service/operation/Region. */
  apiCalls?: { total: number; retries: number; throttled: number; errors: number; byOperation: LedgerEntry[] };
}

export function buildReport(snapshot: Snapshot, findings: Finding[], checkCount: number, ledger?: LedgerEntry[]): ScanReport {
  const report: ScanReport = {
    kind: REPORT_KIND,
    schemaVersion: REPORT_VERSION,
    tool: { name: tool.name, version: tool.version },
    collectedAt: snapshot.collectedAt,
    source: snapshot.source,
    accounts: snapshot.accounts.map((a) => ({
      accountId: a.accountId,
      scannedRegions: Object.keys(a.regional).sort(),
      skippedRegions: a.regions.ok
        ? a.regions.value.filter((r) => !r.scanned).map((r) => ({ name: r.name, note: r.note }))
        : [],
      regionListError: a.regions.ok ? null : a.regions.error,
    })),
    summary: summarize(findings, checkCount, snapshot.accounts.length),
    findings: [...findings].sort(compareFindings),
  };
  const ouPaths = accountOuPaths(snapshot);
  if (Object.keys(ouPaths).length > 0) report.ouPaths = ouPaths;
  if (ledger) {
    const totals = { total: 0, retries: 0, throttled: 0, errors: 0 };
    for (const e of ledger) {
      totals.total += e.calls;
      totals.retries += e.retries;
      totals.throttled += e.throttled;
      totals.errors += e.errors;
    }
    report.apiCalls = { ...totals, byOperation: ledger };
  }
  return report;
}

export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
