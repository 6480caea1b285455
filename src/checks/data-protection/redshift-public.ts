// redshift-public: Redshift clusters are not publicly accessible (controls.md 1.F). One result per cluster; a Region
// without clusters gets one not_applicable; unreadable Regions: helpers/regional.ts.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { resourcesByRegion } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'redshift-public',
    title: 'Redshift clusters not publicly accessible',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsRedshiftCluster',
    rationale:
      'A publicly accessible cluster gets a public IP address and can be reached from the internet wherever its security groups allow; data warehouses belong on private networks behind a VPN, bastion or VPC endpoint.',
    remediation: {
      text: 'Turn off public accessibility for the cluster (clients then connect from inside the VPC or through a VPN/Direct Connect), and keep its security groups limited to known sources.',
      cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --no-publicly-accessible --region <region>',
      terraform: 'resource "aws_redshift_cluster" "this" {\n  # ...\n  publicly_accessible = false\n}',
    },
    references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html'],
    compliance: { prowler: ['redshift_cluster_public_access'], sources: ['001'] },
    fixable: true,
    reads: ['regional.*.redshift.clusters'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const { region, items: clusters } of resourcesByRegion(ctx, results, (d) => d.redshift.clusters, { list: 'the Redshift cluster list', none: 'Redshift clusters' })) {
      for (const c of clusters) {
        const resource = { type: 'AwsRedshiftCluster', id: c.clusterIdentifier, arn: c.arn };
        const extra = { region, evidence: { publiclyAccessible: c.publiclyAccessible }, remediationValues: { cluster: c.clusterIdentifier, region } };
        results.push(
          c.publiclyAccessible
            ? ctx.fail(resource, `Redshift cluster ${c.clusterIdentifier} is publicly accessible`, extra)
            : ctx.pass(resource, `Redshift cluster ${c.clusterIdentifier} is not publicly accessible`, { region, evidence: extra.evidence }),
        );
      }
    }
    return results;
  },
});
