import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { redshiftCluster } from '../../services/redshift/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './redshift-encrypted.ts';

testCheck(check, {
  pass: [
    {
      name: 'encrypted cluster',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('redshift.clusters', [redshiftCluster('warehouse')]))),
      resources: ['warehouse'],
    },
  ],
  fail: [
    {
      name: 'unencrypted cluster',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('redshift.clusters', [redshiftCluster('plain', { encrypted: false, kmsKeyId: null }), redshiftCluster('enc')]))),
      resources: ['plain'],
      verify: (results) => assert.equal(results.find((r) => r.status === 'fail')?.evidence?.encrypted, false),
    },
  ],
  error: [
    {
      name: 'cluster list throttled',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('redshift.clusters', 'Throttled', 'redshift:DescribeClusters'))),
      code: 'Throttled',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'no clusters', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
