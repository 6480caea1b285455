// cloudtrail-cloudwatch-logs: every trail delivers to CloudWatch Logs, recently (controls.md 1.D). A trail whose
// bucket already feeds an S3-notification pipeline (the watcher pattern of security-alert-pipeline) does not need it.
import type { CheckResult } from '../../findings/finding.ts';
import { DAY_MS, defineCheck, formatDays } from '../define.ts';
import { findBucket } from '../helpers/logging.ts';
import { noTrailsToJudge, trailResource, trailsToJudge } from '../helpers/regional.ts';

export interface CloudtrailCloudwatchLogsOptions {
  /** The last delivery to CloudWatch Logs may be at most this many hours old. */
  maxDeliveryAgeHours: number;
}

export default defineCheck<CloudtrailCloudwatchLogsOptions>({
  meta: {
    id: 'cloudtrail-cloudwatch-logs',
    title: 'Trail delivers to CloudWatch Logs (for metric-filter alarms)',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsCloudTrailTrail',
    rationale:
      'Metric filters and alarms on CloudTrail events (cis-monitoring-alarms) only work on a log group the trail delivers to; S3 alone is for after-the-fact investigation, not for being told within minutes.',
    remediation: {
      text: 'Create a log group and a role CloudTrail can assume to write to it, and set both on the trail (CloudWatch Logs ingestion is billed). Not needed when an S3-notification watcher on the trail bucket raises the alerts.',
      cli: 'aws logs create-log-group --log-group-name <log-group>\naws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn> --region <region>',
      terraform: 'resource "aws_cloudtrail" "main" {\n  # ...\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_logs.arn\n}',
    },
    references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html'],
    compliance: { cisAws3: [], prowler: ['cloudtrail_cloudwatch_logging_enabled'], sources: ['000', '001'] },
    fixable: true,
    reads: ['regional.*.cloudtrail.trails', 's3.buckets'],
  },
  defaultOptions: { maxDeliveryAgeHours: 24 },
  optionProblems: (o) => (o.maxDeliveryAgeHours > 0 ? [] : [`maxDeliveryAgeHours (${o.maxDeliveryAgeHours}) must be positive`]),
  evaluate(ctx) {
    const { trails, unreadable, ownedElsewhere } = trailsToJudge(ctx);
    const results: CheckResult[] = [...unreadable];
    const maxMs = ctx.options.maxDeliveryAgeHours * 3_600_000;
    for (const t of trails) {
      const resource = trailResource(t);
      const extra = { region: t.homeRegion, evidence: { arn: t.arn, cloudWatchLogsLogGroupArn: t.cloudWatchLogsLogGroupArn }, remediationValues: { trail: t.name } };
      if (t.cloudWatchLogsLogGroupArn === null || t.cloudWatchLogsLogGroupArn === '') {
        const b = t.s3BucketName ? findBucket(ctx, t.s3BucketName) : undefined;
        const watched = b?.found && b.bucket.notifications.ok ? b.bucket.notifications.value : undefined;
        const consumers = watched ? [...watched.lambdaFunctionArns, ...watched.topicArns, ...watched.queueArns] : [];
        if (consumers.length > 0) {
          results.push(
            ctx.notApplicable(resource, `trail ${t.name} does not deliver to CloudWatch Logs, and does not need to: its bucket ${t.s3BucketName} notifies ${consumers.join(', ')} (S3 watcher pipeline)`, {
              ...extra,
              evidence: { ...extra.evidence, bucketNotifies: consumers },
            }),
          );
        } else {
          results.push(ctx.fail(resource, `trail ${t.name} does not deliver to CloudWatch Logs, so no metric filter or alarm can react to its events`, extra));
        }
        continue;
      }
      if (!t.status.ok) {
        results.push(ctx.error(resource, t.status.error, `could not read when trail ${t.name} last delivered to CloudWatch Logs`, extra));
        continue;
      }
      const last = t.status.value.latestCloudWatchLogsDeliveryTime;
      const ev = { ...extra, evidence: { ...extra.evidence, latestCloudWatchLogsDeliveryTime: last } };
      if (last === null) {
        results.push(ctx.fail(resource, `trail ${t.name} is set to deliver to ${t.cloudWatchLogsLogGroupArn} but has never delivered there (check the role CloudTrail assumes)`, ev));
        continue;
      }
      const age = ctx.now.getTime() - Date.parse(last);
      results.push(
        age > maxMs
          ? ctx.fail(resource, `trail ${t.name} last delivered to CloudWatch Logs ${formatDays(Math.round((age / DAY_MS) * 10) / 10)} days ago (more than ${ctx.options.maxDeliveryAgeHours} h), so alarms on its log group are blind`, ev)
          : ctx.pass(resource, `trail ${t.name} delivers to CloudWatch Logs log group ${t.cloudWatchLogsLogGroupArn} (last delivery ${last})`, ev),
      );
    }
    if (trails.length === 0 && unreadable.length === 0) results.push(noTrailsToJudge(ctx, ownedElsewhere));
    return results;
  },
});
