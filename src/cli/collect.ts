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

interface CollectFlags extends AwsFlags {
  output?: string;
  demo?: boolean;
  stats?: boolean;
}

export function registerCollectCommand(program: Command, io: CliIO): void {
  const cmd = program
    .command('collect')
    .description('collect a read-only snapshot of the account to a file (.json or .json.gz)')
    .option('-o, --output <file>', 'where to write the snapshot (required)')
    .option('--demo', 'write the bundled demo organization instead of calling AWS')
    .option('--stats', 'print AWS API calls by operation and Region on stderr');
  addAwsOptions(cmd).action(async (flags: CollectFlags) => {
    const output = flags.output;
    if (!output) throw new UsageError('collect needs -o FILE (e.g. -o snapshot.json.gz)');
    parseConcurrency(flags);
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
