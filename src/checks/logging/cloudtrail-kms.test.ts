import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './cloudtrail-kms.ts';

const KEY = 'arn:aws:kms:us-east-1:111111111111:key/abcd';

testCheck(check, {
  pass: [
    {
      name: 'organization trail with a KMS key, judged once',
      snapshot: singleAccount(),
      resources: ['org-trail'],
      verify: (results) => assert.equal(results.length, 1),
    },
    {
      name: 'shadow copies of an encrypted multi-Region trail',
      snapshot: singleAccount((a) =>
        a.everyRegion((r) => r.trails([{ name: 'main', isMultiRegionTrail: true, homeRegion: 'eu-west-1', kmsKeyId: KEY }])),
      ),
      resources: ['main'],
      verify: (results) => {
        assert.equal(results.length, 1);
        assert.equal(results[0]?.region, 'eu-west-1');
      },
    },
  ],
  fail: [
    {
      name: 'trail without a KMS key',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.trails([{ name: 'main', isMultiRegionTrail: true, homeRegion: 'us-east-1', kmsKeyId: null }]))),
      resources: ['main'],
      verify: (results) => assert.match(results[0]?.message ?? '', /no KMS key/),
    },
    {
      name: 'empty key id counts as absent',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.trails([{ name: 'local', kmsKeyId: '' }]))),
      resources: ['local'],
    },
  ],
  error: [
    {
      name: 'trail list throttled in one Region',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('cloudtrail.trails', 'Throttled', 'cloudtrail:DescribeTrails'))),
      code: 'Throttled',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'no trails at all', snapshot: singleAccount((a) => a.everyRegion((r) => r.noTrails())), resources: ['111111111111'] }],
});
