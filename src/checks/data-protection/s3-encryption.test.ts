import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './s3-encryption.ts';

testCheck(check, {
  pass: [
    {
      name: 'SSE-S3 on an ordinary bucket, SSE-KMS on a sensitive one',
      snapshot: singleAccount((a) => a.bucket('plain').bucket('secret', { encryption: 'aws:kms' }).set('s3.buckets.value.1.tags', { 'data-classification': 'Confidential' })),
      resources: ['plain', 'secret'],
    },
    {
      name: 'a bucket tagged public is not sensitive',
      snapshot: singleAccount((a) => a.bucket('www').set('s3.buckets.value.0.tags', { 'data-classification': 'public' })),
      resources: ['www'],
    },
    {
      name: 'SSE-KMS needs neither tags nor the trail list',
      snapshot: singleAccount((a) => a.bucket('k', { encryption: 'aws:kms' }).fail('s3.buckets.value.0.tags', 'AccessDenied', 's3:GetBucketTagging').inRegion('eu-west-1', (r) => r.fail('cloudtrail.trails', 'AccessDenied', 'cloudtrail:DescribeTrails'))),
      resources: ['k'],
    },
  ],
  fail: [
    { name: 'no default encryption', snapshot: singleAccount((a) => a.bucket('none', { encryption: null })), resources: ['none'] },
    {
      name: 'sensitive bucket with SSE-S3',
      snapshot: singleAccount((a) => a.bucket('hr').set('s3.buckets.value.0.tags', { 'Data-Classification': 'restricted' })),
      resources: ['hr'],
      verify: (r) => assert.match(r[0]?.message ?? '', /tagged data-classification=restricted/),
    },
    {
      name: 'the trail bucket with SSE-S3 (found from the trail)',
      snapshot: singleAccount((a) => a.bucket('org-cloudtrail-logs').bucket('other')),
      resources: ['org-cloudtrail-logs'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /written to by CloudTrail trail org-trail/),
    },
    {
      name: 'a configured log bucket, and the Config delivery bucket',
      snapshot: singleAccount((a) => a.bucket('alb-logs').bucket('org-config-logs')),
      options: { logBuckets: ['alb-logs'] },
      resources: ['alb-logs', 'org-config-logs'],
    },
    {
      name: 'a custom tag key and value',
      snapshot: singleAccount((a) => a.bucket('pii').set('s3.buckets.value.0.tags', { classification: 'PII' })),
      options: { classificationTagKey: 'classification', sensitiveTagValues: ['pii'] },
      resources: ['pii'],
    },
  ],
  error: [
    { name: 'encryption unreadable', snapshot: singleAccount((a) => a.bucket('b').fail('s3.buckets.value.0.encryption', 'AccessDenied', 's3:GetEncryptionConfiguration')), code: 'AccessDenied', resources: ['b'] },
    { name: 'SSE-S3 and the tags unreadable', snapshot: singleAccount((a) => a.bucket('b').fail('s3.buckets.value.0.tags', 'AccessDenied', 's3:GetBucketTagging')), code: 'AccessDenied', resources: ['b'] },
    {
      name: 'SSE-S3 and a Region\'s trails unreadable: could be a log bucket',
      snapshot: singleAccount((a) => a.bucket('b').inRegion('eu-west-1', (r) => r.fail('cloudtrail.trails', 'AccessDenied', 'cloudtrail:DescribeTrails'))),
      code: 'AccessDenied',
      resources: ['b'],
    },
    { name: 'bucket list unreadable', snapshot: singleAccount((a) => a.fail('s3.buckets', 'AccessDenied', 's3:ListAllMyBuckets')), resources: ['111111111111'] },
  ],
  notApplicable: [{ name: 'no buckets', snapshot: singleAccount(), resources: ['111111111111'] }],
});
