import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './s3-account-bpa.ts';

const ALL_ON = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

testCheck(check, {
  pass: [
    { name: 'all four settings on', snapshot: singleAccount(), resources: ['111111111111'] },
    {
      name: 'all on in the public-content account too',
      snapshot: singleAccount(),
      options: { publicContentAccountId: '111111111111' },
      resources: ['111111111111'],
    },
  ],
  fail: [
    {
      name: 'no account-level configuration',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock(null)),
      resources: ['111111111111'],
      verify: (results) => assert.match(results[0]?.message ?? '', /no account-level S3 Block Public Access configuration/),
    },
    {
      name: 'RestrictPublicBuckets off',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock({ ...ALL_ON, restrictPublicBuckets: false })),
      resources: ['111111111111'],
      verify: (results) => assert.match(results[0]?.message ?? '', /partly off \(RestrictPublicBuckets\)/),
    },
    {
      name: 'exemption applies only to the configured account',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock({ ...ALL_ON, blockPublicAcls: false })),
      options: { publicContentAccountId: '999999999999' },
      resources: ['111111111111'],
    },
  ],
  error: [
    {
      name: 'GetPublicAccessBlock denied',
      snapshot: singleAccount((a) => a.fail('s3.accountPublicAccessBlock', 'AccessDenied', 's3:GetAccountPublicAccessBlock')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
  ],
  notApplicable: [
    {
      name: 'the configured public-content account',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock(null)),
      options: { publicContentAccountId: '111111111111' },
      resources: ['111111111111'],
    },
  ],
});
