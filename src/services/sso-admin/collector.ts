// SSO Admin collector (per Region). The Identity Center instance lives in its home Region, which the account does not
// advertise, so ListInstances runs in every scanned Region (an empty list elsewhere); the permission-set reads run
// only where an instance is. Assignments are read only for the permission sets the checks judge (see schema.ts).
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  paginateListAccountAssignments,
  paginateListAccountsForProvisionedPermissionSet,
  paginateListInstances,
  paginateListManagedPoliciesInPermissionSet,
  paginateListPermissionSets,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { drain } from '../../collectors/collect.ts';
import { need, read, regionalClient, type RegionalContext } from '../../collectors/regional/shared.ts';
import { parsePolicyDocument } from '../../collectors/shape.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok, type Collected } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import type { PermissionSet, SsoAssignment, SsoInstance } from './schema.ts';

const OPS = {
  instances: 'sso:ListInstances',
  permissionSets: 'sso:ListPermissionSets',
  describe: 'sso:DescribePermissionSet',
  managed: 'sso:ListManagedPoliciesInPermissionSet',
  inline: 'sso:GetInlinePolicyForPermissionSet',
  accounts: 'sso:ListAccountsForProvisionedPermissionSet',
  assignments: 'sso:ListAccountAssignments',
} as const;

/** The AWS-managed policies security-team-permission-sets looks for. */
const JUDGED_POLICY = /^arn:[^:]+:iam::aws:policy\/(ReadOnlyAccess|SecurityAudit|AdministratorAccess)$/;

function worthAssignments(managed: Collected<string[]>, inline: Collected<unknown>): boolean {
  // when a list could not be read, whether the set matters is unknown: read its assignments anyway
  if (!managed.ok || !inline.ok) return true;
  return managed.value.some((arn) => JUDGED_POLICY.test(arn)) || inline.value !== null;
}

async function assignments(ctx: RegionalContext, client: SSOAdminClient, instanceArn: string, permissionSetArn: string): Promise<Collected<SsoAssignment[]>> {
  const accounts = await read(OPS.accounts, ctx.region, () =>
    ctx.limiter.run(() => drain(paginateListAccountsForProvisionedPermissionSet({ client, pageSize: 100 }, { InstanceArn: instanceArn, PermissionSetArn: permissionSetArn }), (p) => p.AccountIds)),
  );
  if (!accounts.ok) return accounts;
  return read(OPS.assignments, ctx.region, async () => {
    const perAccount = await Promise.all(
      accounts.value.map((accountId) =>
        ctx.limiter.run(() =>
          drain(paginateListAccountAssignments({ client, pageSize: 100 }, { InstanceArn: instanceArn, AccountId: accountId, PermissionSetArn: permissionSetArn }), (p) => p.AccountAssignments),
        ),
      ),
    );
    return perAccount.flat().map((a) => ({
      accountId: need(a.AccountId, 'AccountAssignment.AccountId'),
      principalType: need(a.PrincipalType, 'AccountAssignment.PrincipalType'),
      principalId: need(a.PrincipalId, 'AccountAssignment.PrincipalId'),
    }));
  });
}

async function permissionSet(ctx: RegionalContext, client: SSOAdminClient, instanceArn: string, arn: string): Promise<Collected<PermissionSet>> {
  const described = await read(OPS.describe, ctx.region, async () => {
    const out = await ctx.limiter.run(() => client.send(new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn })));
    return need(need(out.PermissionSet, 'PermissionSet').Name, 'PermissionSet.Name');
  });
  if (!described.ok) return described;
  const [managedPolicyArns, inlinePolicy] = await Promise.all([
    read(OPS.managed, ctx.region, () =>
      ctx.limiter.run(async () =>
        (await drain(paginateListManagedPoliciesInPermissionSet({ client, pageSize: 100 }, { InstanceArn: instanceArn, PermissionSetArn: arn }), (p) => p.AttachedManagedPolicies)).map((p) =>
          need(p.Arn, 'AttachedManagedPolicy.Arn'),
        ),
      ),
    ),
    read(OPS.inline, ctx.region, async () => {
      const out = await ctx.limiter.run(() => client.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn })));
      return out.InlinePolicy === undefined || out.InlinePolicy === '' ? null : parsePolicyDocument(out.InlinePolicy);
    }),
  ]);
  const assigned = worthAssignments(managedPolicyArns, inlinePolicy) ? await assignments(ctx, client, instanceArn, arn) : ok(null);
  return ok({ arn, name: described.value, managedPolicyArns, inlinePolicy, assignments: assigned });
}

async function permissionSets(ctx: RegionalContext, client: SSOAdminClient, instanceArn: string): Promise<Collected<PermissionSet[]>> {
  const arns = await read(OPS.permissionSets, ctx.region, () =>
    ctx.limiter.run(() => drain(paginateListPermissionSets({ client, pageSize: 100 }, { InstanceArn: instanceArn }), (p) => p.PermissionSets)),
  );
  if (!arns.ok) return arns;
  const sets = await Promise.all(arns.value.map((arn) => permissionSet(ctx, client, instanceArn, arn)));
  // one unreadable permission set leaves the list incomplete, and an incomplete list cannot prove anything absent
  const broken = sets.find((s) => !s.ok);
  if (broken && !broken.ok) return broken;
  return ok(sets.flatMap((s) => (s.ok ? [s.value] : [])));
}

export const ssoAdminCollector: RegionalCollector<'ssoAdmin'> = {
  key: 'ssoAdmin',
  operations: Object.values(OPS),
  async collect(ctx): Promise<RegionalSnapshot['ssoAdmin']> {
    const client = regionalClient(ctx, SSOAdminClient);
    const listed = await read(OPS.instances, ctx.region, () =>
      ctx.limiter.run(async () =>
        (await drain(paginateListInstances({ client, pageSize: 100 }, {}), (p) => p.Instances)).map((i) => ({
          instanceArn: need(i.InstanceArn, 'Instance.InstanceArn'),
          identityStoreId: i.IdentityStoreId ?? null,
          ownerAccountId: i.OwnerAccountId ?? null,
          status: i.Status ?? null,
          name: i.Name ?? null,
        })),
      ),
    );
    if (!listed.ok) return { instances: listed };
    const instances: SsoInstance[] = await Promise.all(listed.value.map(async (i) => ({ ...i, permissionSets: await permissionSets(ctx, client, i.instanceArn) })));
    return { instances: ok(instances) };
  },
};
