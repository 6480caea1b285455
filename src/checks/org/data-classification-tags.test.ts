import assert from 'node:assert/strict';
import { collectError, singleAccount } from '../../inventory/fixtures.ts';
import type { Snapshot } from '../../inventory/snapshot.ts';
import { taggedResource } from '../../services/tagging/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './data-classification-tags.ts';

const DB = 'arn:aws:rds:us-east-1:111111111111:db:orders';
const TABLE = 'arn:aws:dynamodb:eu-west-1:111111111111:table/sessions';
const KEY = 'data-classification';

/** The snapshot with every bucket's GetBucketLocation failed, as a throttled or denied call leaves it. */
function bucketRegionsUnreadable(snap: Snapshot): Snapshot {
  for (const a of snap.accounts) if (a.s3.buckets.ok) for (const b of a.s3.buckets.value) b.region = { ok: false, error: collectError('Throttled', 's3:GetBucketLocation') };
  return snap;
}

testCheck(check, {
  pass: [
    {
      name: 'tagged database and bucket (bucket tags from the Tagging API)',
      snapshot: singleAccount((a) =>
        a
          .bucket('orders-data', { region: 'us-east-1' })
          .inRegion('us-east-1', (r) => r.set('tagging.dataStores', [taggedResource(DB, { [KEY]: 'Confidential' }), taggedResource('arn:aws:s3:::orders-data', { [KEY]: 'internal' })])),
      ),
      resources: ['orders', 'orders-data'],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === 'orders')?.region, 'us-east-1'),
    },
    {
      name: 'a tagged bucket whose own Region could not be read is reported in the Region whose tag listing holds it',
      snapshot: bucketRegionsUnreadable(
        singleAccount((a) => a.bucket('orders-data', { region: 'us-east-1' }).inRegion('us-east-1', (r) => r.set('tagging.dataStores', [taggedResource('arn:aws:s3:::orders-data', { [KEY]: 'internal' })]))),
      ),
      resources: ['orders-data'],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === 'orders-data')?.region, 'us-east-1'),
    },
    {
      name: 'sensitive data declared and Macie enabled where the data stores are',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('tagging.dataStores', [taggedResource(TABLE, { [KEY]: 'restricted' })]).set('tagging.macie', { status: 'ENABLED' }))),
      options: { sensitiveDataPresent: true },
      resources: ['sessions', 'eu-west-1'],
    },
  ],
  fail: [
    {
      name: 'sensitive data declared and Macie not enabled in a Region with data stores',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('tagging.dataStores', [taggedResource(TABLE, { [KEY]: 'restricted' })]))),
      options: { sensitiveDataPresent: true },
      resources: ['eu-west-1'],
    },
  ],
  warn: [
    {
      name: 'an untagged bucket (never tagged, so absent from GetResources) and a wrong value',
      snapshot: singleAccount((a) => a.bucket('scratch', { region: 'eu-west-1' }).inRegion('us-east-1', (r) => r.set('tagging.dataStores', [taggedResource(DB, { [KEY]: 'top-secret' })]))),
      resources: ['scratch', 'orders'],
      verify: (r) => assert.match(r.find((x) => x.resource.id === 'scratch')?.message ?? '', /no data-classification tag \(no tag policy enforces the key\)/),
    },
  ],
  error: [
    {
      name: 'GetResources denied in the bucket Region: the bucket and the Region are unknown',
      snapshot: singleAccount((a) => a.bucket('scratch', { region: 'eu-west-1' }).inRegion('eu-west-1', (r) => r.fail('tagging.dataStores', 'AccessDenied', 'tag:GetResources'))),
      code: 'AccessDenied',
      resources: ['eu-west-1', 'scratch'],
    },
    {
      name: 'Macie unreadable where it is required',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('tagging.dataStores', [taggedResource(DB, { [KEY]: 'internal' })]).fail('tagging.macie', 'AccessDenied', 'macie2:GetMacieSession'))),
      options: { sensitiveDataPresent: true },
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
});
