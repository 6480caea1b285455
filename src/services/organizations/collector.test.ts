// Unit tests for the Organizations collector, with the SDK mocked (no network): no organization, member account,
// full structure from the management account, and the call count of the tree walk.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsForParentCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { organizationsCollector } from './collector.ts';
import { awsError, testContext } from '../../collectors/regional/test-support.ts';
import { organizationsSchema } from './schema.ts';

const org = mockClient(OrganizationsClient);
const MGMT = '111111111111';
const ORG = { Id: 'o-abc', Arn: `arn:aws:organizations::${MGMT}:organization/o-abc`, FeatureSet: 'ALL' as const, MasterAccountId: MGMT };
const DENY_LEAVE = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] };

function account(id: string, name: string) {
  return { Id: id, Arn: `arn:aws:organizations::${MGMT}:account/o-abc/${id}`, Name: name, Email: `${name}@example.com`, Status: 'ACTIVE' as const, State: 'ACTIVE' as const };
}

function mockManagementAccount() {
  org.on(DescribeOrganizationCommand).resolves({ Organization: ORG });
  org.on(ListRootsCommand).resolves({
    Roots: [{ Id: 'r-1', Arn: 'arn:root', Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }],
  });
  org.on(ListOrganizationalUnitsForParentCommand).resolves({ OrganizationalUnits: [] });
  org.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-1' }).resolves({ OrganizationalUnits: [{ Id: 'ou-sec', Arn: 'arn:ou-sec', Name: 'Security' }] });
  org.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-sec' }).resolves({ OrganizationalUnits: [{ Id: 'ou-log', Arn: 'arn:ou-log', Name: 'Log' }] });
  org.on(ListAccountsForParentCommand).resolves({ Accounts: [] });
  // 2 pages under the root
  org.on(ListAccountsForParentCommand, { ParentId: 'r-1' }).resolves({ Accounts: [account(MGMT, 'mgmt')], NextToken: 't2' });
  org.on(ListAccountsForParentCommand, { ParentId: 'r-1', NextToken: 't2' }).resolves({ Accounts: [account('222222222222', 'dev')] });
  org.on(ListAccountsForParentCommand, { ParentId: 'ou-log' }).resolves({ Accounts: [account('333333333333', 'log')] });
  org.on(ListPoliciesCommand).resolves({ Policies: [] });
  org.on(ListAWSServiceAccessForOrganizationCommand).resolves({ EnabledServicePrincipals: [] });
  org.on(ListTagsForResourceCommand).resolves({ Tags: [] });
  org.on(ListPoliciesCommand, { Filter: 'SERVICE_CONTROL_POLICY' }).resolves({
    Policies: [
      { Id: 'p-FullAWSAccess', Arn: 'arn:p-full', Name: 'FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true },
      { Id: 'p-deny', Arn: 'arn:p-deny', Name: 'deny-leave', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false },
    ],
  });
  org.on(DescribePolicyCommand, { PolicyId: 'p-FullAWSAccess' }).resolves({ Policy: { Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' } });
  org.on(DescribePolicyCommand, { PolicyId: 'p-deny' }).resolves({ Policy: { Content: JSON.stringify(DENY_LEAVE) } });
  org.on(ListTargetsForPolicyCommand, { PolicyId: 'p-FullAWSAccess' }).resolves({ Targets: [{ TargetId: 'r-1', Type: 'ROOT' }] });
  org.on(ListTargetsForPolicyCommand, { PolicyId: 'p-deny' }).resolves({
    Targets: [
      { TargetId: 'ou-sec', Type: 'ORGANIZATIONAL_UNIT' },
      { TargetId: '222222222222', Type: 'ACCOUNT' },
    ],
  });
  org.on(ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: [{ Id: '333333333333' }] });
  org.on(ListDelegatedServicesForAccountCommand, { AccountId: '333333333333' }).resolves({
    DelegatedServices: [{ ServicePrincipal: 'guardduty.amazonaws.com' }, { ServicePrincipal: 'securityhub.amazonaws.com' }],
  });
}

describe('organizations collector', () => {
  beforeEach(() => org.reset());
  afterEach(() => org.reset());

  it('records a standalone account as organization null and structure null, with one call', async () => {
    org.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'));
    const out = await organizationsCollector.collect(testContext());
    const none = { ok: true, value: null };
    assert.deepEqual(out, {
      organization: none,
      structure: none,
      delegatedAdministrators: none,
      serviceAccess: none,
      tagPolicies: none,
      declarativePolicies: none,
      accountTags: none,
    });
    assert.equal(org.calls().length, 1);
  });

  it('in a member account records the AccessDenied of the structure, not an empty organization', async () => {
    org.on(DescribeOrganizationCommand).resolves({ Organization: { ...ORG, MasterAccountId: '999999999999' } });
    org.on(ListRootsCommand).rejects(awsError('AccessDeniedException', "You don't have permissions to access this resource.", 400));
    const out = organizationsSchema.parse(await organizationsCollector.collect(testContext()));
    assert.deepEqual(out.organization, {
      ok: true,
      value: { id: 'o-abc', arn: ORG.Arn, featureSet: 'ALL', managementAccountId: '999999999999' },
    });
    assert.ok(!out.structure.ok);
    assert.equal(out.structure.error.code, 'AccessDenied');
    assert.equal(out.structure.error.operation, 'organizations:ListRoots');
    assert.ok(!out.delegatedAdministrators.ok);
    assert.equal(out.delegatedAdministrators.error.operation, 'organizations:ListDelegatedAdministrators');
    assert.equal(org.calls().length, 3, 'no further calls after the first refusal of each');
    for (const field of ['serviceAccess', 'tagPolicies', 'declarativePolicies', 'accountTags'] as const) {
      const v = out[field];
      assert.ok(!v.ok && v.error.code === 'NotCollected', `${field} is NotCollected when the structure is refused`);
    }
  });

  it('records a denied DescribeOrganization, and the structure as NotCollected', async () => {
    org.on(DescribeOrganizationCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    const out = await organizationsCollector.collect(testContext());
    assert.ok(!out.organization.ok);
    assert.equal(out.organization.error.code, 'AccessDenied');
    assert.ok(!out.structure.ok);
    assert.equal(out.structure.error.code, 'NotCollected');
    assert.ok(!out.delegatedAdministrators.ok);
    assert.equal(out.delegatedAdministrators.error.code, 'NotCollected');
  });

  it('walks roots, nested OUs and accounts per parent (paginated), SCPs with targets and delegated admins', async () => {
    mockManagementAccount();
    const out = organizationsSchema.parse(await organizationsCollector.collect(testContext()));
    assert.ok(out.structure.ok && out.structure.value);
    const s = out.structure.value;
    assert.deepEqual(s.roots, [{ id: 'r-1', arn: 'arn:root', name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] }]);
    assert.deepEqual(
      s.organizationalUnits.map((o) => [o.id, o.parentId]),
      [
        ['ou-log', 'ou-sec'],
        ['ou-sec', 'r-1'],
      ],
    );
    assert.deepEqual(
      s.accounts.map((a) => [a.id, a.parentId, a.status]),
      [
        [MGMT, 'r-1', 'ACTIVE'],
        ['222222222222', 'r-1', 'ACTIVE'],
        ['333333333333', 'ou-log', 'ACTIVE'],
      ],
    );
    const deny = s.policies.find((p) => p.id === 'p-deny');
    assert.deepEqual(deny?.content, DENY_LEAVE);
    assert.equal(deny?.awsManaged, false);
    assert.deepEqual(deny?.targets, [
      { targetId: 'ou-sec', type: 'ORGANIZATIONAL_UNIT' },
      { targetId: '222222222222', type: 'ACCOUNT' },
    ]);
    assert.equal(s.policies.find((p) => p.id === 'p-FullAWSAccess')?.awsManaged, true);
    assert.deepEqual(out.delegatedAdministrators, {
      ok: true,
      value: [{ accountId: '333333333333', servicePrincipals: ['guardduty.amazonaws.com', 'securityhub.amazonaws.com'] }],
    });
    // 1 DescribeOrganization + 1 ListRoots + 3 parents × (OUs + accounts) + 1 extra accounts page
    // + 1 ListPolicies + 2 × (DescribePolicy + ListTargets) + 1 ListDelegatedAdministrators + 1 ListDelegatedServices
    // + 1 ListAWSServiceAccessForOrganization + 2 ListPolicies (tag, declarative: none) + 3 ListTagsForResource (one per account)
    assert.equal(org.calls().length, 1 + 1 + 6 + 1 + 1 + 4 + 1 + 1 + 1 + 2 + 3);
    assert.equal(org.commandCalls(ListPoliciesCommand)[0]?.args[0].input.Filter, 'SERVICE_CONTROL_POLICY');
  });

  it('fails the whole structure when one SCP cannot be read (a partial SCP list would give false verdicts)', async () => {
    mockManagementAccount();
    org.on(DescribePolicyCommand, { PolicyId: 'p-deny' }).rejects(awsError('AccessDeniedException', 'denied', 403));
    const out = await organizationsCollector.collect(testContext());
    assert.ok(out.organization.ok);
    assert.ok(!out.structure.ok);
    assert.equal(out.structure.error.operation, 'organizations:DescribePolicy');
    assert.equal(out.structure.error.code, 'AccessDenied');
  });

  it('records a failed ListDelegatedAdministrators on its own field and keeps the SCP data', async () => {
    mockManagementAccount();
    org.on(ListDelegatedAdministratorsCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    const out = organizationsSchema.parse(await organizationsCollector.collect(testContext()));
    assert.ok(out.structure.ok && out.structure.value, 'the structure and its SCPs are still recorded');
    assert.equal(out.structure.value.policies.length, 2);
    assert.ok(!out.delegatedAdministrators.ok);
    assert.equal(out.delegatedAdministrators.error.code, 'AccessDenied');
    assert.equal(out.delegatedAdministrators.error.operation, 'organizations:ListDelegatedAdministrators');
  });

  it('keeps an SCP document that is not JSON as the raw string', async () => {
    mockManagementAccount();
    org.on(DescribePolicyCommand, { PolicyId: 'p-deny' }).resolves({ Policy: { Content: '{not json' } });
    const out = await organizationsCollector.collect(testContext());
    assert.ok(out.structure.ok && out.structure.value);
    assert.equal(out.structure.value.policies.find((p) => p.id === 'p-deny')?.content, '{not json');
  });

  it('records trusted access (paginated), tag policies with targets and account tags', async () => {
    mockManagementAccount();
    org.on(ListAWSServiceAccessForOrganizationCommand).resolves({
      EnabledServicePrincipals: [{ ServicePrincipal: 'iam.amazonaws.com', DateEnabled: new Date('2025-01-02T00:00:00Z') }],
      NextToken: 'a2',
    });
    org.on(ListAWSServiceAccessForOrganizationCommand, { NextToken: 'a2' }).resolves({ EnabledServicePrincipals: [{ ServicePrincipal: 'account.amazonaws.com' }] });
    org.on(ListPoliciesCommand, { Filter: 'TAG_POLICY' }).resolves({ Policies: [{ Id: 'p-tag', Arn: 'arn:p-tag', Name: 'classification', Type: 'TAG_POLICY', AwsManaged: false }] });
    org.on(DescribePolicyCommand, { PolicyId: 'p-tag' }).resolves({ Policy: { Content: '{"tags":{"data-classification":{"tag_key":{"@@assign":"data-classification"}}}}' } });
    org.on(ListTargetsForPolicyCommand, { PolicyId: 'p-tag' }).resolves({ Targets: [{ TargetId: 'r-1', Type: 'ROOT' }] });
    org.on(ListTagsForResourceCommand, { ResourceId: '333333333333' }).resolves({ Tags: [{ Key: 'rampart:role', Value: 'log-archive' }], NextToken: 't2' });
    org.on(ListTagsForResourceCommand, { ResourceId: '333333333333', NextToken: 't2' }).resolves({ Tags: [{ Key: 'team', Value: 'security' }] });
    const out = organizationsSchema.parse(await organizationsCollector.collect(testContext()));
    assert.deepEqual(out.serviceAccess, {
      ok: true,
      value: [
        { servicePrincipal: 'account.amazonaws.com', dateEnabled: null },
        { servicePrincipal: 'iam.amazonaws.com', dateEnabled: '2025-01-02T00:00:00.000Z' },
      ],
    });
    assert.ok(out.tagPolicies.ok && out.tagPolicies.value);
    assert.deepEqual(out.tagPolicies.value.map((p) => [p.id, p.type, p.targets]), [['p-tag', 'TAG_POLICY', [{ targetId: 'r-1', type: 'ROOT' }]]]);
    assert.deepEqual(out.declarativePolicies, { ok: true, value: [] });
    assert.ok(out.accountTags.ok && out.accountTags.value);
    assert.deepEqual(out.accountTags.value.find((t) => t.accountId === '333333333333')?.tags, { 'rampart:role': 'log-archive', team: 'security' });
    assert.deepEqual(out.accountTags.value.find((t) => t.accountId === MGMT)?.tags, {});
    // the tag policies are not mixed into the SCPs the scp-* checks read
    assert.ok(out.structure.ok && out.structure.value?.policies.every((p) => p.type === 'SERVICE_CONTROL_POLICY'));
  });

  it('records a policy type the endpoint does not know (InvalidInputException) as Unsupported', async () => {
    mockManagementAccount();
    org.on(ListPoliciesCommand, { Filter: 'DECLARATIVE_POLICY_EC2' }).rejects(awsError('InvalidInputException', 'You specified an invalid value.', 400));
    const out = organizationsSchema.parse(await organizationsCollector.collect(testContext()));
    assert.ok(!out.declarativePolicies.ok);
    assert.equal(out.declarativePolicies.error.code, 'Unsupported');
    assert.deepEqual(out.tagPolicies, { ok: true, value: [] });
  });

  it('records a refused trusted-access list or declarative policy type on its own field, keeping the rest', async () => {
    mockManagementAccount();
    org.on(ListAWSServiceAccessForOrganizationCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    org.on(ListPoliciesCommand, { Filter: 'DECLARATIVE_POLICY_EC2' }).rejects(awsError('UnsupportedAPIEndpointException', 'not here', 400));
    org.on(ListTagsForResourceCommand, { ResourceId: '222222222222' }).rejects(awsError('TooManyRequestsException', 'slow down', 400));
    const out = organizationsSchema.parse(await organizationsCollector.collect(testContext()));
    assert.ok(out.structure.ok && out.structure.value);
    assert.ok(!out.serviceAccess.ok);
    assert.equal(out.serviceAccess.error.code, 'AccessDenied');
    assert.equal(out.serviceAccess.error.operation, 'organizations:ListAWSServiceAccessForOrganization');
    assert.ok(!out.declarativePolicies.ok);
    assert.equal(out.declarativePolicies.error.operation, 'organizations:ListPolicies');
    assert.deepEqual(out.tagPolicies, { ok: true, value: [] });
    assert.notEqual(out.declarativePolicies.error.code, 'Unsupported', 'only an unknown policy type is Unsupported');
    assert.ok(!out.accountTags.ok, 'one unreadable account makes the tag list an error, not a partial list');
    assert.equal(out.accountTags.error.operation, 'organizations:ListTagsForResource');
  });
});
