// The organization section of a report: every account of the organization with its outcome (audited, could not be
// audited and why, skipped and why) and its finding counts, rolled up per OU — so nothing is silently missing.
import { styleText } from 'node:util';
import { statuses, type Finding, type Status } from '../findings/finding.ts';
import type { CollectError } from '../inventory/collected.ts';
import type { OrgIndex } from '../org/store.ts';
import { adviceFor } from './advice.ts';

export interface OrgReportAccount {
  accountId: string;
  name: string;
  ouPath: string;
  status: string;
  outcome: 'audited' | 'error' | 'skipped';
  note?: string;
  error?: CollectError;
  /** Unmuted findings by status. */
  findings: Record<Status, number>;
}

export interface OrgReportSection {
  id: string;
  managementAccountId: string;
  scannedFrom: string;
  /** False when the collection was interrupted (some accounts never finished). */
  complete: boolean;
  accounts: OrgReportAccount[];
  /** Per OU path: accounts in it, how many were audited, and their unmuted failures and errors. */
  ous: Array<{ ouPath: string; accounts: number; audited: number; fail: number; error: number }>;
}

/** What the section needs of an index (a merged report rebuilds it from its inputs' sections). */
export type OrgSectionInput = Pick<OrgIndex, 'organization' | 'collectedAt' | 'accounts'> & { scannedFrom: { accountId: string } };

export function buildOrgSection(index: OrgSectionInput, findings: readonly Finding[]): OrgReportSection {
  const counts = new Map<string, Record<Status, number>>();
  for (const f of findings) {
    if (f.muted) continue;
    let c = counts.get(f.accountId);
    if (!c) counts.set(f.accountId, (c = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<Status, number>));
    c[f.status] += 1;
  }
  const zero = () => Object.fromEntries(statuses.map((s) => [s, 0])) as Record<Status, number>;
  const accounts = [...index.accounts]
    .sort((a, b) => a.ouPath.localeCompare(b.ouPath) || a.accountId.localeCompare(b.accountId))
    .map((a): OrgReportAccount => ({
      accountId: a.accountId,
      name: a.name,
      ouPath: a.ouPath,
      status: a.status,
      outcome: a.outcome,
      ...(a.note ? { note: a.note } : {}),
      ...(a.error ? { error: a.error } : {}),
      findings: counts.get(a.accountId) ?? zero(),
    }));
  const ous = new Map<string, OrgReportSection['ous'][number]>();
  for (const a of accounts) {
    const ou = ous.get(a.ouPath) ?? { ouPath: a.ouPath, accounts: 0, audited: 0, fail: 0, error: 0 };
    ou.accounts += 1;
    if (a.outcome === 'audited') ou.audited += 1;
    ou.fail += a.findings.fail;
    ou.error += a.findings.error;
    ous.set(a.ouPath, ou);
  }
  return {
    id: index.organization.id,
    managementAccountId: index.organization.managementAccountId,
    scannedFrom: index.scannedFrom.accountId,
    complete: index.collectedAt !== null,
    accounts,
    ous: [...ous.values()],
  };
}

/** The per-account and per-OU summary printed above the findings. */
export function renderOrgSection(org: OrgReportSection, opts: { color: boolean }): string {
  const paint = (style: Parameters<typeof styleText>[0], s: string) => (opts.color ? styleText(style, s, { validateStream: false }) : s);
  const n = (k: OrgReportAccount['outcome']) => org.accounts.filter((a) => a.outcome === k).length;
  const out: string[] = [];
  out.push(
    paint('bold', `Organization ${org.id}`) +
      ` — ${org.accounts.length} accounts: ${n('audited')} audited, ${n('error')} could not be audited, ${n('skipped')} skipped${org.complete ? '' : ' (collection incomplete: run it again with --resume)'}`,
  );
  const width = Math.max(...org.accounts.map((a) => a.ouPath.length), 6);
  for (const a of org.accounts) {
    const where = `  ${a.accountId}  ${a.ouPath.padEnd(width)}  ${a.name}`;
    if (a.outcome === 'audited') {
      const f = a.findings;
      out.push(`${where}  ${paint('red', `${f.fail} failed`)}, ${paint('magenta', `${f.error} not evaluated`)}, ${paint('green', `${f.pass} passed`)}`);
    } else if (a.outcome === 'error') {
      out.push(`${where}  ${paint(['bold', 'magenta'], 'NOT AUDITED')}: ${a.error?.message ?? 'unknown cause'}`);
      if (a.error && a.error.operation !== 'sts:AssumeRole') out.push(`    ${adviceFor(a.error)}`);
    } else {
      out.push(`${where}  ${paint('gray', `skipped: ${a.note ?? ''}`)}`);
    }
  }
  if (org.ous.length > 1) {
    out.push('', paint('bold', 'By OU'));
    for (const ou of org.ous) {
      out.push(`  ${ou.ouPath.padEnd(width)}  ${ou.audited}/${ou.accounts} audited, ${ou.fail} failed, ${ou.error} not evaluated`);
    }
  }
  out.push('', '');
  return out.join('\n');
}
