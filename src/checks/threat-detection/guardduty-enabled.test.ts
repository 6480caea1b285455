import assert from 'node:assert/strict';
import { collectError, singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './guardduty-enabled.ts';

const statusIn = (results: CheckResult[], region: string) => results.filter((r) => r.region === region).map((r) => r.status);

testCheck(check, {
  pass: [
    { name: 'enabled detector in every Region', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'one detector unreadable, another enabled',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.set('guardduty.detectors', [
            { detectorId: 'd-unreadable', detail: { ok: false, error: collectError('AccessDenied', 'guardduty:GetDetector', 'eu-west-1') } },
            { detectorId: 'd-good', detail: { ok: true, value: { status: 'ENABLED', features: [] } } },
          ]),
        ),
      ),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
  fail: [
    {
      name: 'no detector in one Region',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.guardDuty('none'))),
      resources: ['eu-west-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'us-east-1'), ['pass']),
    },
    {
      name: 'detector suspended',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.guardDuty('disabled'))),
      resources: ['us-east-1'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /DISABLED/),
    },
  ],
  error: [
    {
      name: 'ListDetectors denied in one Region',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('guardduty.detectors', 'AccessDenied', 'guardduty:ListDetectors'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'us-east-1'), ['pass']),
    },
    {
      name: 'the only detector cannot be described',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.fail('guardduty.detectors.value.0.detail', 'Throttled', 'guardduty:GetDetector')),
      ),
      code: 'Throttled',
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('guardduty.detectors', 'AccessDenied', 'guardduty:ListDetectors'))),
      resources: ['eu-west-1'],
    },
  ],
});
