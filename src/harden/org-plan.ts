// Plan an organization snapshot directory (`rampart collect --org -o DIR`) account by account, the way
// src/org/evaluate.ts evaluates it: the organization's context account (management, or the delegated administrator
// that scanned) plans the organization once; every other audited account is then read, planned beside that context
// and dropped, so memory does not grow with the number of accounts. No AWS call: the directory is the only input.
import { allChecks } from '../checks/index.ts';
import type { Check } from '../checks/define.ts';
import type { Finding } from '../findings/finding.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { contextFromIndex } from '../org/evaluate.ts';
import type { OrgIndex, OrgSnapshotDir } from '../org/store.ts';
import type { Baseline } from './baseline.ts';
import { principalArnOfCaller } from './guards.ts';
import type { Plan } from './plan-schema.ts';
import { evaluateAccounts, PlanBuilder, type PlanOptions } from './planner.ts';

export async function planOrganizationDir(store: OrgSnapshotDir, index: OrgIndex, baseline: Baseline, opts: Omit<PlanOptions, 'place'> = {}): Promise<Plan> {
  const checks: readonly Check[] = opts.checks ?? allChecks;
  const entries = new Map(index.accounts.map((a) => [a.accountId, a]));
  const scopeOf = new Map(checks.map((c) => [c.meta.id, c.meta.scope]));
  // as the organization scan files them: an organization check's verdict on a member belongs to that member
  const place = (f: Finding): Finding =>
    scopeOf.get(f.checkId) === 'org' && f.resource.type === 'AwsAccount' && entries.has(f.resource.id) ? { ...f, accountId: f.resource.id } : f;
  const audited = (id: string) => entries.get(id)?.outcome === 'audited';
  const mgmt = index.organization.managementAccountId;
  const contextId = audited(mgmt) ? mgmt : audited(index.scannedFrom.accountId) ? index.scannedFrom.accountId : undefined;
  const context: Snapshot = contextId === undefined ? contextFromIndex(index, index.collectedAt ?? index.startedAt) : await store.readAccount(entries.get(contextId)!);
  const contextAccount = context.accounts[0]!;

  const builder = new PlanBuilder(baseline, { ...opts, place });
  const contextFindings = evaluateAccounts(context, new Set([contextAccount.accountId]), checks);
  builder.organization(context, contextFindings);
  // a context that was not audited only lends its Organizations slice: no account defaults are planned for it
  builder.part({ snapshot: context, accounts: contextId === undefined ? [] : [contextAccount], findings: contextFindings });

  const planned: string[] = contextId === undefined ? [] : [contextId];
  for (const entry of [...index.accounts].sort((a, b) => a.accountId.localeCompare(b.accountId))) {
    if (entry.accountId === contextId || entry.outcome === 'skipped') continue;
    if (entry.outcome === 'error') {
      const why = entry.error ? `${entry.error.code}: ${entry.error.message}` : 'no data was collected';
      builder.block(`account defaults of ${entry.accountId} (${entry.name})`, `the account was not audited (${why}); collect it again, then plan`);
      continue;
    }
    const own = await store.readAccount(entry);
    const account = own.accounts[0]!;
    const evaluation: Snapshot = { ...own, accounts: [contextAccount, account] };
    builder.part({ snapshot: evaluation, accounts: [account], findings: evaluateAccounts(evaluation, new Set([account.accountId]), checks) });
    planned.push(account.accountId);
  }

  const callerArn = index.scannedFrom.callerArn;
  return builder.finish(
    { collectedAt: index.collectedAt ?? index.startedAt, source: context.source, accounts: planned.sort(), callerArn },
    { accountId: index.scannedFrom.accountId, principalArn: principalArnOfCaller(callerArn, contextAccount.accountId === index.scannedFrom.accountId ? contextAccount : undefined) },
  );
}
