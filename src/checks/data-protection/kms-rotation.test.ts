import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './kms-rotation.ts';

testCheck(check, {
  pass: [
    {
      name: 'rotating customer key; ineligible keys are skipped',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .kmsKey('k-good', { rotation: true })
            .kmsKey('k-aws', { keyManager: 'AWS', rotation: null })
            .kmsKey('k-rsa', { keySpec: 'RSA_2048', rotation: null })
            .kmsKey('k-disabled', { keyState: 'Disabled', rotation: null })
            .kmsKey('k-imported', { origin: 'EXTERNAL', rotation: null }),
        ),
      ),
      resources: ['k-good'],
      verify: (results) => {
        // us-east-1: one judged key; eu-west-1: no keys at all
        assert.equal(results.length, 2);
        assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable');
      },
    },
  ],
  fail: [
    {
      name: 'customer key without rotation',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.kmsKey('k-bad', { rotation: false }).kmsKey('k-good'))),
      resources: ['k-bad'],
    },
  ],
  error: [
    {
      name: 'key list denied in one Region',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.fail('kms.keys', 'AccessDenied', 'kms:ListKeys')).inRegion('eu-west-1', (r) => r.kmsKey('k-good')),
      ),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'k-good')?.status, 'pass'),
    },
    {
      name: 'DescribeKey denied: eligibility unknown',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.kmsKey('k-x').fail('kms.keys.value.0.metadata', 'AccessDenied', 'kms:DescribeKey'))),
      code: 'AccessDenied',
      resources: ['k-x'],
    },
    {
      name: 'rotation status denied on an eligible key',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.kmsKey('k-x').fail('kms.keys.value.0.rotationEnabled', 'AccessDenied', 'kms:GetKeyRotationStatus')),
      ),
      code: 'AccessDenied',
      resources: ['k-x'],
    },
    {
      name: 'eligible key whose rotation status was never asked',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.kmsKey('k-x', { rotation: null }))),
      code: 'NotCollected',
      resources: ['k-x'],
    },
  ],
  notApplicable: [
    { name: 'no customer keys anywhere', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'only AWS-managed keys',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.kmsKey('k-aws', { keyManager: 'AWS', rotation: null }))),
      resources: ['eu-west-1', 'us-east-1'],
    },
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('kms.keys', 'AccessDenied', 'kms:ListKeys'))),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
});
