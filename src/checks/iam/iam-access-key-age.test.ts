import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './iam-access-key-age.ts';

testCheck(check, {
  pass: [
    { name: 'key rotated 30 days ago', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ rotatedDaysAgo: 30 }] })), resources: ['ci/key1'] },
    { name: 'exactly 90 days', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ rotatedDaysAgo: 90 }] })), resources: ['ci/key1'] },
    {
      name: 'an old inactive key is not judged',
      snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ rotatedDaysAgo: 10 }, { active: false, rotatedDaysAgo: 500 }] })),
      resources: ['ci/key1'],
    },
  ],
  fail: [
    { name: '90.9 days old is more than 90', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ rotatedDaysAgo: 90.9 }] })), resources: ['ci/key1'] },
    { name: '91 days old', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ rotatedDaysAgo: 91 }] })), resources: ['ci/key1'] },
    {
      name: 'only key 2 is old',
      snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ rotatedDaysAgo: 5 }, { rotatedDaysAgo: 400 }] }).iamUser('deploy', { keys: [{ rotatedDaysAgo: 60 }] })),
      resources: ['ci/key2'],
    },
    { name: 'limit is an option', snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{ rotatedDaysAgo: 40 }] })), options: { maxAgeDays: 30 }, resources: ['ci/key1'] },
  ],
  error: [
    {
      name: 'credential report denied',
      snapshot: singleAccount((a) => a.iamUser('ci', { keys: [{}] }).fail('iam.credentialReport', 'AccessDenied', 'iam:GenerateCredentialReport')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
    {
      name: 'active key without a rotation date',
      snapshot: (() => {
        const s = singleAccount((a) => a.iamUser('odd', { keys: [{}, {}] }));
        const report = s.accounts[0]?.iam.credentialReport;
        const row = report?.ok ? report.value.rows.find((x) => x.user === 'odd') : undefined;
        if (row) row.accessKey2LastRotated = null;
        return s;
      })(),
      code: 'ParseError',
      resources: ['odd/key2'],
    },
  ],
  notApplicable: [{ name: 'no active keys', snapshot: singleAccount((a) => a.iamUser('alice', { console: true, mfa: true })), resources: ['111111111111'] }],
});
