// A report with the mute step applied: findings flagged, summary recounted the way buildReport counts, and what
// the mutelist did (expired and unused entries) recorded so every format can show it.
import type { Mutelist } from '../findings/mutelist.ts';
import { applyMutes, type MuteOutcome } from '../findings/mute.ts';
import type { ScanReport } from './json.ts';
import { summarize } from './summary.ts';

export function muteReport(report: ScanReport, mutelist: Mutelist | undefined): { report: ScanReport; outcome: MuteOutcome } {
  const outcome = applyMutes(report.findings, mutelist, { collectedAt: report.collectedAt, ...(report.ouPaths ? { ouPaths: report.ouPaths } : {}) });
  const where = (line: number) => `${mutelist?.file ?? ''}:${line}`;
  const muted: ScanReport = {
    ...report,
    findings: outcome.findings,
    summary: summarize(outcome.findings, report.summary.checks, report.summary.accounts),
  };
  if (mutelist) {
    muted.mutelist = {
      file: mutelist.file,
      entries: mutelist.entries.length,
      muted: outcome.mutedCount,
      exempt: outcome.exemptCount,
      expired: outcome.expired.map((e) => ({ entry: where(e.line), reason: e.reason, expires: e.expires ?? '' })),
      unused: outcome.unused.map((e) => ({ entry: where(e.line), reason: e.reason })),
    };
  }
  return { report: muted, outcome };
}
