import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './root-recent-use.ts';

const ACCT = '111111111111';
const severity = (expected: string | undefined) => (r: CheckResult[]) => assert.equal(r[0]?.severity, expected);

testCheck(check, {
  pass: [
    { name: 'root last used 400 days ago (baseline)', snapshot: singleAccount(), resources: [ACCT] },
    { name: 'root never used (N/A dates are never, not now)', snapshot: singleAccount((a) => a.rootPasswordLastUsed(null)), resources: [ACCT] },
    { name: 'root used exactly 365 days ago', snapshot: singleAccount((a) => a.rootPasswordLastUsed(365)), resources: [ACCT] },
  ],
  fail: [
    {
      name: 'root password used 3 days ago: catalog severity',
      snapshot: singleAccount((a) => a.rootPasswordLastUsed(3)),
      resources: [ACCT],
      verify: severity(undefined),
    },
    {
      name: 'root key used 10 days ago while the password is old: newest date counts',
      snapshot: singleAccount((a) => a.rootPasswordLastUsed(400).rootAccessKeys(1, 10)),
      resources: [ACCT],
      verify: severity(undefined),
    },
    { name: '29 days ago is inside the 30-day limit', snapshot: singleAccount((a) => a.rootPasswordLastUsed(29)), verify: severity(undefined) },
  ],
  error: [
    {
      name: 'credential report denied',
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
  ],
  warn: [
    { name: '30 days ago is the WARN band', snapshot: singleAccount((a) => a.rootPasswordLastUsed(30)), resources: [ACCT], verify: severity(undefined) },
    { name: '200 days ago is the WARN band', snapshot: singleAccount((a) => a.rootPasswordLastUsed(200)), resources: [ACCT] },
    { name: '364 days ago is still the WARN band', snapshot: singleAccount((a) => a.rootPasswordLastUsed(364)), resources: [ACCT] },
    {
      name: 'Prowler-style 1-day limit: 10 days ago is only the WARN band',
      snapshot: singleAccount((a) => a.rootPasswordLastUsed(10)),
      options: { maxDaysSinceRootUse: 1 },
      resources: [ACCT],
    },
  ],
});
