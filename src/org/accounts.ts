// The organization's accounts with their OU paths, and which of them a run audits (--accounts, --ous, --exclude-accounts,
// --shard). Pure functions of the collected structure, so selection is tested without AWS.
import { UsageError } from '../core/errors.ts';
import type { OrgStructure } from '../services/organizations/schema.ts';

export interface OrgAccount {
  id: string;
  name: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE… (State, or the older Status). */
  status: string;
  /** Names from the root down to the account's parent, e.g. `Root/Workloads/Prod`. */
  ouPath: string;
  /** Ids from the root down to the account's parent (root id first). */
  parentIds: string[];
}

/** Every account of the structure, sorted by id, with its OU path. A parent missing from the structure is a collector bug. */
export function organizationAccounts(structure: OrgStructure): OrgAccount[] {
  const parents = new Map<string, { name: string; parentId: string | undefined }>();
  for (const r of structure.roots) parents.set(r.id, { name: r.name, parentId: undefined });
  for (const ou of structure.organizationalUnits) parents.set(ou.id, { name: ou.name, parentId: ou.parentId });
  const chain = (parentId: string): { names: string[]; ids: string[] } => {
    const names: string[] = [];
    const ids: string[] = [];
    for (let id: string | undefined = parentId; id !== undefined; ) {
      const p = parents.get(id);
      // a cycle or an unknown parent cannot come from AWS; show the id rather than loop or drop the account
      if (p === undefined || ids.includes(id)) {
        names.unshift(id);
        ids.unshift(id);
        break;
      }
      names.unshift(p.name);
      ids.unshift(id);
      id = p.parentId;
    }
    return { names, ids };
  };
  return structure.accounts
    .map((a) => {
      const { names, ids } = chain(a.parentId);
      return { id: a.id, name: a.name, status: a.status, ouPath: names.join('/'), parentIds: ids };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export interface AccountSelection {
  /** Only these account ids (`--accounts`). */
  accounts?: string[];
  /** Only accounts anywhere under these OUs or roots (`--ous`, ids like ou-ab12-cdef5678 or r-ab12). */
  ous?: string[];
  /** Never these account ids (`--exclude-accounts`). */
  exclude?: string[];
  /** `--shard i/n`: this run takes every n-th selected account. */
  shard?: Shard;
}

export interface Shard {
  index: number;
  count: number;
}

export type SelectionOutcome = { account: OrgAccount; audit: true } | { account: OrgAccount; audit: false; reason: string };

/** Parse `--shard i/n` (1-based, i ≤ n). */
export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n, e.g. 1/4 (got "${value}")`);
  return { index, count };
}

/**
 * Which shard an account belongs to: a hash of its id, not its position, so adding or closing an account does not
 * move every other account to a different shard between runs (FNV-1a with a murmur3 finalizer, stable across machines).
 */
export function shardOf(accountId: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i++) {
    h ^= accountId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // finalizer (murmur3's): FNV's low bits barely differ between ids like 111…1 and 222…2
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return (h % count) + 1;
}

/**
 * Decide for every account whether this run audits it, and if not, why (so the report lists every account).
 * Ids that match nothing are a UsageError: a typo must not silently shrink the audit.
 */
export function selectAccounts(all: OrgAccount[], sel: AccountSelection): SelectionOutcome[] {
  const ids = new Set(all.map((a) => a.id));
  const parentIds = new Set(all.flatMap((a) => a.parentIds));
  for (const [flag, list] of [['--accounts', sel.accounts], ['--exclude-accounts', sel.exclude]] as const) {
    const unknown = (list ?? []).filter((id) => !ids.has(id));
    if (unknown.length > 0) throw new UsageError(`${flag}: not an account of this organization: ${unknown.join(', ')}`, { hint: 'account ids are 12 digits; `aws organizations list-accounts` lists them' });
  }
  const unknownOus = (sel.ous ?? []).filter((id) => !parentIds.has(id) && !all.some((a) => a.parentIds.includes(id)));
  if (unknownOus.length > 0) throw new UsageError(`--ous: no account sits under ${unknownOus.join(', ')}`, { hint: 'pass OU ids (ou-…) or the root id (r-…); `aws organizations list-roots` and `list-organizational-units-for-parent` list them' });

  const only = sel.accounts && sel.accounts.length > 0 ? new Set(sel.accounts) : undefined;
  const ous = sel.ous && sel.ous.length > 0 ? new Set(sel.ous) : undefined;
  const exclude = new Set(sel.exclude ?? []);
  return all.map((account): SelectionOutcome => {
    if (account.status !== 'ACTIVE') return { account, audit: false, reason: `account is ${account.status}` };
    if (only && !only.has(account.id)) return { account, audit: false, reason: 'not selected (--accounts)' };
    if (ous && !account.parentIds.some((p) => ous.has(p))) return { account, audit: false, reason: 'not under the selected OUs (--ous)' };
    if (exclude.has(account.id)) return { account, audit: false, reason: 'excluded (--exclude-accounts)' };
    if (sel.shard && shardOf(account.id, sel.shard.count) !== sel.shard.index) {
      return { account, audit: false, reason: `in shard ${shardOf(account.id, sel.shard.count)}/${sel.shard.count}` };
    }
    return { account, audit: true };
  });
}
