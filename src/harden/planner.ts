// The planner: a pure function of (snapshot, findings, baseline) → Plan. No AWS call, no clock, no I/O.
// Builders propose actions; guards refuse unsafe ones; re-evaluating the checks on the simulated snapshot decides
// which findings each action closes; every failing finding left open becomes a manual step.
// An organization is planned in parts (PlanBuilder): the organization's context account once, then each member
// account with that context beside it, so only two accounts are ever in memory (src/harden/org-plan.ts).
import { allChecks } from '../checks/index.ts';
import type { Check } from '../checks/define.ts';
import { deepFreeze, runCheck, toFindings } from '../checks/engine.ts';
import type { Finding } from '../findings/finding.ts';
import type { AccountSnapshot, Snapshot } from '../inventory/snapshot.ts';
import { tool } from '../version.ts';
import type { Baseline } from './baseline.ts';
import { assertNoLockout, assertSafeAttachments, guardSettings, principalArnOfCaller } from './guards.ts';
import { emptyOutput, findingKey, findingRef, makePlanContext, type BuildOutput } from './plan-context.ts';
import { PLAN_KIND, PLAN_VERSION, type ManualStep, type Plan, type PlanAction } from './plan-schema.ts';
import { accountFixers, manualInstructions, organizationFixers, organizationWide } from './registry.ts';
import { simulate } from './simulate.ts';

export interface PlanOptions {
  /** Where the baseline came from, for the plan document (a file name, or "default"). */
  baselineSource?: string;
  /** The checks to re-evaluate on the simulated snapshot (default: every registered check). */
  checks?: readonly Check[];
  /** File a finding under the account it is about (organization runs); identity by default. */
  place?: (f: Finding) => Finding;
}

function merge(into: BuildOutput, more: BuildOutput): void {
  into.actions.push(...more.actions);
  into.manual.push(...more.manual);
  into.blocked.push(...more.blocked);
  into.warnings.push(...more.warnings);
}

function withDependencies(action: PlanAction, byId: Map<string, PlanAction>): PlanAction[] {
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
  return [...byId.values()].filter((a) => need.has(a.id));
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

/** One part of a plan: a snapshot, the accounts of it whose findings the part holds, and those findings. */
export interface PlanPart {
  snapshot: Snapshot;
  /** Accounts whose account-level actions this part plans and whose findings it holds. */
  accounts: readonly AccountSnapshot[];
  findings: readonly Finding[];
}

/** Evaluate checks on a snapshot for some of its accounts only (the others are context). */
export function evaluateAccounts(snapshot: Snapshot, accountIds: ReadonlySet<string>, checks: readonly Check[]): Finding[] {
  deepFreeze(snapshot);
  const out: Finding[] = [];
  for (const account of snapshot.accounts) {
    if (!accountIds.has(account.accountId)) continue;
    for (const check of checks) out.push(...toFindings(check, account.accountId, runCheck(check, snapshot, account)));
  }
  return out;
}

export interface PlanBasis {
  collectedAt: string;
  source: string;
  accounts: string[];
  callerArn: string | null;
}

/**
 * Accumulates a plan part by part. `organization` runs the organization builders once on the organization's
 * context snapshot; each `part` then plans its accounts and decides, on its own snapshot, which of its findings the
 * part's actions and the organization's actions close.
 */
export class PlanBuilder {
  private readonly baseline: Baseline;
  private readonly opts: PlanOptions;
  private readonly checks: readonly Check[];
  private readonly place: (f: Finding) => Finding;
  private readonly accountOut = emptyOutput();
  private readonly orgOut = emptyOutput();
  private context: Snapshot | undefined;
  private readonly failing = new Map<string, Finding>();
  private readonly closed = new Set<string>();

  constructor(baseline: Baseline, opts: PlanOptions = {}) {
    this.baseline = baseline;
    this.opts = opts;
    this.checks = opts.checks ?? allChecks;
    this.place = opts.place ?? ((f) => f);
  }

  /** Plan the organization (SCPs, OUs, organization services) from the snapshot that holds its structure. */
  organization(snapshot: Snapshot, findings: readonly Finding[]): void {
    this.context = snapshot;
    const ctx = makePlanContext(snapshot, findings.map(this.place), this.baseline);
    for (const f of organizationFixers) merge(this.orgOut, f.build(ctx));
  }

  /** Plan the part's accounts, and record which of its failing findings the plan closes. */
  part(p: PlanPart): void {
    const findings = p.findings.map(this.place);
    const ctx = makePlanContext(p.snapshot, findings, this.baseline);
    const own = emptyOutput();
    for (const account of p.accounts) for (const f of accountFixers) merge(own, f.build(ctx, account));
    merge(this.accountOut, own);

    const failingHere = new Map(findings.filter((f) => f.status === 'fail' && !f.muted).map((f) => [findingKey(findingRef(f)), f]));
    for (const [k, f] of failingHere) this.failing.set(k, f);
    const judged = new Set(p.accounts.map((a) => a.accountId));
    const actions = [...own.actions, ...this.orgOut.actions];
    const byId = new Map(actions.map((a) => [a.id, a]));
    for (const action of actions) {
      const relevant = this.checks.filter((c) => action.checkIds.includes(c.meta.id));
      if (relevant.length === 0) continue;
      const wide = organizationWide(action.kind);
      const candidates = [...failingHere].filter(([, f]) => action.checkIds.includes(f.checkId) && (wide || f.accountId === action.accountId));
      if (candidates.length === 0) continue;
      const after = evaluateAccounts(simulate(p.snapshot, withDependencies(action, byId)), judged, relevant).map(this.place);
      for (const [key, before] of candidates) {
        if (!closedBy(before, key, after)) continue;
        if (!action.closes.some((c) => findingKey(c) === key)) action.closes.push(findingRef(before));
        this.closed.add(key);
      }
    }
  }

  /** A blocker found outside the builders (an account that could not be audited, for instance). */
  block(what: string, reason: string): void {
    this.accountOut.blocked.push({ what, reason });
  }

  finish(basis: PlanBasis, caller: { accountId: string; principalArn: string } | undefined): Plan {
    // account defaults first, organization actions after them (SCPs last, so they never block the plan's own calls)
    const actions = [...this.accountOut.actions, ...this.orgOut.actions];
    const out = emptyOutput();
    merge(out, this.accountOut);
    merge(out, this.orgOut);
    assertSafeAttachments(actions, guardSettings(this.baseline));
    if (this.context) assertNoLockout(actions, simulate(this.context, this.orgOut.actions), this.baseline, caller);

    // Every failing finding no action closes is a manual step, grouped by check and account.
    const manual: ManualStep[] = [...out.manual];
    const open = new Map<string, Finding[]>();
    for (const [key, f] of this.failing) {
      if (this.closed.has(key)) continue;
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
    return {
      kind: PLAN_KIND,
      schemaVersion: PLAN_VERSION,
      tool: { name: tool.name, version: tool.version },
      basedOn: basis,
      baseline: { source: this.opts.baselineSource ?? 'default', ...guardSettings(this.baseline) },
      summary: { actions: actions.length, byRisk, findingsClosed: this.closed.size, manualSteps: manual.length, blocked: out.blocked.length },
      actions,
      manual,
      blocked: out.blocked,
      warnings: [...new Set(out.warnings)],
    };
  }
}

/** Plan a whole snapshot at once (one account, or an organization small enough to hold in memory). */
export function planHardening(snapshot: Snapshot, findings: readonly Finding[], baseline: Baseline, opts: PlanOptions = {}): Plan {
  const builder = new PlanBuilder(baseline, opts);
  builder.organization(snapshot, findings);
  builder.part({ snapshot, accounts: snapshot.accounts, findings });
  return builder.finish(
    { collectedAt: snapshot.collectedAt, source: snapshot.source, accounts: snapshot.accounts.map((a) => a.accountId), callerArn: snapshot.accounts.find((a) => a.callerArn)?.callerArn ?? null },
    callerOf(snapshot),
  );
}

export { callerOf };
