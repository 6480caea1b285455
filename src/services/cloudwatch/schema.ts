// Snapshot slice of CloudWatch (per Region): the metric alarms, with the metric(s) each watches and where it notifies.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const metricAlarmSchema = z.object({
  alarmName: z.string(),
  alarmArn: z.string(),
  /** The single metric the alarm watches; null for a metric-math alarm (see metrics). */
  metricName: z.string().nullable(),
  namespace: z.string().nullable(),
  /** The metrics a metric-math alarm reads (Metrics[].MetricStat.Metric). */
  metrics: z.array(z.object({ metricName: z.string(), namespace: z.string().nullable() })),
  actionsEnabled: z.boolean(),
  /** AlarmActions ARNs (SNS topics, Auto Scaling, SSM…). */
  alarmActions: z.array(z.string()),
  /** OK | ALARM | INSUFFICIENT_DATA; null when the answer carried none. */
  stateValue: z.string().nullable(),
});
export type MetricAlarm = z.infer<typeof metricAlarmSchema>;

export const cloudwatchSchema = z.object({
  /** DescribeAlarms (AlarmTypes MetricAlarm), drained. */
  alarms: collectedSchema(z.array(metricAlarmSchema)),
});
export type CloudwatchSlice = z.infer<typeof cloudwatchSchema>;
