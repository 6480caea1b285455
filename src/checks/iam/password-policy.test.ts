import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './password-policy.ts';

const ACCT = '111111111111';
const strong = { minimumPasswordLength: 14, passwordReusePrevention: 24, requireSymbols: true };
const severity = (expected: string | undefined) => (r: CheckResult[]) => assert.equal(r[0]?.severity, expected);

testCheck(check, {
  pass: [
    { name: 'baseline policy 14 / 24', snapshot: singleAccount(), resources: [ACCT] },
    { name: 'stricter than required', snapshot: singleAccount((a) => a.passwordPolicy({ minimumPasswordLength: 20, passwordReusePrevention: 24 })) },
  ],
  fail: [
    {
      name: 'no password policy, console users exist: medium',
      snapshot: singleAccount((a) => a.passwordPolicy(null).iamUser('alice', { console: true, mfa: true })),
      resources: [ACCT],
      verify: severity(undefined),
    },
    {
      name: 'no password policy and no IAM user has a password: downgraded to low',
      snapshot: singleAccount((a) => a.passwordPolicy(null).iamUser('ci', { console: false, keys: [{}] })),
      resources: [ACCT],
      verify: severity('low'),
    },
    {
      name: 'length 13 (CIS 1.8)',
      snapshot: singleAccount((a) => a.passwordPolicy({ ...strong, minimumPasswordLength: 13 }).iamUser('alice', { console: true })),
      verify: (r) => {
        assert.equal(r[0]?.severity, undefined);
        assert.match(r[0]?.message ?? '', /minimum length is 13/);
        assert.doesNotMatch(r[0]?.message ?? '', /reuse/);
      },
    },
    {
      name: 'reuse prevention 5 (CIS 1.9)',
      snapshot: singleAccount((a) => a.passwordPolicy({ ...strong, passwordReusePrevention: 5 })),
      verify: (r) => assert.match(r[0]?.message ?? '', /reuse prevention is 5/),
    },
    {
      name: 'reuse prevention not set',
      snapshot: singleAccount((a) => a.passwordPolicy({ minimumPasswordLength: 14 })),
      verify: (r) => assert.match(r[0]?.message ?? '', /reuse prevention is not set/),
    },
    {
      name: 'credential report missing: the policy verdict stands, severity not downgraded',
      snapshot: singleAccount((a) => a.passwordPolicy(null).fail('iam.credentialReport', 'AccessDenied', 'iam:GenerateCredentialReport')),
      resources: [ACCT],
      verify: severity(undefined),
    },
    {
      name: 'custom thresholds via options',
      snapshot: singleAccount(),
      options: { minLength: 16 },
      resources: [ACCT],
    },
  ],
  error: [
    {
      name: 'GetAccountPasswordPolicy denied',
      snapshot: singleAccount((a) => a.fail('iam.passwordPolicy', 'AccessDenied', 'iam:GetAccountPasswordPolicy')),
      code: 'AccessDenied',
      resources: [ACCT],
    },
  ],
});
