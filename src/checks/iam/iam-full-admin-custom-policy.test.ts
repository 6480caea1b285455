import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './iam-full-admin-custom-policy.ts';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const admin = doc({ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' });
const readOnly = doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' });
const ec2Trust = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });

testCheck(check, {
  pass: [
    { name: 'customer-managed read-only policy', snapshot: singleAccount((a) => a.managedPolicy('S3Read', readOnly)), resources: ['S3Read'] },
    {
      name: '"*" on "*" with a Condition is not unconditional admin',
      snapshot: singleAccount((a) =>
        a.managedPolicy('AdminWithMfa', doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })),
      ),
      resources: ['AdminWithMfa'],
    },
    {
      name: 'unattached admin policy and AWS-managed AdministratorAccess are out of scope',
      snapshot: singleAccount((a) =>
        a
          .managedPolicy('OldAdmin', admin, { attachmentCount: 0 })
          .managedPolicy('AdministratorAccess', admin, { awsManaged: true, attachmentCount: 3 })
          .managedPolicy('S3Read', readOnly),
      ),
      resources: ['S3Read'],
    },
    {
      name: 'Deny "*" on "*" is not a grant',
      snapshot: singleAccount((a) => a.iamUser('alice', { inlinePolicies: { Quarantine: doc({ Effect: 'Deny', Action: '*', Resource: '*' }) } })),
      resources: ['user/alice/Quarantine'],
    },
  ],
  fail: [
    {
      name: 'inline admin policy on a user gets the user-policy command',
      snapshot: singleAccount((a) => a.iamUser('alice', { inlinePolicies: { Everything: admin } })),
      resources: ['user/alice/Everything'],
      verify: (r) =>
        assert.equal(
          remediationOf(check, r[0]).cli,
          'aws iam put-user-policy --user-name alice --policy-name Everything --policy-document file://least-privilege.json',
        ),
    },
    {
      name: 'inline admin policy on a role and on a group get their own commands',
      snapshot: (() => {
        const s = singleAccount((a) => a.role('deployer', ec2Trust, { inlinePolicies: [{ policyName: 'Admin', document: admin }] }));
        const details = s.accounts[0]?.iam.authorizationDetails;
        if (details?.ok) {
          details.value.groups.push({ groupName: 'ops', arn: 'arn:aws:iam::111111111111:group/ops', path: '/', attachedManagedPolicies: [], inlinePolicies: [{ policyName: 'Admin', document: admin }] });
        }
        return s;
      })(),
      resources: ['group/ops/Admin', 'role/deployer/Admin'],
      verify: (r) => {
        const cli = (id: string) => remediationOf(check, r.find((x) => x.resource.id === id)).cli;
        assert.equal(cli('role/deployer/Admin'), 'aws iam put-role-policy --role-name deployer --policy-name Admin --policy-document file://least-privilege.json');
        assert.equal(cli('group/ops/Admin'), 'aws iam put-group-policy --group-name ops --policy-name Admin --policy-document file://least-privilege.json');
      },
    },
    {
      name: 'customer-managed policy with "*" on "*"',
      snapshot: singleAccount((a) => a.managedPolicy('HomeMadeAdmin', admin).managedPolicy('S3Read', readOnly)),
      resources: ['HomeMadeAdmin'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /customer-managed policy HomeMadeAdmin .*statement Everything/),
    },
    {
      name: '"*:*" in an action list, "*" in a resource list',
      snapshot: singleAccount((a) => a.managedPolicy('Sneaky', doc({ Effect: 'Allow', Action: ['s3:GetObject', '*:*'], Resource: ['arn:aws:s3:::b/*', '*'] }))),
      resources: ['Sneaky'],
    },
    { name: 'inline user policy', snapshot: singleAccount((a) => a.iamUser('alice', { inlinePolicies: { GodMode: admin } })), resources: ['user/alice/GodMode'] },
    {
      name: 'inline role policy',
      snapshot: singleAccount((a) =>
        a.role('deployer', ec2Trust, { inlinePolicies: [{ policyName: 'AdminInline', document: admin }, { policyName: 'Read', document: readOnly }] }),
      ),
      resources: ['role/deployer/AdminInline'],
    },
    {
      name: 'inline group policy',
      snapshot: singleAccount((a) =>
        a.set('iam.authorizationDetails', {
          users: [],
          roles: [],
          policies: [],
          groups: [{ groupName: 'admins', arn: 'arn:aws:iam::111111111111:group/admins', path: '/', attachedManagedPolicies: [], inlinePolicies: [{ policyName: 'All', document: admin }] }],
        }),
      ),
      resources: ['group/admins/All'],
    },
    {
      name: 'URL-encoded document as IAM returns it',
      snapshot: singleAccount((a) => a.managedPolicy('Encoded', encodeURIComponent(JSON.stringify(admin)))),
      resources: ['Encoded'],
    },
  ],
  error: [
    {
      name: 'GetAccountAuthorizationDetails denied',
      snapshot: singleAccount((a) => a.managedPolicy('HomeMadeAdmin', admin).fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
    {
      name: 'a document that does not parse errors for that policy only',
      snapshot: singleAccount((a) =>
        a.managedPolicy('Typo', doc({ Effect: 'Allow', Action: '*', Resource: '*', Condtion: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })).managedPolicy('S3Read', readOnly),
      ),
      code: 'ParseError',
      resources: ['Typo'],
      verify: (r) => {
        assert.equal(r.find((x) => x.resource.id === 'S3Read')?.status, 'pass');
        assert.equal(r.find((x) => x.resource.id === 'Typo')?.error?.operation, 'iam:GetAccountAuthorizationDetails');
      },
    },
  ],
  notApplicable: [{ name: 'no customer-managed or inline policies', snapshot: singleAccount(), resources: ['111111111111'] }],
});
