// The terminal view of a plan: reads like a change review — per account and Region, what will be called, from
// which state, what it closes and how to undo it; then what is blocked and what stays manual.
import type { ApiCall, Plan, PlanAction } from './plan-schema.ts';

export interface RenderOptions {
  color: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

function compact(v: unknown, max = 160): string {
  const s = JSON.stringify(v) ?? 'null';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function describeCall(c: ApiCall): string {
  return `${c.service}:${c.operation} ${compact(c.params)}`;
}

function riskLabel(a: PlanAction, color: boolean): string {
  const code = a.risk === 'safe' ? '32' : a.risk === 'paid' ? '33' : '31';
  return paint(color, code, `[${a.risk}]`);
}

function renderAction(a: PlanAction, color: boolean): string[] {
  const lines = [`  + ${riskLabel(a, color)} ${a.title}`, `      id       ${a.id}`];
  for (const c of a.calls) lines.push(`      call     ${describeCall(c)}`);
  lines.push(`      before   ${a.beforeKnown ? compact(a.before) : 'not in the snapshot (read live before the change)'}`);
  lines.push(`      after    ${compact(a.after)}`);
  if (a.costNote) lines.push(`      cost     ${a.costNote}`);
  lines.push(`      closes   ${a.closes.length === 0 ? 'no existing finding' : a.closes.map((f) => `${f.checkId} ${f.resource}${f.region ? ` (${f.region})` : ''}`).join(', ')}`);
  lines.push(`      rollback ${a.rollback.possible ? a.rollback.how : `not possible: ${a.rollback.how}`}`);
  if (a.dependsOn.length > 0) lines.push(`      needs    ${a.dependsOn.join(', ')}`);
  for (const n of a.notes) lines.push(`      note     ${n}`);
  return lines;
}

export function renderPlanTerminal(plan: Plan, opts: RenderOptions = { color: false }): string {
  const { color } = opts;
  const s = plan.summary;
  const risks = Object.entries(s.byRisk).map(([r, n]) => `${n} ${r}`).join(', ');
  const out: string[] = [
    paint(color, '1', `Hardening plan — ${plan.basedOn.accounts.length} account(s), snapshot of ${plan.basedOn.collectedAt}, baseline: ${plan.baseline.source}`),
    `${s.actions} action(s)${risks ? ` (${risks})` : ''} · closes ${s.findingsClosed} failing finding(s) · ${s.manualSteps} manual step(s) · ${s.blocked} blocked`,
    '',
  ];
  const groups = new Map<string, PlanAction[]>();
  for (const a of plan.actions) {
    const key = `Account ${a.accountId} — ${a.region ?? 'global'}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  for (const [key, actions] of groups) {
    out.push(paint(color, '1', key));
    for (const a of actions) out.push(...renderAction(a, color));
    out.push('');
  }
  if (plan.actions.length === 0) out.push('Nothing to change.', '');
  if (plan.blocked.length > 0) {
    out.push(paint(color, '1', 'Blocked (asked for, not planned)'));
    for (const b of plan.blocked) out.push(`  - ${b.what}: ${b.reason}`);
    out.push('');
  }
  if (plan.manual.length > 0) {
    out.push(paint(color, '1', 'Manual steps (no safe API; a person must do these)'));
    for (const m of plan.manual) out.push(`  - ${m.title}${m.checkId ? ` [${m.checkId}]` : ''}`, `      ${m.instructions}`);
    out.push('');
  }
  if (plan.warnings.length > 0) {
    out.push(paint(color, '1', 'Warnings'));
    for (const w of plan.warnings) out.push(`  ! ${w}`);
    out.push('');
  }
  out.push('The management account is never restricted by SCPs; its protection relies on the manual steps and account defaults above.');
  out.push('Next: save with `--format json -o plan.json`, review, then `rampart harden apply plan.json` (dry run) and `--yes` to apply.');
  return `${out.join('\n')}\n`;
}
