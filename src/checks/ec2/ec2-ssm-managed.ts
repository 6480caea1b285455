// ec2-ssm-managed: every running EC2 instance is an SSM managed node that is Online, so Session Manager can reach
// it without SSH (controls.md 1.H). One result per running instance.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'ec2-ssm-managed',
    title: 'Instances are reachable through SSM Session Manager',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsEc2Instance',
    rationale:
      'An instance managed by Systems Manager can be reached with Session Manager (IAM-authorised, logged, no inbound port or SSH key) and patched by Patch Manager; one outside SSM needs SSH keys and open ports instead.',
    remediation: {
      text: 'Run the SSM Agent (preinstalled on Amazon Linux, Ubuntu and Windows AMIs) with an instance role that has AmazonSSMManagedInstanceCore, or turn on Default Host Management Configuration for the Region; the instance also needs a route to the SSM endpoints (NAT or VPC endpoints).',
      cli: 'aws ec2 associate-iam-instance-profile --instance-id <instance-id> --iam-instance-profile Name=<profile-with-AmazonSSMManagedInstanceCore> --region <region>',
    },
    references: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/managed-instances-default-host-management.html', 'https://docs.aws.amazon.com/systems-manager/latest/userguide/troubleshooting-managed-nodes.html'],
    compliance: { prowler: ['ec2_instance_managed_by_ssm'], sources: ['002'] },
    fixable: false,
    reads: ['regional.*.ec2.instances', 'regional.*.ssm.managedInstances'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const instances = readInRegion(ctx, data.ec2.instances, 'EC2 instances', region);
      if (!instances.ok) {
        results.push(instances.result);
        continue;
      }
      const running = instances.value.filter((i) => i.state === 'running');
      if (running.length === 0) {
        results.push(noneInRegion(ctx, region, 'running EC2 instances'));
        continue;
      }
      const managed = readInRegion(ctx, data.ssm.managedInstances, 'the SSM managed nodes', region);
      if (!managed.ok) {
        results.push(managed.result);
        continue;
      }
      const byId = new Map(managed.value.map((m) => [m.instanceId, m]));
      for (const i of running) {
        const resource: ResourceRef = { type: 'AwsEc2Instance', id: i.instanceId };
        const m = byId.get(i.instanceId);
        const evidence = { iamInstanceProfileArn: i.iamInstanceProfileArn, pingStatus: m?.pingStatus ?? null, lastPingDateTime: m?.lastPingDateTime ?? null };
        const fix = { remediationValues: { 'instance-id': i.instanceId } };
        if (m === undefined) {
          results.push(
            ctx.fail(resource, `running instance ${i.instanceId} is not managed by SSM${i.iamInstanceProfileArn === null ? ' (it has no instance profile)' : ''}, so Session Manager cannot reach it`, { region, evidence, ...fix }),
          );
        } else if (m.pingStatus !== 'Online') {
          results.push(ctx.fail(resource, `instance ${i.instanceId} is registered with SSM but its agent is ${m.pingStatus}`, { region, evidence, ...fix }));
        } else {
          results.push(ctx.pass(resource, `instance ${i.instanceId} is an Online SSM managed node`, { region, evidence }));
        }
      }
    }
    return results;
  },
});
