import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './ebs-default-encryption.ts';

const statusIn = (results: CheckResult[], region: string) => results.filter((r) => r.region === region).map((r) => r.status);

testCheck(check, {
  pass: [{ name: 'on in every Region', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
  fail: [
    {
      name: 'off in one Region',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.ebsDefaultEncryption(false))),
      resources: ['eu-west-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'us-east-1'), ['pass']),
    },
  ],
  error: [
    {
      name: 'GetEbsEncryptionByDefault denied in one Region',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ec2.ebsEncryptionByDefault', 'AccessDenied', 'ec2:GetEbsEncryptionByDefault'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'eu-west-1'), ['pass']),
    },
  ],
  notApplicable: [
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('ec2.ebsEncryptionByDefault', 'AccessDenied', 'ec2:GetEbsEncryptionByDefault'))),
      resources: ['eu-west-1'],
    },
  ],
});
