// rds-snapshot-public: no manual RDS DB snapshot or Aurora / Multi-AZ cluster snapshot can be restored by everyone
// (controls.md 1.F): the `restore` attribute must not hold `all`. Automated snapshots cannot be shared and are skipped.
import type { CheckResult } from '../../findings/finding.ts';
import { mapCollected, type Collected } from '../../inventory/collected.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { judgeRegionalLists } from '../helpers/regional.ts';

interface Shareable {
  type: string;
  id: string;
  arn: string;
  kind: 'DB snapshot' | 'DB cluster snapshot';
  restore: Collected<string[] | null>;
}

export default defineCheck({
  meta: {
    id: 'rds-snapshot-public',
    title: 'No RDS / Aurora snapshot is public',
    severity: 'critical',
    scope: 'resource',
    resourceType: 'AwsRdsDbSnapshot',
    rationale:
      'A public snapshot can be copied and restored by any AWS account, which hands over the whole database — rows, users and password hashes — to anyone who finds it.',
    remediation: {
      text: 'Remove "all" from the snapshot\'s restore attribute (share with named accounts instead, if sharing is needed). For a cluster snapshot use modify-db-cluster-snapshot-attribute with --db-cluster-snapshot-identifier.',
      cli: 'aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all --region <region>',
    },
    references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html'],
    compliance: { prowler: ['rds_snapshots_public_access'], sources: ['000'] },
    fixable: true,
    reads: ['regional.*.rds.snapshots', 'regional.*.rds.clusterSnapshots'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const lists: Array<[Collected<Shareable[]>, string]> = [
        [
          map(data.rds.snapshots, (s) =>
            s.snapshotType === 'manual' || s.restoreAttribute.ok === false || s.restoreAttribute.value !== null
              ? [{ type: 'AwsRdsDbSnapshot', id: s.dbSnapshotIdentifier, arn: s.arn, kind: 'DB snapshot', restore: s.restoreAttribute }]
              : [],
          ),
          'the RDS DB snapshot list',
        ],
        [
          map(data.rds.clusterSnapshots, (s) =>
            s.snapshotType === 'manual' || s.restoreAttribute.ok === false || s.restoreAttribute.value !== null
              ? [{ type: 'AwsRdsDbClusterSnapshot', id: s.dbClusterSnapshotIdentifier, arn: s.arn, kind: 'DB cluster snapshot', restore: s.restoreAttribute }]
              : [],
          ),
          'the RDS DB cluster snapshot list',
        ],
      ];
      results.push(...judgeRegionalLists(ctx, region, lists, 'manual RDS DB or cluster snapshots', (s) => judgeSnapshot(ctx, s, region)));
    }
    return results;
  },
});

function map<T>(c: Collected<T[]>, f: (t: T) => Shareable[]): Collected<Shareable[]> {
  return mapCollected(c, (items) => items.flatMap(f));
}

function judgeSnapshot<O>(ctx: CheckContext<O>, s: Shareable, region: string): CheckResult {
  const resource = { type: s.type, id: s.id, arn: s.arn };
  if (!s.restore.ok) {
    return ctx.error(resource, s.restore.error, `could not read who may restore ${s.kind} ${s.id}`, { region });
  }
  if (s.restore.value === null) {
    // a manual snapshot whose restore attribute was not asked: missing data, not "not shared"
    const error = { code: 'NotCollected' as const, operation: s.type === 'AwsRdsDbSnapshot' ? 'rds:DescribeDBSnapshotAttributes' : 'rds:DescribeDBClusterSnapshotAttributes', message: `the restore attribute of manual ${s.kind} ${s.id} was not collected`, region };
    return ctx.error(resource, error, undefined, { region });
  }
  const sharedWith = s.restore.value.filter((v) => v !== 'all');
  const evidence = { restore: s.restore.value };
  return s.restore.value.includes('all')
    ? ctx.fail(resource, `${s.kind} ${s.id} is public: any AWS account can restore it`, {
        region,
        evidence,
        remediationValues: { snapshot: s.id, region },
        ...(s.type === 'AwsRdsDbClusterSnapshot'
          ? { remediation: { cli: 'aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all --region <region>' } }
          : {}),
      })
    : ctx.pass(resource, `${s.kind} ${s.id} is not public${sharedWith.length > 0 ? ` (shared with ${sharedWith.join(', ')})` : ''}`, { region, evidence });
}
