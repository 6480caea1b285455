// `rampart scan`: collect (or load) a snapshot, evaluate every check, print the report, exit by --fail-on.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { allChecks } from '../checks/index.ts';
import { loadConfig } from '../core/config.ts';
import { ExitCode, UsageError } from '../core/errors.ts';
import { demoSnapshot } from '../demo/organization.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { readSnapshotFile, writeSnapshotFile } from '../inventory/snapshot-file.ts';
import { renderJson, type ScanReport } from '../report/json.ts';
import { renderOrgSection } from '../report/org.ts';
import { isOrgSnapshotDir } from '../org/store.ts';
import type { Finding } from '../findings/finding.ts';
import { hasFailuresAtOrAbove } from '../report/summary.ts';
import { renderStats, renderTerminal } from '../report/terminal.ts';
import { collect, evaluateSnapshot } from '../scan.ts';
import { addAwsOptions, awsContextFrom, progressReporter, type AwsFlags } from './aws-options.ts';
import type { CliIO } from './io.ts';
import { addOrgOptions, orgRequestFrom, type OrgFlags } from './org-options.ts';
import { scanOrganization, scanOrganizationDir } from './scan-org.ts';
import { parseFormat, parseList, parseSeverity, useColor } from './options.ts';

interface ScanFlags extends AwsFlags, OrgFlags {
  config?: string;
  demo?: boolean;
  snapshot?: string;
  saveSnapshot?: string;
  checks?: string;
  skipChecks?: string;
  format: string;
  output?: string;
  failOn?: string;
  stats?: boolean;
  showPassed?: boolean;
}

export function registerScanCommand(program: Command, io: CliIO): void {
  const cmd = program
    .command('scan')
    .description('audit an AWS account read-only (or the bundled demo with --demo) and report findings')
    .option('--demo', 'evaluate the bundled demo organization (no AWS access needed)')
    .option('--snapshot <path>', 'evaluate a snapshot written by `rampart collect` (a file, or an organization directory) instead of calling AWS')
    .option('--save-snapshot <path>', 'also write the collected snapshot (.json or .json.gz; with --org, a directory)')
    .option('--config <file>', 'check selection and options (YAML; see docs/config.md)')
    .option('--checks <ids>', 'only run these check ids, comma-separated')
    .option('--skip-checks <ids>', 'skip these check ids, comma-separated')
    .option('--format <format>', 'terminal or json', 'terminal')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a failing finding is at or above this severity (info, low, medium, high, critical)')
    .option('--stats', 'print AWS API calls by operation and Region on stderr')
    .option('--show-passed', 'also list passing checks in the terminal report');
  addOrgOptions(addAwsOptions(cmd)).action(async (flags: ScanFlags) => {
    const format = parseFormat(flags.format, ['terminal', 'json'] as const);
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
    const org = orgRequestFrom(flags, config);
    if (org && (flags.demo || flags.snapshot)) throw new UsageError(`--org scans AWS; it does not combine with ${flags.demo ? '--demo' : '--snapshot'}`);
    const evaluateOpts = { ...(only ? { only } : {}), ...(skip ? { skip } : {}), ...(config ? { checkOptions: config.checkOptions } : {}) };

    let snapshot: Snapshot | undefined;
    let ledger;
    let orgResult: { report: ScanReport; findings: Finding[] } | undefined;
    if (flags.demo) snapshot = demoSnapshot();
    else if (flags.snapshot && (await isOrgSnapshotDir(flags.snapshot))) orgResult = await scanOrganizationDir(flags.snapshot, evaluateOpts);
    else if (org) {
      const { aws, regions, concurrency } = awsContextFrom(flags, io);
      try {
        orgResult = await scanOrganization(aws, org, io, { regions, concurrency, ...(flags.saveSnapshot ? { saveTo: flags.saveSnapshot } : {}), evaluate: evaluateOpts });
      } finally {
        aws.destroy();
      }
    } else if (flags.snapshot) snapshot = await readSnapshotFile(flags.snapshot);
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
    if (flags.saveSnapshot && snapshot) await writeSnapshotFile(flags.saveSnapshot, snapshot);

    const { report, findings } = orgResult ?? evaluateSnapshot(snapshot!, { ...evaluateOpts, ...(ledger ? { ledger } : {}) });
    const target = flags.output ? undefined : io.stdout;
    const text =
      format === 'json'
        ? renderJson(report)
        : (report.organization ? renderOrgSection(report.organization, { color: target ? useColor(target, io.env) : false }) : '') +
          renderTerminal(report, { color: target ? useColor(target, io.env) : false, showPassed: Boolean(flags.showPassed) });
    if (flags.output) await writeFile(flags.output, text);
    else io.stdout.write(text);
    if (flags.stats) io.stderr.write(renderStats(report));
    if (failOn && hasFailuresAtOrAbove(findings, failOn)) io.setExitCode(ExitCode.findings);
  });
}
