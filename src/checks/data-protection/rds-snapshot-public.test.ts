import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { dbClusterSnapshot, dbSnapshot } from '../../services/rds/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './rds-snapshot-public.ts';

const auto = { snapshotType: 'automated', restoreAttribute: { ok: true as const, value: null } };

testCheck(check, {
  pass: [
    {
      name: 'manual snapshots private or shared with one account; automated ones skipped',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .set('rds.snapshots', [dbSnapshot('private'), dbSnapshot('partner', { restoreAttribute: { ok: true, value: ['222222222222'] } }), dbSnapshot('rds:auto', auto)])
            .set('rds.clusterSnapshots', [dbClusterSnapshot('cs1'), dbClusterSnapshot('rds:cauto', auto)]),
        ),
      ),
      resources: ['private', 'partner', 'cs1'],
      verify: (results) => assert.match(results.find((r) => r.resource.id === 'partner')?.message ?? '', /shared with 222222222222/),
    },
  ],
  fail: [
    {
      name: 'public DB snapshot and public cluster snapshot',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r
            .set('rds.snapshots', [dbSnapshot('open', { restoreAttribute: { ok: true, value: ['all'] } }, 'eu-west-1'), dbSnapshot('closed', {}, 'eu-west-1')])
            .set('rds.clusterSnapshots', [dbClusterSnapshot('copen', { restoreAttribute: { ok: true, value: ['all', '222222222222'] } }, 'eu-west-1')]),
        ),
      ),
      resources: ['open', 'copen'],
    },
  ],
  error: [
    {
      name: 'restore attribute denied on one snapshot',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('rds.snapshots', [dbSnapshot('x'), dbSnapshot('y')]).fail('rds.snapshots.value.0.restoreAttribute', 'AccessDenied', 'rds:DescribeDBSnapshotAttributes')),
      ),
      code: 'AccessDenied',
      resources: ['x'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'y')?.status, 'pass'),
    },
    {
      name: 'a manual snapshot whose restore attribute was never asked',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('rds.clusterSnapshots', [dbClusterSnapshot('z', { restoreAttribute: { ok: true, value: null } })]))),
      code: 'NotCollected',
      resources: ['z'],
    },
    {
      name: 'cluster snapshot list denied',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('rds.clusterSnapshots', 'AccessDenied', 'rds:DescribeDBClusterSnapshots'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [
    { name: 'no snapshots', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    { name: 'only automated snapshots', snapshot: singleAccount((a) => a.everyRegion((r) => r.set('rds.snapshots', [dbSnapshot('rds:auto', auto)]))), resources: ['eu-west-1', 'us-east-1'] },
  ],
});
