import assert from 'node:assert/strict';
import { singleAccount, type AccountBuilder } from '../../inventory/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './iam-admin-sprawl.ts';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

/** A group with attached policies, in the authorization details (there is no builder method for groups). */
function group(a: AccountBuilder, name: string, policyArns: string[]): AccountBuilder {
  const d = a.data.iam.authorizationDetails;
  if (!d.ok) throw new Error('authorization details failed earlier');
  d.value.groups.push({
    groupName: name,
    arn: `arn:aws:iam::${a.accountId}:group/${name}`,
    path: '/',
    attachedManagedPolicies: policyArns.map((policyArn) => ({ policyArn, policyName: policyArn.split('/').pop() ?? policyArn })),
    inlinePolicies: [],
  });
  return a;
}

const adminRole = { attachedManagedPolicies: [{ policyArn: ADMIN, policyName: 'AdministratorAccess' }] };

testCheck(check, {
  pass: [
    {
      name: 'one admin group member and one admin role; SSO, service-linked and org roles are not counted',
      snapshot: singleAccount((a) => {
        group(a, 'admins', [ADMIN]);
        a.iamUser('alice', { groups: ['admins'] })
          .iamUser('bob', { groups: ['developers'] })
          .role('deploy', trust, adminRole)
          .role('AWSReservedSSO_Admin_0123', trust, adminRole)
          .role('AWSServiceRoleForSupport', trust, { ...adminRole, path: '/aws-service-role/support.amazonaws.com/' })
          .role('OrganizationAccountAccessRole', trust, adminRole);
      }),
      resources: ['111111111111'],
      verify: (r) => {
        assert.deepEqual(r[0]?.evidence?.['users'], ['alice']);
        assert.deepEqual(r[0]?.evidence?.['roles'], ['deploy']);
        assert.match(r[0]?.message ?? '', /2 principal/);
      },
    },
    { name: 'nobody holds AdministratorAccess', snapshot: singleAccount((a) => a.iamUser('alice')), resources: ['111111111111'] },
    {
      name: 'a configured break-glass role is not counted',
      snapshot: singleAccount((a) => a.role('r1', trust, adminRole).role('r2', trust, adminRole).role('break-glass', trust, adminRole)),
      options: { breakGlassRoles: ['break-glass'] },
    },
  ],
  fail: [
    {
      name: 'AdministratorAccess attached directly to a user',
      snapshot: singleAccount((a) => a.iamUser('mallory', { attachedPolicyArns: [ADMIN] }).iamUser('bob')),
      resources: ['111111111111'],
      verify: (r) => {
        assert.equal(r.length, 1);
        assert.match(remediationOf(check, r[0]).cli ?? '', /detach-user-policy --user-name mallory --policy-arn arn:aws:iam::aws:policy\/AdministratorAccess/);
      },
    },
  ],
  warn: [
    {
      name: 'three holders: two group members and a role (the default threshold is 2)',
      snapshot: singleAccount((a) => {
        group(a, 'admins', [ADMIN]);
        a.iamUser('alice', { groups: ['admins'] }).iamUser('carol', { groups: ['admins'] }).role('deploy', trust, adminRole);
      }),
      resources: ['111111111111'],
      verify: (r) => assert.equal(r[0]?.evidence?.['principals'], 3),
    },
    {
      name: 'a lower threshold from the options',
      snapshot: singleAccount((a) => a.role('deploy', trust, adminRole)),
      options: { maxPrincipals: 0 },
    },
  ],
  error: [
    {
      name: 'authorization details denied',
      snapshot: singleAccount((a) => a.fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
  ],
});
