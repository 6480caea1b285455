import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { RegionEntry } from '../../inventory/snapshot.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './opt-in-regions-disabled.ts';

const region = (name: string, optInStatus: string | null, scanned = false): RegionEntry => ({ name, optInStatus, scanned, note: scanned ? null : 'not enabled' });
const SCANNED = [region('eu-west-1', 'opt-in-not-required', true), region('us-east-1', 'opt-in-not-required', true)];

testCheck(check, {
  pass: [
    { name: 'only default Regions enabled; opt-in Regions not opted in', snapshot: singleAccount((a) => a.set('regions', [...SCANNED, region('af-south-1', 'not-opted-in')])), resources: ['111111111111'] },
    { name: 'an enabled opt-in Region that is approved', options: { allowedRegions: ['me-south-1'] }, snapshot: singleAccount((a) => a.set('regions', [...SCANNED, region('me-south-1', 'opted-in')])), resources: ['111111111111'] },
  ],
  fail: [
    {
      name: 'an enabled opt-in Region outside the list',
      options: { allowedRegions: ['me-south-1'] },
      snapshot: singleAccount((a) => a.set('regions', [...SCANNED, region('me-south-1', 'opted-in'), region('ap-east-1', 'opted-in', true), region('af-south-1', 'not-opted-in')])),
      resources: ['ap-east-1'],
      verify: (results) => assert.equal(remediationOf(check, results.find((r) => r.status === 'fail')).cli, 'aws account disable-region --region-name ap-east-1 --account-id 111111111111'),
    },
  ],
  error: [
    { name: 'the Region list could not be read', snapshot: singleAccount((a) => a.fail('regions', 'AccessDenied', 'ec2:DescribeRegions')), code: 'AccessDenied', resources: ['111111111111'] },
    { name: 'a Region without an OptInStatus', snapshot: singleAccount((a) => a.set('regions', [...SCANNED, region('il-central-1', null)])), code: 'ParseError', resources: ['111111111111'] },
  ],
});
