import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './root-access-keys.ts';

const ACCT = '111111111111';

testCheck(check, {
  pass: [{ name: 'no root keys in summary or report', snapshot: singleAccount(), resources: [ACCT] }],
  fail: [
    { name: 'one active root key', snapshot: singleAccount((a) => a.rootAccessKeys(1, 5)), resources: [ACCT] },
    {
      name: 'two active root keys, both named in the message',
      snapshot: singleAccount((a) => a.rootAccessKeys(2)),
      resources: [ACCT],
      verify: (r) => assert.match(r[0]?.message ?? '', /2 active access keys \(slot 1 and 2\)/),
    },
    {
      // AccountAccessKeysPresent also counts inactive keys; the catalog fails on it alone.
      name: 'summary reports a key the report shows as inactive',
      snapshot: singleAccount((a) => a.set('iam.accountSummary', { AccountMFAEnabled: 1, AccountAccessKeysPresent: 1 })),
      resources: [ACCT],
    },
    {
      name: 'summary denied but the report shows an active key (a collected fact)',
      snapshot: singleAccount((a) => a.rootAccessKeys(1).fail('iam.accountSummary', 'AccessDenied', 'iam:GetAccountSummary')),
      resources: [ACCT],
    },
    {
      name: 'report denied but the summary shows a key',
      snapshot: singleAccount((a) => a.rootAccessKeys(1).fail('iam.credentialReport', 'AccessDenied', 'iam:GetCredentialReport')),
      resources: [ACCT],
    },
  ],
  error: [
    {
      name: 'summary denied and the report is clean: cannot pass',
      snapshot: singleAccount((a) => a.fail('iam.accountSummary', 'AccessDenied', 'iam:GetAccountSummary')),
      code: 'AccessDenied',
      resources: [ACCT],
    },
    {
      name: 'credential report denied and the summary is clean',
      snapshot: singleAccount((a) => a.fail('iam.credentialReport', 'AccessDenied', 'iam:GenerateCredentialReport')),
      code: 'AccessDenied',
      resources: [ACCT],
    },
    {
      name: 'credential report without a root row',
      snapshot: singleAccount((a) => a.withoutRootRow()),
      code: 'ParseError',
      resources: [ACCT],
      verify: (r) => assert.match(r[0]?.message ?? '', /credential report has no root row/),
    },
    {
      name: 'summary without AccountAccessKeysPresent',
      snapshot: singleAccount((a) => a.set('iam.accountSummary', { AccountMFAEnabled: 1 })),
      code: 'ParseError',
    },
  ],
});
