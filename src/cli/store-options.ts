// `--store [PATH]` on scan: record the scan in the local history and give the HTML report its trend and the diff
// against the previous recorded scan.
import type { Command } from 'commander';
import type { ScanReport } from '../report/json.ts';
import { diffSection } from '../report/diff-render.ts';
import { trendSection } from '../report/trend.ts';
import { diffReports } from '../store/diff.ts';
import { ScanStore } from '../store/history.ts';
import { defaultStorePath } from '../store/paths.ts';
import type { CliIO } from './io.ts';

/** Scans plotted in the HTML trend. */
const TREND_SCANS = 30;

export function addStoreOption(cmd: Command, what: string): Command {
  return cmd.option('--store [path]', `${what} (SQLite; default: RAMPART_STORE or the user's data directory)`);
}

export function storePathFrom(flag: string | boolean | undefined, env: NodeJS.ProcessEnv): string {
  return typeof flag === 'string' ? flag : defaultStorePath(env);
}

/** Record the report; returns the HTML sections (trend, diff against the scan recorded before it). */
export function recordScan(report: ScanReport, flag: string | true, io: CliIO): string[] {
  const store = ScanStore.open(storePathFrom(flag, io.env));
  try {
    const previous = store.report('latest');
    const id = store.record(report);
    io.logger.info(`recorded scan #${id} in ${store.path}`);
    const sections = [trendSection(store.list(TREND_SCANS))];
    if (previous) sections.push(diffSection(diffReports(previous.report, report, { from: `scan #${previous.id}`, to: `scan #${id}` })));
    return sections;
  } finally {
    store.close();
  }
}
