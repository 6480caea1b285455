// The audit pipeline as a library call: (collect or load) → evaluate → report. The CLI is a thin edge over this.
import type { AwsContext } from './aws/clients.ts';
import { allChecks } from './checks/index.ts';
import type { Check } from './checks/define.ts';
import { evaluateChecks, selectChecks, type EvaluateOptions } from './checks/engine.ts';
import { collectSnapshot } from './collectors/run.ts';
import { summarizeFrameworks } from './compliance/frameworks.ts';
import type { Logger } from './core/logger.ts';
import type { Finding } from './findings/finding.ts';
import type { Snapshot } from './inventory/snapshot.ts';
import { unauditedMembersHint } from './org/hint.ts';
import { buildReport, type ScanReport } from './report/json.ts';
import { tool } from './version.ts';

export interface ScanResult {
  snapshot: Snapshot;
  findings: Finding[];
  report: ScanReport;
}

/** Evaluate a snapshot already in hand (demo, file, or a fresh collection). */
export function evaluateSnapshot(snapshot: Snapshot, opts: EvaluateOptions & { checks?: readonly Check[]; ledger?: AwsContext['ledger'] } = {}): ScanResult {
  const checks = opts.checks ?? allChecks;
  const selected = selectChecks(checks, opts);
  const findings = evaluateChecks(snapshot, selected, {
    ...(opts.checkOptions ? { checkOptions: opts.checkOptions } : {}),
    ...(opts.deniedRegions ? { deniedRegions: opts.deniedRegions } : {}),
  });
  const report = buildReport(snapshot, findings, selected.length, opts.ledger?.list());
  report.frameworks = summarizeFrameworks(checks.map((c) => c.meta), selected.map((c) => c.meta), findings);
  return { snapshot, findings, report };
}

export interface CollectOptions {
  regions?: string[];
  logger?: Logger;
  concurrency?: number;
  onProgress?: (p: { done: number; total: number; unit: string }) => void;
}

/** Collect the account the credentials belong to. Read-only. */
export async function collect(aws: AwsContext, opts: CollectOptions = {}): Promise<Snapshot> {
  const snapshot = await collectSnapshot(aws, { ...opts, toolVersion: tool.version });
  const hint = unauditedMembersHint(snapshot);
  if (hint) (opts.logger ?? aws.logger).info(hint);
  return snapshot;
}
