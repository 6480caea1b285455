// The one line a single-account scan from a management account prints: how many members it did not audit, and how.
import type { Snapshot } from '../inventory/snapshot.ts';

export function unauditedMembersHint(snapshot: Snapshot): string | undefined {
  const account = snapshot.accounts[0];
  if (snapshot.accounts.length !== 1 || !account) return undefined;
  const { organization, structure } = account.organizations;
  if (!organization.ok || organization.value === null || !structure.ok || structure.value === null) return undefined;
  if (organization.value.managementAccountId !== account.accountId) return undefined;
  const members = structure.value.accounts.filter((a) => a.id !== account.accountId && a.status === 'ACTIVE').length;
  if (members === 0) return undefined;
  return `${members} member account${members === 1 ? '' : 's'} of organization ${organization.value.id} ${members === 1 ? 'was' : 'were'} not audited (only SCP checks cover them); run \`rampart scan --org\` to audit every account`;
}
