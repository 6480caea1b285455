import assert from 'node:assert/strict';
import { singleAccount, type OrgBuilder } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './org-ou-structure.ts';

const ORG = 'o-exampleorg1';
const DEV = '222222222222';
const org = (edit: (o: OrgBuilder) => void) => singleAccount((a) => a.org(edit));
const baseline = (o: OrgBuilder) => o.ou('ou-sec', 'Security').ou('ou-inf', 'Infrastructure').ou('ou-wl', 'Workloads');
const specials = (o: OrgBuilder) =>
  o.ou('ou-exc', 'Exceptions').ou('ou-sus', 'Suspended').ou('ou-onb', 'Onboarding').ou('ou-sbx', 'Sandbox').ou('ou-ir', 'Incident-Response').ou('ou-dep', 'Transitional');

testCheck(check, {
  pass: [
    { name: 'baseline and special OUs, member in an OU', snapshot: org((o) => specials(baseline(o)).memberAccount(DEV, 'dev', 'ou-wl')), resources: [ORG] },
    {
      name: 'a suspended account left under the root is not a layout failure',
      snapshot: org((o) => specials(baseline(o)).memberAccount(DEV, 'old', undefined, 'SUSPENDED')),
      resources: [ORG],
    },
    {
      name: 'Prod/Non-Prod stand for Workloads, names case-insensitive and nested',
      snapshot: org((o) => specials(o.ou('ou-sec', 'security').ou('ou-inf', 'INFRA').ou('ou-w', 'Workload-Root').ou('ou-prod', 'Prod', 'ou-w'))),
      resources: [ORG],
    },
  ],
  fail: [
    {
      name: 'no OUs at all',
      snapshot: singleAccount(),
      resources: [ORG],
      verify: (r) => assert.match(r[0]?.message ?? '', /Security, Infrastructure, Workloads/),
    },
    {
      name: 'a member directly under the root',
      snapshot: org((o) => specials(baseline(o)).memberAccount(DEV, 'dev')),
      resources: [ORG],
      verify: (r) => {
        assert.match(r[0]?.message ?? '', /222222222222 \(dev\) directly under the root/);
        assert.match(r[0]?.remediation?.cli ?? '', /move-account/);
      },
    },
  ],
  warn: [
    {
      name: 'baseline OUs but no Suspended or Exceptions OU',
      snapshot: org((o) => baseline(o).ou('ou-onb', 'Nursery').ou('ou-sbx', 'Sandbox').ou('ou-ir', 'IncidentResponse').ou('ou-dep', 'Deprovisioning')),
      resources: [ORG],
      verify: (r) => assert.match(r[0]?.message ?? '', /no Exceptions, Suspended OU/),
    },
  ],
  error: [{ name: 'member account scanned alone', snapshot: singleAccount((a) => a.memberOf('999999999999'), { accountId: DEV }), code: 'AccessDenied' }],
  notApplicable: [{ name: 'standalone account', snapshot: singleAccount((a) => a.noOrganization()) }],
});
