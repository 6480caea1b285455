import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './iam-policies-on-users.ts';

const readOnly = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };

testCheck(check, {
  pass: [{ name: 'permissions only through groups', snapshot: singleAccount((a) => a.iamUser('alice', { groups: ['developers'] })), resources: ['alice'] }],
  fail: [
    {
      name: 'managed policy attached to the user',
      snapshot: singleAccount((a) =>
        a.iamUser('alice', { attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }).iamUser('bob', { groups: ['developers'] }),
      ),
      resources: ['alice'],
    },
    { name: 'inline policy only', snapshot: singleAccount((a) => a.iamUser('carol', { inlinePolicies: { ReadBucket: readOnly } })), resources: ['carol'] },
  ],
  error: [
    {
      name: 'GetAccountAuthorizationDetails denied',
      snapshot: singleAccount((a) => a.iamUser('alice').fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
  ],
  notApplicable: [{ name: 'no IAM users', snapshot: singleAccount(), resources: ['111111111111'] }],
});
