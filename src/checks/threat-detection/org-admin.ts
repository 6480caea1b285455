// Shared by the delegated-administrator checks (not a check itself): which scanned account judges a service's
// organization setup. The delegated administrators are listed only in the management account, and the organization
// configuration only in the administrator, so in an organization scan (--org) the two accounts' snapshots of the same
// run are read together; when the account holding the data is not in the snapshot, the result is an error naming it.
import type { CheckResult } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { Organization, OrgStructure } from '../../services/organizations/schema.ts';
import { requireData, type CheckContext } from '../define.ts';
import { organizationEvaluator } from '../org/scp-scope.ts';

export type OrgSide =
  | { kind: 'evaluate'; organization: Organization; management: AccountSnapshot | undefined; self: AccountSnapshot }
  | { kind: 'done'; results: CheckResult[] };

/** The organization of the account under evaluation and the management account's snapshot, when it is in this run. */
export function orgSide<O>(ctx: CheckContext<O>): OrgSide {
  const self = ctx.accountResource();
  const org = requireData(ctx, ctx.account.organizations.organization, self, 'the organization (DescribeOrganization)');
  if (!org.ok) return { kind: 'done', results: [org.result] };
  if (org.value === null) return { kind: 'done', results: [ctx.notApplicable(self, `account ${self.id} is not in an AWS Organization`)] };
  const management = ctx.snapshot.accounts.find((a) => a.accountId === org.value?.managementAccountId);
  return { kind: 'evaluate', organization: org.value, management, self: ctx.account };
}

/** The error for data that lives in another account of the organization that this run did not collect. */
export function elsewhere(operation: string, message: string): CollectError {
  return { code: 'NotCollected', operation, message };
}

/** The organization's accounts, from whichever scanned account could read the structure (management or a delegated admin). */
export function orgAccounts<O>(ctx: CheckContext<O>, organization: Organization): { ok: true; value: OrgStructure['accounts'] } | { ok: false; error: CollectError } {
  const reader = organizationEvaluator(ctx.snapshot, organization.id);
  const account = ctx.snapshot.accounts.find((a) => a.accountId === reader);
  const structure = account?.organizations.structure;
  if (structure?.ok && structure.value !== null) return { ok: true, value: structure.value.accounts };
  const own = ctx.account.organizations.structure;
  if (!own.ok) return { ok: false, error: own.error };
  return {
    ok: false,
    error: elsewhere('organizations:ListAccounts', `the accounts of organization ${organization.id} are read in the management account ${organization.managementAccountId}; run with --org`),
  };
}
