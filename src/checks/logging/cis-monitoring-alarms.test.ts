import assert from 'node:assert/strict';
import { singleAccount, type AccountBuilder } from '../../inventory/fixtures.ts';
import { metricFilter } from '../../services/cloudwatch-logs/fixtures.ts';
import { metricAlarm } from '../../services/cloudwatch/fixtures.ts';
import { eventRule } from '../../services/eventbridge/fixtures.ts';
import { snsTopic } from '../../services/sns/fixtures.ts';
import { CIS_FILTERS, cisPattern } from '../helpers/cis-filters.ts';
import { testCheck } from '../tester.ts';
import check from './cis-monitoring-alarms.ts';

const ACCT = '111111111111';
const GROUP = 'trail-logs';
const GROUP_ARN = `arn:aws:logs:us-east-1:${ACCT}:log-group:${GROUP}:*`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCT}:security-alarms`;
const trail = { name: 'org-trail', arn: `arn:aws:cloudtrail:us-east-1:${ACCT}:trail/org-trail`, homeRegion: 'us-east-1', isMultiRegionTrail: true, isOrganizationTrail: true, s3BucketName: 'org-cloudtrail-logs', cloudWatchLogsLogGroupArn: GROUP_ARN };
const metric = (cis: string) => `CIS${cis.replace('.', '_')}`;

/** The trail delivering to GROUP, with filters + alarms for the given CIS controls, and the topic's subscriptions. */
function withAlarms(controls: readonly string[], opts: { confirmed?: boolean; edit?: (a: AccountBuilder) => void } = {}) {
  return singleAccount((a) => {
    // the trail bucket is in the account and notifies nobody (so only the alarms can cover the events)
    a.bucket('org-cloudtrail-logs').everyRegion((r) => r.trails([trail]));
    a.inRegion('us-east-1', (r) =>
      r
        .set('cloudwatchLogs.metricFilters', CIS_FILTERS.filter((f) => controls.includes(f.cis)).map((f) => metricFilter(GROUP, cisPattern(f), metric(f.cis))))
        .set('cloudwatch.alarms', controls.map((c) => metricAlarm('us-east-1', ACCT, `alarm-${c}`, metric(c), [TOPIC])))
        .set('sns.topics', [snsTopic(TOPIC, { subscriptions: [{ confirmed: opts.confirmed ?? true }] })]),
    );
    opts.edit?.(a);
  });
}
const ALL = CIS_FILTERS.map((f) => f.cis);
const cloudTrailRule = (region: string) => eventRule(region, ACCT, 'ct-to-slack', { 'detail-type': ['AWS API Call via CloudTrail'] }, [`arn:aws:lambda:${region}:${ACCT}:function:notify`]);

testCheck(check, {
  pass: [
    { name: 'all fifteen controls wired to a confirmed subscription', snapshot: withAlarms(ALL), resources: [GROUP] },
    {
      name: 'only root usage alarmed, but an EventBridge rule routes CloudTrail events in every Region',
      snapshot: withAlarms(['4.3'], { edit: (a) => a.everyRegion((r, region) => r.set('eventbridge.rules', [cloudTrailRule(region)])) }),
      resources: [GROUP],
      verify: (r) => assert.match(r[0]?.message ?? '', /EventBridge rules route CloudTrail events/),
    },
    {
      name: 'no log group at all, but the trail bucket notifies a watcher',
      snapshot: singleAccount((a) =>
        a.bucket('org-cloudtrail-logs').set('s3.buckets.value.0.notifications', { lambdaFunctionArns: [`arn:aws:lambda:us-east-1:${ACCT}:function:watcher`], topicArns: [], queueArns: [], eventBridge: false }),
      ),
      resources: [ACCT],
    },
  ],
  fail: [
    {
      name: 'one control wired, fourteen missing',
      snapshot: withAlarms(['4.3']),
      resources: [GROUP],
      verify: (results) => {
        assert.match(results[0]?.message ?? '', /has 1 of 15 CIS alarms/);
        assert.doesNotMatch(results[0]?.message ?? '', /4\.3 root/);
        assert.match(results[0]?.remediation?.text ?? '', /CIS 4\.1 \(unauthorized API calls\)/);
      },
    },
    {
      name: 'every filter and alarm present, but the subscription is unconfirmed',
      snapshot: withAlarms(ALL, { confirmed: false }),
      resources: [GROUP],
      verify: (r) => assert.match(r[0]?.message ?? '', /no confirmed subscription/),
    },
    {
      name: 'an EventBridge rule in only one Region does not replace the alarms',
      snapshot: withAlarms(['4.3'], { edit: (a) => a.inRegion('us-east-1', (r) => r.set('eventbridge.rules', [cloudTrailRule('us-east-1')])) }),
      resources: [GROUP],
    },
    { name: 'no trail delivers to CloudWatch Logs, no pipeline (the baseline)', snapshot: singleAccount((a) => a.bucket('org-cloudtrail-logs')), resources: [ACCT] },
  ],
  error: [
    {
      name: 'metric filters unreadable',
      snapshot: withAlarms(ALL, { edit: (a) => a.inRegion('us-east-1', (r) => r.fail('cloudwatchLogs.metricFilters', 'AccessDenied', 'logs:DescribeMetricFilters')) }),
      code: 'AccessDenied',
      resources: [GROUP],
    },
    {
      name: 'alarms unreadable once filters match',
      snapshot: withAlarms(ALL, { edit: (a) => a.inRegion('us-east-1', (r) => r.fail('cloudwatch.alarms', 'Throttled', 'cloudwatch:DescribeAlarms')) }),
      code: 'Throttled',
      resources: [GROUP],
    },
    {
      name: 'no log group, and the trail bucket lives outside the scan',
      snapshot: singleAccount(),
      code: 'NotCollected',
      resources: [ACCT],
    },
  ],
  notApplicable: [{ name: 'no trail', snapshot: singleAccount((a) => a.everyRegion((r) => r.noTrails())), resources: [ACCT] }],
});
