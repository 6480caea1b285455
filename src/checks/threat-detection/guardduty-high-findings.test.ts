import assert from 'node:assert/strict';
import { DEFAULT_COLLECTED_AT, singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './guardduty-high-findings.ts';

const hoursAgo = (h: number) => new Date(Date.parse(DEFAULT_COLLECTED_AT) - h * 3_600_000).toISOString();
const finding = (id: string, ageHours: number) => ({
  id,
  type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
  severity: 8,
  title: 'Credentials used outside AWS',
  createdAt: hoursAgo(ageHours),
  updatedAt: hoursAgo(1),
  resourceType: 'AccessKey',
  count: 3,
});

testCheck(check, {
  pass: [
    { name: 'no high-severity finding', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'a finding younger than the limit',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('guardduty.highFindings', [finding('f-new', 5)]))),
      verify: (results) => assert.match(results.find((r) => r.region === 'us-east-1')?.message ?? '', /1 younger/),
    },
  ],
  fail: [
    {
      name: 'a finding open for two days',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('guardduty.highFindings', [finding('f-old', 48), finding('f-new', 2)]))),
      resources: ['f-old'],
    },
    {
      name: 'a stricter limit',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('guardduty.highFindings', [finding('f-new', 5)]))),
      options: { maxAgeHours: 4 },
      resources: ['f-new'],
    },
  ],
  error: [
    {
      name: 'findings unreadable',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('guardduty.highFindings', 'AccessDenied', 'guardduty:ListFindings'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'no detector', snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.guardDuty('none'))), resources: ['us-east-1'] }],
});
