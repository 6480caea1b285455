import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './iam-user-console-unused.ts';

const severityOf = (id: string, expected: string) => (r: CheckResult[]) => assert.equal(r.find((x) => x.resource.id === id)?.severity, expected);

testCheck(check, {
  pass: [
    { name: 'password used 10 days ago', snapshot: singleAccount((a) => a.iamUser('alice', { console: true, passwordLastUsedDaysAgo: 10 })), resources: ['alice'] },
    { name: 'exactly 45 days is not more than 45', snapshot: singleAccount((a) => a.iamUser('alice', { console: true, passwordLastUsedDaysAgo: 45 })) },
    {
      name: 'never used, created 20 days ago',
      snapshot: singleAccount((a) => a.iamUser('newbie', { console: true, passwordLastUsedDaysAgo: null, createdDaysAgo: 20 })),
      resources: ['newbie'],
    },
    {
      name: 'users without a console password are not judged',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true }).iamUser('ci-bot', { console: false, createdDaysAgo: 900 })),
      resources: ['alice'],
    },
  ],
  fail: [
    { name: '46 days: medium', snapshot: singleAccount((a) => a.iamUser('alice', { console: true, passwordLastUsedDaysAgo: 46 })), resources: ['alice'], verify: severityOf('alice', 'medium') },
    { name: '90 days: still medium', snapshot: singleAccount((a) => a.iamUser('alice', { console: true, passwordLastUsedDaysAgo: 90 })), verify: severityOf('alice', 'medium') },
    { name: '45.2 days is more than 45', snapshot: singleAccount((a) => a.iamUser('alice', { console: true, passwordLastUsedDaysAgo: 45.2 })), resources: ['alice'], verify: severityOf('alice', 'medium') },
    { name: '90.9 days: high', snapshot: singleAccount((a) => a.iamUser('alice', { console: true, passwordLastUsedDaysAgo: 90.9 })), verify: severityOf('alice', 'high') },
    { name: '91 days: high', snapshot: singleAccount((a) => a.iamUser('alice', { console: true, passwordLastUsedDaysAgo: 91 })), verify: severityOf('alice', 'high') },
    {
      name: 'never used: counted from creation (100 days → high)',
      snapshot: singleAccount((a) => a.iamUser('ghost', { console: true, passwordLastUsedDaysAgo: null, createdDaysAgo: 100 }).iamUser('alice', { console: true })),
      resources: ['ghost'],
      verify: (r) => {
        severityOf('ghost', 'high')(r);
        assert.match(r.find((x) => x.resource.id === 'ghost')?.message ?? '', /never used/);
      },
    },
    {
      name: 'thresholds are options',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true, passwordLastUsedDaysAgo: 20 })),
      options: { unusedDays: 15, highDays: 30 },
      verify: severityOf('alice', 'medium'),
    },
  ],
  error: [
    {
      name: 'credential report denied',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true }).fail('iam.credentialReport', 'AccessDenied', 'iam:GenerateCredentialReport')),
      code: 'AccessDenied',
    },
    {
      name: 'row with no password-last-used and no creation time',
      snapshot: (() => {
        const s = singleAccount((a) => a.iamUser('odd', { console: true, passwordLastUsedDaysAgo: null }).iamUser('alice', { console: true }));
        const report = s.accounts[0]?.iam.credentialReport;
        const row = report?.ok ? report.value.rows.find((x) => x.user === 'odd') : undefined;
        if (row) row.userCreationTime = null;
        return s;
      })(),
      code: 'ParseError',
      resources: ['odd'],
    },
  ],
  notApplicable: [{ name: 'no console users', snapshot: singleAccount(), resources: ['111111111111'] }],
});
