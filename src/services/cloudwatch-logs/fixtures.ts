// Fixtures for the CloudWatch Logs slice: the empty default of a fixture Region and item builders.
import { ok } from '../../inventory/collected.ts';
import type { CloudwatchLogsSlice, LogsResourcePolicy, MetricFilter } from './schema.ts';

/** A Region with no metric filter and no Logs resource policy. */
export function emptyCloudwatchLogs(): CloudwatchLogsSlice {
  return { metricFilters: ok([]), resourcePolicies: ok([]) };
}

/** A metric filter on a log group publishing one metric (namespace CISBenchmark unless told). */
export function metricFilter(
  logGroupName: string,
  filterPattern: string,
  metricName: string,
  opts: { filterName?: string; metricNamespace?: string } = {},
): MetricFilter {
  return {
    filterName: opts.filterName ?? metricName,
    logGroupName,
    filterPattern,
    metricTransformations: [{ metricName, metricNamespace: opts.metricNamespace ?? 'CISBenchmark' }],
  };
}

export function logsResourcePolicy(policyName: string, document: unknown, opts: Partial<Omit<LogsResourcePolicy, 'policyName' | 'document'>> = {}): LogsResourcePolicy {
  return { policyName, document, policyScope: opts.policyScope ?? 'ACCOUNT', resourceArn: opts.resourceArn ?? null };
}
