// `rampart merge`: join the outputs of a sharded organization run — snapshot directories (then evaluate the result
// with `scan --snapshot DIR`) or JSON reports. Every account must come out exactly once: an account audited by two
// inputs is refused, and an account that no input covered is reported as not audited, never dropped.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputFileError, UsageError } from '../core/errors.ts';
import type { LedgerEntry } from '../aws/ledger.ts';
import { buildOrgSection } from '../report/org.ts';
import { REPORT_KIND, REPORT_VERSION, type ScanReport } from '../report/json.ts';
import { compareFindings, summarize } from '../report/summary.ts';
import type { OrgIndex } from './store.ts';
import { OrgSnapshotDir, type OrgAccountEntry } from './store.ts';

function covered(e: OrgAccountEntry): boolean {
  return e.outcome !== 'skipped' || !e.note?.startsWith('in shard');
}

/** One entry per account: the input that covered it; two that audited it is an error (overlapping shards). */
function mergeEntries(inputs: Array<{ name: string; accounts: OrgAccountEntry[] }>): OrgAccountEntry[] {
  const merged = new Map<string, { entry: OrgAccountEntry; from: string }>();
  for (const { name, accounts } of inputs) {
    for (const e of accounts) {
      const have = merged.get(e.accountId);
      if (!have || (!covered(have.entry) && covered(e))) merged.set(e.accountId, { entry: e, from: name });
      else if (covered(have.entry) && covered(e) && have.entry.outcome !== 'skipped' && e.outcome !== 'skipped') {
        throw new UsageError(`account ${e.accountId} is in both ${have.from} and ${name}`, { hint: 'merge the shards of one run (same --shard i/n split), each once' });
      }
    }
  }
  return [...merged.values()].map(({ entry }) =>
    covered(entry)
      ? entry
      : {
          ...entry,
          outcome: 'error' as const,
          error: { code: 'NotCollected' as const, operation: 'rampart:merge', message: `no merged input covered this account (its shard, ${entry.note?.replace('in shard ', '')}, is missing)` },
        },
  );
}

function checkSameRun(indexes: Array<{ name: string; index: OrgIndex }>): void {
  const first = indexes[0]!;
  for (const { name, index } of indexes.slice(1)) {
    if (index.organization.id !== first.index.organization.id) throw new UsageError(`${name} is of organization ${index.organization.id}, ${first.name} of ${first.index.organization.id}`);
    const a = { ...first.index.request, shard: first.index.request.shard?.count ?? null };
    const b = { ...index.request, shard: index.request.shard?.count ?? null };
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new UsageError(`${name} was collected with other settings than ${first.name} (${JSON.stringify(index.request)} vs ${JSON.stringify(first.index.request)})`);
  }
}

/** Merge organization snapshot directories into `out` (account files are copied). */
export async function mergeSnapshotDirs(inputs: string[], out: string): Promise<OrgIndex> {
  const loaded = await Promise.all(inputs.map(async (dir) => ({ name: dir, store: new OrgSnapshotDir(dir), index: await new OrgSnapshotDir(dir).requireIndex() })));
  checkSameRun(loaded);
  const accounts = mergeEntries(loaded.map((l) => ({ name: l.name, accounts: l.index.accounts })));
  const target = new OrgSnapshotDir(out);
  await target.prepare();
  if (await target.readIndex()) throw new UsageError(`${out} already holds an organization snapshot`, { hint: 'merge into an empty directory' });
  for (const e of accounts) {
    if (e.outcome !== 'audited' || !e.file) continue;
    const source = loaded.find((l) => l.index.accounts.some((a) => a.accountId === e.accountId && a.outcome === 'audited'));
    if (!source) throw new InputFileError(out, `no input holds the file of account ${e.accountId}`);
    await copyFile(join(source.store.dir, e.file), join(out, e.file));
  }
  const first = loaded[0]!.index;
  const finished = loaded.map((l) => l.index.collectedAt);
  const index: OrgIndex = {
    ...first,
    startedAt: loaded.map((l) => l.index.startedAt).sort()[0] ?? first.startedAt,
    collectedAt: finished.includes(null) ? null : ([...finished].sort().at(-1) ?? null),
    request: { ...first.request, shard: null },
    accounts: accounts.sort((a, b) => a.accountId.localeCompare(b.accountId)),
  };
  await target.writeIndex(index);
  return index;
}

function sumLedgers(lists: LedgerEntry[][]): LedgerEntry[] {
  const by = new Map<string, LedgerEntry>();
  for (const e of lists.flat()) {
    const key = `${e.service}|${e.operation}|${e.region}`;
    const have = by.get(key);
    if (!have) by.set(key, { ...e });
    else for (const k of ['calls', 'retries', 'throttled', 'errors'] as const) have[k] += e[k];
  }
  return [...by.values()].sort((a, b) => a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation) || a.region.localeCompare(b.region));
}

/** Merge the JSON reports of a sharded `scan --org --format json` run. */
export function mergeReports(inputs: Array<{ name: string; report: ScanReport }>): ScanReport {
  const orgs = inputs.map((i) => ({ name: i.name, org: i.report.organization }));
  const missing = orgs.find((o) => !o.org);
  if (missing) throw new InputFileError(missing.name, 'not an organization report (no "organization" section); merge joins the reports of `scan --org` shards');
  const ids = new Set(orgs.map((o) => o.org!.id));
  if (ids.size > 1) throw new UsageError(`the reports are of different organizations: ${[...ids].join(', ')}`);
  const first = inputs[0]!.report;
  const accounts = mergeEntries(orgs.map((o) => ({ name: o.name, accounts: o.org!.accounts.map((a) => ({ ...a })) })));
  const findings = inputs.flatMap((i) => i.report.findings).sort(compareFindings);
  const checks = Math.max(...inputs.map((i) => i.report.summary.checks));
  const reportAccounts = inputs.flatMap((i) => i.report.accounts).sort((a, b) => a.accountId.localeCompare(b.accountId));
  const index = {
    organization: { id: first.organization!.id, managementAccountId: first.organization!.managementAccountId },
    scannedFrom: { accountId: first.organization!.scannedFrom },
    collectedAt: orgs.every((o) => o.org!.complete) ? first.collectedAt : null,
    accounts,
  };
  const ledgers = inputs.map((i) => i.report.apiCalls?.byOperation ?? []);
  const merged: ScanReport = {
    kind: REPORT_KIND,
    schemaVersion: REPORT_VERSION,
    tool: first.tool,
    collectedAt: inputs.map((i) => i.report.collectedAt).sort().at(-1) ?? first.collectedAt,
    source: first.source,
    accounts: reportAccounts,
    summary: summarize(findings, checks, reportAccounts.length),
    findings,
    organization: buildOrgSection(index, findings),
  };
  if (inputs.some((i) => i.report.apiCalls)) {
    const byOperation = sumLedgers(ledgers);
    const t = { total: 0, retries: 0, throttled: 0, errors: 0 };
    for (const e of byOperation) {
      t.total += e.calls;
      t.retries += e.retries;
      t.throttled += e.throttled;
      t.errors += e.errors;
    }
    merged.apiCalls = { ...t, byOperation };
  }
  return merged;
}
