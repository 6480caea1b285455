// Unit tests for the SSO Admin collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { ssoAdminCollector } from './collector.ts';

const sso = mockClient(SSOAdminClient);
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1';
const PS_RO = 'arn:aws:sso:::permissionSet/ssoins-1/ps-ro';
const PS_ADMIN = 'arn:aws:sso:::permissionSet/ssoins-1/ps-admin';
const PS_DEV = 'arn:aws:sso:::permissionSet/ssoins-1/ps-dev';

function seed() {
  sso.on(ListInstancesCommand).resolves({ Instances: [{ InstanceArn: INSTANCE, IdentityStoreId: 'd-1', OwnerAccountId: '111111111111', Status: 'ACTIVE' }] });
  sso.on(ListPermissionSetsCommand).resolves({ PermissionSets: [PS_RO, PS_ADMIN], NextToken: 'p2' });
  sso.on(ListPermissionSetsCommand, { InstanceArn: INSTANCE, NextToken: 'p2' }).resolves({ PermissionSets: [PS_DEV] });
  for (const [arn, name] of [[PS_RO, 'SecurityReadOnly'], [PS_ADMIN, 'BreakGlass'], [PS_DEV, 'Developer']] as const) {
    sso.on(DescribePermissionSetCommand, { PermissionSetArn: arn }).resolves({ PermissionSet: { Name: name, PermissionSetArn: arn } });
  }
  sso.on(ListManagedPoliciesInPermissionSetCommand, { PermissionSetArn: PS_RO }).resolves({ AttachedManagedPolicies: [{ Arn: 'arn:aws:iam::aws:policy/SecurityAudit', Name: 'SecurityAudit' }] });
  sso.on(ListManagedPoliciesInPermissionSetCommand, { PermissionSetArn: PS_ADMIN }).resolves({ AttachedManagedPolicies: [{ Arn: 'arn:aws:iam::aws:policy/AdministratorAccess', Name: 'AdministratorAccess' }] });
  sso.on(ListManagedPoliciesInPermissionSetCommand, { PermissionSetArn: PS_DEV }).resolves({ AttachedManagedPolicies: [{ Arn: 'arn:aws:iam::aws:policy/PowerUserAccess', Name: 'PowerUserAccess' }] });
  sso.on(GetInlinePolicyForPermissionSetCommand).resolves({ InlinePolicy: '' });
  sso.on(ListAccountsForProvisionedPermissionSetCommand).resolves({ AccountIds: ['111111111111'], NextToken: 'a2' });
  sso.on(ListAccountsForProvisionedPermissionSetCommand, { NextToken: 'a2' }).resolves({ AccountIds: ['222222222222'] });
  sso.on(ListAccountAssignmentsCommand).callsFake((input: { AccountId: string }) => ({
    AccountAssignments: [{ AccountId: input.AccountId, PrincipalType: 'GROUP', PrincipalId: 'g-security' }],
  }));
}

describe('sso-admin collector', () => {
  beforeEach(() => sso.reset());
  afterEach(() => sso.reset());

  it('reads instances, every permission set across pages, and assignments only of the judged ones', async () => {
    seed();
    const out = assertSlice('ssoAdmin', await ssoAdminCollector.collect(testContext('eu-west-1')));
    assert.ok(out.instances.ok);
    const [instance] = out.instances.value;
    assert.equal(instance?.ownerAccountId, '111111111111');
    assert.ok(instance?.permissionSets.ok);
    const byName = Object.fromEntries(instance.permissionSets.value.map((p) => [p.name, p]));
    assert.deepEqual(Object.keys(byName).sort(), ['BreakGlass', 'Developer', 'SecurityReadOnly']);
    assert.deepEqual(byName['SecurityReadOnly']?.assignments, {
      ok: true,
      value: [
        { accountId: '111111111111', principalType: 'GROUP', principalId: 'g-security' },
        { accountId: '222222222222', principalType: 'GROUP', principalId: 'g-security' },
      ],
    });
    assert.deepEqual(byName['Developer']?.assignments, { ok: true, value: null });
    assert.deepEqual(byName['Developer']?.inlinePolicy, { ok: true, value: null });
    // 2 judged sets × (1 accounts call paged twice) and 2 accounts each
    assert.equal(sso.commandCalls(ListAccountsForProvisionedPermissionSetCommand).length, 4);
    assert.equal(sso.commandCalls(ListAccountAssignmentsCommand).length, 4);
  });

  it('declares exactly the operations it calls', async () => {
    seed();
    await ssoAdminCollector.collect(testContext());
    const called = new Set(sso.calls().map((c) => `sso:${c.args[0].constructor.name.replace(/Command$/, '')}`));
    assert.deepEqual([...called].sort(), [...ssoAdminCollector.operations].sort());
  });

  it('a Region without an instance makes one call and records an empty list', async () => {
    sso.on(ListInstancesCommand).resolves({ Instances: [] });
    assert.deepEqual(assertSlice('ssoAdmin', await ssoAdminCollector.collect(testContext())), { instances: { ok: true, value: [] } });
    assert.equal(sso.calls().length, 1);
  });

  it('records refusals as data: ListInstances, and a permission set that cannot be described fails the list', async () => {
    sso.on(ListInstancesCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const denied = assertSlice('ssoAdmin', await ssoAdminCollector.collect(testContext('us-west-2')));
    assert.ok(!denied.instances.ok);
    assert.deepEqual([denied.instances.error.code, denied.instances.error.operation, denied.instances.error.region], ['AccessDenied', 'sso:ListInstances', 'us-west-2']);

    sso.reset();
    seed();
    sso.on(DescribePermissionSetCommand, { PermissionSetArn: PS_DEV }).rejects(htmlServerError());
    sso.on(ListAccountAssignmentsCommand).rejects(awsError('ThrottlingException', 'slow', 400));
    const partial = assertSlice('ssoAdmin', await ssoAdminCollector.collect(testContext()));
    assert.ok(partial.instances.ok);
    const sets = partial.instances.value[0]?.permissionSets;
    assert.ok(sets && !sets.ok);
    assert.deepEqual([sets.error.code, sets.error.operation], ['Unsupported', 'sso:DescribePermissionSet']);
  });

  it('records a refused assignment listing on the permission set, not as "unassigned"', async () => {
    seed();
    sso.on(ListAccountAssignmentsCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const out = assertSlice('ssoAdmin', await ssoAdminCollector.collect(testContext()));
    assert.ok(out.instances.ok && out.instances.value[0]?.permissionSets.ok);
    const ro = out.instances.value[0].permissionSets.value.find((p) => p.name === 'SecurityReadOnly');
    assert.ok(ro && !ro.assignments.ok);
    assert.deepEqual([ro.assignments.error.code, ro.assignments.error.operation], ['AccessDenied', 'sso:ListAccountAssignments']);
  });
});
