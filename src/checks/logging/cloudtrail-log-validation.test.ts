import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './cloudtrail-log-validation.ts';

const ORG_TRAIL_OF_111 = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';

testCheck(check, {
  pass: [
    {
      name: 'organization trail seen in two Regions is judged once, in its home Region',
      snapshot: singleAccount(),
      resources: ['org-trail'],
      verify: (results) => {
        assert.equal(results.length, 1);
        assert.equal(results[0]?.region, 'us-east-1');
        assert.equal(results[0]?.resource.arn, ORG_TRAIL_OF_111);
      },
    },
    {
      name: 'member account leaves the organization trail to its owner account, which is in the snapshot',
      snapshot: snapshot()
        .account('111111111111')
        .account('222222222222', (a) =>
          a.everyRegion((r) =>
            r.trails([{ name: 'org-trail', arn: ORG_TRAIL_OF_111, homeRegion: 'us-east-1', isMultiRegionTrail: true, isOrganizationTrail: true }]),
          ),
        )
        .build(),
      resources: ['org-trail'],
      verify: (results) => {
        assert.equal(results.filter((r) => r.status === 'pass').length, 1);
        const member = results.find((r) => r.resource.id === '222222222222');
        assert.equal(member?.status, 'not_applicable');
        assert.match(member?.message ?? '', /org-trail \(111111111111\)/);
      },
    },
  ],
  fail: [
    {
      name: 'multi-Region trail without validation, shadow copies collapse to one failure',
      snapshot: singleAccount((a) =>
        a.everyRegion((r) => r.trails([{ name: 'main', isMultiRegionTrail: true, homeRegion: 'us-east-1', logFileValidationEnabled: false }])),
      ),
      resources: ['main'],
      verify: (results) => {
        assert.equal(results.length, 1);
        assert.equal(results[0]?.region, 'us-east-1');
      },
    },
    {
      name: 'single-Region trail without validation next to a validated organization trail',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.trails([
            { name: 'org-trail', arn: ORG_TRAIL_OF_111, homeRegion: 'us-east-1', isMultiRegionTrail: true, logFileValidationEnabled: true },
            { name: 'local', logFileValidationEnabled: false },
          ]),
        ),
      ),
      resources: ['local'],
      verify: (results) => {
        assert.equal(results.find((r) => r.resource.id === 'local')?.region, 'eu-west-1');
        assert.equal(results.find((r) => r.resource.id === 'org-trail')?.status, 'pass');
      },
    },
    {
      name: 'trail owned by an account outside the snapshot is judged where it is seen',
      snapshot: singleAccount(
        (a) =>
          a.everyRegion((r) =>
            r.trails([
              {
                name: 'org-trail',
                arn: 'arn:aws:cloudtrail:us-east-1:333333333333:trail/org-trail',
                homeRegion: 'us-east-1',
                isMultiRegionTrail: true,
                isOrganizationTrail: true,
                logFileValidationEnabled: false,
              },
            ]),
          ),
        { accountId: '222222222222' },
      ),
      resources: ['org-trail'],
    },
  ],
  error: [
    {
      name: 'trail list denied in one Region; the trail seen elsewhere is still judged',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('cloudtrail.trails', 'AccessDenied', 'cloudtrail:DescribeTrails'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'org-trail')?.status, 'pass'),
    },
  ],
  notApplicable: [
    {
      name: 'no trails anywhere (the multi-Region check reports the gap)',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.noTrails())),
      resources: ['111111111111'],
    },
    {
      name: 'trail list refused in a Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('cloudtrail.trails', 'AccessDenied', 'cloudtrail:DescribeTrails'))),
      resources: ['eu-west-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'org-trail')?.status, 'pass'),
    },
  ],
});
