import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './iam-access-key-unused.ts';

const severityOf = (id: string, expected: string) => (r: CheckResult[]) => assert.equal(r.find((x) => x.resource.id === id)?.severity, expected);

testCheck(check, {
  pass: [
    { name: 'key used 10 days ago', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ lastUsedDaysAgo: 10 }] })), resources: ['ci/key1'] },
    {
      name: 'never used key created 30 days ago (N/A is never, counted from rotation)',
      snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ lastUsedDaysAgo: null, rotatedDaysAgo: 30 }] })),
      resources: ['ci/key1'],
    },
    {
      name: 'inactive stale key is not judged',
      snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ lastUsedDaysAgo: 1 }, { active: false, lastUsedDaysAgo: 300, rotatedDaysAgo: 400 }] })),
      resources: ['ci/key1'],
    },
    { name: 'exactly 45 days', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ lastUsedDaysAgo: 45 }] })) },
  ],
  fail: [
    { name: '45.5 days unused is more than 45', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ lastUsedDaysAgo: 45.5 }] })), resources: ['ci/key1'], verify: severityOf('ci/key1', 'medium') },
    { name: '90.5 days unused: high', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ lastUsedDaysAgo: 90.5 }] })), resources: ['ci/key1'], verify: severityOf('ci/key1', 'high') },
    { name: 'key 1 unused 50 days: medium', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ lastUsedDaysAgo: 50 }] })), resources: ['ci/key1'], verify: severityOf('ci/key1', 'medium') },
    {
      name: 'key 2 unused 100 days: high, key 1 fine',
      snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ lastUsedDaysAgo: 2 }, { lastUsedDaysAgo: 100, rotatedDaysAgo: 200 }] })),
      resources: ['ci/key2'],
      verify: severityOf('ci/key2', 'high'),
    },
    {
      name: 'never used key created 200 days ago (Prowler skips it; the catalog does not)',
      snapshot: singleAccount((a) => a.iamUser('setup', { console: true, keys: [{ lastUsedDaysAgo: null, rotatedDaysAgo: 200 }] })),
      resources: ['setup/key1'],
      verify: severityOf('setup/key1', 'high'),
    },
  ],
  error: [
    {
      name: 'credential report denied',
      snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{}] }).fail('iam.credentialReport', 'AccessDenied', 'iam:GenerateCredentialReport')),
      code: 'AccessDenied',
    },
    {
      name: 'active key with neither a last-used nor a rotation date',
      snapshot: (() => {
        const s = singleAccount((a) => a.iamUser('odd', { keys: [{ lastUsedDaysAgo: null }] }).iamUser('ci', { keys: [{ lastUsedDaysAgo: 3 }] }));
        const report = s.accounts[0]?.iam.credentialReport;
        const row = report?.ok ? report.value.rows.find((x) => x.user === 'odd') : undefined;
        if (row) row.accessKey1LastRotated = null;
        return s;
      })(),
      code: 'ParseError',
      resources: ['odd/key1'],
    },
  ],
  notApplicable: [
    {
      // Root keys belong to root-access-keys.
      name: 'only the root user has (stale) keys',
      snapshot: singleAccount((a) => a.rootAccessKeys(1, 300).iamUser('alice', { console: true, mfa: true })),
      resources: ['111111111111'],
    },
  ],
});
