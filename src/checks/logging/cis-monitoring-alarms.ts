// cis-monitoring-alarms: for each CIS v3.0 4.1–4.15 event class, the trail's log group has a matching metric filter,
// an enabled alarm on its metric, and an SNS topic with a confirmed subscription behind the alarm (controls.md 1.D,
// §3.2). An S3 or EventBridge alert pipeline on CloudTrail events (security-alert-pipeline) is the accepted alternative.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { AccountSnapshot, RegionalSnapshot } from '../../inventory/snapshot.ts';
import type { Trail } from '../../services/cloudtrail/schema.ts';
import type { MetricAlarm } from '../../services/cloudwatch/schema.ts';
import type { MetricFilter } from '../../services/cloudwatch-logs/schema.ts';
import { defineCheck } from '../define.ts';
import { cloudTrailPipeline } from '../helpers/alert-pipeline.ts';
import { CIS_FILTERS, cisPattern, patternMatches, type CisFilter } from '../helpers/cis-filters.ts';
import { noTrailsToJudge, readInRegion, trailsToJudge } from '../helpers/regional.ts';

type Outcome = { kind: 'ok'; via: string } | { kind: 'missing'; why: string } | { kind: 'unknown'; error: CollectError; why: string };

interface LogGroup {
  arn: string;
  name: string;
  region: string;
  accountId: string;
  trails: Trail[];
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>[:*]` → its parts. */
function parseLogGroupArn(arn: string): { name: string; region: string; accountId: string } | undefined {
  const m = /^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:(.+?)(:\*)?$/.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}

function regionOf(ctx: { snapshot: { accounts: AccountSnapshot[] } }, accountId: string, region: string): RegionalSnapshot | undefined {
  return ctx.snapshot.accounts.find((a) => a.accountId === accountId)?.regional[region];
}

function notCollected(operation: string, message: string): CollectError {
  return { code: 'NotCollected', operation, message };
}

/** Whether an alarm's SNS topic has a confirmed subscription, looked up in the topic's own account and Region. */
function topicOutcome(ctx: { snapshot: { accounts: AccountSnapshot[] } }, topicArn: string): Outcome {
  const [, , , region = '', accountId = ''] = topicArn.split(':');
  const data = regionOf(ctx, accountId, region);
  if (!data) return { kind: 'unknown', error: notCollected('sns:ListTopics', `topic ${topicArn} is in account ${accountId} / ${region}, which this scan did not read`), why: `topic ${topicArn} was not scanned` };
  if (!data.sns.topics.ok) return { kind: 'unknown', error: data.sns.topics.error, why: `SNS topics in ${region} could not be read` };
  const topic = data.sns.topics.value.find((t) => t.topicArn === topicArn);
  if (!topic) return { kind: 'missing', why: `its topic ${topicArn} does not exist` };
  if (!topic.subscriptions.ok) return { kind: 'unknown', error: topic.subscriptions.error, why: `the subscriptions of ${topicArn} could not be read` };
  const confirmed = topic.subscriptions.value.filter((s) => s.confirmed);
  return confirmed.length > 0 ? { kind: 'ok', via: `${topicArn} (${confirmed.map((s) => s.protocol).join(', ')})` } : { kind: 'missing', why: `topic ${topicArn} has no confirmed subscription` };
}

function alarmWatches(a: MetricAlarm, m: { metricName: string; metricNamespace: string }): boolean {
  if (a.metricName === m.metricName && a.namespace === m.metricNamespace) return true;
  return a.metrics.some((x) => x.metricName === m.metricName && (x.namespace === null || x.namespace === m.metricNamespace));
}

function judgeFilter(ctx: { snapshot: { accounts: AccountSnapshot[] } }, f: CisFilter, onGroup: MetricFilter[], data: RegionalSnapshot): Outcome {
  const matched = onGroup.filter((mf) => patternMatches(f, mf.filterPattern));
  if (matched.length === 0) return { kind: 'missing', why: 'no matching metric filter' };
  const metrics = matched.flatMap((mf) => mf.metricTransformations);
  if (metrics.length === 0) return { kind: 'missing', why: `filter ${matched.map((m) => m.filterName).join(', ')} publishes no metric` };
  const alarms = data.cloudwatch.alarms;
  if (!alarms.ok) return { kind: 'unknown', error: alarms.error, why: 'the CloudWatch alarms could not be read' };
  const watching = alarms.value.filter((a) => a.actionsEnabled && metrics.some((m) => alarmWatches(a, m)));
  if (watching.length === 0) return { kind: 'missing', why: `no enabled alarm on metric ${metrics.map((m) => `${m.metricNamespace}/${m.metricName}`).join(', ')}` };
  const topics = [...new Set(watching.flatMap((a) => a.alarmActions.filter((arn) => /^arn:[^:]+:sns:/.test(arn))))];
  if (topics.length === 0) return { kind: 'missing', why: `alarm ${watching.map((a) => a.alarmName).join(', ')} notifies no SNS topic` };
  const outcomes = topics.map((t) => topicOutcome(ctx, t));
  const ok = outcomes.find((o) => o.kind === 'ok');
  if (ok) return { kind: 'ok', via: `filter ${matched[0]!.filterName} → alarm ${watching[0]!.alarmName} → ${ok.kind === 'ok' ? ok.via : ''}` };
  const unknown = outcomes.find((o) => o.kind === 'unknown');
  if (unknown) return unknown;
  return { kind: 'missing', why: outcomes.map((o) => (o.kind === 'missing' ? o.why : '')).join('; ') };
}

function groupResource(g: LogGroup): ResourceRef {
  return { type: 'AwsLogsLogGroup', id: g.name, arn: g.arn };
}

export default defineCheck({
  meta: {
    id: 'cis-monitoring-alarms',
    title: 'CIS 4.x metric filters + alarms with a subscribed SNS topic',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsLogsLogGroup',
    rationale:
      'The CIS section 4 alarms tell a human within minutes that someone used root, signed in without MFA, or changed IAM, CloudTrail, Config, KMS, S3 policies, network or the organization; a trail nobody watches only helps after the damage is found some other way.',
    remediation: {
      text: 'For each missing CIS control, put a metric filter with the CIS pattern on the trail log group, an alarm on its metric (threshold 1, period 300 s) and an SNS topic with a confirmed subscription; or route CloudTrail events to people through an EventBridge rule or an S3-notification watcher (security-alert-pipeline).',
      cli: 'aws logs put-metric-filter --log-group-name <log-group> --filter-name root-usage --metric-transformations metricName=RootUsage,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern \'{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }\' --region <region>\naws cloudwatch put-metric-alarm --alarm-name root-usage --metric-name RootUsage --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns-topic-arn> --region <region>',
      terraform:
        'resource "aws_cloudwatch_log_metric_filter" "root_usage" {\n  name           = "root-usage"\n  log_group_name = "<log-group>"\n  pattern        = "{ ($.userIdentity.type = \\"Root\\") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != \\"AwsServiceEvent\\") }"\n  metric_transformation {\n    name      = "RootUsage"\n    namespace = "CISBenchmark"\n    value     = "1"\n  }\n}\n\nresource "aws_cloudwatch_metric_alarm" "root_usage" {\n  alarm_name          = "root-usage"\n  metric_name         = "RootUsage"\n  namespace           = "CISBenchmark"\n  statistic           = "Sum"\n  period              = 300\n  threshold           = 1\n  comparison_operator = "GreaterThanOrEqualToThreshold"\n  evaluation_periods  = 1\n  alarm_actions       = ["<sns-topic-arn>"]\n}',
    },
    references: [
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html',
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
    ],
    compliance: { cisAws3: CIS_FILTERS.map((f) => f.cis), prowler: CIS_FILTERS.map((f) => f.prowler), sources: ['000', '001', '003'] },
    fixable: true,
    reads: ['regional.*.cloudtrail.trails', 'regional.*.cloudwatchLogs.metricFilters', 'regional.*.cloudwatch.alarms', 'regional.*.sns.topics', 'regional.*.eventbridge.rules', 's3.buckets'],
  },
  evaluate(ctx) {
    const { trails, unreadable, ownedElsewhere } = trailsToJudge(ctx);
    const results: CheckResult[] = [...unreadable];
    if (trails.length === 0) {
      if (unreadable.length === 0) results.push(noTrailsToJudge(ctx, ownedElsewhere));
      return results;
    }
    let pipeline: ReturnType<typeof cloudTrailPipeline> | undefined;
    const pipelineOnce = () => (pipeline ??= cloudTrailPipeline(ctx));
    const groups = new Map<string, LogGroup>();
    const bad: Trail[] = [];
    for (const t of trails) {
      if (t.cloudWatchLogsLogGroupArn === null || t.cloudWatchLogsLogGroupArn === '') continue;
      const parsed = parseLogGroupArn(t.cloudWatchLogsLogGroupArn);
      if (!parsed) {
        bad.push(t);
        continue;
      }
      const key = `${parsed.accountId}|${parsed.region}|${parsed.name}`;
      const g = groups.get(key) ?? { arn: t.cloudWatchLogsLogGroupArn, ...parsed, trails: [] };
      g.trails.push(t);
      groups.set(key, g);
    }
    for (const t of bad) {
      results.push(ctx.error({ type: 'AwsCloudTrailTrail', id: t.name, arn: t.arn }, { code: 'ParseError', operation: 'cloudtrail:DescribeTrails', message: `unrecognised log group ARN ${t.cloudWatchLogsLogGroupArn}` }, `cannot tell which log group trail ${t.name} delivers to`, { region: t.homeRegion }));
    }
    if (groups.size === 0 && bad.length === 0) {
      const p = pipelineOnce();
      const account = ctx.accountResource();
      if (p.kind === 'covered') results.push(ctx.pass(account, `no trail of account ${account.id} delivers to CloudWatch Logs, but CloudTrail events reach people another way: ${p.how}`, { evidence: { pipeline: p.how } }));
      else if (p.kind === 'unknown') results.push(ctx.error(account, p.error, `no trail delivers to CloudWatch Logs, and whether an alert pipeline replaces the CIS alarms is unknown (${p.why})`));
      else {
        // the first step is a log group for the trail; the filters and alarms follow on it
        const t = trails[0]!;
        results.push(
          ctx.fail(account, `no trail of account ${account.id} delivers to CloudWatch Logs, so none of the CIS 4.1–4.15 alarms can exist (see cloudtrail-cloudwatch-logs), and ${p.why}`, {
            region: t.homeRegion,
            evidence: { pipeline: p.why },
            remediation: {
              cli: 'aws logs create-log-group --log-group-name <log-group> --region <region>\naws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn> --region <region>\n# then the metric filters and alarms: see the remediation of a log group finding',
            },
            remediationValues: { trail: t.name },
          }),
        );
      }
      return results;
    }
    for (const g of [...groups.values()].sort((a, b) => a.arn.localeCompare(b.arn))) {
      const resource = groupResource(g);
      const data = regionOf(ctx, g.accountId, g.region);
      if (!data) {
        results.push(ctx.error(resource, notCollected('logs:DescribeMetricFilters', `log group ${g.name} is in account ${g.accountId} / ${g.region}, which this scan did not read`), `cannot read the metric filters of log group ${g.name}`, { region: g.region }));
        continue;
      }
      const filters = readInRegion(ctx, data.cloudwatchLogs.metricFilters, `the metric filters of log group ${g.name}`, g.region, resource);
      if (!filters.ok) {
        results.push(filters.result);
        continue;
      }
      const onGroup = filters.value.filter((f) => f.logGroupName === g.name);
      const outcomes = CIS_FILTERS.map((f) => ({ f, o: judgeFilter(ctx, f, onGroup, data) }));
      const missing = outcomes.filter((x) => x.o.kind === 'missing');
      const unknown = outcomes.filter((x) => x.o.kind === 'unknown');
      const evidence = {
        trails: g.trails.map((t) => t.arn),
        controls: Object.fromEntries(outcomes.map(({ f, o }) => [f.cis, o.kind === 'ok' ? `ok: ${o.via}` : `${o.kind}: ${o.why}`])),
      };
      const extra = { region: g.region, evidence, remediationValues: { 'log-group': g.name } };
      if (missing.length === 0 && unknown.length === 0) {
        results.push(ctx.pass(resource, `log group ${g.name} has a metric filter, an alarm and a subscribed SNS topic for each of CIS 4.1–4.15`, extra));
        continue;
      }
      if (missing.length === 0) {
        const first = unknown[0]!;
        if (first.o.kind === 'unknown') results.push(ctx.error(resource, first.o.error, `could not finish checking CIS ${unknown.map((x) => x.f.cis).join(', ')} on log group ${g.name}: ${first.o.why}`, extra));
        continue;
      }
      const list = missing.map((x) => `${x.f.cis} ${x.f.title} (${x.o.kind === 'missing' ? x.o.why : ''})`).join('; ');
      const p = pipelineOnce();
      if (p.kind === 'covered') {
        results.push(ctx.pass(resource, `log group ${g.name} lacks CIS alarms for ${missing.map((x) => x.f.cis).join(', ')}, but CloudTrail events reach people another way: ${p.how}`, { ...extra, evidence: { ...evidence, pipeline: p.how } }));
      } else if (p.kind === 'unknown') {
        results.push(ctx.error(resource, p.error, `log group ${g.name} lacks CIS alarms for ${missing.map((x) => x.f.cis).join(', ')}, and whether an alert pipeline replaces them is unknown (${p.why})`, extra));
      } else {
        results.push(
          ctx.fail(resource, `log group ${g.name} has ${CIS_FILTERS.length - missing.length - unknown.length} of ${CIS_FILTERS.length} CIS alarms; missing: ${list}`, {
            ...extra,
            remediation: { text: `Add metric filters, alarms and a subscribed SNS topic for: ${missing.map((x) => `CIS ${x.f.cis} (${x.f.title}) pattern ${cisPattern(x.f)}`).join('; ')}.` },
          }),
        );
      }
    }
    return results;
  },
});
