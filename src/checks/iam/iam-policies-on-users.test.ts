import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
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
      verify: (r) => {
        const cli = remediationOf(check, r.find((x) => x.resource.id === 'alice')).cli ?? '';
        assert.match(cli, /^aws iam attach-group-policy --group-name <group> --policy-arn arn:aws:iam::aws:policy\/ReadOnlyAccess$/m);
        assert.match(cli, /^aws iam add-user-to-group --group-name <group> --user-name alice$/m);
        assert.match(cli, /^aws iam detach-user-policy --user-name alice --policy-arn arn:aws:iam::aws:policy\/ReadOnlyAccess$/m);
        assert.doesNotMatch(cli, /delete-user-policy|<user>|<policy-arn>/);
      },
    },
    {
      name: 'inline policy only: the user-policy commands with its name',
      snapshot: singleAccount((a) => a.iamUser('carol', { inlinePolicies: { ReadBucket: readOnly } })),
      resources: ['carol'],
      verify: (r) => {
        const cli = remediationOf(check, r[0]).cli ?? '';
        assert.match(cli, /aws iam get-user-policy --user-name carol --policy-name ReadBucket/);
        assert.match(cli, /aws iam put-group-policy --group-name <group> --policy-name ReadBucket --policy-document file:\/\/ReadBucket\.json/);
        assert.match(cli, /^aws iam delete-user-policy --user-name carol --policy-name ReadBucket$/m);
        assert.doesNotMatch(cli, /detach-user-policy|attach-group-policy|role/);
      },
    },
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
