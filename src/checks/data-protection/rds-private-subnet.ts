// rds-private-subnet: every subnet of a DB instance's subnet group is private — none routes 0.0.0.0/0 or ::/0 to an
// internet gateway (controls.md 1.F). Subnets without an explicit route table use their VPC's main table.
import type { CollectError } from '../../inventory/collected.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';
import { routesToInternetGateway } from './rds-public.ts';

export default defineCheck({
  meta: {
    id: 'rds-private-subnet',
    title: 'Databases live in private subnets',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsRdsDbInstance',
    rationale:
      'A database in a subnet that routes to an internet gateway is one setting (PubliclyAccessible) or one security group rule away from the internet. In private subnets, a mistake elsewhere does not expose it.',
    remediation: {
      text: 'Create a DB subnet group of private subnets (no 0.0.0.0/0 or ::/0 route to an internet gateway; use a NAT gateway or VPC endpoints for outbound traffic) and move the instance to it, or remove the internet-gateway route from the subnets\' route table if nothing else needs it.',
      cli: 'aws rds modify-db-instance --db-instance-identifier <db> --db-subnet-group-name <private-subnet-group> --apply-immediately --region <region>',
      terraform: 'resource "aws_db_subnet_group" "private" {\n  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n}\n\nresource "aws_db_instance" "this" {\n  # ...\n  db_subnet_group_name = aws_db_subnet_group.private.name\n}',
    },
    references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html'],
    compliance: { prowler: ['rds_instance_no_public_access'], sources: ['001'] },
    fixable: false,
    reads: ['regional.*.rds.instances', 'regional.*.rds.subnetGroups', 'regional.*.rds.routeTables'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const instances = readInRegion(ctx, data.rds.instances, 'the RDS DB instance list', region);
      if (!instances.ok) {
        results.push(instances.result);
        continue;
      }
      if (instances.value.length === 0) {
        results.push(noneInRegion(ctx, region, 'RDS DB instances'));
        continue;
      }
      for (const db of instances.value) {
        const resource = { type: 'AwsRdsDbInstance', id: db.dbInstanceIdentifier, arn: db.arn };
        const route = routesToInternetGateway(db, data.rds.subnetGroups, data.rds.routeTables);
        const evidence = { dbSubnetGroup: db.dbSubnetGroupName, detail: route.detail };
        if (route.state === 'yes') {
          results.push(
            ctx.fail(resource, `DB instance ${db.dbInstanceIdentifier} sits in a public subnet: ${route.detail}`, {
              region,
              evidence,
              remediationValues: { db: db.dbInstanceIdentifier, region },
            }),
          );
        } else if (route.state === 'no') {
          results.push(ctx.pass(resource, `DB instance ${db.dbInstanceIdentifier} is in private subnets: ${route.detail}`, { region, evidence }));
        } else {
          results.push(ctx.error(resource, causeOf(data.rds, route.detail, region), `whether DB instance ${db.dbInstanceIdentifier} sits in a public subnet is unknown: ${route.detail}`, { region, evidence }));
        }
      }
    }
    return results;
  },
});

/** The collection error behind an unknown answer, or what is missing when the data was read but does not say. */
function causeOf(rds: { subnetGroups: { ok: boolean; error?: CollectError }; routeTables: { ok: boolean; error?: CollectError } }, detail: string, region: string): CollectError {
  if (!rds.subnetGroups.ok && rds.subnetGroups.error) return rds.subnetGroups.error;
  if (!rds.routeTables.ok && rds.routeTables.error) return rds.routeTables.error;
  return { code: 'NotCollected', operation: 'ec2:DescribeRouteTables', message: detail, region };
}
