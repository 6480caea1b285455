// `rampart scan`: collect (or load) a snapshot, evaluate every check, print the report, exit by --fail-on.
import type { Command } from 'commander';
import { allChecks } from '../checks/index.ts';
import { selectChecks } from '../checks/engine.ts';
import { loadConfig } from '../core/config.ts';
import { ExitCode, UsageError } from '../core/errors.ts';
import { demoSnapshot } from '../demo/organization.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { readSnapshotFile, writeSnapshotFile } from '../inventory/snapshot-file.ts';
import { type ScanReport } from '../report/json.ts';
import { isOrgSnapshotDir } from '../org/store.ts';
import type { Finding } from '../findings/finding.ts';
import { tripsFailOn } from '../report/summary.ts';
import { renderStats } from '../report/terminal.ts';
import { collect, evaluateSnapshot } from '../scan.ts';
import { addAwsOptions, awsContextFrom, parseConcurrency, progressReporter, type AwsFlags } from './aws-options.ts';
import type { CliIO } from './io.ts';
import { assertWritablePath, parseList, parseSeverity, writingOutput } from './options.ts';
import { addOrgOptions, orgRequestFrom, type OrgFlags } from './org-options.ts';
import { scanOrganization, scanOrganizationDir } from './scan-org.ts';
import { addMutelistOption, applyMutelistFlag } from './mute-options.ts';
import { addStoreOption, recordScan } from './store-options.ts';
import { exportToSecurityHub, securityHubTarget } from './securityhub-export.ts';
import { addOutputOptions, asffRegionFrom, parseOutputFlags, writeReportOutputs, type OutputFlags } from './report-output.ts';

interface ScanFlags extends AwsFlags, OrgFlags, OutputFlags {
  config?: string;
  demo?: boolean;
  snapshot?: string;
  saveSnapshot?: string;
  checks?: string;
  skipChecks?: string;
  failOn?: string;
  failOnWarn?: boolean;
  allowErrors?: boolean;
  stats?: boolean;
  mutelist?: string;
  store?: string | true;
  toSecurityhub?: string | true;
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
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding at or above this severity (info, low, medium, high, critical) failed or could not be evaluated',
    )
    .option('--fail-on-warn', 'with --fail-on: warnings at or above the severity also exit 1')
    .option('--allow-errors', 'with --fail-on: findings that could not be evaluated (status error) do not exit 1')
    .option('--stats', 'print AWS API calls by operation and Region on stderr')
    .option(
      '--to-securityhub [region]',
      'also import the findings into Security Hub with BatchImportFindings (a write; default Region: --region or the profile\'s). Permission: `rampart iam-policy --with-export`',
    );
  addOutputOptions(cmd);
  addMutelistOption(cmd);
  addStoreOption(cmd, 'record this scan in the local history for `rampart history` and `rampart diff`');
  addOrgOptions(addAwsOptions(cmd)).action(async (flags: ScanFlags) => {
    const outputs = parseOutputFlags(flags);
    const failOn = flags.failOn === undefined ? undefined : parseSeverity(flags.failOn, '--fail-on');
    parseConcurrency(flags);
    for (const [set, flag] of [[flags.failOnWarn, '--fail-on-warn'], [flags.allowErrors, '--allow-errors']] as const) {
      if (set && failOn === undefined) throw new UsageError(`${flag} only works together with --fail-on SEVERITY`);
    }
    if (flags.demo && flags.snapshot) throw new UsageError('use either --demo or --snapshot, not both');
    if (flags.demo || flags.snapshot) {
      const live = (['profile', 'region', 'regions'] as const).filter((k) => flags[k] !== undefined);
      if (live.length > 0) {
        throw new UsageError(`--${live.join(', --')} only apply when scanning AWS, not with ${flags.demo ? '--demo' : '--snapshot'}`);
      }
    }
    const config = flags.config ? await loadConfig(flags.config, allChecks) : undefined;
    // flags win over the file for `only`; skips add up
    const onlyFlag = parseList(flags.checks);
    if (onlyFlag?.length === 0) throw new UsageError('--checks needs at least one check id, e.g. --checks root-mfa,s3-bucket-public');
    const only = onlyFlag ?? config?.only;
    const skipList = [...(config?.skip ?? []), ...(parseList(flags.skipChecks) ?? [])];
    const skip = skipList.length > 0 ? skipList : undefined;
    // decided before collecting, so a selection mistake does not cost a whole collection
    if (selectChecks(allChecks, { ...(only ? { only } : {}), ...(skip ? { skip } : {}) }).length === 0) {
      throw new UsageError('the check selection leaves no check to run', {
        hint: 'Check --checks / --skip-checks and the checks section of the config file; `rampart checks` lists the ids.',
      });
    }

    if (flags.output) await assertWritablePath(flags.output, '-o');
    if (flags.saveSnapshot) await assertWritablePath(flags.saveSnapshot, '--save-snapshot');
    const org = orgRequestFrom(flags, config);
    const securityHub = securityHubTarget(flags, Boolean(org));
    if (org && (flags.demo || flags.snapshot)) throw new UsageError(`--org scans AWS; it does not combine with ${flags.demo ? '--demo' : '--snapshot'}`);
    const evaluateOpts = { ...(only ? { only } : {}), ...(skip ? { skip } : {}), ...(config ? { checkOptions: config.checkOptions, deniedRegions: config.deniedRegions } : {}) };

    let snapshot: Snapshot | undefined;
    let ledger;
    let orgResult: { report: ScanReport; findings: Finding[] } | undefined;
    if (flags.demo) snapshot = demoSnapshot();
    else if (flags.snapshot && (await isOrgSnapshotDir(flags.snapshot))) orgResult = await scanOrganizationDir(flags.snapshot, evaluateOpts);
    else if (org) {
      const { aws, regions, concurrency } = await awsContextFrom(flags, io);
      try {
        orgResult = await scanOrganization(aws, org, io, { regions, concurrency, ...(flags.saveSnapshot ? { saveTo: flags.saveSnapshot } : {}), evaluate: evaluateOpts });
      } finally {
        aws.destroy();
      }
    } else if (flags.snapshot) snapshot = await readSnapshotFile(flags.snapshot);
    else {
      const { aws, regions, concurrency } = await awsContextFrom(flags, io);
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
    const saveTo = flags.saveSnapshot;
    if (saveTo && snapshot) {
      const toSave = snapshot;
      await writingOutput(saveTo, '--save-snapshot', () => writeSnapshotFile(saveTo, toSave));
    }

    const evaluated = orgResult ?? evaluateSnapshot(snapshot!, { ...evaluateOpts, ...(ledger ? { ledger } : {}) });
    const report = await applyMutelistFlag(evaluated.report, flags.mutelist, io);
    const htmlSections = flags.store ? recordScan(report, flags.store, io) : undefined;
    await writeReportOutputs(report, outputs, io, {
      showPassed: Boolean(flags.showPassed),
      asffRegion: asffRegionFrom(flags.region, io.env),
      ...(htmlSections ? { htmlSections } : {}),
    });
    if (securityHub) await exportToSecurityHub(report, flags, securityHub, io);
    if (flags.stats) io.stderr.write(renderStats(report));
    const policy = failOn && { threshold: failOn, warn: Boolean(flags.failOnWarn), allowErrors: Boolean(flags.allowErrors) };
    if (policy && tripsFailOn(report.findings, policy)) io.setExitCode(ExitCode.findings);
  });
}
