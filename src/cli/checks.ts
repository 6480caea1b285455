// `rampart checks`: list the checks with severity, scope and compliance ids, or, with --framework, the framework's
// controls with the checks that serve them.
import type { Command } from 'commander';
import { allChecks } from '../checks/index.ts';
import { checksByControl } from '../compliance/framework.ts';
import { frameworkById, frameworks } from '../compliance/frameworks.ts';
import type { CliIO } from './io.ts';
import { parseFormat } from './options.ts';

export function registerChecksCommand(program: Command, io: CliIO): void {
  program
    .command('checks')
    .description('list the checks Rampart runs')
    .option('--format <format>', 'table or json', 'table')
    .option('--framework <id>', `list a compliance framework's controls and the checks that serve them (${frameworks.map((f) => f.id).join(', ')})`)
    .action((flags: { format: string; framework?: string }) => {
      const format = parseFormat(flags.format, ['table', 'json'] as const);
      if (flags.framework !== undefined) {
        writeFrameworkControls(io, flags.framework, format);
        return;
      }
      if (format === 'json') {
        io.stdout.write(`${JSON.stringify(allChecks.map((c) => c.meta), null, 2)}\n`);
        return;
      }
      const rows = allChecks.map((c) => [c.meta.id, c.meta.severity, c.meta.scope, c.meta.compliance.cisAws3?.join(',') ?? '—', c.meta.title]);
      io.stdout.write(`${table(['id', 'severity', 'scope', 'CIS v3', 'title'], rows)}\n${allChecks.length} checks\n`);
    });
}

function writeFrameworkControls(io: CliIO, id: string, format: 'table' | 'json'): void {
  const framework = frameworkById(id);
  const byControl = checksByControl(framework, allChecks.map((c) => c.meta));
  const controls = framework.controls.map((c) => ({ ...c, checks: byControl.get(c.id) ?? [] }));
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ id: framework.id, name: framework.name, version: framework.version, controls }, null, 2)}\n`);
    return;
  }
  const rows = controls.map((c) => [c.id, c.assessment, c.checks.length > 0 ? c.checks.join(', ') : '— (not covered)', c.title]);
  const covered = controls.filter((c) => c.checks.length > 0).length;
  const manual = controls.filter((c) => c.assessment === 'manual').length;
  io.stdout.write(
    `${framework.name} v${framework.version}\n${table(['control', 'assessment', 'checks', 'title'], rows)}\n` +
      `${controls.length} controls: ${covered} served by Rampart checks, ${controls.length - covered} not covered; ` +
      `${manual} are manual in the framework (a scan reports them as manual with the checks' evidence, never as pass)\n`,
  );
}

/** Columns padded to their widest cell; the last column runs free. */
function table(header: string[], rows: string[][]): string {
  const last = header.length - 1;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i < last ? c.padEnd(widths[i]!) : c)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
