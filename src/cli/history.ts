// `rampart history`: failing findings per severity over the scans recorded with `scan --store`.
import type { Command } from 'commander';
import { severities } from '../findings/finding.ts';
import { ScanStore } from '../store/history.ts';
import type { CliIO } from './io.ts';
import { parseFormat, parsePositiveInt } from './options.ts';
import { addStoreOption, storePathFrom } from './store-options.ts';

interface HistoryFlags {
  format: string;
  limit?: string;
  store?: string | true;
}

export function registerHistoryCommand(program: Command, io: CliIO): void {
  const cmd = program
    .command('history')
    .description('fail counts per severity over the scans recorded with `scan --store`')
    .option('--format <format>', 'terminal or json', 'terminal')
    .option('--limit <n>', 'only the last N scans');
  addStoreOption(cmd, 'the history to read').action((flags: HistoryFlags) => {
    const format = parseFormat(flags.format, ['terminal', 'json'] as const);
    const limit = flags.limit === undefined ? undefined : parsePositiveInt(flags.limit, '--limit');
    const store = ScanStore.open(storePathFrom(flags.store, io.env));
    try {
      const scans = store.list(limit);
      if (format === 'json') {
        io.stdout.write(`${JSON.stringify({ kind: 'rampart.history', store: store.path, scans }, null, 2)}\n`);
        return;
      }
      if (scans.length === 0) {
        io.stdout.write(`no scans recorded in ${store.path} yet: run \`rampart scan --store\`\n`);
        return;
      }
      const sev = [...severities].reverse();
      const header = ['scan', 'collected', 'source', 'accounts', ...sev, 'errors', 'muted'];
      const rows = scans.map((s) => [
        `#${s.id}`, s.collectedAt.slice(0, 16).replace('T', ' '), s.source, String(s.accounts),
        ...sev.map((v) => String(s.summary.failBySeverity[v])), String(s.summary.byStatus.error), String(s.summary.muted),
      ]);
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (r: string[]) => r.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
      io.stdout.write(`${[line(header), ...rows.map(line), `${scans.length} scan${scans.length === 1 ? '' : 's'} in ${store.path}`].join('\n')}\n`);
    } finally {
      store.close();
    }
  });
}
