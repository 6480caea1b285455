// Renders docs/checks.md from the check registry, so the list people read is the list that runs.
import { allChecks } from '../checks/index.ts';
import type { Check } from '../checks/define.ts';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderChecksDoc(checks: readonly Check[] = allChecks): string {
  const lines = [
    '# Checks',
    '',
    '<!-- generated from the check registry by `npm run docs`; a test fails when this file is stale -->',
    '',
    `Rampart runs ${checks.length} checks. Ids are the catalog ids of [controls.md](controls.md); options are set in a`,
    '[config file](config.md). Every check reports `error` (with the cause) instead of a verdict when data is missing.',
    '',
    '| id | severity | scope | CIS v3.0 | what it checks | fix | options (defaults) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of checks) {
    const m = c.meta;
    const options = Object.entries(c.defaultOptions as Record<string, unknown>)
      .map(([k, v]) => `\`${k}\`: ${JSON.stringify(v)}`)
      .join(', ');
    lines.push(
      `| \`${m.id}\` | ${m.severity} | ${m.scope} | ${m.compliance.cisAws3?.join(', ') ?? '—'} | ${cell(m.title)} | ${cell(m.remediation.text)} | ${options || '—'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
