// What changed between two scans, by stable finding id: failures that are new, resolved, regressed (failed again
// after passing or being muted/absent-but-known) or unchanged, counted by severity and account. Pure.
import { severities, type Finding, type Severity, type Status } from '../findings/finding.ts';
import { findingId } from '../findings/finding-id.ts';
import type { ScanReport } from '../report/json.ts';

export const changeKinds = ['new', 'regressed', 'resolved', 'unchanged'] as const;
export type ChangeKind = (typeof changeKinds)[number];

export interface Change {
  kind: ChangeKind;
  id: string;
  /** The finding in the later scan (for resolved: in the earlier one when it is gone). */
  finding: Finding;
  /** For resolved and regressed: the status on the other side, or `absent`/`muted`. */
  other: Status | 'absent' | 'muted';
}

export interface ScanDiff {
  from: { label: string; collectedAt: string };
  to: { label: string; collectedAt: string };
  changes: Change[];
  counts: Record<ChangeKind, number>;
  bySeverity: Record<ChangeKind, Record<Severity, number>>;
  byAccount: Record<string, Record<ChangeKind, number>>;
}

/** An open failure: failed and not muted. Muted failures are accepted, so they count as not failing. */
const failing = (f: Finding | undefined): f is Finding => f !== undefined && f.status === 'fail' && !f.muted;
const stateOf = (f: Finding | undefined): Status | 'absent' | 'muted' => (f === undefined ? 'absent' : f.muted ? 'muted' : f.status);

export function diffReports(a: ScanReport, b: ScanReport, labels: { from: string; to: string }): ScanDiff {
  const before = new Map(a.findings.map((f) => [findingId(f), f]));
  const after = new Map(b.findings.map((f) => [findingId(f), f]));
  const changes: Change[] = [];
  for (const [id, f] of after) {
    if (!failing(f)) continue;
    const old = before.get(id);
    if (failing(old)) changes.push({ kind: 'unchanged', id, finding: f, other: 'fail' });
    else if (old === undefined) changes.push({ kind: 'new', id, finding: f, other: 'absent' });
    else changes.push({ kind: 'regressed', id, finding: f, other: stateOf(old) });
  }
  for (const [id, f] of before) {
    if (!failing(f)) continue;
    const now = after.get(id);
    if (!failing(now)) changes.push({ kind: 'resolved', id, finding: now ?? f, other: stateOf(now) });
  }
  const zeroSev = () => Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  const zeroKind = () => Object.fromEntries(changeKinds.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const counts = zeroKind();
  const bySeverity = Object.fromEntries(changeKinds.map((k) => [k, zeroSev()])) as ScanDiff['bySeverity'];
  const byAccount: ScanDiff['byAccount'] = {};
  for (const c of changes) {
    counts[c.kind] += 1;
    bySeverity[c.kind][c.finding.severity] += 1;
    (byAccount[c.finding.accountId] ??= zeroKind())[c.kind] += 1;
  }
  const order = (c: Change) => changeKinds.indexOf(c.kind);
  changes.sort((x, y) => order(x) - order(y) || severities.indexOf(y.finding.severity) - severities.indexOf(x.finding.severity) || x.id.localeCompare(y.id));
  return { from: { label: labels.from, collectedAt: a.collectedAt }, to: { label: labels.to, collectedAt: b.collectedAt }, changes, counts, bySeverity, byAccount };
}
