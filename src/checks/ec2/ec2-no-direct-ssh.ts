// ec2-no-direct-ssh: an instance with an EC2 key pair is not reachable on SSH (tcp 22) from anything but an EC2
// Instance Connect Endpoint's security group, a configured bastion group or configured admin CIDRs (controls.md 1.H).
// The pass notes when the instance is SSM-managed or its VPC has an Instance Connect Endpoint (the keyless ways in).
// The port logic is the sg-* checks' (helpers/network.ts).
import { BlockList, isIPv4 } from 'node:net';
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { SecurityGroupRule } from '../../services/ec2/schema.ts';
import { defineCheck } from '../define.ts';
import { describePorts, ruleCovers } from '../helpers/network.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';

export interface NoDirectSshOptions {
  /** Security groups of bastion hosts allowed as the SSH source. */
  bastionSecurityGroupIds: string[];
  /** CIDRs administrators connect from (a rule's range must lie inside one). */
  adminCidrs: string[];
}

function cidrParts(cidr: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address, p] = cidr.trim().split('/');
  if (address === undefined) return undefined;
  const family = isIPv4(address) ? 'ipv4' : 'ipv6';
  const prefix = p === undefined ? (family === 'ipv4' ? 32 : 128) : Number(p);
  return Number.isInteger(prefix) ? { address, prefix, family } : undefined;
}

/** Whether `cidr` lies inside one of `allowed`. */
function withinAdminCidrs(cidr: string, allowed: readonly string[]): boolean {
  const inner = cidrParts(cidr);
  if (inner === undefined) return false;
  return allowed.some((a) => {
    const outer = cidrParts(a);
    if (outer === undefined || outer.family !== inner.family || outer.prefix > inner.prefix) return false;
    try {
      const list = new BlockList();
      list.addSubnet(outer.address, outer.prefix, outer.family);
      return list.check(inner.address, inner.family);
    } catch {
      return false;
    }
  });
}

export default defineCheck<NoDirectSshOptions>({
  meta: {
    id: 'ec2-no-direct-ssh',
    title: 'Shell access uses EC2 Instance Connect / SSM, not open SSH with long-lived keys',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsEc2Instance',
    rationale:
      'A long-lived SSH key plus a reachable port 22 is access nobody audits: keys get copied, are never rotated and survive the people who had them. Session Manager and EC2 Instance Connect give IAM-authorised, logged shells with no standing key.',
    remediation: {
      text: 'Reach the instance through SSM Session Manager (see ec2-ssm-managed) or an EC2 Instance Connect Endpoint, then remove the SSH rule (or narrow it to the endpoint or bastion security group). New instances need no key pair.',
      cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --security-group-rule-ids <sgr-id> --region <region>\naws ec2 create-instance-connect-endpoint --subnet-id <subnet-id> --region <region>',
    },
    references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/connect-using-eice.html', 'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html'],
    compliance: { prowler: ['ec2_instance_port_ssh_exposed_to_internet'], sources: ['001', '002'] },
    fixable: false,
    reads: ['regional.*.ec2.instances', 'regional.*.ec2.securityGroups', 'regional.*.ec2.instanceConnectEndpoints', 'regional.*.ssm.managedInstances'],
  },
  defaultOptions: { bastionSecurityGroupIds: [], adminCidrs: [] },
  optionProblems: (o) => o.adminCidrs.filter((c) => cidrParts(c) === undefined).map((c) => `"${c}" is not a CIDR`),
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const instances = readInRegion(ctx, data.ec2.instances, 'EC2 instances', region);
      if (!instances.ok) {
        results.push(instances.result);
        continue;
      }
      const live = instances.value.filter((i) => i.state !== 'terminated' && i.state !== 'shutting-down');
      if (live.length === 0) {
        results.push(noneInRegion(ctx, region, 'EC2 instances'));
        continue;
      }
      const endpoints = data.ec2.instanceConnectEndpoints;
      const eiceGroups = new Set(endpoints.ok ? endpoints.value.flatMap((e) => e.securityGroupIds) : []);
      const managed = data.ssm.managedInstances;
      for (const i of live) {
        const resource: ResourceRef = { type: 'AwsEc2Instance', id: i.instanceId };
        const ssm = managed.ok ? managed.value.some((m) => m.instanceId === i.instanceId && m.pingStatus === 'Online') : null;
        const eice = endpoints.ok ? endpoints.value.some((e) => e.vpcId !== null && e.vpcId === i.vpcId) : null;
        const notes = [...(ssm ? ['it is an Online SSM managed node'] : []), ...(eice ? [`VPC ${i.vpcId ?? ''} has an EC2 Instance Connect Endpoint`] : [])];
        const note = notes.length > 0 ? ` (${notes.join('; ')})` : '';
        const evidence = { keyName: i.keyName, securityGroupIds: i.securityGroupIds, ssmManaged: ssm, instanceConnectEndpointInVpc: eice };
        if (i.keyName === null) {
          results.push(ctx.pass(resource, `instance ${i.instanceId} has no EC2 key pair${note}`, { region, evidence }));
          continue;
        }
        if (!data.ec2.securityGroups.ok) {
          results.push(ctx.error(resource, data.ec2.securityGroups.error, `could not read the security groups of instance ${i.instanceId}`, { region }));
          continue;
        }
        const groups = data.ec2.securityGroups.value;
        const offending: Array<{ groupId: string; rule: SecurityGroupRule; source: string }> = [];
        let unknown: CollectError | undefined;
        for (const groupId of i.securityGroupIds) {
          const group = groups.find((g) => g.groupId === groupId);
          if (group === undefined) {
            unknown ??= { code: 'NotCollected', operation: 'ec2:DescribeSecurityGroups', region, message: `security group ${groupId} of instance ${i.instanceId} is not in the snapshot` };
            continue;
          }
          for (const rule of group.rules) {
            if (rule.isEgress || !ruleCovers(rule, 'tcp', 22)) continue;
            for (const cidr of [rule.cidrIpv4, rule.cidrIpv6]) {
              if (cidr !== null && !withinAdminCidrs(cidr, ctx.options.adminCidrs)) offending.push({ groupId, rule, source: cidr });
            }
            if (rule.prefixListId !== null) offending.push({ groupId, rule, source: `prefix list ${rule.prefixListId}` });
            const ref = rule.referencedGroupId;
            if (ref !== null && !ctx.options.bastionSecurityGroupIds.includes(ref) && !eiceGroups.has(ref)) {
              if (endpoints.ok) offending.push({ groupId, rule, source: `security group ${ref}` });
              else unknown ??= endpoints.error; // it may be an Instance Connect Endpoint's group
            }
          }
        }
        if (offending.length > 0) {
          const first = offending[0]!;
          const list = offending.map((o) => `${o.groupId} rule ${o.rule.ruleId} (${describePorts(o.rule)} from ${o.source})`).join(', ');
          results.push(
            ctx.fail(resource, `instance ${i.instanceId} has key pair ${i.keyName} and accepts SSH from sources other than an Instance Connect Endpoint, bastion or admin CIDR: ${list}${note}`, {
              region,
              evidence: { ...evidence, rules: offending.map((o) => ({ groupId: o.groupId, ruleId: o.rule.ruleId, source: o.source })) },
              remediationValues: { 'sg-id': first.groupId, 'sgr-id': first.rule.ruleId },
            }),
          );
          continue;
        }
        if (unknown !== undefined) {
          results.push(ctx.error(resource, unknown, `could not decide which sources may reach SSH on instance ${i.instanceId}`, { region }));
          continue;
        }
        results.push(ctx.pass(resource, `instance ${i.instanceId} has key pair ${i.keyName}, but SSH is open only to an Instance Connect Endpoint, bastion or admin CIDR, or not at all${note}`, { region, evidence }));
      }
    }
    return results;
  },
});
