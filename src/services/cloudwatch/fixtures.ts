// Fixtures for the CloudWatch slice: the empty default of a fixture Region and an alarm builder.
import { ok } from '../../inventory/collected.ts';
import type { CloudwatchSlice, MetricAlarm } from './schema.ts';

/** A Region without alarms. */
export function emptyCloudwatch(): CloudwatchSlice {
  return { alarms: ok([]) };
}

/** An enabled alarm on one metric that notifies the given SNS topics. */
export function metricAlarm(
  region: string,
  accountId: string,
  alarmName: string,
  metricName: string,
  topicArns: string[],
  opts: Partial<Omit<MetricAlarm, 'alarmName' | 'metricName'>> = {},
): MetricAlarm {
  return {
    alarmName,
    alarmArn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${alarmName}`,
    metricName,
    namespace: 'CISBenchmark',
    metrics: [],
    actionsEnabled: true,
    alarmActions: topicArns,
    stateValue: 'OK',
    ...opts,
  };
}
