// default-vpc-unused: a default VPC that nothing uses is removed, and none exists in a Region outside the allowed
// list (controls.md 1.G). "Used" = at least one network interface in the VPC (every instance, load balancer, NAT
// gateway, Lambda in a VPC, endpoint… has one). One verdict per default VPC; a Region without one passes.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

function vpcResource(vpcId: string, region: string, accountId: string): ResourceRef {
  return { type: 'AwsEc2Vpc', id: vpcId, arn: `arn:aws:ec2:${region}:${accountId}:vpc/${vpcId}` };
}

export default defineCheck({
  meta: {
    id: 'default-vpc-unused',
    title: 'Unused default VPCs removed; none in unapproved Regions',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsEc2Vpc',
    rationale:
      'Every default VPC has public subnets that hand out public IPs and a route to the internet, so anything launched there by mistake or by an intruder is exposed; an unused one is attack surface with no benefit.',
    remediation: {
      text: 'Delete the unused default VPC (detach and delete its internet gateway, delete its subnets, then the VPC); in Regions outside the approved list, delete it and keep the Region closed with an SCP.',
      cli: 'aws ec2 delete-vpc --vpc-id <vpc-id> --region <region>  # after detach-internet-gateway, delete-internet-gateway and delete-subnet for its IGW and subnets',
    },
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/delete-default-vpc.html', 'https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html'],
    compliance: { sources: ['001', '002'] },
    fixable: true,
    reads: ['regional.*.ec2.vpcs', 'regional.*.ec2.networkInterfaces'],
  },
  /** allowedRegions: the approved Regions; empty = every Region is approved (only unused default VPCs fail). */
  defaultOptions: { allowedRegions: [] as string[] },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    const allowed = ctx.options.allowedRegions;
    for (const [region, data] of ctx.regions()) {
      const vpcs = readInRegion(ctx, data.ec2.vpcs, 'VPCs', region);
      if (!vpcs.ok) {
        results.push(vpcs.result);
        continue;
      }
      const defaults = vpcs.value.filter((v) => v.isDefault);
      if (defaults.length === 0) {
        results.push(ctx.pass(regionResource(region), `${region} has no default VPC`, { region }));
        continue;
      }
      const approved = allowed.length === 0 || allowed.includes(region);
      const enis = data.ec2.networkInterfaces;
      for (const v of defaults) {
        const resource = vpcResource(v.vpcId, region, ctx.account.accountId);
        const values = { remediationValues: { 'vpc-id': v.vpcId } };
        if (!approved) {
          results.push(
            ctx.fail(resource, `default VPC ${v.vpcId} exists in ${region}, which is not an approved Region (${allowed.join(', ')})`, {
              region,
              evidence: { vpcId: v.vpcId, allowedRegions: allowed },
              ...values,
            }),
          );
          continue;
        }
        if (!enis.ok) {
          results.push(ctx.error(resource, enis.error, `could not read the network interfaces of ${region}, so whether default VPC ${v.vpcId} is used is unknown`, { region }));
          continue;
        }
        const using = enis.value.filter((e) => e.vpcId === v.vpcId).map((e) => e.networkInterfaceId);
        const evidence = { vpcId: v.vpcId, networkInterfaces: using };
        if (using.length === 0) {
          results.push(ctx.fail(resource, `default VPC ${v.vpcId} in ${region} has no network interface: nothing uses it, so it can be deleted`, { region, evidence, ...values }));
        } else {
          results.push(ctx.pass(resource, `default VPC ${v.vpcId} in ${region} is in use (${using.length} network interface(s))`, { region, evidence }));
        }
      }
    }
    return results;
  },
});
