import assert from 'node:assert/strict';
import { DEFAULT_COLLECTED_AT, singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './cloudtrail-cloudwatch-logs.ts';

const GROUP = 'arn:aws:logs:us-east-1:111111111111:log-group:trail:*';
const withGroup = { name: 'org-trail', arn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail', homeRegion: 'us-east-1', isMultiRegionTrail: true, isOrganizationTrail: true, s3BucketName: 'org-cloudtrail-logs', cloudWatchLogsLogGroupArn: GROUP };
const hoursAgo = (h: number) => new Date(Date.parse(DEFAULT_COLLECTED_AT) - h * 3_600_000).toISOString();
const delivering = (lastHoursAgo: number | null) =>
  singleAccount((a) =>
    a.everyRegion((r) =>
      r
        .trails([withGroup])
        .set('cloudtrail.trails.value.0.status', { isLogging: true, latestDeliveryError: null, latestCloudWatchLogsDeliveryTime: lastHoursAgo === null ? null : hoursAgo(lastHoursAgo) }),
    ),
  );

testCheck(check, {
  pass: [{ name: 'delivered an hour ago', snapshot: delivering(1), resources: ['org-trail'], verify: (r) => assert.equal(r.length, 1) }],
  fail: [
    { name: 'no log group (the baseline)', snapshot: singleAccount(), resources: ['org-trail'] },
    { name: 'last delivery 3 days ago', snapshot: delivering(72), resources: ['org-trail'], verify: (r) => assert.match(r[0]?.message ?? '', /3 days ago/) },
    { name: 'never delivered', snapshot: delivering(null), resources: ['org-trail'], verify: (r) => assert.match(r[0]?.message ?? '', /never delivered/) },
  ],
  error: [
    {
      name: 'status unreadable',
      snapshot: singleAccount((a) =>
        a.everyRegion((r) => r.trails([withGroup]).fail('cloudtrail.trails.value.0.status', 'AccessDenied', 'cloudtrail:GetTrailStatus')),
      ),
      code: 'AccessDenied',
      resources: ['org-trail'],
    },
  ],
  notApplicable: [
    {
      name: 'no log group, but the trail bucket notifies a watcher Lambda',
      snapshot: singleAccount((a) =>
        a.bucket('org-cloudtrail-logs').set('s3.buckets.value.0.notifications', { lambdaFunctionArns: ['arn:aws:lambda:us-east-1:111111111111:function:watcher'], topicArns: [], queueArns: [], eventBridge: false }),
      ),
      resources: ['org-trail'],
    },
    { name: 'no trail', snapshot: singleAccount((a) => a.everyRegion((r) => r.noTrails())), resources: ['111111111111'] },
  ],
});
