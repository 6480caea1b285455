import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { ebsSnapshot } from '../../services/ebs/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './ebs-snapshot-public.ts';

const PUBLIC = [{ group: 'all', userId: null }];
const shareWith = (...ids: string[]) => ids.map((userId) => ({ group: null, userId }));

testCheck(check, {
  pass: [
    {
      name: 'unshared, and shared within the organization',
      snapshot: singleAccount((a) =>
        a.org((o) => o.memberAccount('222222222222', 'backup')).inRegion('us-east-1', (r) => r.set('ebs.snapshots', [ebsSnapshot('snap-a'), ebsSnapshot('snap-b', { permissions: shareWith('222222222222') })])),
      ),
      resources: ['snap-a', 'snap-b'],
      verify: (r) => assert.match(r.find((x) => x.resource.id === 'snap-b')?.message ?? '', /within the organization \(222222222222\)/),
    },
  ],
  fail: [
    {
      name: 'a public snapshot: critical, whatever else',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('ebs.snapshots', [ebsSnapshot('snap-pub', { encrypted: false, permissions: [...PUBLIC, ...shareWith('444444444444')] }), ebsSnapshot('snap-ok')]))),
      resources: ['snap-pub'],
      verify: (r) => assert.equal(r.find((x) => x.status === 'fail')?.severity, 'critical'),
    },
    {
      name: 'public, with snapshot block public access on: still a failure, with the note',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('ebs.snapshots', [ebsSnapshot('snap-pub', { permissions: PUBLIC })]))),
      resources: ['snap-pub'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /treated as private while that setting stays on/),
    },
    {
      name: 'public while the organization is unknown',
      snapshot: singleAccount((a) => a.memberOf('999999999999').inRegion('eu-west-1', (r) => r.set('ebs.snapshots', [ebsSnapshot('snap-pub', { permissions: PUBLIC })]))),
      resources: ['snap-pub'],
    },
  ],
  warn: [
    {
      name: 'shared with an account outside the organization',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ebs.snapshots', [ebsSnapshot('snap-x', { permissions: shareWith('444444444444') })]))),
      resources: ['snap-x'],
    },
  ],
  error: [
    {
      name: 'permissions of one snapshot unreadable',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('ebs.snapshots', [ebsSnapshot('snap-a'), ebsSnapshot('snap-b')]).fail('ebs.snapshots.value.0.createVolumePermissions', 'Throttled', 'ec2:DescribeSnapshotAttribute')),
      ),
      code: 'Throttled',
      resources: ['snap-a'],
    },
    {
      name: 'shared with a foreign account from a member account (organization list unreadable)',
      snapshot: singleAccount((a) => a.memberOf('999999999999').inRegion('us-east-1', (r) => r.set('ebs.snapshots', [ebsSnapshot('snap-x', { permissions: shareWith('333333333333') })]))),
      code: 'AccessDenied',
      resources: ['snap-x'],
    },
    { name: 'snapshot list unreadable', snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('ebs.snapshots', 'AccessDenied', 'ec2:DescribeSnapshots'))), code: 'AccessDenied', resources: ['eu-west-1'] },
  ],
  notApplicable: [{ name: 'no snapshots', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
