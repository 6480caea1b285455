// `rampart merge`: join the shards of an organization run — snapshot directories from `collect --org --shard i/n`
// (evaluate the result with `scan --snapshot DIR`), or JSON reports from `scan --org --shard i/n --format json`.
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputFileError, UsageError } from '../core/errors.ts';
import { mergeReports, mergeSnapshotDirs } from '../org/merge.ts';
import { isOrgSnapshotDir } from '../org/store.ts';
import { REPORT_KIND, renderJson, type ScanReport } from '../report/json.ts';
import type { CliIO } from './io.ts';

async function readReport(path: string): Promise<ScanReport> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new InputFileError(path, `not a readable JSON report (${(e as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || (data as { kind?: unknown }).kind !== REPORT_KIND) {
    throw new InputFileError(path, `not a Rampart JSON report (expected "kind": "${REPORT_KIND}")`, { hint: 'write reports with `rampart scan --org --format json -o FILE`' });
  }
  return data as ScanReport;
}

export function registerMergeCommand(program: Command, io: CliIO): void {
  program
    .command('merge')
    .description('join the shards of an organization run: snapshot directories (collect --org --shard) or JSON reports (scan --org --shard --format json)')
    .argument('<inputs...>', 'two or more shard directories, or two or more JSON report files')
    .option('-o, --output <path>', 'the merged directory (required for directories) or report file (default: stdout)')
    .action(async (inputs: string[], flags: { output?: string }) => {
      const dirs = await Promise.all(inputs.map(isOrgSnapshotDir));
      if (dirs.every(Boolean)) {
        if (!flags.output) throw new UsageError('merging snapshot directories needs -o DIR (an empty directory)');
        const index = await mergeSnapshotDirs(inputs, flags.output);
        const n = (k: string) => index.accounts.filter((a) => a.outcome === k).length;
        io.logger.info(`wrote ${flags.output}: ${index.accounts.length} accounts (${n('audited')} audited, ${n('error')} not audited, ${n('skipped')} skipped); evaluate it with \`rampart scan --snapshot ${flags.output}\``);
        return;
      }
      if (dirs.some(Boolean)) throw new UsageError('merge either snapshot directories or JSON reports, not both');
      const reports = await Promise.all(inputs.map(async (name) => ({ name, report: await readReport(name) })));
      const text = renderJson(mergeReports(reports));
      if (flags.output) await writeFile(flags.output, text);
      else io.stdout.write(text);
    });
}
