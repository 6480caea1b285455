// ssm-patch-compliance: every SSM-managed node reports Patch compliance COMPLIANT (controls.md 1.E). One result per
// node; a running EC2 instance that SSM does not manage has no patch state, which is unknown (error), not a failure
// (ec2-ssm-managed reports it).
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';

const OP = 'ssm:ListResourceComplianceSummaries';

export default defineCheck({
  meta: {
    id: 'ssm-patch-compliance',
    title: 'Managed instances are patch-compliant',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsEc2Instance',
    rationale:
      'An instance missing security patches is the most common way a known exploit gets in; Patch Manager compliance shows, per instance, whether the approved patches of its baseline are installed.',
    remediation: {
      text: 'Install the missing patches (Patch Manager: AWS-RunPatchBaseline with Operation=Install, ideally from a maintenance window or a patch policy), then rescan. Instances that SSM does not manage need the agent and an instance role first (see ec2-ssm-managed).',
      cli: 'aws ssm send-command --document-name AWS-RunPatchBaseline --parameters Operation=Install --targets Key=InstanceIds,Values=<instance-id> --region <region>',
    },
    references: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-manager-compliance-states.html', 'https://docs.aws.amazon.com/systems-manager/latest/userguide/compliance-about.html'],
    compliance: { prowler: ['ssm_managed_compliant_patching'], sources: ['001'] },
    fixable: false,
    reads: ['regional.*.ssm.managedInstances', 'regional.*.ssm.patchCompliance', 'regional.*.ec2.instances'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const managed = readInRegion(ctx, data.ssm.managedInstances, 'the SSM managed nodes', region);
      if (!managed.ok) {
        results.push(managed.result);
        continue;
      }
      const compliance = readInRegion(ctx, data.ssm.patchCompliance, 'the SSM Patch compliance summaries', region);
      if (!compliance.ok) {
        results.push(compliance.result);
        continue;
      }
      const byId = new Map(compliance.value.map((c) => [c.resourceId, c]));
      const managedIds = new Set(managed.value.map((m) => m.instanceId));
      const unmanaged = data.ec2.instances.ok ? data.ec2.instances.value.filter((i) => i.state === 'running' && !managedIds.has(i.instanceId)) : [];
      if (managed.value.length === 0 && unmanaged.length === 0) {
        results.push(noneInRegion(ctx, region, 'SSM-managed nodes or running EC2 instances'));
        continue;
      }
      for (const m of managed.value) {
        const resource: ResourceRef = { type: m.instanceId.startsWith('mi-') ? 'AwsSsmManagedInstance' : 'AwsEc2Instance', id: m.instanceId };
        const c = byId.get(m.instanceId);
        if (c === undefined) {
          results.push(
            ctx.error(resource, { code: 'NotCollected', operation: OP, region, message: `node ${m.instanceId} has reported no Patch compliance (no AWS-RunPatchBaseline scan has run on it)` }, undefined, { region }),
          );
          continue;
        }
        const evidence = { pingStatus: m.pingStatus, ...c };
        if (c.status === 'COMPLIANT') results.push(ctx.pass(resource, `${m.instanceId} is patch-compliant`, { region, evidence }));
        else
          results.push(
            ctx.fail(resource, `${m.instanceId} is ${c.status} for Patch${c.nonCompliantCount !== null ? `: ${c.nonCompliantCount} missing or failed patch(es)` : ''}${c.overallSeverity ? `, highest severity ${c.overallSeverity}` : ''}`, {
              region,
              evidence,
              remediationValues: { 'instance-id': m.instanceId },
            }),
          );
      }
      for (const i of unmanaged) {
        results.push(
          ctx.error(
            { type: 'AwsEc2Instance', id: i.instanceId },
            { code: 'NotCollected', operation: OP, region, message: `running instance ${i.instanceId} is not managed by SSM, so its patch state is unknown (see ec2-ssm-managed)` },
            undefined,
            { region },
          ),
        );
      }
    }
    return results;
  },
});
