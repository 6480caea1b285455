// Unit tests for the CloudWatch Logs collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CloudWatchLogsClient, DescribeMetricFiltersCommand, DescribeResourcePoliciesCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { cloudwatchLogsCollector } from './collector.ts';

const logs = mockClient(CloudWatchLogsClient);

describe('cloudwatch-logs collector', () => {
  beforeEach(() => logs.reset());
  afterEach(() => logs.reset());

  it('pages through every metric filter and resource policy of the Region', async () => {
    logs
      .on(DescribeMetricFiltersCommand)
      .resolvesOnce({
        metricFilters: [
          {
            filterName: 'root',
            logGroupName: 'trail',
            filterPattern: '{ $.userIdentity.type = "Root" }',
            metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CIS', metricValue: '1' }],
          },
        ],
        nextToken: 'p2',
      })
      .resolvesOnce({ metricFilters: [{ filterName: 'all', logGroupName: 'app', metricTransformations: [] }] });
    logs
      .on(DescribeResourcePoliciesCommand)
      .resolvesOnce({ resourcePolicies: [{ policyName: 'events', policyDocument: '{"Version":"2012-10-17","Statement":[]}', policyScope: 'ACCOUNT' }], nextToken: 't2' })
      .resolvesOnce({ resourcePolicies: [{ policyName: 'broken', policyDocument: 'not json' }] });
    const out = assertSlice('cloudwatchLogs', await cloudwatchLogsCollector.collect(testContext()));
    assert.deepEqual(out.metricFilters, {
      ok: true,
      value: [
        { filterName: 'root', logGroupName: 'trail', filterPattern: '{ $.userIdentity.type = "Root" }', metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CIS' }] },
        { filterName: 'all', logGroupName: 'app', filterPattern: '', metricTransformations: [] },
      ],
    });
    assert.deepEqual(out.resourcePolicies, {
      ok: true,
      value: [
        { policyName: 'events', document: { Version: '2012-10-17', Statement: [] }, policyScope: 'ACCOUNT', resourceArn: null },
        { policyName: 'broken', document: 'not json', policyScope: null, resourceArn: null },
      ],
    });
    assert.equal(logs.commandCalls(DescribeMetricFiltersCommand).length, 2);
    assert.deepEqual(logs.commandCalls(DescribeResourcePoliciesCommand).map((c) => c.args[0].input.nextToken), [undefined, 't2']);
  });

  it('records a denied listing as data, each on its own field', async () => {
    logs.on(DescribeMetricFiltersCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    logs.on(DescribeResourcePoliciesCommand).resolves({ resourcePolicies: [] });
    const out = assertSlice('cloudwatchLogs', await cloudwatchLogsCollector.collect(testContext('ap-south-1')));
    assert.ok(!out.metricFilters.ok);
    assert.deepEqual(
      [out.metricFilters.error.code, out.metricFilters.error.operation, out.metricFilters.error.region],
      ['AccessDenied', 'logs:DescribeMetricFilters', 'ap-south-1'],
    );
    assert.deepEqual(out.resourcePolicies, { ok: true, value: [] });
  });

  it('a filter without its log group is a ParseError, not a guess', async () => {
    logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [{ filterName: 'x' }] });
    logs.on(DescribeResourcePoliciesCommand).resolves({});
    const out = assertSlice('cloudwatchLogs', await cloudwatchLogsCollector.collect(testContext()));
    assert.ok(!out.metricFilters.ok);
    assert.equal(out.metricFilters.error.code, 'ParseError');
  });
});
