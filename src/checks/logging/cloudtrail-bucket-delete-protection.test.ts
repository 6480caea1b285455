import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './cloudtrail-bucket-delete-protection.ts';

const B = 'org-cloudtrail-logs';
const BREAK_GLASS = 'arn:aws:iam::111111111111:role/BreakGlass';
const deny = (actions: string[], condition?: unknown) => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${B}/AWSLogs/*` },
    { Sid: 'DenyLogTampering', Effect: 'Deny', Principal: '*', Action: actions, Resource: [`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/*`], ...(condition ? { Condition: condition } : {}) },
  ],
});
const FULL = ['s3:DeleteObject*', 's3:DeleteBucket', 's3:PutBucketPolicy', 's3:PutLifecycleConfiguration'];
const EXEMPT = { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } };

testCheck(check, {
  pass: [
    {
      name: 'Object Lock with a default retention',
      snapshot: singleAccount((a) => a.bucket(B).set('s3.buckets.value.0.objectLock', { enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 365, years: null } })),
      resources: [B],
    },
    { name: 'MFA Delete', snapshot: singleAccount((a) => a.bucket(B).set('s3.buckets.value.0.versioning', { status: 'Enabled', mfaDelete: true })), resources: [B] },
    { name: 'a Deny for everyone', snapshot: singleAccount((a) => a.bucket(B, { policy: deny(FULL) })), resources: [B] },
    {
      name: 'a Deny exempting the configured break-glass role; an unreadable Object Lock does not matter',
      snapshot: singleAccount((a) => a.bucket(B, { policy: deny(FULL, EXEMPT) }).fail('s3.buckets.value.0.objectLock', 'AccessDenied', 's3:GetBucketObjectLockConfiguration')),
      options: { breakGlassPrincipalArns: [BREAK_GLASS] },
      resources: [B],
    },
  ],
  fail: [
    { name: 'nothing protects the logs', snapshot: singleAccount((a) => a.bucket(B)), resources: [B], verify: (r) => assert.match(r[0]?.message ?? '', /no Object Lock; MFA Delete off; no bucket policy/) },
    {
      name: 'the Deny misses s3:PutLifecycleConfiguration',
      snapshot: singleAccount((a) => a.bucket(B, { policy: deny(['s3:DeleteObject*', 's3:DeleteBucket', 's3:PutBucketPolicy']) })),
      resources: [B],
      verify: (r) => assert.match(r[0]?.message ?? '', /does not deny s3:PutLifecycleConfiguration/),
    },
    {
      name: 'a Deny exempting a principal that is not configured as break-glass',
      snapshot: singleAccount((a) => a.bucket(B, { policy: deny(FULL, EXEMPT) })),
      resources: [B],
      verify: (r) => assert.match(r[0]?.message ?? '', /not configured as break-glass/),
    },
    {
      name: 'Object Lock without default retention',
      snapshot: singleAccount((a) => a.bucket(B).set('s3.buckets.value.0.objectLock', { enabled: true, defaultRetention: null })),
      resources: [B],
    },
  ],
  error: [
    {
      name: 'policy unreadable and nothing else protects',
      snapshot: singleAccount((a) => a.bucket(B).fail('s3.buckets.value.0.policy', 'AccessDenied', 's3:GetBucketPolicy')),
      code: 'AccessDenied',
      resources: [B],
    },
    { name: 'bucket owned outside the scan', snapshot: singleAccount(), code: 'NotCollected', resources: [B] },
  ],
  notApplicable: [{ name: 'no trail', snapshot: singleAccount((a) => a.everyRegion((r) => r.noTrails())), resources: ['111111111111'] }],
});
