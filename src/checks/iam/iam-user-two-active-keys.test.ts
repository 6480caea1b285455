import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './iam-user-two-active-keys.ts';

testCheck(check, {
  pass: [
    {
      name: 'one active key, one inactive key, and a user with none',
      snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{}, { active: false }] }).iamUser('alice', { console: true, mfa: true })),
      resources: ['alice', 'ci'],
    },
    { name: 'only key 2 active', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ active: false }, {}] })), resources: ['ci'] },
  ],
  fail: [
    {
      name: 'both keys active',
      snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{}, {}] }).iamUser('deploy', { keys: [{}] })),
      resources: ['ci'],
    },
  ],
  error: [
    {
      name: 'credential report denied',
      snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{}, {}] }).fail('iam.credentialReport', 'AccessDenied', 'iam:GenerateCredentialReport')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
  ],
  notApplicable: [{ name: 'no IAM users (root keys are not this check\'s business)', snapshot: singleAccount((a) => a.rootAccessKeys(2)), resources: ['111111111111'] }],
});
