// redshift-encrypted: Redshift clusters are encrypted at rest (controls.md 1.F). One result per cluster; a Region
// without clusters gets one not_applicable; unreadable Regions: helpers/regional.ts.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { resourcesByRegion } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'redshift-encrypted',
    title: 'Redshift clusters encrypted',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsRedshiftCluster',
    rationale:
      'Encryption at rest protects the cluster\'s blocks, backups and snapshots if storage media or a snapshot copy ends up in the wrong hands, and lets KMS key policies decide who can read the data.',
    remediation: {
      text: 'Turn on encryption for the cluster with a KMS key. Redshift migrates the data in place; the cluster stays readable but the change takes a while on large clusters, so schedule it.',
      cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --encrypted --kms-key-id <kms-key-arn> --region <region>',
      terraform: 'resource "aws_redshift_cluster" "this" {\n  # ...\n  encrypted  = true\n  kms_key_id = aws_kms_key.redshift.arn\n}',
    },
    references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html'],
    compliance: { prowler: ['redshift_cluster_encrypted_at_rest'], sources: ['001', '003'] },
    fixable: true,
    reads: ['regional.*.redshift.clusters'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const { region, items: clusters } of resourcesByRegion(ctx, results, (d) => d.redshift.clusters, { list: 'the Redshift cluster list', none: 'Redshift clusters' })) {
      for (const c of clusters) {
        const resource = { type: 'AwsRedshiftCluster', id: c.clusterIdentifier, arn: c.arn };
        const evidence = { encrypted: c.encrypted, kmsKeyId: c.kmsKeyId };
        results.push(
          c.encrypted
            ? ctx.pass(resource, `Redshift cluster ${c.clusterIdentifier} is encrypted at rest`, { region, evidence })
            : ctx.fail(resource, `Redshift cluster ${c.clusterIdentifier} is not encrypted at rest`, { region, evidence, remediationValues: { cluster: c.clusterIdentifier, region } }),
        );
      }
    }
    return results;
  },
});
