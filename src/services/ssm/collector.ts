// Systems Manager collector (per Region): the managed nodes (DescribeInstanceInformation) and the Patch compliance
// summaries (ListResourceComplianceSummaries filtered on ComplianceType Patch), one paginated listing each.
import { paginateDescribeInstanceInformation, paginateListResourceComplianceSummaries, SSMClient } from '@aws-sdk/client-ssm';
import { drain } from '../../collectors/collect.ts';
import { isoOrNull } from '../../collectors/shape.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { need, orNull, read, regionalClient } from '../../collectors/regional/shared.ts';
import type { SsmSlice } from './schema.ts';

const OPS = {
  instances: 'ssm:DescribeInstanceInformation',
  compliance: 'ssm:ListResourceComplianceSummaries',
} as const;

export const ssmCollector: RegionalCollector<'ssm'> = {
  key: 'ssm',
  operations: Object.values(OPS),
  async collect(ctx): Promise<SsmSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, SSMClient);
    const [managedInstances, patchCompliance] = await Promise.all([
      read(OPS.instances, region, () =>
        limiter.run(async () =>
          // 50 is the largest page DescribeInstanceInformation accepts
          (await drain(paginateDescribeInstanceInformation({ client, pageSize: 50 }, {}), (p) => p.InstanceInformationList)).map((i) => ({
            instanceId: need(i.InstanceId, 'InstanceInformation.InstanceId'),
            pingStatus: need(i.PingStatus, 'InstanceInformation.PingStatus'),
            resourceType: orNull(i.ResourceType),
            platformType: orNull(i.PlatformType),
            lastPingDateTime: isoOrNull(i.LastPingDateTime),
          })),
        ),
      ),
      read(OPS.compliance, region, () =>
        limiter.run(async () => {
          // 50 is the largest page ListResourceComplianceSummaries accepts
          const pages = paginateListResourceComplianceSummaries(
            { client, pageSize: 50 },
            { Filters: [{ Key: 'ComplianceType', Values: ['Patch'], Type: 'EQUAL' }] },
          );
          return (await drain(pages, (p) => p.ResourceComplianceSummaryItems)).map((c) => ({
            resourceId: need(c.ResourceId, 'ResourceComplianceSummaryItem.ResourceId'),
            resourceType: orNull(c.ResourceType),
            status: need(c.Status, 'ResourceComplianceSummaryItem.Status'),
            overallSeverity: orNull(c.OverallSeverity),
            nonCompliantCount: orNull(c.NonCompliantSummary?.NonCompliantCount),
            executionTime: isoOrNull(c.ExecutionSummary?.ExecutionTime),
          }));
        }),
      ),
    ]);
    return { managedInstances, patchCompliance };
  },
};
