import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './cloudtrail-bucket-not-public.ts';

const B = 'org-cloudtrail-logs';
const PUBLIC_READ = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${B}/*` }] };
const NONE = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const ALL_USERS_READ = [{ granteeType: 'Group', granteeUri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }];

testCheck(check, {
  pass: [
    { name: 'private bucket with all four bucket-level settings', snapshot: singleAccount((a) => a.bucket(B)), resources: [B] },
    { name: 'bucket-level BPA off, account-level BPA all on', snapshot: singleAccount((a) => a.bucket(B, { publicAccessBlock: null })), resources: [B] },
  ],
  fail: [
    {
      name: 'public policy with no Block Public Access anywhere',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock(null).bucket(B, { policy: PUBLIC_READ, publicAccessBlock: NONE })),
      resources: [B],
      verify: (r) => assert.match(r[0]?.message ?? '', /public via its policy/),
    },
    {
      name: 'ACL grant to AllUsers',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock(null).bucket(B, { aclGrants: ALL_USERS_READ, publicAccessBlock: null })),
      resources: [B],
    },
  ],
  warn: [
    {
      name: 'a public policy neutralised only by Block Public Access',
      snapshot: singleAccount((a) => a.bucket(B, { policy: PUBLIC_READ })),
      resources: [B],
    },
    {
      name: 'not public, but no Block Public Access at either level',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock(null).bucket(B, { publicAccessBlock: null })),
      resources: [B],
    },
  ],
  error: [
    {
      name: 'bucket policy unreadable',
      snapshot: singleAccount((a) => a.bucket(B).fail('s3.buckets.value.0.policy', 'AccessDenied', 's3:GetBucketPolicy')),
      code: 'AccessDenied',
      resources: [B],
    },
    {
      name: 'public by its own settings, account BPA unreadable',
      snapshot: singleAccount((a) => a.bucket(B, { policy: PUBLIC_READ, publicAccessBlock: NONE }).fail('s3.accountPublicAccessBlock', 'AccessDenied', 's3:GetAccountPublicAccessBlock')),
      code: 'AccessDenied',
      resources: [B],
    },
    { name: 'bucket owned outside the scan', snapshot: singleAccount(), code: 'NotCollected', resources: [B] },
  ],
  notApplicable: [{ name: 'no trail', snapshot: singleAccount((a) => a.everyRegion((r) => r.noTrails())), resources: ['111111111111'] }],
});
