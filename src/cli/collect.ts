// `rampart collect`: write a snapshot of the account for later offline evaluation (`rampart scan --snapshot`).
import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { demoSnapshot } from '../demo/organization.ts';
import { writeSnapshotFile } from '../inventory/snapshot-file.ts';
import { buildReport } from '../report/json.ts';
import { renderStats } from '../report/terminal.ts';
import { collect } from '../scan.ts';
import { addAwsOptions, awsContextFrom, parseConcurrency, progressReporter, type AwsFlags } from './aws-options.ts';
import type { CliIO } from './io.ts';
import { assertWritablePath, writingOutput } from './options.ts';
import { allChecks } from '../checks/index.ts';
import { loadConfig } from '../core/config.ts';
import { orgReport } from '../org/evaluate.ts';
import { OrgSnapshotDir } from '../org/store.ts';
import { addOrgOptions, orgRequestFrom, runOrgCollection, type OrgFlags } from './org-options.ts';

interface CollectFlags extends AwsFlags, OrgFlags {
  output?: string;
  demo?: boolean;
  stats?: boolean;
  resume?: boolean;
  config?: string;
}

export function registerCollectCommand(program: Command, io: CliIO): void {
  const cmd = program
    .command('collect')
    .description('collect a read-only snapshot of the account to a file (.json or .json.gz), or of the organization to a directory (--org)')
    .option('-o, --output <path>', 'where to write the snapshot (required; with --org, a directory)')
    .option('--demo', 'write the bundled demo organization instead of calling AWS')
    .option('--stats', 'print AWS API calls by operation and Region on stderr')
    .option('--resume', 'with --org: continue an interrupted collection in the -o directory, keeping its finished accounts')
    .option('--config <file>', 'organization settings (org.roleName, org.externalId; see docs/config.md)');
  addOrgOptions(addAwsOptions(cmd)).action(async (flags: CollectFlags) => {
    const output = flags.output;
    if (!output) throw new UsageError(`collect needs -o ${flags.org ? 'DIR (e.g. -o org-snapshot)' : 'FILE (e.g. -o snapshot.json.gz)'}`);
    if (flags.resume && !flags.org) throw new UsageError('--resume only applies with --org');
    parseConcurrency(flags);
    const org = orgRequestFrom(flags, flags.config ? await loadConfig(flags.config, allChecks) : undefined);
    if (org) {
      if (flags.demo) throw new UsageError('--org collects from AWS; it does not combine with --demo');
      const { aws, regions, concurrency } = await awsContextFrom(flags, io);
      try {
        const index = await runOrgCollection(aws, new OrgSnapshotDir(output), org, io, { regions, concurrency, resume: Boolean(flags.resume) });
        const n = (k: string) => index.accounts.filter((a) => a.outcome === k).length;
        const totals = aws.ledger.totals();
        io.logger.info(`wrote ${output} (${n('audited')} accounts audited, ${n('error')} could not be audited, ${n('skipped')} skipped; ${totals.calls} API calls)`);
        const collected = index.accounts.filter((a) => a.outcome === 'audited').map((a) => ({ accountId: a.accountId, scannedRegions: a.scannedRegions ?? [], skippedRegions: [], regionListError: null }));
        if (flags.stats) io.stderr.write(renderStats(orgReport(index, [], 0, collected, aws.ledger.list())));
      } finally {
        aws.destroy();
      }
      return;
    }
    await assertWritablePath(output, '-o');
    if (flags.demo) {
      const live = (['profile', 'region', 'regions'] as const).filter((k) => flags[k] !== undefined);
      if (live.length > 0) throw new UsageError(`--${live.join(', --')} only apply when collecting from AWS, not with --demo`);
      await writingOutput(output, '-o', () => writeSnapshotFile(output, demoSnapshot()));
      io.logger.info(`wrote the demo snapshot to ${output}`);
      return;
    }
    const { aws, regions, concurrency } = await awsContextFrom(flags, io);
    const progress = progressReporter(io);
    try {
      const snapshot = await collect(aws, {
        ...(regions ? { regions } : {}),
        concurrency,
        logger: io.logger,
        onProgress: (p) => progress.update(p),
      });
      progress.done();
      await writingOutput(output, '-o', () => writeSnapshotFile(output, snapshot));
      const totals = aws.ledger.totals();
      io.logger.info(`wrote ${output} (${snapshot.accounts.length} account, ${totals.calls} API calls, ${totals.errors} failed)`);
      if (flags.stats) io.stderr.write(renderStats(buildReport(snapshot, [], 0, aws.ledger.list())));
    } finally {
      progress.done();
      aws.destroy();
    }
  });
}
