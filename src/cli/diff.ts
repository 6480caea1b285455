// `rampart diff A B`: what changed between two scans — two JSON reports, or two scans recorded with --store
// (a scan id, `latest` or `previous`).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import type { ScanReport } from '../report/json.ts';
import { renderDiffHtml, renderDiffJson, renderDiffTerminal } from '../report/diff-render.ts';
import { readReportFile } from '../report/read.ts';
import { diffReports } from '../store/diff.ts';
import { ScanStore } from '../store/history.ts';
import type { CliIO } from './io.ts';
import { parseFormat } from './options.ts';
import { addStoreOption, storePathFrom } from './store-options.ts';

interface DiffFlags {
  format: string;
  output?: string;
  store?: string | true;
}

const diffFormats = ['terminal', 'json', 'html'] as const;

async function load(ref: string, flags: DiffFlags, io: CliIO, open: () => ScanStore): Promise<{ label: string; report: ScanReport }> {
  if (existsSync(ref)) return { label: ref, report: await readReportFile(ref) };
  const stored = /^\d+$/.test(ref) ? Number(ref) : ref === 'latest' || ref === 'previous' ? ref : undefined;
  if (stored === undefined) throw new UsageError(`${ref}: no such report file, and not a stored scan (an id, latest or previous)`, { hint: 'See `rampart history` for the recorded scans.' });
  const found = open().report(stored);
  if (!found) throw new UsageError(`scan ${ref} is not in the store ${storePathFrom(flags.store, io.env)}`, { hint: 'See `rampart history` for the recorded scans.' });
  return { label: `scan #${found.id}`, report: found.report };
}

export function registerDiffCommand(program: Command, io: CliIO): void {
  const cmd = program
    .command('diff')
    .description('compare two scans: new, resolved, regressed and unchanged failures by severity and account')
    .argument('<a>', 'the earlier scan: a JSON report file, or a stored scan id / latest / previous')
    .argument('<b>', 'the later scan, likewise')
    .option('--format <format>', `output: ${diffFormats.join(', ')}`, 'terminal')
    .option('-o, --output <file>', 'write to a file instead of stdout');
  addStoreOption(cmd, 'the history to read stored scans from').action(async (a: string, b: string, flags: DiffFlags) => {
    const format = parseFormat(flags.format, diffFormats);
    let store: ScanStore | undefined;
    const open = () => (store ??= ScanStore.open(storePathFrom(flags.store, io.env)));
    try {
      const from = await load(a, flags, io, open);
      const to = await load(b, flags, io, open);
      const diff = diffReports(from.report, to.report, { from: from.label, to: to.label });
      const text = format === 'json' ? renderDiffJson(diff) : format === 'html' ? renderDiffHtml(diff) : renderDiffTerminal(diff);
      if (flags.output) await writeFile(flags.output, text);
      else io.stdout.write(text);
    } finally {
      store?.close();
    }
  });
}
