import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './access-analyzer-enabled.ts';

const statusIn = (results: CheckResult[], region: string) => results.filter((r) => r.region === region).map((r) => r.status);

testCheck(check, {
  pass: [
    { name: 'organization analyzer active everywhere', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'an active account analyzer next to a failed one',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.analyzers([
            { name: 'old', type: 'ACCOUNT', status: 'FAILED' },
            { name: 'acct', type: 'ACCOUNT', status: 'ACTIVE' },
          ]),
        ),
      ),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
  fail: [
    {
      name: 'no analyzer in one Region',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.analyzers([]))),
      resources: ['eu-west-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'us-east-1'), ['pass']),
    },
    {
      name: 'analyzer still creating',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.analyzers([{ name: 'new', status: 'CREATING' }]))),
      resources: ['us-east-1'],
    },
    {
      name: 'only an unused-access analyzer (does not report external access)',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.analyzers([{ name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' }]))),
      resources: ['us-east-1'],
    },
  ],
  error: [
    {
      name: 'ListAnalyzers denied',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('accessAnalyzer.analyzers', 'AccessDenied', 'access-analyzer:ListAnalyzers'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'us-east-1'), ['pass']),
    },
  ],
  notApplicable: [
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('accessAnalyzer.analyzers', 'AccessDenied', 'access-analyzer:ListAnalyzers'))),
      resources: ['eu-west-1'],
    },
  ],
});
