// `rampart rules list|test`: show the loaded detection rules (built-in plus --rules DIR) and run their embedded tests.
import { relative } from 'node:path';
import { Option, type Command } from 'commander';
import { runRuleTests, type DetectionRule } from '../detect/rules/index.ts';
import { addRuleOptions, loadRulesFromFlags } from './detect.ts';
import type { CliIO } from './io.ts';

interface RuleFlags {
  rules: string[];
  builtin: boolean;
  var: string[];
  format?: 'table' | 'json';
}

export function registerRulesCommand(program: Command, io: CliIO): void {
  const rules = program.command('rules').description('list detection rules and run their embedded tests');
  addRuleOptions(rules.command('list').description('list the detection rules that `rampart detect` would load'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: RuleFlags) => {
      const loaded = await loadRulesFromFlags(flags);
      io.stdout.write(flags.format === 'json' ? `${JSON.stringify(loaded.map(ruleSummary), null, 2)}\n` : ruleTable(loaded));
    });
  addRuleOptions(rules.command('test').description('run every test event embedded in the rules; exit 1 if any fails')).action(async (flags: RuleFlags) => {
    const loaded = await loadRulesFromFlags(flags);
    const results = runRuleTests(loaded);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const r of results) {
      if (!r.passed) {
        failed++;
        io.stdout.write(`FAIL ${displayPath(r.file)}:${r.line} ${r.ruleId} — ${r.test}${r.detail ? `: ${r.detail}` : ''}\n`);
      } else if (r.detail?.startsWith('skipped')) skipped++;
      else passed++;
    }
    const untested = loaded.filter((r) => r.tests.length === 0).map((r) => r.id);
    if (untested.length > 0) io.stdout.write(`rules without tests: ${untested.join(', ')}\n`);
    io.stdout.write(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped (disabled rules)` : ''} (${loaded.length} rules)\n`);
    if (failed > 0) io.setExitCode(1);
  });
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

function ruleSummary(r: DetectionRule) {
  return {
    id: r.id,
    severity: r.severity,
    title: r.title,
    file: displayPath(r.file),
    line: r.line,
    threshold: r.threshold ?? null,
    tests: r.tests.length,
    disabled: r.disabled?.reason ?? null,
    assumptions: r.assumptions ?? [],
  };
}

function ruleTable(rules: DetectionRule[]): string {
  const rows = rules.map((r) => [
    r.id,
    r.severity,
    r.threshold ? `≥${r.threshold.count}/${r.threshold.windowSeconds}s by ${r.threshold.groupBy.join(',')}` : '',
    r.title,
    `${displayPath(r.file)}:${r.line}`,
    r.disabled ? `disabled: ${r.disabled.reason}` : r.assumptions ? `assumes: ${r.assumptions.join('; ')}` : '',
  ]);
  const head = ['ID', 'SEVERITY', 'THRESHOLD', 'TITLE', 'SOURCE', 'STATUS'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const fmt = (row: string[]) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return `${[fmt(head), ...rows.map(fmt)].join('\n')}\n${rules.length} rule${rules.length === 1 ? '' : 's'}\n`;
}
