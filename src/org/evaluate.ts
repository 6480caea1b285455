// Evaluate an organization snapshot directory account by account: only the account under evaluation and the
// organization's context account (management, or the delegated administrator that scanned) are in memory at once, so
// peak memory does not grow with the number of accounts. An account that could not be collected is evaluated as an
// account whose every field carries that failure, so each check reports `error` with the cause.
import type { LedgerEntry } from '../aws/ledger.ts';
import { allChecks } from '../checks/index.ts';
import type { Check } from '../checks/define.ts';
import { summarizeFrameworks } from '../compliance/frameworks.ts';
import { deepFreeze, runCheck, selectChecks, toFindings, type EvaluateOptions } from '../checks/engine.ts';
import type { Finding } from '../findings/finding.ts';
import { failed, type CollectError } from '../inventory/collected.ts';
import { AccountBuilder } from '../inventory/fixtures.ts';
import { SNAPSHOT_KIND, SNAPSHOT_VERSION, type AccountSnapshot, type Snapshot } from '../inventory/snapshot.ts';
import { buildReport, type ScanReport } from '../report/json.ts';
import { buildOrgSection } from '../report/org.ts';
import { summarize } from '../report/summary.ts';
import { shardOf } from './accounts.ts';
import type { OrgAccountEntry, OrgIndex, OrgSnapshotDir } from './store.ts';

function isCollected(x: object): boolean {
  return 'ok' in x && typeof x.ok === 'boolean' && ('value' in x || 'error' in x);
}

/** Replace every outermost Collected value of a node by the failure: the shape stays valid as the schema grows. */
function failEverything(node: unknown, error: CollectError): unknown {
  if (Array.isArray(node)) return node.map((n) => failEverything(n, error));
  if (typeof node !== 'object' || node === null) return node;
  if (isCollected(node)) return failed(error);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, failEverything(v, error)]));
}

/** The account as checks see it when it could not be collected at all. */
export function uncollectedAccount(accountId: string, regions: string[], error: CollectError, now: string): AccountSnapshot {
  const template = new AccountBuilder(accountId, regions, now).data;
  return { ...(failEverything(template, error) as AccountSnapshot), accountId, callerArn: null };
}

export interface OrgEvaluateOptions extends EvaluateOptions {
  checks?: readonly Check[];
  ledger?: LedgerEntry[];
}

export interface OrgScanResult {
  report: ScanReport;
  findings: Finding[];
}

export async function evaluateOrganization(store: OrgSnapshotDir, index: OrgIndex, opts: OrgEvaluateOptions = {}): Promise<OrgScanResult> {
  const selected = selectChecks(opts.checks ?? allChecks, opts);
  const entryOf = new Map(index.accounts.map((a) => [a.accountId, a]));
  const audited = (id: string) => entryOf.get(id)?.outcome === 'audited';
  // the account whose run judges the organization (SCPs reaching each member): see organizationEvaluator
  const contextId = audited(index.organization.managementAccountId)
    ? index.organization.managementAccountId
    : audited(index.scannedFrom.accountId)
      ? index.scannedFrom.accountId
      : undefined;
  const failedRegions = index.expectedRegions;
  const fallbackTime = index.collectedAt ?? index.startedAt;
  const context = contextId === undefined ? contextFromIndex(index, fallbackTime) : await store.readAccount(entryOf.get(contextId)!);
  const contextAccount = context.accounts[0];
  // the delegated administrators' snapshots join the context account's own run (see delegatedAdministratorIds)
  const admins: AccountSnapshot[] = [];
  for (const id of contextAccount ? delegatedAdministratorIds(contextAccount) : []) {
    const entry = entryOf.get(id);
    if (entry?.outcome === 'audited' && id !== contextId) admins.push(...(await store.readAccount(entry)).accounts);
  }

  const findings: Finding[] = [];
  const reportAccounts: ScanReport['accounts'] = [];
  let header: Snapshot | undefined = context;
  for (const entry of [...index.accounts].sort((a, b) => a.accountId.localeCompare(b.accountId))) {
    if (entry.outcome === 'skipped') continue;
    const own = await loadAccount(store, entry, context, failedRegions, fallbackTime);
    header ??= own.snapshot;
    const account = own.account;
    const evaluation: Snapshot = {
      ...own.snapshot,
      accounts: contextAccount && contextAccount.accountId !== account.accountId ? [contextAccount, account] : [account, ...admins],
    };
    deepFreeze(evaluation);
    for (const check of selected) {
      // an account that could not be entered is still judged by the organization checks, from the context account
      if (entry.outcome !== 'audited' && contextAccount && check.meta.scope === 'org') continue;
      const results = runCheck(check, evaluation, account, opts.checkOptions?.[check.meta.id], opts.deniedRegions);
      for (const f of toFindings(check, account.accountId, results)) findings.push(placed(f, check, entryOf));
    }
    reportAccounts.push({
      accountId: account.accountId,
      scannedRegions: entry.outcome === 'audited' ? Object.keys(account.regional).sort() : [],
      skippedRegions: account.regions.ok ? account.regions.value.filter((r) => !r.scanned).map((r) => ({ name: r.name, note: r.note })) : [],
      regionListError: account.regions.ok ? null : account.regions.error,
    });
  }

  // The scanning account is not audited in this run (excluded, or in another shard): the organization checks still
  // judge every member from its saved Organizations slice — once per organization, so in a sharded run only in the
  // shard that the scanning account belongs to.
  const shard = index.request.shard;
  if (contextId === undefined && contextAccount && (!shard || shardOf(index.scannedFrom.accountId, shard.count) === shard.index)) {
    const evaluation = deepFreeze({ ...context, accounts: [contextAccount] });
    for (const check of selected.filter((c) => c.meta.scope === 'org')) {
      const results = runCheck(check, evaluation, contextAccount, opts.checkOptions?.[check.meta.id]);
      for (const f of toFindings(check, contextAccount.accountId, results)) findings.push(placed(f, check, entryOf));
    }
  }
  const report = orgReport(index, findings, selected.length, reportAccounts, opts.ledger, header);
  report.organization = buildOrgSection(index, findings);
  report.frameworks = summarizeFrameworks((opts.checks ?? allChecks).map((c) => c.meta), selected.map((c) => c.meta), findings);
  return { report, findings };
}

/**
 * The audited accounts that administer GuardDuty or Security Hub for the organization, as the context (management)
 * account lists them. Their organization configuration is read in their own snapshot, so the context account's run
 * must see that they are part of this scan (their own run judges it) rather than report the data missing; the extra
 * snapshots are few (one administrator per service) and held only for that run.
 */
export function delegatedAdministratorIds(account: AccountSnapshot): string[] {
  const ids = new Set<string>();
  const delegated = account.organizations.delegatedAdministrators;
  if (delegated.ok && delegated.value !== null) {
    for (const d of delegated.value) if (d.servicePrincipals.some((p) => p === 'guardduty.amazonaws.com' || p === 'securityhub.amazonaws.com')) ids.add(d.accountId);
  }
  for (const region of Object.values(account.regional)) {
    const gd = region.guardduty.organizationAdminAccounts;
    if (gd.ok) for (const a of gd.value) if (a.adminStatus === 'ENABLED') ids.add(a.adminAccountId);
    const sh = region.securityhub.organizationAdminAccounts;
    if (sh.ok) for (const a of sh.value) if (a.status === 'ENABLED') ids.add(a.accountId);
  }
  ids.delete(account.accountId);
  return [...ids].sort();
}

/** A report over an organization's accounts (also the `--stats` of `collect --org`, with no findings). */
export function orgReport(
  index: OrgIndex,
  findings: Finding[],
  checks: number,
  accounts: ScanReport['accounts'],
  ledger?: LedgerEntry[],
  header?: Snapshot,
): ScanReport {
  const base: Snapshot = header ?? { kind: SNAPSHOT_KIND, schemaVersion: SNAPSHOT_VERSION, tool: index.tool, collectedAt: index.startedAt, source: 'aws', accounts: [] };
  const report = buildReport({ ...base, collectedAt: index.collectedAt ?? base.collectedAt, accounts: [] }, findings, checks, ledger);
  report.accounts = accounts;
  report.summary = summarize(findings, checks, accounts.length);
  return report;
}

/** The scanning account as checks see it when it was not audited: only its Organizations slice is known. */
export function contextFromIndex(index: OrgIndex, now: string): Snapshot {
  const error: CollectError = { code: 'NotCollected', operation: 'rampart:collect', message: `account ${index.scannedFrom.accountId} was not audited in this run` };
  const account = { ...uncollectedAccount(index.scannedFrom.accountId, [], error, now), organizations: index.organizations };
  return { kind: SNAPSHOT_KIND, schemaVersion: SNAPSHOT_VERSION, tool: index.tool, collectedAt: now, source: 'aws', accounts: [account] };
}

async function loadAccount(
  store: OrgSnapshotDir,
  entry: OrgAccountEntry,
  context: Snapshot | undefined,
  failedRegions: string[],
  fallbackTime: string,
): Promise<{ snapshot: Snapshot; account: AccountSnapshot }> {
  if (entry.outcome === 'audited') {
    if (context?.accounts[0]?.accountId === entry.accountId) return { snapshot: context, account: context.accounts[0] };
    const snapshot = await store.readAccount(entry);
    return { snapshot, account: snapshot.accounts[0]! };
  }
  const error = entry.error ?? { code: 'NotCollected' as const, operation: 'rampart:collect', message: 'no data was collected for this account' };
  const account = uncollectedAccount(entry.accountId, failedRegions, error, fallbackTime);
  const header = context ?? { kind: SNAPSHOT_KIND, schemaVersion: SNAPSHOT_VERSION, tool: { name: 'rampart', version: 'unknown' }, source: 'aws' as const };
  return { snapshot: { ...header, collectedAt: fallbackTime, accounts: [account] }, account };
}

/**
 * File a finding under the account it is about, with that account's OU path. Organization-scope checks run in the
 * context account but judge each member (e.g. "SCPs reaching 222…"): those findings belong to the member.
 */
function placed(f: Finding, check: Check, entries: Map<string, OrgAccountEntry>): Finding {
  const about = check.meta.scope === 'org' && f.resource.type === 'AwsAccount' && entries.has(f.resource.id) ? f.resource.id : f.accountId;
  const ouPath = entries.get(about)?.ouPath;
  return { ...f, accountId: about, ...(ouPath !== undefined ? { ouPath } : {}) };
}
