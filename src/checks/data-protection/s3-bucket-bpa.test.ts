import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './s3-bucket-bpa.ts';

const OFF = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const ALL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

testCheck(check, {
  pass: [
    { name: 'bucket BPA fully on, no account BPA', snapshot: singleAccount((a) => a.accountPublicAccessBlock(null).bucket('data')), resources: ['data'] },
    {
      name: 'bucket has none but the account-level BPA covers it',
      snapshot: singleAccount((a) => a.bucket('data', { publicAccessBlock: null })),
      resources: ['data'],
      verify: (r) => assert.match(r[0]?.message ?? '', /covered by account-level/),
    },
    {
      name: 'account covers it, so an unreadable bucket setting does not matter',
      snapshot: singleAccount((a) => a.bucket('data').fail('s3.buckets.value.0.publicAccessBlock', 'AccessDenied', 's3:GetBucketPublicAccessBlock')),
      resources: ['data'],
    },
  ],
  fail: [
    {
      name: 'no configuration on the bucket nor the account',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock(null).bucket('open', { publicAccessBlock: null }).bucket('closed')),
      resources: ['open'],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === 'closed')?.status, 'pass'),
    },
    {
      name: 'one flag off on the bucket, account partly off',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock({ ...ALL, restrictPublicBuckets: false }).bucket('half', { publicAccessBlock: { ...ALL, ignorePublicAcls: false } })),
      resources: ['half'],
      verify: (r) => assert.match(r[0]?.message ?? '', /IgnorePublicAcls off/),
    },
    { name: 'all off', snapshot: singleAccount((a) => a.accountPublicAccessBlock(OFF).bucket('x', { publicAccessBlock: OFF })), resources: ['x'] },
  ],
  error: [
    {
      name: 'bucket setting unreadable and the account does not cover it',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock(null).bucket('data').fail('s3.buckets.value.0.publicAccessBlock', 'AccessDenied', 's3:GetBucketPublicAccessBlock')),
      code: 'AccessDenied',
      resources: ['data'],
    },
    {
      name: 'account setting unreadable and the bucket is not covered on its own',
      snapshot: singleAccount((a) => a.fail('s3.accountPublicAccessBlock', 'AccessDenied', 's3:GetAccountPublicAccessBlock').bucket('data', { publicAccessBlock: null })),
      code: 'AccessDenied',
      resources: ['data'],
    },
    { name: 'bucket list unreadable', snapshot: singleAccount((a) => a.fail('s3.buckets', 'AccessDenied', 's3:ListAllMyBuckets')), resources: ['111111111111'] },
  ],
  notApplicable: [{ name: 'no buckets', snapshot: singleAccount(), resources: ['111111111111'] }],
});
