import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './securityhub-enabled.ts';

const statusIn = (results: CheckResult[], region: string) => results.filter((r) => r.region === region).map((r) => r.status);

testCheck(check, {
  pass: [
    {
      name: 'hub enabled everywhere, no standards (aggregation only is fine)',
      snapshot: singleAccount(),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => assert.match(results[0]?.message ?? '', /no standards enabled/),
    },
    {
      name: 'standards listed as information',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('securityhub.enabledStandards', [{ standardsArn: 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0', status: 'READY' }]),
        ),
      ),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => {
        const us = results.find((r) => r.region === 'us-east-1');
        assert.equal((us?.evidence?.enabledStandards as string[]).length, 1);
      },
    },
    {
      name: 'GetEnabledStandards denied does not turn the verdict into an error',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) => r.fail('securityhub.enabledStandards', 'AccessDenied', 'securityhub:GetEnabledStandards')),
      ),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => {
        const eu = results.find((r) => r.region === 'eu-west-1');
        assert.match(eu?.message ?? '', /could not be read \(AccessDenied\)/);
        assert.match(String(eu?.evidence?.enabledStandardsError), /AccessDenied on securityhub:GetEnabledStandards/);
      },
    },
  ],
  fail: [
    {
      name: 'not enabled in one Region',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.securityHub(false))),
      resources: ['eu-west-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'us-east-1'), ['pass']),
    },
  ],
  error: [
    {
      name: 'DescribeHub denied',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('securityhub.hub', 'AccessDenied', 'securityhub:DescribeHub'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'eu-west-1'), ['pass']),
    },
  ],
  notApplicable: [
    {
      name: 'OptInRequired in a Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('securityhub.hub', 'OptInRequired', 'securityhub:DescribeHub'))),
      resources: ['eu-west-1'],
    },
  ],
});
