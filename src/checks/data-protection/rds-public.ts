// rds-public: RDS DB instances are not publicly accessible (controls.md 1.F). A publicly accessible instance fails;
// it is critical when one of its VPC security groups lets the DB port in from 0.0.0.0/0 or ::/0 and a subnet of its
// DB subnet group routes 0.0.0.0/0 (or ::/0) to an internet gateway, high when either is shown not to hold. When the
// groups or routes could not be read the worst case (critical) stands, and the message says what was unreadable.
import type { CheckResult, Severity } from '../../findings/finding.ts';
import type { Collected } from '../../inventory/collected.ts';
import type { PrefixList, SecurityGroup } from '../../services/ec2/schema.ts';
import type { DbInstance, DbSubnetGroup, RouteTable } from '../../services/rds/schema.ts';
import { defineCheck } from '../define.ts';
import { openSources, prefixListSources, ruleCovers } from '../helpers/network.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';

type Tri = { state: 'yes' | 'no' | 'unknown'; detail: string };

/** Whether a security group of the instance lets anyone on the internet reach its port over TCP. */
export function openToInternet(db: DbInstance, groups: Collected<SecurityGroup[]>, prefixLists: Collected<PrefixList[]>, region: string): Tri {
  if (!groups.ok) return { state: 'unknown', detail: `security groups unreadable (${groups.error.code} on ${groups.error.operation})` };
  if (db.port === null) return { state: 'unknown', detail: 'the DB port is not known yet' };
  if (db.vpcSecurityGroupIds.length === 0) return { state: 'no', detail: 'no VPC security group' };
  const unknown: string[] = [];
  for (const id of db.vpcSecurityGroupIds) {
    const g = groups.value.find((x) => x.groupId === id);
    if (g === undefined) {
      unknown.push(`${id} is not in the security group list`);
      continue;
    }
    for (const rule of g.rules) {
      if (rule.isEgress || !ruleCovers(rule, 'tcp', db.port)) continue;
      const direct = openSources(rule);
      if (direct.length > 0) return { state: 'yes', detail: `${id} rule ${rule.ruleId} allows port ${db.port} from ${direct.map((s) => s.cidr).join(' and ')}` };
      const viaList = prefixListSources(rule, prefixLists, region);
      if (viaList === undefined) continue;
      if (!viaList.known) unknown.push(`prefix list ${viaList.prefixListId} of ${id} unreadable (${viaList.error.code})`);
      else if (viaList.open.length > 0) return { state: 'yes', detail: `${id} rule ${rule.ruleId} allows port ${db.port} from prefix list ${viaList.prefixListId} (${viaList.open.map((s) => s.cidr).join(', ')})` };
    }
  }
  if (unknown.length > 0) return { state: 'unknown', detail: unknown.join('; ') };
  return { state: 'no', detail: `no security group rule allows port ${db.port} from 0.0.0.0/0 or ::/0` };
}

const INTERNET = ['0.0.0.0/0', '::/0'];

/** Whether a subnet of the instance's DB subnet group routes the internet to an internet gateway. */
export function routesToInternetGateway(db: DbInstance, subnetGroups: Collected<DbSubnetGroup[]>, routeTables: Collected<RouteTable[]>): Tri {
  if (db.dbSubnetGroupName === null) return { state: 'unknown', detail: 'the instance names no DB subnet group' };
  if (!subnetGroups.ok) return { state: 'unknown', detail: `DB subnet groups unreadable (${subnetGroups.error.code} on ${subnetGroups.error.operation})` };
  if (!routeTables.ok) return { state: 'unknown', detail: `route tables unreadable (${routeTables.error.code} on ${routeTables.error.operation})` };
  const group = subnetGroups.value.find((g) => g.name === db.dbSubnetGroupName);
  if (group === undefined) return { state: 'unknown', detail: `DB subnet group ${db.dbSubnetGroupName} is not in the subnet group list` };
  const unknown: string[] = [];
  for (const subnet of group.subnetIds) {
    // a subnet without an explicit association uses its VPC's main route table
    const table = routeTables.value.find((t) => t.subnetIds.includes(subnet)) ?? routeTables.value.find((t) => t.main && t.vpcId === group.vpcId);
    if (table === undefined) {
      unknown.push(`no route table found for ${subnet}`);
      continue;
    }
    const igw = table.routes.find((r) => (INTERNET.includes(r.destinationCidrBlock ?? '') || INTERNET.includes(r.destinationIpv6CidrBlock ?? '')) && (r.gatewayId ?? '').startsWith('igw-'));
    if (igw !== undefined) return { state: 'yes', detail: `${subnet} routes ${igw.destinationCidrBlock ?? igw.destinationIpv6CidrBlock} to ${igw.gatewayId} (${table.routeTableId})` };
  }
  if (unknown.length > 0) return { state: 'unknown', detail: unknown.join('; ') };
  return { state: 'no', detail: `no subnet of ${group.name} routes to an internet gateway` };
}

export default defineCheck({
  meta: {
    id: 'rds-public',
    title: 'RDS instances not publicly accessible',
    severity: 'critical',
    scope: 'resource',
    resourceType: 'AwsRdsDbInstance',
    rationale:
      'A publicly accessible DB instance gets a public DNS name and IP address; with an open security group and an internet route, anyone can try passwords and exploits against the database engine directly.',
    remediation: {
      text: 'Turn off public accessibility (clients connect from inside the VPC, through a VPN or a bastion), restrict the instance\'s security groups to the application\'s groups, and keep the DB subnet group on private subnets.',
      cli: 'aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible --apply-immediately --region <region>',
      terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  publicly_accessible = false\n}',
    },
    references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html'],
    compliance: { cisAws3: ['2.3.3'], prowler: ['rds_instance_no_public_access'], sources: ['000', '001'] },
    fixable: true,
    reads: ['regional.*.rds.instances', 'regional.*.rds.subnetGroups', 'regional.*.rds.routeTables', 'regional.*.ec2.securityGroups', 'regional.*.ec2.prefixLists'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const instances = readInRegion(ctx, data.rds.instances, 'the RDS DB instance list', region);
      if (!instances.ok) {
        results.push(instances.result);
        continue;
      }
      if (instances.value.length === 0) results.push(noneInRegion(ctx, region, 'RDS DB instances'));
      for (const db of instances.value) {
        const resource = { type: 'AwsRdsDbInstance', id: db.dbInstanceIdentifier, arn: db.arn };
        if (!db.publiclyAccessible) {
          results.push(ctx.pass(resource, `DB instance ${db.dbInstanceIdentifier} is not publicly accessible`, { region, evidence: { publiclyAccessible: false } }));
          continue;
        }
        const sg = openToInternet(db, data.ec2.securityGroups, data.ec2.prefixLists, region);
        const route = routesToInternetGateway(db, data.rds.subnetGroups, data.rds.routeTables);
        let severity: Severity;
        let why: string;
        if (sg.state === 'no' || route.state === 'no') {
          severity = 'high';
          why = [sg, route].filter((t) => t.state === 'no').map((t) => t.detail).join('; ');
        } else if (sg.state === 'yes' && route.state === 'yes') {
          severity = 'critical';
          why = `reachable from the internet: ${sg.detail}; ${route.detail}`;
        } else {
          severity = 'critical';
          why = `reachability from the internet could not be ruled out: ${[sg, route].map((t) => t.detail).join('; ')}`;
        }
        results.push(
          ctx.fail(resource, `DB instance ${db.dbInstanceIdentifier} is publicly accessible (${why})`, {
            region,
            severity,
            evidence: { publiclyAccessible: true, port: db.port, securityGroups: db.vpcSecurityGroupIds, openSecurityGroup: sg, internetRoute: route },
            remediationValues: { db: db.dbInstanceIdentifier, region },
          }),
        );
      }
    }
    return results;
  },
});
