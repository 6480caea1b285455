// What every action builder gets: the snapshot, the findings, the baseline, and small helpers that keep actions
// uniform (ids, defaults). Builders only read; the planner collects what they return.
import type { Finding } from '../findings/finding.ts';
import type { AccountSnapshot, Snapshot } from '../inventory/snapshot.ts';
import type { Baseline } from './baseline.ts';
import type { ActionKind, ApiCall, FindingRef, ManualStep, PlanAction, Risk } from './plan-schema.ts';

export interface PlanContext {
  snapshot: Snapshot;
  findings: readonly Finding[];
  baseline: Baseline;
  /** Failing (and not muted) findings of a check, optionally in one account. */
  failing(checkId: string, accountId?: string): Finding[];
}

export interface BuildOutput {
  actions: PlanAction[];
  manual: ManualStep[];
  blocked: Array<{ what: string; reason: string }>;
  warnings: string[];
}

export function emptyOutput(): BuildOutput {
  return { actions: [], manual: [], blocked: [], warnings: [] };
}

export function makePlanContext(snapshot: Snapshot, findings: readonly Finding[], baseline: Baseline): PlanContext {
  return {
    snapshot,
    findings,
    baseline,
    failing: (checkId, accountId) =>
      findings.filter((f) => f.checkId === checkId && f.status === 'fail' && !f.muted && (accountId === undefined || f.accountId === accountId)),
  };
}

export function findingRef(f: Finding): FindingRef {
  return { checkId: f.checkId, accountId: f.accountId, region: f.region ?? null, resource: f.resource.id };
}

export function findingKey(f: FindingRef): string {
  return `${f.checkId}|${f.accountId}|${f.region ?? ''}|${f.resource}`;
}

export interface ActionInput {
  kind: ActionKind;
  target: string;
  title: string;
  accountId: string;
  region: string | null;
  risk?: Risk;
  costNote?: string;
  checkIds: string[];
  calls: ApiCall[];
  permissions: string[];
  before: unknown;
  /** Default true: builders plan from recorded state. */
  beforeKnown?: boolean;
  after: unknown;
  preconditions?: string[];
  rollback: { possible: boolean; how: string };
  dependsOn?: string[];
  details?: Record<string, unknown>;
  notes?: string[];
}

export function actionId(kind: ActionKind, accountId: string, region: string | null, target: string): string {
  return `${kind}/${accountId}/${region ?? 'global'}/${target}`;
}

/** Build a PlanAction with the defaults every builder would otherwise repeat. `closes` is filled by the planner. */
export function makeAction(a: ActionInput): PlanAction {
  return {
    id: actionId(a.kind, a.accountId, a.region, a.target),
    kind: a.kind,
    title: a.title,
    accountId: a.accountId,
    region: a.region,
    risk: a.risk ?? 'safe',
    costNote: a.costNote ?? null,
    checkIds: a.checkIds,
    calls: a.calls,
    permissions: [...new Set(a.permissions)].sort(),
    before: a.before,
    beforeKnown: a.beforeKnown ?? true,
    after: a.after,
    preconditions: a.preconditions ?? [a.beforeKnown === false ? 'none: the state is read live before the change' : 'the live state still equals `before` (no drift since the scan)'],
    rollback: a.rollback,
    dependsOn: a.dependsOn ?? [],
    closes: [],
    details: a.details ?? {},
    notes: a.notes ?? [],
  };
}

/** Regions of an account the scan covered, sorted. */
export function scannedRegions(account: AccountSnapshot): string[] {
  return Object.keys(account.regional).sort();
}
