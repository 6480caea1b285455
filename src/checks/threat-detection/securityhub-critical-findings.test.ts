import assert from 'node:assert/strict';
import { DEFAULT_COLLECTED_AT, singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './securityhub-critical-findings.ts';

const daysAgo = (d: number) => new Date(Date.parse(DEFAULT_COLLECTED_AT) - d * 86_400_000).toISOString();
const finding = (id: string, ageDays: number, region = 'us-east-1') => ({
  id,
  title: 'S3 bucket allows public read',
  severityLabel: 'CRITICAL',
  workflowStatus: 'NEW',
  region,
  createdAt: daysAgo(ageDays),
  updatedAt: daysAgo(0),
  resourceType: 'AwsS3Bucket',
  resourceId: 'arn:aws:s3:::public',
});

testCheck(check, {
  pass: [
    { name: 'no open finding', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'a finding younger than the limit',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('securityhub.criticalFindings', [finding('f1', 2)]))),
      verify: (results) => assert.match(results.find((r) => r.region === 'us-east-1')?.message ?? '', /1 younger/),
    },
  ],
  fail: [
    {
      name: 'an old finding, also aggregated into another Region, reported once in its own Region',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('securityhub.criticalFindings', [finding('f-old', 30)])).inRegion('eu-west-1', (r) => r.set('securityhub.criticalFindings', [finding('f-old', 30)])),
      ),
      resources: ['f-old'],
      verify: (results) => {
        assert.equal(results.filter((r) => r.status === 'fail').length, 1);
        assert.equal(results.find((r) => r.status === 'fail')?.region, 'us-east-1');
      },
    },
  ],
  error: [
    {
      name: 'findings unreadable',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('securityhub.criticalFindings', 'AccessDenied', 'securityhub:GetFindings'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'Security Hub off', snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityHub(false))), resources: ['us-east-1'] }],
});
