// subnet-auto-public-ip: subnets auto-assign public IPs only when they are designated public (controls.md 1.G).
// MapPublicIpOnLaunch on a subnet whose route table has no internet-gateway route is inconsistent → fail; on a public
// subnet (IGW route) not listed in the `publicSubnetIds` option → the catalog's warn. The route table is the
// subnet's explicit association, else its VPC's main table.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { internetGatewayRoutes, routeTableOf } from '../helpers/network.ts';
import { resourcesByRegion } from '../helpers/regional.ts';

function subnetResource(subnetId: string, region: string, accountId: string): ResourceRef {
  return { type: 'AwsEc2Subnet', id: subnetId, arn: `arn:aws:ec2:${region}:${accountId}:subnet/${subnetId}` };
}

export default defineCheck({
  meta: {
    id: 'subnet-auto-public-ip',
    title: 'Subnets do not auto-assign public IPs unless designated public',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsEc2Subnet',
    rationale:
      'A subnet that gives every new instance a public IP exposes whatever is launched there by default; only subnets designed to be public (load balancers, bastions behind strict groups) should do it.',
    remediation: {
      text: 'Turn off auto-assign public IPv4 on the subnet; give a public address only where one is needed (an Elastic IP or a load balancer), or list an intentionally public subnet in the check option publicSubnetIds.',
      cli: 'aws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch --region <region>',
      terraform: 'resource "aws_subnet" "<name>" {\n  # ...\n  map_public_ip_on_launch = false\n}',
    },
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/modify-subnets.html', 'https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html'],
    compliance: { prowler: ['vpc_subnet_no_public_ip_by_default'], sources: ['001'] },
    fixable: true,
    reads: ['regional.*.ec2.subnets', 'regional.*.ec2.routeTables'],
  },
  /** publicSubnetIds: subnets designated public, where auto-assigned public IPs are intended. */
  defaultOptions: { publicSubnetIds: [] as string[] },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    const designated = new Set(ctx.options.publicSubnetIds);
    for (const { region, data, items: subnets } of resourcesByRegion(ctx, results, (d) => d.ec2.subnets, { list: 'subnets', none: 'subnets' })) {
      const tables = data.ec2.routeTables;
      for (const s of subnets) {
        const resource = subnetResource(s.subnetId, region, ctx.account.accountId);
        const base = { subnetId: s.subnetId, vpcId: s.vpcId, mapPublicIpOnLaunch: s.mapPublicIpOnLaunch, defaultForAz: s.defaultForAz };
        if (!s.mapPublicIpOnLaunch) {
          results.push(ctx.pass(resource, `subnet ${s.subnetId} (${s.vpcId}) does not auto-assign public IPs`, { region, evidence: base }));
          continue;
        }
        if (!tables.ok) {
          results.push(ctx.error(resource, tables.error, `subnet ${s.subnetId} auto-assigns public IPs, but the route tables could not be read, so whether it is a public subnet is unknown`, { region }));
          continue;
        }
        const table = routeTableOf(s, tables.value);
        if (table === undefined) {
          results.push(
            ctx.error(
              resource,
              { code: 'NotCollected', operation: 'ec2:DescribeRouteTables', region, message: `no route table of ${s.vpcId} serves subnet ${s.subnetId} in the snapshot` },
              `subnet ${s.subnetId} auto-assigns public IPs, but its route table is not in the snapshot`,
              { region },
            ),
          );
          continue;
        }
        const igw = internetGatewayRoutes(table);
        const evidence = { ...base, routeTableId: table.routeTableId, internetGateways: [...new Set(igw.map((r) => r.gatewayId))] };
        const extra = { region, evidence, remediationValues: { 'subnet-id': s.subnetId } };
        if (igw.length === 0) {
          results.push(
            ctx.fail(resource, `subnet ${s.subnetId} (${s.vpcId}) auto-assigns public IPs but its route table ${table.routeTableId} has no internet-gateway route: the setting is inconsistent with a private subnet`, extra),
          );
        } else if (designated.has(s.subnetId)) {
          results.push(ctx.pass(resource, `subnet ${s.subnetId} is designated public (publicSubnetIds) and auto-assigns public IPs`, { region, evidence }));
        } else {
          results.push(
            ctx.warn(
              resource,
              `subnet ${s.subnetId} (${s.vpcId}${s.defaultForAz ? ', a default subnet' : ''}) is public (route to ${evidence.internetGateways.join(', ')}) and gives every new instance a public IP, but is not listed in publicSubnetIds`,
              extra,
            ),
          );
        }
      }
    }
    return results;
  },
});
