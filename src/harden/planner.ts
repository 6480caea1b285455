// The planner: a pure function of (snapshot, findings, baseline) → Plan. No AWS call, no clock, no I/O.
// Builders propose actions; guards refuse unsafe ones; re-evaluating the checks on the simulated snapshot decides
// which findings each action closes; every failing finding left open becomes a manual step.
import { allChecks } from '../checks/index.ts';
import type { Check } from '../checks/define.ts';
import { evaluateChecks } from '../checks/engine.ts';
import type { Finding } from '../findings/finding.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { tool } from '../version.ts';
import type { Baseline } from './baseline.ts';
import { assertNoLockout, assertSafeAttachments, guardSettings, principalArnOfCaller } from './guards.ts';
import { emptyOutput, findingKey, findingRef, makePlanContext, type BuildOutput } from './plan-context.ts';
import { PLAN_KIND, PLAN_VERSION, type ManualStep, type Plan, type PlanAction } from './plan-schema.ts';
import { accountFixers, manualInstructions, organizationFixers } from './registry.ts';
import { simulate } from './simulate.ts';

export interface PlanOptions {
  /** Where the baseline came from, for the plan document (a file name, or "default"). */
  baselineSource?: string;
  /** The checks to re-evaluate on the simulated snapshot (default: every registered check). */
  checks?: readonly Check[];
}

function merge(into: BuildOutput, more: BuildOutput): void {
  into.actions.push(...more.actions);
  into.manual.push(...more.manual);
  into.blocked.push(...more.blocked);
  into.warnings.push(...more.warnings);
}

function withDependencies(action: PlanAction, byId: Map<string, PlanAction>, order: readonly PlanAction[]): PlanAction[] {
  const need = new Set<string>();
  const visit = (a: PlanAction) => {
    if (need.has(a.id)) return;
    need.add(a.id);
    for (const d of a.dependsOn) {
      const dep = byId.get(d);
      if (dep) visit(dep);
    }
  };
  visit(action);
  return order.filter((a) => need.has(a.id));
}

/**
 * A failing finding is closed when, after the change, it passes — or its resource no longer fails because it is gone
 * (a revoked rule, for instance) while the check still judged that account and Region without any error.
 */
function closedBy(before: Finding, key: string, after: readonly Finding[]): boolean {
  const same = after.find((f) => findingKey(findingRef(f)) === key);
  if (same) return same.status === 'pass';
  const scope = after.filter((f) => f.checkId === before.checkId && f.accountId === before.accountId && (f.region ?? null) === (before.region ?? null));
  return scope.length > 0 && scope.every((f) => f.status === 'pass' || f.status === 'not_applicable');
}

/** The caller of the scan, as SCPs would see it, for the lock-out guard. */
function callerOf(snapshot: Snapshot): { accountId: string; principalArn: string } | undefined {
  const account = snapshot.accounts.find((a) => a.callerArn !== null);
  if (!account?.callerArn) return undefined;
  return { accountId: account.accountId, principalArn: principalArnOfCaller(account.callerArn, account) };
}

export function planHardening(snapshot: Snapshot, findings: readonly Finding[], baseline: Baseline, opts: PlanOptions = {}): Plan {
  const ctx = makePlanContext(snapshot, findings, baseline);
  const out = emptyOutput();
  for (const account of snapshot.accounts) for (const f of accountFixers) merge(out, f.build(ctx, account));
  for (const f of organizationFixers) merge(out, f.build(ctx));
  const actions = out.actions;

  assertSafeAttachments(actions, guardSettings(baseline));
  assertNoLockout(actions, simulate(snapshot, actions), baseline, callerOf(snapshot));

  // Closes: re-run the addressed checks on the snapshot with this action (and what it depends on) applied.
  const checks = opts.checks ?? allChecks;
  const failingBefore = new Map(findings.filter((f) => f.status === 'fail' && !f.muted).map((f) => [findingKey(findingRef(f)), f]));
  const byId = new Map(actions.map((a) => [a.id, a]));
  const closed = new Set<string>();
  for (const action of actions) {
    const relevant = checks.filter((c) => action.checkIds.includes(c.meta.id));
    if (relevant.length === 0) continue;
    const after = evaluateChecks(simulate(snapshot, withDependencies(action, byId, actions)), relevant);
    for (const [key, before] of failingBefore) {
      if (!action.checkIds.includes(before.checkId)) continue;
      // account-scoped actions close findings of their own account; organization actions close members'
      if (!action.kind.startsWith('org.') && before.accountId !== action.accountId) continue;
      if (!closedBy(before, key, after)) continue;
      action.closes.push(findingRef(before));
      closed.add(key);
    }
  }

  // Every failing finding no action closes is a manual step, grouped by check and account.
  const manual: ManualStep[] = [...out.manual];
  const open = new Map<string, Finding[]>();
  for (const [key, f] of failingBefore) {
    if (closed.has(key)) continue;
    const group = `${f.checkId}|${f.accountId}`;
    open.set(group, [...(open.get(group) ?? []), f]);
  }
  for (const group of open.values()) {
    const first = group[0]!;
    const existing = manual.find((m) => m.checkId === first.checkId && m.accountId === first.accountId);
    if (existing) {
      existing.findings.push(...group.map(findingRef).filter((r) => !existing.findings.some((e) => findingKey(e) === findingKey(r))));
      continue;
    }
    manual.push({
      checkId: first.checkId,
      accountId: first.accountId,
      title: `${first.title} (${group.length} finding${group.length === 1 ? '' : 's'} in ${first.accountId})`,
      instructions: manualInstructions[first.checkId] ?? first.remediation.text,
      findings: group.map(findingRef),
    });
  }

  const byRisk: Record<string, number> = {};
  for (const a of actions) byRisk[a.risk] = (byRisk[a.risk] ?? 0) + 1;
  const accounts = snapshot.accounts.map((a) => a.accountId);
  return {
    kind: PLAN_KIND,
    schemaVersion: PLAN_VERSION,
    tool: { name: tool.name, version: tool.version },
    basedOn: { collectedAt: snapshot.collectedAt, source: snapshot.source, accounts, callerArn: snapshot.accounts.find((a) => a.callerArn)?.callerArn ?? null },
    baseline: { source: opts.baselineSource ?? 'default', ...guardSettings(baseline) },
    summary: { actions: actions.length, byRisk, findingsClosed: closed.size, manualSteps: manual.length, blocked: out.blocked.length },
    actions,
    manual,
    blocked: out.blocked,
    warnings: [...new Set(out.warnings)],
  };
}
