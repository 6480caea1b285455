// Snapshot slice of CloudWatch Logs (per Region): metric filters (cis-monitoring-alarms matches them against the
// trail log groups) and the Logs resource policies (which services may write to log groups).
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const metricFilterSchema = z.object({
  filterName: z.string(),
  logGroupName: z.string(),
  /** The filter pattern as written; '' matches every event. */
  filterPattern: z.string(),
  metricTransformations: z.array(z.object({ metricName: z.string(), metricNamespace: z.string() })),
});
export type MetricFilter = z.infer<typeof metricFilterSchema>;

export const logsResourcePolicySchema = z.object({
  policyName: z.string(),
  /** The policy document, JSON-parsed when it parses (kept as the raw string otherwise). */
  document: z.unknown(),
  /** ACCOUNT or RESOURCE; null when the answer carried none. */
  policyScope: z.string().nullable(),
  resourceArn: z.string().nullable(),
});
export type LogsResourcePolicy = z.infer<typeof logsResourcePolicySchema>;

export const cloudwatchLogsSchema = z.object({
  /** DescribeMetricFilters over the whole Region (every log group), drained. */
  metricFilters: collectedSchema(z.array(metricFilterSchema)),
  /** DescribeResourcePolicies, drained. */
  resourcePolicies: collectedSchema(z.array(logsResourcePolicySchema)),
});
export type CloudwatchLogsSlice = z.infer<typeof cloudwatchLogsSchema>;
