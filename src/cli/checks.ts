// `rampart checks`: list the checks with severity, scope and compliance ids.
import type { Command } from 'commander';
import { allChecks } from '../checks/index.ts';
import type { CliIO } from './io.ts';
import { parseFormat } from './options.ts';

export function registerChecksCommand(program: Command, io: CliIO): void {
  program
    .command('checks')
    .description('list the checks Rampart runs')
    .option('--format <format>', 'table or json', 'table')
    .action((flags: { format: string }) => {
      const format = parseFormat(flags.format, ['table', 'json'] as const);
      if (format === 'json') {
        io.stdout.write(`${JSON.stringify(allChecks.map((c) => c.meta), null, 2)}\n`);
        return;
      }
      const rows = allChecks.map((c) => [c.meta.id, c.meta.severity, c.meta.scope, c.meta.compliance.cisAws3?.join(',') ?? '—', c.meta.title]);
      const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['id', 'severity', 'scope', 'CIS v3'][i]!.length));
      const line = (r: string[]) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ');
      io.stdout.write(`${[line(['id', 'severity', 'scope', 'CIS v3', 'title']), ...rows.map(line)].join('\n')}\n${allChecks.length} checks\n`);
    });
}
