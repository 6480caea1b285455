import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './cloudtrail-bucket-versioning.ts';

const ORG_TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';
/** An organization scan: the management account 111… owns the trail, the Log Archive 333… owns its bucket. */
const orgScan = (versioning: 'Enabled' | 'Suspended' | null) =>
  snapshot()
    .account('111111111111')
    .account('333333333333', (a) =>
      a
        .bucket('org-cloudtrail-logs', { versioning })
        .everyRegion((r) => r.trails([{ name: 'org-trail', arn: ORG_TRAIL, homeRegion: 'us-east-1', isMultiRegionTrail: true, isOrganizationTrail: true, s3BucketName: 'org-cloudtrail-logs' }])),
    )
    .build();

testCheck(check, {
  pass: [
    {
      name: 'organization scan: the bucket is read in the Log Archive account, judged once by the trail owner',
      snapshot: orgScan('Enabled'),
      resources: ['org-cloudtrail-logs'],
      verify: (results) => {
        assert.equal(results.filter((r) => r.status === 'pass').length, 1);
        assert.match(results.find((r) => r.status === 'pass')?.message ?? '', /account 333333333333/);
        assert.equal(results.find((r) => r.resource.id === '333333333333')?.status, 'not_applicable');
      },
    },
    {
      name: 'single account with its own trail and bucket',
      snapshot: singleAccount((a) => a.bucket('org-cloudtrail-logs', { region: 'us-east-1' })),
      resources: ['org-cloudtrail-logs'],
      verify: (results) => assert.equal(results[0]?.region, 'us-east-1'),
    },
  ],
  fail: [
    { name: 'versioning never enabled', snapshot: orgScan(null), resources: ['org-cloudtrail-logs'], verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /never enabled/) },
    { name: 'versioning suspended', snapshot: singleAccount((a) => a.bucket('org-cloudtrail-logs', { versioning: 'Suspended' })), resources: ['org-cloudtrail-logs'] },
  ],
  error: [
    {
      name: 'single-account scan: the bucket lives in another account',
      snapshot: singleAccount(),
      code: 'NotCollected',
      resources: ['org-cloudtrail-logs'],
      verify: (results) => assert.match(results[0]?.message ?? '', /outside this scan; an organization scan \(--org\) reads it/),
    },
    {
      name: 'versioning unreadable',
      snapshot: singleAccount((a) => a.bucket('org-cloudtrail-logs').fail('s3.buckets.value.0.versioning', 'AccessDenied', 's3:GetBucketVersioning')),
      code: 'AccessDenied',
      resources: ['org-cloudtrail-logs'],
    },
    {
      name: 'bucket list unreadable',
      snapshot: singleAccount((a) => a.fail('s3.buckets', 'AccessDenied', 's3:ListAllMyBuckets')),
      code: 'AccessDenied',
      resources: ['org-cloudtrail-logs'],
    },
  ],
  notApplicable: [{ name: 'no trail', snapshot: singleAccount((a) => a.everyRegion((r) => r.noTrails())), resources: ['111111111111'] }],
});
