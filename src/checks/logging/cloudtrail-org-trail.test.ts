import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './cloudtrail-org-trail.ts';

const ORG_TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';
const orgTrail = (extra: Record<string, unknown> = {}) => ({ name: 'org-trail', arn: ORG_TRAIL, homeRegion: 'us-east-1', isMultiRegionTrail: true, isOrganizationTrail: true, ...extra });
const ADVANCED_ALL = [{ Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }];
const ADVANCED_WRITE_ONLY = [{ Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] }];

testCheck(check, {
  pass: [
    {
      name: 'the baseline organization trail, judged once in an organization scan',
      snapshot: snapshot()
        .account('111111111111')
        .account('222222222222', (a) => a.memberOf('111111111111').everyRegion((r) => r.trails([orgTrail()])))
        .build(),
      resources: ['org-trail'],
      verify: (results) => {
        assert.equal(results.length, 1);
        assert.equal(results[0]?.region, 'us-east-1');
      },
    },
    {
      name: 'advanced selectors on all management events',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.trails([orgTrail()]).set('cloudtrail.trails.value.0.eventSelectors', { basic: [], advanced: ADVANCED_ALL }))),
      resources: ['org-trail'],
    },
    {
      name: 'member-only scan still finds the organization trail',
      snapshot: singleAccount((a) => a.memberOf('999999999999').everyRegion((r) => r.trails([orgTrail({ arn: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org-trail' })])), { accountId: '222222222222' }),
      resources: ['org-trail'],
    },
  ],
  fail: [
    {
      name: 'only an account trail',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.trails([{ name: 'main', isMultiRegionTrail: true, homeRegion: 'us-east-1' }]))),
      resources: ['o-exampleorg1'],
      verify: (r) => assert.match(r[0]?.message ?? '', /has no organization trail,/),
    },
    { name: 'organization trail not logging', snapshot: singleAccount((a) => a.everyRegion((r) => r.trails([orgTrail({ isLogging: false })]))), resources: ['o-exampleorg1'] },
    {
      name: 'write-only management events',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.trails([orgTrail()]).set('cloudtrail.trails.value.0.eventSelectors', { basic: [], advanced: ADVANCED_WRITE_ONLY }))),
      resources: ['o-exampleorg1'],
      verify: (r) => assert.match(r[0]?.message ?? '', /does not capture all management events/),
    },
    {
      name: 'basic selector with WriteOnly',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.trails([orgTrail()]).set('cloudtrail.trails.value.0.eventSelectors', { basic: [{ readWriteType: 'WriteOnly', includeManagementEvents: true }], advanced: [] }))),
      resources: ['o-exampleorg1'],
    },
  ],
  error: [
    {
      name: 'status of the only organization trail unreadable',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.trails([orgTrail()]).fail('cloudtrail.trails.value.0.status', 'AccessDenied', 'cloudtrail:GetTrailStatus'))),
      code: 'AccessDenied',
      resources: ['org-trail'],
    },
    {
      name: 'trails unreadable everywhere',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.fail('cloudtrail.trails', 'AccessDenied', 'cloudtrail:DescribeTrails'))),
      code: 'AccessDenied',
      resources: ['eu-west-1', 'us-east-1'],
    },
    { name: 'organization unreadable', snapshot: singleAccount((a) => a.fail('organizations.organization', 'AccessDenied', 'organizations:DescribeOrganization')), code: 'AccessDenied', resources: ['111111111111'] },
  ],
  notApplicable: [{ name: 'standalone account', snapshot: singleAccount((a) => a.noOrganization()), resources: ['111111111111'] }],
});
