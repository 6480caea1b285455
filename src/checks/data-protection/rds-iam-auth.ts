// rds-iam-auth: RDS / Aurora databases on engines that support IAM database authentication have it on (controls.md
// 1.F). The catalog's verdict is a WARN, never a fail. A cluster member instance is judged through its cluster, where
// the setting lives.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';

/** Engines with IAM database authentication (MySQL, MariaDB, PostgreSQL and Aurora of both). */
export const IAM_AUTH_ENGINES: readonly string[] = ['mysql', 'mariadb', 'postgres', 'aurora', 'aurora-mysql', 'aurora-postgresql'];

export default defineCheck({
  meta: {
    id: 'rds-iam-auth',
    title: 'RDS uses IAM database authentication where supported',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsRdsDbInstance',
    rationale:
      'With IAM database authentication, applications and people sign in with short-lived tokens from their IAM identity instead of long-lived database passwords that get copied into configuration and never rotate.',
    remediation: {
      text: 'Turn on IAM database authentication for the instance or cluster, create database users mapped to IAM (rds_iam / AWSAuthenticationPlugin) and grant rds-db:connect to the roles that need them. For a cluster use modify-db-cluster.',
      cli: 'aws rds modify-db-instance --db-instance-identifier <db> --enable-iam-database-authentication --apply-immediately --region <region>',
      terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  iam_database_authentication_enabled = true\n}',
    },
    references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html'],
    compliance: { prowler: ['rds_instance_iam_authentication_enabled', 'rds_cluster_iam_authentication_enabled'], sources: ['001'] },
    fixable: true,
    reads: ['regional.*.rds.instances', 'regional.*.rds.clusters'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      let judged = 0;
      let unreadable = 0;
      const instances = readInRegion(ctx, data.rds.instances, 'the RDS DB instance list', region);
      if (!instances.ok) {
        results.push(instances.result);
        unreadable++;
      } else {
        for (const i of instances.value) {
          if (i.dbClusterIdentifier !== null || !IAM_AUTH_ENGINES.includes(i.engine)) continue;
          judged++;
          results.push(judge(ctx, { type: 'AwsRdsDbInstance', id: i.dbInstanceIdentifier, arn: i.arn }, 'DB instance', i.engine, i.iamDatabaseAuthenticationEnabled, region));
        }
      }
      const clusters = readInRegion(ctx, data.rds.clusters, 'the RDS DB cluster list', region);
      if (!clusters.ok) {
        results.push(clusters.result);
        unreadable++;
      } else {
        for (const c of clusters.value) {
          if (!IAM_AUTH_ENGINES.includes(c.engine)) continue;
          judged++;
          results.push(judge(ctx, { type: 'AwsRdsDbCluster', id: c.dbClusterIdentifier, arn: c.arn }, 'DB cluster', c.engine, c.iamDatabaseAuthenticationEnabled, region));
        }
      }
      if (judged === 0 && unreadable === 0) results.push(noneInRegion(ctx, region, 'RDS databases on engines with IAM database authentication'));
    }
    return results;
  },
});

function judge<O>(ctx: CheckContext<O>, resource: ResourceRef, kind: string, engine: string, enabled: boolean | null, region: string): CheckResult {
  const evidence = { engine, iamDatabaseAuthenticationEnabled: enabled };
  if (enabled === null) {
    const operation = kind === 'DB cluster' ? 'rds:DescribeDBClusters' : 'rds:DescribeDBInstances';
    return ctx.error(resource, { code: 'ParseError', operation, message: `the answer for ${engine} ${kind} ${resource.id} did not say whether IAM database authentication is on`, region }, undefined, { region });
  }
  if (enabled) return ctx.pass(resource, `${engine} ${kind} ${resource.id} has IAM database authentication on`, { region, evidence });
  return ctx.warn(resource, `${engine} ${kind} ${resource.id} does not use IAM database authentication: clients sign in with database passwords`, {
    region,
    evidence,
    remediationValues: { db: resource.id, region },
    ...(kind === 'DB cluster'
      ? { remediation: { cli: 'aws rds modify-db-cluster --db-cluster-identifier <db> --enable-iam-database-authentication --apply-immediately --region <region>' } }
      : {}),
  });
}
