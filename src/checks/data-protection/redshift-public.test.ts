import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { redshiftCluster } from '../../services/redshift/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './redshift-public.ts';

testCheck(check, {
  pass: [
    {
      name: 'private cluster; the other Region has none',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('redshift.clusters', [redshiftCluster('warehouse')]))),
      resources: ['warehouse'],
      verify: (results) => assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable'),
    },
  ],
  fail: [
    {
      name: 'publicly accessible cluster',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) => r.set('redshift.clusters', [redshiftCluster('open', { publiclyAccessible: true }, 'eu-west-1'), redshiftCluster('closed', {}, 'eu-west-1')])),
      ),
      resources: ['open'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.equal(f?.region, 'eu-west-1');
      },
    },
  ],
  error: [
    {
      name: 'cluster list denied in one Region',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.fail('redshift.clusters', 'AccessDenied', 'redshift:DescribeClusters')).inRegion('eu-west-1', (r) => r.set('redshift.clusters', [redshiftCluster('ok')])),
      ),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
    {
      name: 'the emulator does not implement DescribeClusters',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.fail('redshift.clusters', 'Unsupported', 'redshift:DescribeClusters'))),
      code: 'Unsupported',
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
  notApplicable: [
    { name: 'no clusters', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('redshift.clusters', 'AccessDenied', 'redshift:DescribeClusters'))),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
});
