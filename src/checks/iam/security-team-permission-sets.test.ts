import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { groupAssignment, permissionSet, ssoInstance } from '../../services/sso-admin/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './security-team-permission-sets.ts';

const both = (accounts: string[], group = 'g-sec') => [
  permissionSet('SecurityAudit', ['SecurityAudit'], accounts.map((a) => groupAssignment(a, group))),
  permissionSet('BreakGlass', ['AdministratorAccess'], accounts.map((a) => groupAssignment(a, group))),
  permissionSet('Developer', ['PowerUserAccess'], null),
];
const org = (sets: ReturnType<typeof both>, region = 'us-east-1') =>
  singleAccount((a) => a.org((o) => o.memberAccount('222222222222', 'dev').memberAccount('333333333333', 'old', undefined, 'SUSPENDED')).inRegion(region, (r) => r.set('ssoAdmin.instances', [ssoInstance('111111111111', sets)])));

testCheck(check, {
  pass: [
    {
      name: 'both kinds assigned to the security group in every active account',
      snapshot: org(both(['111111111111', '222222222222'])),
      options: { securityGroupIds: ['g-sec'] },
      resources: ['111111111111', '222222222222'],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === '333333333333')?.status, 'not_applicable'),
    },
    {
      name: 'break-glass through an inline "*" on "*" policy; any group when none is configured',
      snapshot: org([
        permissionSet('ReadOnly', ['ReadOnlyAccess'], [groupAssignment('111111111111', 'g-1'), groupAssignment('222222222222', 'g-1')]),
        permissionSet('Emergency', [], [groupAssignment('111111111111', 'g-1'), groupAssignment('222222222222', 'g-1')], {
          inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        }),
      ]),
      verify: (r) => assert.match(r[0]?.message ?? '', /set securityGroupIds/),
    },
  ],
  fail: [
    {
      name: 'the member lacks both; another group does not count',
      snapshot: org(both(['111111111111'])),
      options: { securityGroupIds: ['g-sec'] },
      resources: ['222222222222'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /lacks a read-only and a break-glass/),
    },
    {
      name: 'only a user assignment (not a group) for the member, wrong group for management',
      snapshot: org([
        permissionSet('SecurityAudit', ['SecurityAudit'], [{ accountId: '222222222222', principalType: 'USER', principalId: 'u-1' }, groupAssignment('111111111111', 'g-other')]),
        permissionSet('BreakGlass', ['AdministratorAccess'], [groupAssignment('111111111111', 'g-sec'), groupAssignment('222222222222', 'g-sec')]),
      ]),
      options: { securityGroupIds: ['g-sec'] },
      resources: ['111111111111', '222222222222'],
    },
    { name: 'no Identity Center at all', snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ssoAdmin.instances', []))), resources: ['111111111111'] },
    { name: 'the secure baseline with a member account added', snapshot: singleAccount((a) => a.org((o) => o.memberAccount('222222222222', 'dev'))), resources: ['222222222222'] },
  ],
  error: [
    {
      name: 'assignments of a judged permission set unreadable',
      snapshot: org([
        permissionSet('SecurityAudit', ['SecurityAudit'], [groupAssignment('111111111111', 'g-sec')]),
        { ...permissionSet('BreakGlass', ['AdministratorAccess']), assignments: { ok: false, error: { code: 'AccessDenied', message: 'no', operation: 'sso:ListAccountAssignments' } } },
      ]),
      code: 'AccessDenied',
      resources: ['111111111111', '222222222222'],
    },
    {
      name: 'Identity Center unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ssoAdmin.instances', 'AccessDenied', 'sso:ListInstances'))),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
    {
      name: 'permission sets unreadable, even with SAML federation in place',
      snapshot: singleAccount((a) =>
        a
          .set('iam.samlProviders', [{ arn: 'arn:aws:iam::111111111111:saml-provider/Okta' }])
          .inRegion('us-east-1', (r) =>
            r.set('ssoAdmin.instances', [{ ...ssoInstance('111111111111', []), permissionSets: { ok: false, error: { code: 'AccessDenied', message: 'no', operation: 'sso:ListPermissionSets' } } }]),
          ),
      ),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
    {
      name: 'member scanned alone: the organization structure is unreadable',
      snapshot: snapshot().account('222222222222', (a) => a.memberOf('111111111111')).build(),
      code: 'AccessDenied',
    },
  ],
  notApplicable: [{ name: 'standalone account', snapshot: singleAccount((a) => a.noOrganization()) }],
});
