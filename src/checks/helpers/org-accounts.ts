// The organization's account ids as a check sees them: from the organizations slice of the account that could read
// the structure (the management account in an organization scan, or a delegated administrator). A standalone account
// is its own "organization"; a member whose organization structure no scanned account could read gets an error.
import type { CollectError } from '../../inventory/collected.ts';
import type { CheckContext } from '../define.ts';
import { organizationEvaluator } from '../org/scp-scope.ts';

export type OrgAccountIds = { ok: true; ids: ReadonlySet<string>; organizationId: string | null } | { ok: false; error: CollectError };

export function organizationAccountIds<O>(ctx: CheckContext<O>): OrgAccountIds {
  const self = ctx.account.accountId;
  const org = ctx.account.organizations.organization;
  if (!org.ok) return { ok: false, error: org.error };
  if (org.value === null) return { ok: true, ids: new Set([self]), organizationId: null };
  const orgId = org.value.id;
  const evaluator = organizationEvaluator(ctx.snapshot, orgId);
  const reader = ctx.snapshot.accounts.find((a) => a.accountId === evaluator);
  const structure = reader?.organizations.structure;
  if (structure?.ok && structure.value !== null) {
    return { ok: true, ids: new Set([self, ...structure.value.accounts.map((a) => a.id)]), organizationId: orgId };
  }
  const own = ctx.account.organizations.structure;
  const cause = own.ok ? undefined : own.error;
  return {
    ok: false,
    error: {
      code: cause?.code ?? 'NotCollected',
      operation: cause?.operation ?? 'organizations:ListAccounts',
      message: `the accounts of organization ${orgId} are unknown: no scanned account could list them${cause ? ` (${cause.message})` : ''}; scan from the management account ${org.value.managementAccountId} or include it in the scan`,
    },
  };
}
