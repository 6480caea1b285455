// `--mutelist FILE` for scan and report: load it, apply the mute step, and say on stderr what it did, including
// expired entries (which no longer mute) and entries that matched nothing.
import type { Command } from 'commander';
import { loadMutelist } from '../findings/mutelist.ts';
import type { ScanReport } from '../report/json.ts';
import { muteReport } from '../report/muted-report.ts';
import type { CliIO } from './io.ts';

export function addMutelistOption(cmd: Command): Command {
  return cmd.option('--mutelist <file>', 'mute accepted risks listed in this YAML file (see docs/mutelist.md)');
}

/** Always runs the mute step: even without a file, Exception-OU accounts are marked exempt. */
export async function applyMutelistFlag(report: ScanReport, file: string | undefined, io: CliIO): Promise<ScanReport> {
  const mutelist = file === undefined ? undefined : await loadMutelist(file);
  const { report: muted, outcome } = muteReport(report, mutelist);
  for (const e of outcome.expired) io.logger.warn(`${file}:${e.line}: mutelist entry expired on ${e.expires} and no longer mutes (${e.reason})`);
  for (const e of outcome.unused) io.logger.warn(`${file}:${e.line}: mutelist entry matched no finding (${e.reason})`);
  if (mutelist) io.logger.info(`mutelist: ${outcome.mutedCount} finding${outcome.mutedCount === 1 ? '' : 's'} muted by ${mutelist.entries.length - outcome.expired.length - outcome.unused.length} of ${mutelist.entries.length} entries`);
  return muted;
}
