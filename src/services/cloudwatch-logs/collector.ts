// CloudWatch Logs collector (per Region): every metric filter of the Region in one drained listing (cheaper than a
// call per trail log group, and the collector does not know the trails), and the Logs resource policies.
import { CloudWatchLogsClient, DescribeResourcePoliciesCommand, paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import { drain } from '../../collectors/collect.ts';
import { need, parsePolicyDocument, read } from '../../collectors/shape.ts';
import { orNull, regionalClient } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import type { CloudwatchLogsSlice, LogsResourcePolicy } from './schema.ts';

const OPS = {
  metricFilters: 'logs:DescribeMetricFilters',
  resourcePolicies: 'logs:DescribeResourcePolicies',
} as const;

/** DescribeMetricFilters and DescribeResourcePolicies return at most 50 items per page. */
const PAGE = 50;

export const cloudwatchLogsCollector: RegionalCollector<'cloudwatchLogs'> = {
  key: 'cloudwatchLogs',
  operations: Object.values(OPS),
  async collect(ctx): Promise<CloudwatchLogsSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, CloudWatchLogsClient);
    const [metricFilters, resourcePolicies] = await Promise.all([
      read(OPS.metricFilters, region, async () =>
        (await limiter.run(() => drain(paginateDescribeMetricFilters({ client, pageSize: PAGE }, {}), (p) => p.metricFilters))).map((f) => ({
          filterName: need(f.filterName, 'MetricFilter.filterName'),
          logGroupName: need(f.logGroupName, 'MetricFilter.logGroupName'),
          filterPattern: f.filterPattern ?? '',
          metricTransformations: (f.metricTransformations ?? []).map((m) => ({
            metricName: need(m.metricName, 'MetricTransformation.metricName'),
            metricNamespace: need(m.metricNamespace, 'MetricTransformation.metricNamespace'),
          })),
        })),
      ),
      // no SDK paginator for this one: follow nextToken by hand
      read(OPS.resourcePolicies, region, async () => {
        const out: LogsResourcePolicy[] = [];
        let nextToken: string | undefined;
        do {
          const page = await limiter.run(() => client.send(new DescribeResourcePoliciesCommand({ limit: PAGE, ...(nextToken ? { nextToken } : {}) })));
          for (const p of page.resourcePolicies ?? []) {
            out.push({
              policyName: need(p.policyName, 'ResourcePolicy.policyName'),
              document: parsePolicyDocument(p.policyDocument),
              policyScope: orNull(p.policyScope),
              resourceArn: orNull(p.resourceArn),
            });
          }
          nextToken = page.nextToken;
        } while (nextToken);
        return out;
      }),
    ]);
    return { metricFilters, resourcePolicies };
  },
};
