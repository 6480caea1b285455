// `rampart scan`: collect (or load) a snapshot, evaluate every check, print the report, exit by --fail-on.
import type { Command } from 'commander';
import { allChecks } from '../checks/index.ts';
import { loadConfig } from '../core/config.ts';
import { ExitCode, UsageError } from '../core/errors.ts';
import { demoSnapshot } from '../demo/organization.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { readSnapshotFile, writeSnapshotFile } from '../inventory/snapshot-file.ts';
import { hasFailuresAtOrAbove } from '../report/summary.ts';
import { renderStats } from '../report/terminal.ts';
import { collect, evaluateSnapshot } from '../scan.ts';
import { addAwsOptions, awsContextFrom, progressReporter, type AwsFlags } from './aws-options.ts';
import type { CliIO } from './io.ts';
import { addMutelistOption, applyMutelistFlag } from './mute-options.ts';
import { addStoreOption, recordScan } from './store-options.ts';
import { parseList, parseSeverity } from './options.ts';
import { addOutputOptions, asffRegionFrom, parseOutputFlags, writeReportOutputs, type OutputFlags } from './report-output.ts';

interface ScanFlags extends AwsFlags, OutputFlags {
  config?: string;
  demo?: boolean;
  snapshot?: string;
  saveSnapshot?: string;
  checks?: string;
  skipChecks?: string;
  failOn?: string;
  stats?: boolean;
  mutelist?: string;
  store?: string | true;
}

export function registerScanCommand(program: Command, io: CliIO): void {
  const cmd = program
    .command('scan')
    .description('audit an AWS account read-only (or the bundled demo with --demo) and report findings')
    .option('--demo', 'evaluate the bundled demo organization (no AWS access needed)')
    .option('--snapshot <file>', 'evaluate a snapshot written by `rampart collect` instead of calling AWS')
    .option('--save-snapshot <file>', 'also write the collected snapshot (.json or .json.gz)')
    .option('--config <file>', 'check selection and options (YAML; see docs/config.md)')
    .option('--checks <ids>', 'only run these check ids, comma-separated')
    .option('--skip-checks <ids>', 'skip these check ids, comma-separated')
    .option('--fail-on <severity>', 'exit 1 when a failing finding is at or above this severity (info, low, medium, high, critical)')
    .option('--stats', 'print AWS API calls by operation and Region on stderr');
  addOutputOptions(cmd);
  addMutelistOption(cmd);
  addStoreOption(cmd, 'record this scan in the local history for `rampart history` and `rampart diff`');
  addAwsOptions(cmd).action(async (flags: ScanFlags) => {
    const outputs = parseOutputFlags(flags);
    const failOn = flags.failOn === undefined ? undefined : parseSeverity(flags.failOn, '--fail-on');
    if (flags.demo && flags.snapshot) throw new UsageError('use either --demo or --snapshot, not both');
    if (flags.demo || flags.snapshot) {
      const live = (['profile', 'region', 'regions'] as const).filter((k) => flags[k] !== undefined);
      if (live.length > 0) {
        throw new UsageError(`--${live.join(', --')} only apply when scanning AWS, not with ${flags.demo ? '--demo' : '--snapshot'}`);
      }
    }
    const config = flags.config ? await loadConfig(flags.config, allChecks) : undefined;
    // flags win over the file for `only`; skips add up
    const only = parseList(flags.checks) ?? config?.only;
    const skipList = [...(config?.skip ?? []), ...(parseList(flags.skipChecks) ?? [])];
    const skip = skipList.length > 0 ? skipList : undefined;

    let snapshot: Snapshot;
    let ledger;
    if (flags.demo) snapshot = demoSnapshot();
    else if (flags.snapshot) snapshot = await readSnapshotFile(flags.snapshot);
    else {
      const { aws, regions, concurrency } = awsContextFrom(flags, io);
      const progress = progressReporter(io);
      try {
        snapshot = await collect(aws, {
          ...(regions ? { regions } : {}),
          concurrency,
          logger: io.logger,
          onProgress: (p) => progress.update(p),
        });
      } finally {
        progress.done();
        aws.destroy();
      }
      ledger = aws.ledger;
    }
    if (flags.saveSnapshot) await writeSnapshotFile(flags.saveSnapshot, snapshot);

    const evaluated = evaluateSnapshot(snapshot, {
      ...(only ? { only } : {}),
      ...(skip ? { skip } : {}),
      ...(ledger ? { ledger } : {}),
      ...(config ? { checkOptions: config.checkOptions } : {}),
    });
    const report = await applyMutelistFlag(evaluated.report, flags.mutelist, io);
    const htmlSections = flags.store ? recordScan(report, flags.store, io) : undefined;
    await writeReportOutputs(report, outputs, io, {
      showPassed: Boolean(flags.showPassed),
      asffRegion: asffRegionFrom(flags.region, io.env),
      ...(htmlSections ? { htmlSections } : {}),
    });
    if (flags.stats) io.stderr.write(renderStats(report));
    if (failOn && hasFailuresAtOrAbove(report.findings, failOn)) io.setExitCode(ExitCode.findings);
  });
}
