// Organizations collector (account-level, global): whether the account is in an organization, and — from the
// management account or a delegated administrator — its structure (roots, OUs, accounts, SCPs with their
// documents and targets) and, recorded apart, its delegated administrators.
//
// Accounts are listed per parent (ListAccountsForParent) while walking the OU tree, not with ListAccounts +
// ListParents: the walk already visits every parent, so this costs one call per root/OU (plus pages of 20), where
// ListParents would cost one call per account. Organizations usually have far fewer OUs than accounts.
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  OrganizationsClient,
  paginateListAWSServiceAccessForOrganization,
  paginateListAccountsForParent,
  paginateListDelegatedAdministrators,
  paginateListDelegatedServicesForAccount,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
  paginateListTagsForResource,
  paginateListTargetsForPolicy,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { drain } from '../../collectors/collect.ts';
import { isoOrNull, need, parsePolicyDocument, read, readOrAbsent } from '../../collectors/shape.ts';
import type { AccountCollector, CollectorContext } from '../../collectors/types.ts';
import { failed, ok, type Collected } from '../../inventory/collected.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { DelegatedAdministrator, OrgPolicy, OrgStructure } from './schema.ts';

const OPS = {
  describeOrganization: 'organizations:DescribeOrganization',
  listRoots: 'organizations:ListRoots',
  listOus: 'organizations:ListOrganizationalUnitsForParent',
  listAccounts: 'organizations:ListAccountsForParent',
  listPolicies: 'organizations:ListPolicies',
  describePolicy: 'organizations:DescribePolicy',
  listTargets: 'organizations:ListTargetsForPolicy',
  listDelegatedAdmins: 'organizations:ListDelegatedAdministrators',
  listDelegatedServices: 'organizations:ListDelegatedServicesForAccount',
  // --- cat-acct-org ---
  listServiceAccess: 'organizations:ListAWSServiceAccessForOrganization',
  listTags: 'organizations:ListTagsForResource',
} as const;

// Organizations pages hold at most 20 items; asking for the maximum keeps the walk to as few calls as it can be.
const page = (client: OrganizationsClient) => ({ client, pageSize: 20 });

type Organization = NonNullable<Extract<AccountSnapshot['organizations']['organization'], { ok: true }>['value']>;

/** Thrown inside the structure walk: the first failed call decides the recorded error of the whole structure. */
class StepFailure extends Error {
  readonly result: Collected<never>;
  constructor(result: Collected<never>) {
    super('organizations structure step failed');
    this.result = result;
  }
}

/** One read of the walk; a failure aborts the walk with that call's CollectError. */
async function step<T>(operation: string, ctx: CollectorContext, fn: () => Promise<T>): Promise<T> {
  const r = await read(operation, undefined, () => ctx.limiter.run(fn));
  if (!r.ok) throw new StepFailure(r);
  return r.value;
}

const TARGET_TYPES = new Set(['ROOT', 'ORGANIZATIONAL_UNIT', 'ACCOUNT'] as const);
type TargetType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
function isTargetType(t: string | undefined): t is TargetType {
  return t !== undefined && TARGET_TYPES.has(t as TargetType);
}

async function structure(ctx: CollectorContext, org: OrganizationsClient): Promise<OrgStructure> {
  const roots = await step(OPS.listRoots, ctx, async () => {
    const list = await drain(paginateListRoots(page(org), {}), (p) => p.Roots);
    return list.map((r) => ({
      id: need(r.Id, 'Root.Id'),
      arn: need(r.Arn, 'Root.Arn'),
      name: need(r.Name, 'Root.Name'),
      policyTypes: (r.PolicyTypes ?? []).map((t) => ({ type: need(t.Type, 'PolicyType.Type'), status: need(t.Status, 'PolicyType.Status') })),
    }));
  });

  const out: OrgStructure = { roots, organizationalUnits: [], accounts: [], policies: [] };

  // Walk the tree: for each parent, its child OUs and its accounts, in parallel (bounded by the service limiter).
  async function visit(parentId: string): Promise<void> {
    const [ous, accounts] = await Promise.all([
      step(OPS.listOus, ctx, () => drain(paginateListOrganizationalUnitsForParent(page(org), { ParentId: parentId }), (p) => p.OrganizationalUnits)),
      step(OPS.listAccounts, ctx, () => drain(paginateListAccountsForParent(page(org), { ParentId: parentId }), (p) => p.Accounts)),
    ]);
    for (const a of accounts) {
      out.accounts.push({
        id: need(a.Id, 'Account.Id'),
        arn: need(a.Arn, 'Account.Arn'),
        name: need(a.Name, 'Account.Name'),
        email: need(a.Email, 'Account.Email'),
        // `State` superseded `Status` in 2025 (adds SUSPENDED/PENDING_CLOSURE…); keep whichever the API returns
        status: need(a.State ?? a.Status, 'Account.State'),
        parentId,
      });
    }
    const children = ous.map((ou) => ({ id: need(ou.Id, 'OU.Id'), arn: need(ou.Arn, 'OU.Arn'), name: need(ou.Name, 'OU.Name'), parentId }));
    out.organizationalUnits.push(...children);
    await Promise.all(children.map((c) => visit(c.id)));
  }

  const policiesTask = policiesOfType(ctx, org, 'SERVICE_CONTROL_POLICY');

  // settle both before deciding, so a failure does not leave calls running unobserved
  const [walk, policies] = await Promise.allSettled([Promise.all(roots.map((r) => visit(r.id))), policiesTask]);
  for (const r of [walk, policies]) if (r.status === 'rejected') throw r.reason;
  if (policies.status === 'fulfilled') out.policies = policies.value;
  out.organizationalUnits.sort((a, b) => a.id.localeCompare(b.id));
  out.accounts.sort((a, b) => a.id.localeCompare(b.id));
  out.policies.sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

/** Every policy of one type with its document and targets (ListPolicies, then DescribePolicy + ListTargetsForPolicy each). */
async function policiesOfType(ctx: CollectorContext, org: OrganizationsClient, type: PolicyType): Promise<OrgPolicy[]> {
  const summaries = await step(OPS.listPolicies, ctx, () => drain(paginateListPolicies(page(org), { Filter: type }), (p) => p.Policies));
  const out = await Promise.all(
    summaries.map(async (s): Promise<OrgPolicy> => {
      const id = need(s.Id, 'PolicySummary.Id');
      const [described, targets] = await Promise.all([
        step(OPS.describePolicy, ctx, () => org.send(new DescribePolicyCommand({ PolicyId: id }))),
        step(OPS.listTargets, ctx, () => drain(paginateListTargetsForPolicy(page(org), { PolicyId: id }), (p) => p.Targets)),
      ]);
      return {
        id,
        arn: need(s.Arn, 'PolicySummary.Arn'),
        name: need(s.Name, 'PolicySummary.Name'),
        type: need(s.Type, 'PolicySummary.Type'),
        awsManaged: s.AwsManaged === true,
        content: parsePolicyDocument(described.Policy?.Content),
        targets: targets.flatMap((t) => (isTargetType(t.Type) ? [{ targetId: need(t.TargetId, 'Target.TargetId'), type: t.Type }] : [])),
      };
    }),
  );
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

// --- cat-acct-org: trusted access, tag and declarative policies, account tags ---
type Slice = AccountSnapshot['organizations'];

async function serviceAccess(ctx: CollectorContext, org: OrganizationsClient): Promise<NonNullable<Extract<Slice['serviceAccess'], { ok: true }>['value']>> {
  const list = await step(OPS.listServiceAccess, ctx, () =>
    drain(paginateListAWSServiceAccessForOrganization(page(org), {}), (p) => p.EnabledServicePrincipals),
  );
  return list
    .map((e) => ({ servicePrincipal: need(e.ServicePrincipal, 'EnabledServicePrincipal.ServicePrincipal'), dateEnabled: isoOrNull(e.DateEnabled) }))
    .sort((a, b) => a.servicePrincipal.localeCompare(b.servicePrincipal));
}

/** One ListTagsForResource per account: Organizations lists no tags with the accounts. */
async function accountTags(ctx: CollectorContext, org: OrganizationsClient, accountIds: string[]) {
  return Promise.all(
    accountIds.map(async (accountId) => {
      const tags = await step(OPS.listTags, ctx, () => drain(paginateListTagsForResource({ client: org }, { ResourceId: accountId }), (p) => p.Tags));
      return { accountId, tags: Object.fromEntries(tags.map((t) => [need(t.Key, 'Tag.Key'), t.Value ?? ''])) };
    }),
  );
}

/** The cat-acct-org fields, read only when the structure was (the same management/delegated-admin access). */
async function extras(ctx: CollectorContext, org: OrganizationsClient, structureRead: Collected<OrgStructure>) {
  if (!structureRead.ok) {
    const notCollected = (operation: string) =>
      failed({ code: 'NotCollected', operation, message: `not read because the organization structure could not be read (${structureRead.error.code})` });
    return {
      serviceAccess: notCollected(OPS.listServiceAccess),
      tagPolicies: notCollected(OPS.listPolicies),
      declarativePolicies: notCollected(OPS.listPolicies),
      accountTags: notCollected(OPS.listTags),
    };
  }
  const [access, tagPolicies, declarativePolicies, tags] = await Promise.all([
    walkCollected(() => serviceAccess(ctx, org)),
    walkCollected(() => policiesOfType(ctx, org, 'TAG_POLICY')),
    walkCollected(() => policiesOfType(ctx, org, 'DECLARATIVE_POLICY_EC2')),
    walkCollected(() => accountTags(ctx, org, structureRead.value.accounts.map((a) => a.id))),
  ]);
  return { serviceAccess: access, tagPolicies, declarativePolicies: unknownPolicyType(declarativePolicies, 'DECLARATIVE_POLICY_EC2'), accountTags: tags };
}

/**
 * An endpoint that predates a policy type answers ListPolicies for it with InvalidInputException (the emulator does
 * for DECLARATIVE_POLICY_EC2): the type is not served there, which is Unsupported, not an unknown failure.
 */
function unknownPolicyType<T>(read: Collected<T>, type: string): Collected<T> {
  if (read.ok || !read.error.message.startsWith('InvalidInputException')) return read;
  return failed({ ...read.error, code: 'Unsupported', message: `${type} policies are not served by this endpoint (${read.error.message})` });
}
// --- end cat-acct-org ---

async function delegatedAdministrators(ctx: CollectorContext, org: OrganizationsClient): Promise<DelegatedAdministrator[]> {
  const admins = await step(OPS.listDelegatedAdmins, ctx, () => drain(paginateListDelegatedAdministrators(page(org), {}), (p) => p.DelegatedAdministrators));
  const out = await Promise.all(
    admins.map(async (a) => {
      const accountId = need(a.Id, 'DelegatedAdministrator.Id');
      const services = await step(OPS.listDelegatedServices, ctx, () =>
        drain(paginateListDelegatedServicesForAccount(page(org), { AccountId: accountId }), (p) => p.DelegatedServices),
      );
      return { accountId, servicePrincipals: services.map((s) => need(s.ServicePrincipal, 'DelegatedService.ServicePrincipal')).sort() };
    }),
  );
  return out.sort((a, b) => a.accountId.localeCompare(b.accountId));
}

/** Run a walk made of steps; the first failed step's error is the recorded error of the whole value. */
async function walkCollected<T>(walk: () => Promise<T>): Promise<Collected<T>> {
  try {
    return ok(await walk());
  } catch (e) {
    if (e instanceof StepFailure) return e.result;
    throw e;
  }
}

export const organizationsCollector: AccountCollector<'organizations'> = {
  key: 'organizations',
  operations: Object.values(OPS),
  async collect(ctx): Promise<AccountSnapshot['organizations']> {
    const org = ctx.aws.client(OrganizationsClient);
    const organization = await readOrAbsent(OPS.describeOrganization, undefined, ['AWSOrganizationsNotInUseException'], async (): Promise<Organization> => {
      const out = await ctx.limiter.run(() => org.send(new DescribeOrganizationCommand({})));
      const o = need(out.Organization, 'Organization');
      return {
        id: need(o.Id, 'Organization.Id'),
        arn: need(o.Arn, 'Organization.Arn'),
        featureSet: need(o.FeatureSet, 'Organization.FeatureSet'),
        managementAccountId: need(o.MasterAccountId, 'Organization.MasterAccountId'),
      };
    });
    if (!organization.ok) {
      const notCollected = (operation: string, what: string) =>
        failed({ code: 'NotCollected', operation, message: `${what} not read because DescribeOrganization failed (${organization.error.code})` });
      return {
        organization,
        structure: notCollected(OPS.listRoots, 'organization structure'),
        delegatedAdministrators: notCollected(OPS.listDelegatedAdmins, 'delegated administrators'),
        serviceAccess: notCollected(OPS.listServiceAccess, 'trusted service access'),
        tagPolicies: notCollected(OPS.listPolicies, 'tag policies'),
        declarativePolicies: notCollected(OPS.listPolicies, 'declarative policies'),
        accountTags: notCollected(OPS.listTags, 'account tags'),
      };
    }
    if (organization.value === null) {
      return {
        organization,
        structure: ok(null),
        delegatedAdministrators: ok(null),
        serviceAccess: ok(null),
        tagPolicies: ok(null),
        declarativePolicies: ok(null),
        accountTags: ok(null),
      };
    }
    // Try even when this is not the management account: a delegated administrator may read the structure.
    // In a plain member account each records the AccessDenied of its first call.
    const [structureRead, delegated] = await Promise.all([walkCollected(() => structure(ctx, org)), walkCollected(() => delegatedAdministrators(ctx, org))]);
    return { organization, structure: structureRead, delegatedAdministrators: delegated, ...(await extras(ctx, org, structureRead)) };
  },
};
