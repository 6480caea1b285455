import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './cloudtrail-multi-region.ts';

const statusIn = (results: CheckResult[], region: string) => results.filter((r) => r.region === region).map((r) => r.status);

testCheck(check, {
  pass: [
    { name: 'organization trail logging, seen in both Regions', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'shadow copy of a multi-Region trail homed elsewhere covers the Region',
      snapshot: singleAccount((a) =>
        a.everyRegion((r) => r.trails([{ name: 'main', isMultiRegionTrail: true, homeRegion: 'us-east-1' }])),
      ),
      resources: ['eu-west-1', 'us-east-1'],
    },
    {
      name: 'a single-Region trail does not spoil coverage by a logging multi-Region trail',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.trails([
            { name: 'local', isMultiRegionTrail: false },
            { name: 'main', isMultiRegionTrail: true, homeRegion: 'us-east-1' },
          ]),
        ),
      ),
      resources: ['eu-west-1', 'us-east-1'],
    },
    {
      name: 'one multi-Region trail with unreadable status, another logging: covered',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r
            .trails([
              { name: 'broken', isMultiRegionTrail: true },
              { name: 'main', isMultiRegionTrail: true, homeRegion: 'us-east-1' },
            ])
            .fail('cloudtrail.trails.value.0.status', 'AccessDenied', 'cloudtrail:GetTrailStatus'),
        ),
      ),
      resources: ['eu-west-1', 'us-east-1'],
    },
    {
      name: 'a Region that was not scanned gets no result',
      snapshot: singleAccount((a) =>
        a.set('regions', [
          { name: 'us-east-1', optInStatus: 'opt-in-not-required', scanned: true, note: null },
          { name: 'eu-west-1', optInStatus: 'opt-in-not-required', scanned: true, note: null },
          { name: 'ap-east-1', optInStatus: 'not-opted-in', scanned: false, note: 'not enabled' },
        ]),
      ),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => assert.equal(results.length, 2),
    },
  ],
  fail: [
    {
      name: 'no trail at all in one Region; the other still passes',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.noTrails())),
      resources: ['eu-west-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'us-east-1'), ['pass']),
    },
    {
      name: 'only a single-Region trail, logging',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.trails([{ name: 'local', isMultiRegionTrail: false, isLogging: true }]))),
      resources: ['eu-west-1'],
    },
    {
      name: 'multi-Region trail exists but is not logging',
      snapshot: singleAccount((a) =>
        a.everyRegion((r) => r.trails([{ name: 'main', isMultiRegionTrail: true, homeRegion: 'us-east-1', isLogging: false }])),
      ),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => assert.match(results[0]?.message ?? '', /main \(multi-Region trail, home us-east-1, not logging\)/),
    },
  ],
  error: [
    {
      name: 'trail list denied in one Region; the other still gets a verdict',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('cloudtrail.trails', 'AccessDenied', 'cloudtrail:DescribeTrails'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
      verify: (results) => assert.deepEqual(statusIn(results, 'us-east-1'), ['pass']),
    },
    {
      name: 'the only multi-Region trail has an unreadable status',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.trails([{ name: 'main', isMultiRegionTrail: true }]).fail('cloudtrail.trails.value.0.status', 'Throttled', 'cloudtrail:GetTrailStatus'),
        ),
      ),
      code: 'Throttled',
      resources: ['us-east-1'],
    },
    {
      name: 'GetTrailStatus alone denied by an SCP is a narrower denial, not a blocked Region',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.trails([{ name: 'main', isMultiRegionTrail: true }]).fail('cloudtrail.trails.value.0.status', 'DeniedByScp', 'cloudtrail:GetTrailStatus'),
        ),
      ),
      code: 'DeniedByScp',
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('cloudtrail.trails', 'AccessDenied', 'cloudtrail:DescribeTrails'))),
      resources: ['eu-west-1'],
      verify: (results) => {
        assert.deepEqual(statusIn(results, 'us-east-1'), ['pass']);
        assert.match(results.find((r) => r.region === 'eu-west-1')?.message ?? '', /listed in regions\.denied \(rampart\.yml:3\)/);
      },
    },
    {
      name: 'OptInRequired in a Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('cloudtrail.trails', 'OptInRequired', 'cloudtrail:DescribeTrails'))),
      resources: ['eu-west-1'],
    },
  ],
});
