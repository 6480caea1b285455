import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { dbCluster, dbClusterSnapshot, dbInstance, dbSnapshot } from '../../services/rds/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './rds-encrypted.ts';

testCheck(check, {
  pass: [
    {
      name: 'encrypted instance, cluster and snapshots',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .set('rds.instances', [dbInstance('db1')])
            .set('rds.clusters', [dbCluster('c1')])
            .set('rds.snapshots', [dbSnapshot('s1'), dbSnapshot('rds:db1-auto', { snapshotType: 'automated', restoreAttribute: { ok: true, value: null } })])
            .set('rds.clusterSnapshots', [dbClusterSnapshot('cs1')]),
        ),
      ),
      resources: ['db1', 'c1', 's1', 'rds:db1-auto', 'cs1'],
      verify: (results) => assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable'),
    },
  ],
  fail: [
    {
      name: 'each kind unencrypted',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .set('rds.instances', [dbInstance('plain-db', { storageEncrypted: false }), dbInstance('enc-db')])
            .set('rds.clusters', [dbCluster('plain-cluster', { storageEncrypted: false })])
            .set('rds.snapshots', [dbSnapshot('plain-snap', { encrypted: false })])
            .set('rds.clusterSnapshots', [dbClusterSnapshot('plain-csnap', { storageEncrypted: false })]),
        ),
      ),
      resources: ['plain-db', 'plain-cluster', 'plain-snap', 'plain-csnap'],
      verify: (results) => {
        const types = results.filter((r) => r.status === 'fail').map((r) => r.resource.type).sort();
        assert.deepEqual(types, ['AwsRdsDbCluster', 'AwsRdsDbClusterSnapshot', 'AwsRdsDbInstance', 'AwsRdsDbSnapshot']);
      },
    },
  ],
  error: [
    {
      name: 'snapshot list denied; the instances are still judged',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('rds.instances', [dbInstance('db1')]).fail('rds.snapshots', 'AccessDenied', 'rds:DescribeDBSnapshots')),
      ),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'db1')?.status, 'pass'),
    },
    {
      name: 'cluster list unsupported by the endpoint',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('rds.clusters', 'Unsupported', 'rds:DescribeDBClusters'))),
      code: 'Unsupported',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'no databases', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
