import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './s3-acls-disabled.ts';

testCheck(check, {
  pass: [{ name: 'bucket owner enforced', snapshot: singleAccount((a) => a.bucket('data')), resources: ['data'] }],
  fail: [
    {
      name: 'no ownership controls',
      snapshot: singleAccount((a) => a.bucket('legacy', { ownership: null }).bucket('modern')),
      resources: ['legacy'],
      verify: (r) => assert.match(r.find((x) => x.resource.id === 'legacy')?.message ?? '', /no Object Ownership controls/),
    },
    { name: 'ObjectWriter', snapshot: singleAccount((a) => a.bucket('w', { ownership: 'ObjectWriter' })), resources: ['w'] },
    { name: 'BucketOwnerPreferred still allows ACLs', snapshot: singleAccount((a) => a.bucket('p', { ownership: 'BucketOwnerPreferred' })), resources: ['p'] },
  ],
  error: [
    {
      name: 'ownership controls unreadable',
      snapshot: singleAccount((a) => a.bucket('b').bucket('ok').fail('s3.buckets.value.0.ownershipControls', 'AccessDenied', 's3:GetBucketOwnershipControls')),
      code: 'AccessDenied',
      resources: ['b'],
    },
    { name: 'bucket list unreadable', snapshot: singleAccount((a) => a.fail('s3.buckets', 'Throttled', 's3:ListAllMyBuckets')), resources: ['111111111111'] },
  ],
  notApplicable: [{ name: 'no buckets', snapshot: singleAccount(), resources: ['111111111111'] }],
});
