// Which AWS accounts belong to the scanned account's organization, for checks that warn about sharing with
// accounts outside it (ebs-snapshot-public, s3-bucket-policy-least-privilege). The list comes from the
// Organizations structure of any account in the snapshot that could read it (the management account or a delegated
// administrator); a member-only scan cannot know it, and then the answer is the error, never a guess.
import type { CollectError } from '../../inventory/collected.ts';
import type { CheckContext } from '../define.ts';

export type OrgMembership =
  /** The account is in no organization: every other account is outside. */
  | { kind: 'standalone' }
  | { kind: 'known'; orgId: string; accounts: ReadonlySet<string> }
  | { kind: 'unknown'; error: CollectError };

export function organizationAccounts<O>(ctx: CheckContext<O>): OrgMembership {
  const org = ctx.account.organizations.organization;
  if (!org.ok) return { kind: 'unknown', error: org.error };
  if (org.value === null) return { kind: 'standalone' };
  const orgId = org.value.id;
  const members = new Set<string>([ctx.account.accountId]);
  let listed = false;
  for (const a of ctx.snapshot.accounts) {
    const o = a.organizations.organization;
    if (!o.ok || o.value?.id !== orgId) continue;
    members.add(a.accountId);
    const s = a.organizations.structure;
    if (s.ok && s.value !== null) {
      listed = true;
      for (const acct of s.value.accounts) members.add(acct.id);
    }
  }
  if (listed) return { kind: 'known', orgId, accounts: members };
  const own = ctx.account.organizations.structure;
  const error: CollectError = own.ok
    ? { code: 'NotCollected', operation: 'organizations:ListAccounts', message: `the accounts of organization ${orgId} were not collected` }
    : own.error;
  return { kind: 'unknown', error };
}

/** Whether `accountId` is outside the organization (true/false), or undefined when membership is unknown. */
export function outsideOrganization(m: OrgMembership, ownAccountId: string, accountId: string): boolean | undefined {
  if (accountId === ownAccountId) return false;
  if (m.kind === 'standalone') return true;
  if (m.kind === 'known') return !m.accounts.has(accountId);
  return undefined;
}
