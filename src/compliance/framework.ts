// A compliance framework as data (controls with CIS-style assessment status), and the per-control roll-up of a
// scan's findings that the JSON report carries and `rampart checks --framework` lists.
import type { Compliance, Finding } from '../findings/finding.ts';

export interface FrameworkControl {
  id: string;
  title: string;
  /** The framework's own assessment status: `manual` controls need a person's judgement on the evidence. */
  assessment: 'automated' | 'manual';
}

export interface Framework {
  /** The id users type: `rampart checks --framework cis-3.0`. */
  id: string;
  name: string;
  version: string;
  /** Which field of a check's `compliance` names this framework's control ids. */
  complianceKey: keyof Omit<Compliance, 'sources'>;
  controls: readonly FrameworkControl[];
}

/** What a check contributes: its id and the control ids its metadata names. */
export interface CheckMapping {
  id: string;
  compliance: Compliance;
}

/**
 * A control's verdict over the scan. `manual`: the framework leaves the decision to a person; the checks' evidence
 * is listed but never rolled up as pass. `not_covered`: no Rampart check serves the control. `not_run`: checks serve
 * it but none ran in this scan (e.g. `--checks`).
 */
export const controlStatuses = ['pass', 'fail', 'warn', 'error', 'manual', 'not_applicable', 'not_run', 'not_covered'] as const;
export type ControlStatus = (typeof controlStatuses)[number];

export interface ControlSummary extends FrameworkControl {
  checks: string[];
  status: ControlStatus;
  /** Unmuted findings of the control's checks, by finding status. */
  findings: { pass: number; fail: number; warn: number; error: number; not_applicable: number };
}

export interface FrameworkSummary {
  id: string;
  name: string;
  version: string;
  /** Controls per status. */
  totals: Record<ControlStatus, number>;
  controls: ControlSummary[];
}

/** The checks that serve each control of the framework, from the checks' own metadata. */
export function checksByControl(framework: Framework, checks: readonly CheckMapping[]): Map<string, string[]> {
  const byControl = new Map<string, string[]>(framework.controls.map((c) => [c.id, []]));
  for (const check of checks) {
    for (const controlId of check.compliance[framework.complianceKey] ?? []) byControl.get(controlId)?.push(check.id);
  }
  return byControl;
}

/** Control ids the checks name that the framework does not have: a typo in a check's metadata. */
export function unknownControlIds(framework: Framework, checks: readonly CheckMapping[]): Array<{ checkId: string; controlId: string }> {
  const known = new Set(framework.controls.map((c) => c.id));
  return checks.flatMap((check) =>
    (check.compliance[framework.complianceKey] ?? []).filter((id) => !known.has(id)).map((controlId) => ({ checkId: check.id, controlId })),
  );
}

/**
 * Roll a scan's findings up per control. Muted findings do not count (as in the scan summary). Precedence: a
 * failure anywhere fails the control; then an error (a verdict could not be reached); then a warning; a manual
 * control without any of those is `manual`, never `pass`.
 */
export function summarizeFramework(
  framework: Framework,
  registered: readonly CheckMapping[],
  ran: ReadonlySet<string>,
  findings: readonly Finding[],
): FrameworkSummary {
  const byControl = checksByControl(framework, registered);
  const controls = framework.controls.map((control): ControlSummary => {
    const checks = byControl.get(control.id) ?? [];
    const counts = { pass: 0, fail: 0, warn: 0, error: 0, not_applicable: 0 };
    for (const f of findings) if (!f.muted && checks.includes(f.checkId)) counts[f.status] += 1;
    return { ...control, checks, status: controlStatus(control, checks, ran, counts), findings: counts };
  });
  const totals = Object.fromEntries(controlStatuses.map((s) => [s, 0])) as Record<ControlStatus, number>;
  for (const c of controls) totals[c.status] += 1;
  return { id: framework.id, name: framework.name, version: framework.version, totals, controls };
}

function controlStatus(control: FrameworkControl, checks: string[], ran: ReadonlySet<string>, n: ControlSummary['findings']): ControlStatus {
  if (checks.length === 0) return 'not_covered';
  if (!checks.some((id) => ran.has(id))) return 'not_run';
  if (n.fail > 0) return 'fail';
  if (n.error > 0) return 'error';
  if (n.warn > 0) return 'warn';
  if (control.assessment === 'manual') return 'manual';
  return n.pass > 0 ? 'pass' : 'not_applicable';
}
