// Unit tests for the CloudWatch alarms collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { cloudwatchCollector } from './collector.ts';

const cw = mockClient(CloudWatchClient);
const ARN = (n: string) => `arn:aws:cloudwatch:eu-west-1:111111111111:alarm:${n}`;

describe('cloudwatch collector', () => {
  beforeEach(() => cw.reset());
  afterEach(() => cw.reset());

  it('pages through the metric alarms, with single-metric and metric-math alarms', async () => {
    cw.on(DescribeAlarmsCommand)
      .resolvesOnce({
        MetricAlarms: [
          { AlarmName: 'root', AlarmArn: ARN('root'), MetricName: 'RootUsage', Namespace: 'CIS', ActionsEnabled: true, AlarmActions: ['arn:aws:sns:eu-west-1:111111111111:sec'], StateValue: 'OK' },
        ],
        NextToken: 'n2',
      })
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: 'math',
            AlarmArn: ARN('math'),
            ActionsEnabled: false,
            Metrics: [{ Id: 'm1', MetricStat: { Metric: { MetricName: 'Unauthorized', Namespace: 'CIS' }, Period: 300, Stat: 'Sum' } }, { Id: 'e1', Expression: 'm1*2' }],
          },
        ],
      });
    const out = assertSlice('cloudwatch', await cloudwatchCollector.collect(testContext()));
    assert.deepEqual(out.alarms, {
      ok: true,
      value: [
        { alarmName: 'root', alarmArn: ARN('root'), metricName: 'RootUsage', namespace: 'CIS', metrics: [], actionsEnabled: true, alarmActions: ['arn:aws:sns:eu-west-1:111111111111:sec'], stateValue: 'OK' },
        { alarmName: 'math', alarmArn: ARN('math'), metricName: null, namespace: null, metrics: [{ metricName: 'Unauthorized', namespace: 'CIS' }], actionsEnabled: false, alarmActions: [], stateValue: null },
      ],
    });
    const calls = cw.commandCalls(DescribeAlarmsCommand);
    assert.equal(calls.length, 2);
    assert.deepEqual(calls[0]?.args[0].input.AlarmTypes, ['MetricAlarm']);
    assert.equal(calls[1]?.args[0].input.NextToken, 'n2');
  });

  it('records a throttled listing as data', async () => {
    cw.on(DescribeAlarmsCommand).rejects(awsError('Throttling', 'Rate exceeded', 400));
    const out = assertSlice('cloudwatch', await cloudwatchCollector.collect(testContext('us-east-2')));
    assert.ok(!out.alarms.ok);
    assert.deepEqual([out.alarms.error.code, out.alarms.error.operation, out.alarms.error.region], ['Throttled', 'cloudwatch:DescribeAlarms', 'us-east-2']);
  });
});
