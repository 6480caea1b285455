// Fixtures of the SSO Admin slice: the empty default (no Identity Center instance in the Region) and item builders.
import { ok } from '../../inventory/collected.ts';
import type { PermissionSet, SsoAdminSlice, SsoAssignment, SsoInstance } from './schema.ts';

export function emptySsoAdmin(): SsoAdminSlice {
  return { instances: ok([]) };
}

export function ssoInstance(ownerAccountId: string, permissionSets: PermissionSet[], opts: Partial<Omit<SsoInstance, 'permissionSets'>> = {}): SsoInstance {
  return {
    instanceArn: 'arn:aws:sso:::instance/ssoins-1111111111111111',
    identityStoreId: 'd-1111111111',
    ownerAccountId,
    status: 'ACTIVE',
    name: null,
    permissionSets: ok(permissionSets),
    ...opts,
  };
}

/** A permission set with AWS-managed policies (by name, e.g. `ReadOnlyAccess`) assigned as given. */
export function permissionSet(name: string, managedPolicies: string[], assignments: SsoAssignment[] | null = [], opts: { inlinePolicy?: unknown } = {}): PermissionSet {
  return {
    arn: `arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-${name.toLowerCase().replace(/[^a-z0-9]/g, '')}`,
    name,
    managedPolicyArns: ok(managedPolicies.map((p) => `arn:aws:iam::aws:policy/${p}`)),
    inlinePolicy: ok(opts.inlinePolicy ?? null),
    assignments: ok(assignments),
  };
}

export function groupAssignment(accountId: string, groupId: string): SsoAssignment {
  return { accountId, principalType: 'GROUP', principalId: groupId };
}

/**
 * The secure baseline's home Region: an organization instance owned by the account, with a read-only and a
 * break-glass permission set assigned to the security group in the account itself.
 */
export function secureSsoAdmin(accountId: string): SsoAdminSlice {
  const assigned = [groupAssignment(accountId, 'g-security')];
  return {
    instances: ok([ssoInstance(accountId, [permissionSet('SecurityAudit', ['SecurityAudit'], assigned), permissionSet('BreakGlass', ['AdministratorAccess'], assigned)])]),
  };
}
