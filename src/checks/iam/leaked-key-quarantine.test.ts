import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './leaked-key-quarantine.ts';

const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const V3 = 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3';

testCheck(check, {
  pass: [
    {
      name: 'ordinary policies only',
      snapshot: singleAccount((a) => a.iamUser('alice', { attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }).role('app', trust)),
      resources: ['111111111111'],
    },
  ],
  fail: [
    {
      name: 'a user quarantined by AWS (V3) and a role with the original policy',
      snapshot: singleAccount((a) =>
        a
          .iamUser('ci', { attachedPolicyArns: [V3] })
          .iamUser('bob')
          .role('old', trust, { attachedManagedPolicies: [{ policyArn: 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantine', policyName: 'AWSCompromisedKeyQuarantine' }] }),
      ),
      resources: ['ci', 'old'],
      verify: (r) => {
        assert.match(r[0]?.message ?? '', /AWSCompromisedKeyQuarantineV3/);
        assert.match(remediationOf(check, r[0]).cli ?? '', /detach-user-policy --user-name ci --policy-arn arn:aws:iam::aws:policy\/AWSCompromisedKeyQuarantineV3/);
        assert.match(remediationOf(check, r[1]).cli ?? '', /detach-role-policy --role-name old/);
      },
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
