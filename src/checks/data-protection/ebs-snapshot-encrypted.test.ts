import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { ebsSnapshot } from '../../services/ebs/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './ebs-snapshot-encrypted.ts';

testCheck(check, {
  pass: [
    {
      name: 'encrypted snapshots',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ebs.snapshots', [ebsSnapshot('snap-a'), ebsSnapshot('snap-b')]))),
      resources: ['snap-a', 'snap-b'],
    },
  ],
  fail: [
    {
      name: 'an unencrypted snapshot',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('ebs.snapshots', [ebsSnapshot('snap-plain', { encrypted: false, kmsKeyId: null }), ebsSnapshot('snap-ok')]))),
      resources: ['snap-plain'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /of volume vol-/),
    },
  ],
  error: [
    {
      name: 'snapshots unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ebs.snapshots', 'Throttled', 'ec2:DescribeSnapshots'))),
      code: 'Throttled',
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [{ name: 'no snapshots', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
