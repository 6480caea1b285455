import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './iam-user-static-keys.ts';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

testCheck(check, {
  pass: [
    {
      name: 'users without active keys',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true, mfa: true }).iamUser('old', { keys: [{ active: false }] })),
      resources: ['111111111111'],
    },
  ],
  fail: [
    {
      name: 'a key of a console user, never used (setup key), is high',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true, mfa: true, keys: [{ lastUsedDaysAgo: null }] }).iamUser('ci', { keys: [{ lastUsedDaysAgo: 1 }] })),
      resources: ['alice/key1'],
      verify: (r) => {
        const f = r.find((x) => x.status === 'fail');
        assert.equal(f?.severity, 'high');
        assert.match(f?.message ?? '', /never used/);
        assert.equal(r.find((x) => x.resource.id === 'ci/key1')?.status, 'warn');
      },
    },
    {
      name: 'a key of an administrator (directly attached)',
      snapshot: singleAccount((a) => a.iamUser('ops', { attachedPolicyArns: [ADMIN], keys: [{}, {}] })),
      resources: ['ops/key1', 'ops/key2'],
      verify: (r) => assert.match(r[0]?.message ?? '', /AdministratorAccess \(attached directly\)/),
    },
  ],
  warn: [{ name: 'a programmatic user with one key', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ lastUsedDaysAgo: 2 }] })), resources: ['ci/key1'] }],
  error: [
    { name: 'credential report missing', snapshot: singleAccount((a) => a.fail('iam.credentialReport', 'Timeout', 'iam:GenerateCredentialReport')), code: 'Timeout' },
    {
      name: 'admin rights unknown for a key of a non-console user; a console user still fails',
      snapshot: singleAccount((a) =>
        a
          .iamUser('ci', { keys: [{}] })
          .iamUser('alice', { console: true, keys: [{}] })
          .fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails'),
      ),
      code: 'AccessDenied',
      resources: ['ci/key1'],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === 'alice/key1')?.status, 'fail'),
    },
  ],
});
