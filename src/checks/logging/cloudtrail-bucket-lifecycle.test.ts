import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { LifecycleRule } from '../../services/s3/schema.ts';
import { testCheck } from '../tester.ts';
import check from './cloudtrail-bucket-lifecycle.ts';

const B = 'org-cloudtrail-logs';
const rule = (r: Partial<LifecycleRule> = {}): LifecycleRule => ({
  id: 'retention',
  status: 'Enabled',
  prefix: null,
  tagCount: 0,
  sizeLimited: false,
  expirationDays: 400,
  expirationDate: null,
  noncurrentVersionExpirationDays: 30,
  transitions: [{ days: 90, storageClass: 'GLACIER' }],
  ...r,
});
const withRules = (rules: LifecycleRule[] | null, versioning: 'Enabled' | null = 'Enabled') =>
  singleAccount((a) => a.bucket(B, { versioning }).set('s3.buckets.value.0.lifecycle', rules));

testCheck(check, {
  pass: [
    { name: 'archive then expire after 400 days, noncurrent versions bounded', snapshot: withRules([rule()]), resources: [B] },
    { name: 'transition only (kept forever) on an unversioned bucket', snapshot: withRules([rule({ expirationDays: null, noncurrentVersionExpirationDays: null, prefix: '' })], null), resources: [B] },
    { name: 'a 90-day retention when configured so', snapshot: withRules([rule({ expirationDays: 90 })]), options: { minRetentionDays: 90 }, resources: [B] },
  ],
  fail: [
    { name: 'no lifecycle configuration', snapshot: withRules(null), resources: [B], verify: (r) => assert.match(r[0]?.message ?? '', /no lifecycle configuration/) },
    { name: 'only a prefix-limited or disabled rule', snapshot: withRules([rule({ prefix: 'AWSLogs/' }), rule({ status: 'Disabled' })]), resources: [B] },
    { name: 'expires logs after 30 days', snapshot: withRules([rule({ expirationDays: 30 })]), resources: [B], verify: (r) => assert.match(r[0]?.message ?? '', /365-day minimum/) },
  ],
  warn: [{ name: 'versioned bucket without noncurrent expiration', snapshot: withRules([rule({ noncurrentVersionExpirationDays: null })]), resources: [B] }],
  error: [
    {
      name: 'lifecycle not collected (the bucket policy does not name CloudTrail)',
      snapshot: singleAccount((a) => a.bucket(B).fail('s3.buckets.value.0.lifecycle', 'NotCollected', 's3:GetLifecycleConfiguration')),
      code: 'NotCollected',
      resources: [B],
    },
    {
      name: 'versioning unreadable decides the warning',
      snapshot: singleAccount((a) => a.bucket(B).set('s3.buckets.value.0.lifecycle', [rule({ noncurrentVersionExpirationDays: null })]).fail('s3.buckets.value.0.versioning', 'AccessDenied', 's3:GetBucketVersioning')),
      code: 'AccessDenied',
      resources: [B],
    },
  ],
  notApplicable: [{ name: 'no trail', snapshot: singleAccount((a) => a.everyRegion((r) => r.noTrails())), resources: ['111111111111'] }],
});
