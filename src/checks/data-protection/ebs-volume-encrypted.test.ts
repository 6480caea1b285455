import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { ebsVolume } from '../../services/ebs/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './ebs-volume-encrypted.ts';

testCheck(check, {
  pass: [
    {
      name: 'encrypted volumes; a Region without volumes is not applicable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ebs.volumes', [ebsVolume('vol-a'), ebsVolume('vol-b', { instanceIds: [], state: 'available' })]))),
      resources: ['vol-a', 'vol-b'],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === 'eu-west-1')?.status, 'not_applicable'),
    },
  ],
  fail: [
    {
      name: 'an unencrypted volume in one Region',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) => r.set('ebs.volumes', [ebsVolume('vol-plain', { encrypted: false, kmsKeyId: null, instanceIds: ['i-1'] }), ebsVolume('vol-ok')])),
      ),
      resources: ['vol-plain'],
      verify: (r) => {
        const f = r.find((x) => x.status === 'fail');
        assert.equal(f?.region, 'eu-west-1');
        assert.match(f?.message ?? '', /attached to i-1/);
      },
    },
  ],
  error: [
    {
      name: 'volumes unreadable in one Region, judged in the other',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.fail('ebs.volumes', 'AccessDenied', 'ec2:DescribeVolumes')).inRegion('eu-west-1', (r) => r.set('ebs.volumes', [ebsVolume('vol-ok')])),
      ),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === 'vol-ok')?.status, 'pass'),
    },
  ],
  notApplicable: [
    { name: 'no volumes anywhere', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'a Region denied by config',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('ebs.volumes', 'AccessDenied', 'ec2:DescribeVolumes'))),
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
});
