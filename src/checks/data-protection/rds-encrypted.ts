// rds-encrypted: RDS / Aurora DB instances, DB clusters and the account's own snapshots of both are encrypted at rest
// (controls.md 1.F). One result per resource; each of the four lists is read on its own, so one denied list leaves
// the others judged.
import type { CheckResult } from '../../findings/finding.ts';
import { mapCollected, type Collected } from '../../inventory/collected.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { judgeRegionalLists } from '../helpers/regional.ts';

interface Item {
  type: string;
  id: string;
  arn: string;
  kind: string;
  encrypted: boolean;
  field: 'StorageEncrypted' | 'Encrypted';
}

export default defineCheck({
  meta: {
    id: 'rds-encrypted',
    title: 'RDS instances, clusters and their snapshots encrypted at rest',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsRdsDbInstance',
    rationale:
      'Unencrypted database storage, automated backups, read replicas and snapshots can be read by anyone who obtains the storage or a snapshot copy; KMS encryption also puts every restore under the key policy.',
    remediation: {
      text: 'Encryption cannot be turned on for an existing instance or cluster: copy a snapshot with encryption (aws rds copy-db-snapshot --kms-key-id), restore from the encrypted copy, switch clients over, then delete the unencrypted resource and its unencrypted snapshots. Create new databases with storage encryption on.',
      cli: 'aws rds copy-db-snapshot --source-db-snapshot-identifier <snapshot> --target-db-snapshot-identifier <snapshot>-encrypted --kms-key-id alias/aws/rds --region <region>',
      terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.rds.arn\n}',
    },
    references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
    compliance: { cisAws3: ['2.3.1'], prowler: ['rds_instance_storage_encrypted', 'rds_cluster_storage_encrypted', 'rds_snapshots_encrypted'], sources: ['000', '001'] },
    fixable: false,
    reads: ['regional.*.rds.instances', 'regional.*.rds.clusters', 'regional.*.rds.snapshots', 'regional.*.rds.clusterSnapshots'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const rds = data.rds;
      const lists: Array<[Collected<Item[]>, string]> = [
        [
          mapItems(rds.instances, (i) => ({ type: 'AwsRdsDbInstance', id: i.dbInstanceIdentifier, arn: i.arn, kind: 'DB instance', encrypted: i.storageEncrypted, field: 'StorageEncrypted' })),
          'the RDS DB instance list',
        ],
        [
          mapItems(rds.clusters, (c) => ({ type: 'AwsRdsDbCluster', id: c.dbClusterIdentifier, arn: c.arn, kind: 'DB cluster', encrypted: c.storageEncrypted, field: 'StorageEncrypted' })),
          'the RDS DB cluster list',
        ],
        [
          mapItems(rds.snapshots, (s) => ({ type: 'AwsRdsDbSnapshot', id: s.dbSnapshotIdentifier, arn: s.arn, kind: `${s.snapshotType} DB snapshot`, encrypted: s.encrypted, field: 'Encrypted' })),
          'the RDS DB snapshot list',
        ],
        [
          mapItems(rds.clusterSnapshots, (s) => ({
            type: 'AwsRdsDbClusterSnapshot',
            id: s.dbClusterSnapshotIdentifier,
            arn: s.arn,
            kind: `${s.snapshotType} DB cluster snapshot`,
            encrypted: s.storageEncrypted,
            field: 'StorageEncrypted',
          })),
          'the RDS DB cluster snapshot list',
        ],
      ];
      results.push(...judgeRegionalLists(ctx, region, lists, 'RDS DB instances, clusters or snapshots', (item) => judge(ctx, item, region)));
    }
    return results;
  },
});

function mapItems<T>(c: Collected<T[]>, f: (t: T) => Item): Collected<Item[]> {
  return mapCollected(c, (items) => items.map(f));
}

function judge<O>(ctx: CheckContext<O>, item: Item, region: string): CheckResult {
  const resource = { type: item.type, id: item.id, arn: item.arn };
  const evidence = { [item.field === 'Encrypted' ? 'encrypted' : 'storageEncrypted']: item.encrypted };
  return item.encrypted
    ? ctx.pass(resource, `${item.kind} ${item.id} is encrypted at rest`, { region, evidence })
    : ctx.fail(resource, `${item.kind} ${item.id} is not encrypted at rest (${item.field} = false)`, { region, evidence, remediationValues: item.type === 'AwsRdsDbSnapshot' ? { snapshot: item.id, region } : { region } });
}
