import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './guardduty-protection-plans.ts';

const detector = (features: Array<{ name: string; status: string }>, status = 'ENABLED') => [{ detectorId: 'd1', detail: { ok: true, value: { status, features } } }];

testCheck(check, {
  pass: [
    { name: 'S3_DATA_EVENTS enabled everywhere', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'a required extra plan enabled; the others reported',
      snapshot: singleAccount((a) =>
        a.everyRegion((r) => r.set('guardduty.detectors', detector([{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }, { name: 'RDS_LOGIN_EVENTS', status: 'ENABLED' }, { name: 'EKS_AUDIT_LOGS', status: 'DISABLED' }]))),
      ),
      options: { requiredFeatures: ['S3_DATA_EVENTS', 'RDS_LOGIN_EVENTS'] },
      verify: (results) => assert.match(results[0]?.message ?? '', /EKS_AUDIT_LOGS DISABLED/),
    },
  ],
  fail: [
    {
      name: 'S3 protection off in one Region',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('guardduty.detectors', detector([{ name: 'S3_DATA_EVENTS', status: 'DISABLED' }])))),
      resources: ['eu-west-1'],
    },
    {
      name: 'a required plan not listed at all',
      snapshot: singleAccount(),
      options: { requiredFeatures: ['S3_DATA_EVENTS', 'RUNTIME_MONITORING'] },
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => assert.match(results[0]?.message ?? '', /RUNTIME_MONITORING not listed/),
    },
  ],
  error: [
    {
      name: 'the detector cannot be described',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('guardduty.detectors.value.0.detail', 'AccessDenied', 'guardduty:GetDetector'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [
    { name: 'no detector', snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.guardDuty('none'))), resources: ['us-east-1'] },
    { name: 'a suspended detector', snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.guardDuty('disabled'))), resources: ['us-east-1'] },
  ],
});
