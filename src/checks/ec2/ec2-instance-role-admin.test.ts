import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './ec2-instance-role-admin.ts';

const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const PROFILE = 'arn:aws:iam::111111111111:instance-profile/app';
const ADMIN = [{ policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', policyName: 'AdministratorAccess' }];
const star = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const read = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };

testCheck(check, {
  pass: [
    {
      name: 'least-privilege role; a profile with no role; instances without profiles are left to ec2-instance-profile',
      snapshot: singleAccount((a) =>
        a
          .role('app', trust, { instanceProfileArns: [PROFILE], inlinePolicies: [{ policyName: 'read', document: read }] })
          .inRegion('us-east-1', (r) =>
            r.instance('i-app').instance('i-empty', { iamInstanceProfileArn: 'arn:aws:iam::111111111111:instance-profile/empty' }).instance('i-bare', { iamInstanceProfileArn: null }),
          ),
      ),
      resources: ['i-app', 'i-empty'],
    },
  ],
  fail: [
    {
      name: 'AdministratorAccess on the role (high); public IP with IMDSv1 makes it critical',
      snapshot: singleAccount((a) =>
        a.role('app', trust, { instanceProfileArns: [PROFILE], attachedManagedPolicies: ADMIN }).inRegion('us-east-1', (r) =>
          r.instance('i-private').instance('i-exposed', { publicIp: '203.0.113.10', httpTokens: 'optional' }).instance('i-public-v2', { publicIp: '203.0.113.11' }),
        ),
      ),
      resources: ['i-private', 'i-exposed', 'i-public-v2'],
      verify: (r) => {
        const sev = Object.fromEntries(r.filter((x) => x.status === 'fail').map((x) => [x.resource.id, x.severity]));
        assert.deepEqual(sev, { 'i-private': 'high', 'i-exposed': 'critical', 'i-public-v2': 'high' });
        assert.match(remediationOf(check, r.find((x) => x.status === 'fail')).cli ?? '', /detach-role-policy --role-name app/);
      },
    },
    {
      name: 'an inline "*" on "*" policy counts as admin',
      snapshot: singleAccount((a) =>
        a.role('app', trust, { instanceProfileArns: [PROFILE], inlinePolicies: [{ policyName: 'all', document: star }] }).inRegion('eu-west-1', (r) => r.instance('i-1')),
      ),
      resources: ['i-1'],
    },
  ],
  error: [
    {
      name: 'authorization details denied: each instance with a profile errors',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.instance('i-1')).fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails')),
      code: 'AccessDenied',
      resources: ['i-1'],
    },
    {
      name: 'an attached policy that does not parse',
      snapshot: singleAccount((a) =>
        a.role('app', trust, { instanceProfileArns: [PROFILE], inlinePolicies: [{ policyName: 'bad', document: 'not json' }] }).inRegion('us-east-1', (r) => r.instance('i-1')),
      ),
      code: 'ParseError',
      resources: ['i-1'],
    },
  ],
  notApplicable: [{ name: 'no instances', snapshot: singleAccount() }],
});
