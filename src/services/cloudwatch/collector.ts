// CloudWatch collector (per Region): every metric alarm in one drained DescribeAlarms listing. DescribeAlarms cannot
// filter by metric name (only DescribeAlarmsForMetric can, one call per metric), so one listing is the cheaper read.
import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { drain } from '../../collectors/collect.ts';
import { need, read } from '../../collectors/shape.ts';
import { orNull, regionalClient } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import type { CloudwatchSlice } from './schema.ts';

const OPS = { alarms: 'cloudwatch:DescribeAlarms' } as const;

/** DescribeAlarms returns at most 100 alarms per page. */
const PAGE = 100;

export const cloudwatchCollector: RegionalCollector<'cloudwatch'> = {
  key: 'cloudwatch',
  operations: Object.values(OPS),
  async collect(ctx): Promise<CloudwatchSlice> {
    const client = regionalClient(ctx, CloudWatchClient);
    const alarms = await read(OPS.alarms, ctx.region, async () =>
      (await ctx.limiter.run(() => drain(paginateDescribeAlarms({ client, pageSize: PAGE }, { AlarmTypes: ['MetricAlarm'] }), (p) => p.MetricAlarms))).map(
        (a) => ({
          alarmName: need(a.AlarmName, 'MetricAlarm.AlarmName'),
          alarmArn: need(a.AlarmArn, 'MetricAlarm.AlarmArn'),
          metricName: orNull(a.MetricName),
          namespace: orNull(a.Namespace),
          metrics: (a.Metrics ?? []).flatMap((m) =>
            m.MetricStat?.Metric?.MetricName ? [{ metricName: m.MetricStat.Metric.MetricName, namespace: orNull(m.MetricStat.Metric.Namespace) }] : [],
          ),
          actionsEnabled: need(a.ActionsEnabled, 'MetricAlarm.ActionsEnabled'),
          alarmActions: a.AlarmActions ?? [],
          stateValue: orNull(a.StateValue),
        }),
      ),
    );
    return { alarms };
  },
};
