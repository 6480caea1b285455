// vpc-flow-logs: every VPC has an active flow log capturing ALL or REJECT traffic (controls.md 1.D).
// Regions whose VPC or flow-log listing cannot be read and that are shown to be closed are not_applicable.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, resourcesByRegion } from '../helpers/regional.ts';

const CAPTURING = new Set(['ALL', 'REJECT']);

export default defineCheck({
  meta: {
    id: 'vpc-flow-logs',
    title: 'VPC Flow Logs on every VPC',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsEc2Vpc',
    rationale:
      'Flow logs are the only record of which addresses talked to what inside a VPC; without them an investigation cannot tell whether an exposed instance was reached or what it sent out.',
    remediation: {
      text: 'Create a flow log on the VPC capturing REJECT (at least) or ALL traffic, delivered to the Log Archive bucket.',
      cli: 'aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type REJECT --log-destination-type s3 --log-destination <log-archive-bucket-arn> --region <region>',
      terraform:
        'resource "aws_flow_log" "vpc" {\n  vpc_id               = "<vpc-id>"\n  traffic_type         = "REJECT"\n  log_destination_type = "s3"\n  log_destination      = "<log-archive-bucket-arn>"\n}',
    },
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html'],
    compliance: { cisAws3: ['3.7'], prowler: ['vpc_flow_logs_enabled'], sources: ['001', '000'] },
    fixable: true,
    reads: ['regional.*.ec2.vpcs', 'regional.*.ec2.flowLogs'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const { region, data, items: vpcs } of resourcesByRegion(ctx, results, (d) => d.ec2.vpcs, { list: 'VPCs', none: 'VPC' })) {
      const flowLogs = readInRegion(ctx, data.ec2.flowLogs, 'VPC flow logs', region);
      if (!flowLogs.ok) {
        results.push(flowLogs.result);
        continue;
      }
      for (const vpc of vpcs) {
        const resource = { type: 'AwsEc2Vpc', id: vpc.vpcId, arn: `arn:aws:ec2:${region}:${ctx.account.accountId}:vpc/${vpc.vpcId}` };
        const mine = flowLogs.value.filter((f) => f.resourceId === vpc.vpcId);
        const capturing = mine.filter((f) => f.status === 'ACTIVE' && f.trafficType !== null && CAPTURING.has(f.trafficType));
        const extra = {
          region,
          evidence: { isDefault: vpc.isDefault, flowLogs: mine.map((f) => ({ id: f.flowLogId, trafficType: f.trafficType, status: f.status, destinationType: f.destinationType })) },
          remediationValues: { 'vpc-id': vpc.vpcId },
        };
        if (capturing.length > 0) {
          const f = capturing[0]!;
          results.push(ctx.pass(resource, `VPC ${vpc.vpcId} has an active flow log ${f.flowLogId} capturing ${f.trafficType} traffic`, extra));
        } else {
          const why =
            mine.length === 0
              ? 'has no flow log'
              : `has flow logs, but none is ACTIVE and captures ALL or REJECT traffic (${mine.map((f) => `${f.flowLogId}: ${f.status ?? 'status unknown'}, ${f.trafficType ?? 'traffic type unknown'}`).join('; ')})`;
          results.push(ctx.fail(resource, `VPC ${vpc.vpcId}${vpc.isDefault ? ' (default VPC)' : ''} ${why}, so its network traffic leaves no record`, extra));
        }
      }
    }
    return results;
  },
});
