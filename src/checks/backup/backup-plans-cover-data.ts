// backup-plans-cover-data: AWS Backup plans cover every data store (controls.md 1.I). Per in-scope data store (RDS
// DB instances outside a cluster, RDS DB clusters, DynamoDB tables, EFS file systems, EBS volumes): PASS when AWS
// Backup lists it as protected with a backup no older than maxBackupAgeHours (by the snapshot clock), FAIL
// otherwise; an EBS volume also counts as protected through a protected EC2 instance it is attached to. Per Region:
// FAIL when it holds in-scope data stores and has no backup plan at all. scopeTags narrows the stores judged; tags
// come from the listings that carry them (EBS, EFS) and from the Tagging API slice (RDS, DynamoDB).
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError, Collected } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { partitionWithRegion } from '../../aws/regions.ts';
import type { ProtectedResource } from '../../services/backup/schema.ts';
import { defineCheck, formatDays, type CheckContext } from '../define.ts';
import { regionResource, unreadableInRegion } from '../helpers/regional.ts';

export interface BackupCoverageOptions {
  /**
   * Tags that put a data store in scope, `key=value` or `key` (any value); a store matching any one is judged.
   * Empty: every data store is in scope.
   */
  scopeTags: string[];
  /** A protected resource whose last backup is older than this (hours) fails. */
  maxBackupAgeHours: number;
}

const HOUR_MS = 3_600_000;

/** A data store of the Region, as the check judges it. */
interface Store {
  resource: ResourceRef;
  label: string;
  /** ARNs whose protection covers the store: its own, and for an EBS volume the instances it is attached to. */
  coveredBy: string[];
  tags: Record<string, string> | 'from-tagging';
}

interface Inventory {
  what: string;
  stores: Collected<Store[]>;
}

function parseScopeTag(entry: string): { key: string; value: string | undefined } {
  const i = entry.indexOf('=');
  return i < 0 ? { key: entry, value: undefined } : { key: entry.slice(0, i), value: entry.slice(i + 1) };
}

function inScope(tags: Record<string, string>, scope: readonly string[]): boolean {
  if (scope.length === 0) return true;
  return scope.some((entry) => {
    const { key, value } = parseScopeTag(entry);
    return key in tags && (value === undefined || tags[key] === value);
  });
}

function mapCollected<T, U>(c: Collected<T>, f: (v: T) => U): Collected<U> {
  return c.ok ? { ok: true, value: f(c.value) } : c;
}

/** The Region's data stores, one inventory per kind (each readable or not on its own). */
function inventories(region: string, accountId: string, data: RegionalSnapshot): Inventory[] {
  const partition = partitionWithRegion(region) ?? 'aws';
  const ec2Arn = (kind: string, id: string) => `arn:${partition}:ec2:${region}:${accountId}:${kind}/${id}`;
  return [
    {
      what: 'the RDS DB instances',
      stores: mapCollected(data.rds.instances, (list) =>
        // a cluster member is backed up with its cluster (AWS Backup protects the cluster ARN)
        list
          .filter((i) => i.dbClusterIdentifier === null)
          .map((i) => ({ resource: { type: 'AwsRdsDbInstance', id: i.dbInstanceIdentifier, arn: i.arn }, label: `RDS DB instance ${i.dbInstanceIdentifier}`, coveredBy: [i.arn], tags: 'from-tagging' as const })),
      ),
    },
    {
      what: 'the RDS DB clusters',
      stores: mapCollected(data.rds.clusters, (list) =>
        list.map((c) => ({ resource: { type: 'AwsRdsDbCluster', id: c.dbClusterIdentifier, arn: c.arn }, label: `RDS DB cluster ${c.dbClusterIdentifier}`, coveredBy: [c.arn], tags: 'from-tagging' as const })),
      ),
    },
    {
      what: 'the DynamoDB tables',
      stores: mapCollected(data.dynamodb.tables, (list) =>
        list.map((t) => ({ resource: { type: 'AwsDynamoDbTable', id: t.tableName, arn: t.tableArn }, label: `DynamoDB table ${t.tableName}`, coveredBy: [t.tableArn], tags: 'from-tagging' as const })),
      ),
    },
    {
      what: 'the EFS file systems',
      stores: mapCollected(data.efs.fileSystems, (list) =>
        list
          .filter((f) => f.lifeCycleState !== 'deleting' && f.lifeCycleState !== 'deleted')
          .map((f) => ({
            resource: { type: 'AwsEfsFileSystem', id: f.fileSystemId, arn: f.fileSystemArn },
            label: `EFS file system ${f.name === null ? f.fileSystemId : `${f.name} (${f.fileSystemId})`}`,
            coveredBy: [f.fileSystemArn],
            tags: f.tags,
          })),
      ),
    },
    {
      what: 'the EBS volumes',
      stores: mapCollected(data.ebs.volumes, (list) =>
        list
          .filter((v) => v.state !== 'deleting' && v.state !== 'deleted')
          .map((v) => {
            const arn = ec2Arn('volume', v.volumeId);
            // AWS Backup of an EC2 instance takes an AMI with snapshots of the volumes attached to it
            return { resource: { type: 'AwsEc2Volume', id: v.volumeId, arn }, label: `EBS volume ${v.volumeId}`, coveredBy: [arn, ...v.instanceIds.map((i) => ec2Arn('instance', i))], tags: v.tags };
          }),
      ),
    },
  ];
}

/** The most recent protection among the ARNs covering a store, or undefined when none is protected. */
function protectionOf(store: Store, byArn: Map<string, ProtectedResource>): ProtectedResource | undefined {
  const found = store.coveredBy.flatMap((arn) => byArn.get(arn) ?? []);
  return found.sort((a, b) => (b.lastBackupTime === null ? -1 : a.lastBackupTime === null ? 1 : Date.parse(b.lastBackupTime) - Date.parse(a.lastBackupTime)))[0];
}

function judgeStore(
  ctx: CheckContext<BackupCoverageOptions>,
  store: Store,
  region: string,
  protectedList: { ok: true; value: Map<string, ProtectedResource> } | { ok: false; error: CollectError },
): CheckResult {
  const { resource, label } = store;
  if (!protectedList.ok) return unreadableInRegion(ctx, resource, protectedList.error, `the resources AWS Backup protects (so whether ${label} is backed up)`, region);
  const maxHours = ctx.options.maxBackupAgeHours;
  const p = protectionOf(store, protectedList.value);
  const values = { 'resource-arn': resource.arn ?? resource.id };
  if (p === undefined) {
    return ctx.fail(resource, `${label} is not protected by AWS Backup (no backup plan selects it)`, { region, evidence: { protected: false }, remediationValues: values });
  }
  const via = p.resourceArn === resource.arn ? '' : ` (through ${p.resourceArn})`;
  const evidence = { protected: true, protectedAs: p.resourceArn, resourceType: p.resourceType, lastBackupTime: p.lastBackupTime, maxBackupAgeHours: maxHours };
  if (p.lastBackupTime === null) {
    return ctx.fail(resource, `${label} is protected by AWS Backup${via} but has never been backed up`, { region, evidence, remediationValues: values });
  }
  const hours = (ctx.now.getTime() - Date.parse(p.lastBackupTime)) / HOUR_MS;
  if (hours > maxHours) {
    return ctx.fail(resource, `the last AWS Backup of ${label}${via} is ${formatDays(hours)} hours old (more than ${maxHours})`, { region, evidence, remediationValues: values });
  }
  return ctx.pass(resource, `${label} is backed up by AWS Backup${via}, last ${p.lastBackupTime}`, { region, evidence });
}

export default defineCheck<BackupCoverageOptions>({
  meta: {
    id: 'backup-plans-cover-data',
    title: 'AWS Backup plans cover every data store',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsRdsDbInstance',
    rationale:
      'A database, table, file system or volume that no backup plan selects is lost for good to a deletion, a ransomware encryption or a bad migration; a plan that stopped producing recovery points protects no better than none.',
    remediation: {
      text: 'Create an AWS Backup plan in every Region that holds data, with a daily rule, and a tag-based selection (for example backup=daily) that matches every data store; tag the stores. Watch the backup jobs (AWS Backup sends failures to EventBridge and SNS) so a plan that stops producing recovery points is noticed, and test restores (backup-restore-tested).',
      cli: 'aws backup create-backup-plan --backup-plan \'{"BackupPlanName":"daily","Rules":[{"RuleName":"daily","TargetBackupVaultName":"Default","ScheduleExpression":"cron(0 3 * * ? *)","Lifecycle":{"DeleteAfterDays":35}}]}\' --region <region>\naws backup create-backup-selection --backup-plan-id <plan-id> --backup-selection \'{"SelectionName":"tagged","IamRoleArn":"arn:aws:iam::<account-id>:role/service-role/AWSBackupDefaultServiceRole","ListOfTags":[{"ConditionType":"STRINGEQUALS","ConditionKey":"backup","ConditionValue":"daily"}]}\' --region <region>\naws resourcegroupstaggingapi tag-resources --resource-arn-list <resource-arn> --tags backup=daily --region <region>',
      terraform:
        'resource "aws_backup_plan" "daily" {\n  name = "daily"\n  rule {\n    rule_name         = "daily"\n    target_vault_name = "Default"\n    schedule          = "cron(0 3 * * ? *)"\n    lifecycle {\n      delete_after = 35\n    }\n  }\n}\n\nresource "aws_backup_selection" "tagged" {\n  name         = "tagged"\n  plan_id      = aws_backup_plan.daily.id\n  iam_role_arn = "arn:aws:iam::<account-id>:role/service-role/AWSBackupDefaultServiceRole"\n  selection_tag {\n    type  = "STRINGEQUALS"\n    key   = "backup"\n    value = "daily"\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html',
      'https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html',
      'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListProtectedResources.html',
    ],
    compliance: {
      prowler: ['backup_plans_exist', 'rds_instance_protected_by_backup_plan', 'ec2_ebs_volume_protected_by_backup_plan', 'dynamodb_table_protected_by_backup_plan'],
      sources: ['001'],
    },
    fixable: false,
    reads: [
      'regional.*.backup.plans',
      'regional.*.backup.protectedResources',
      'regional.*.rds.instances',
      'regional.*.rds.clusters',
      'regional.*.dynamodb.tables',
      'regional.*.efs.fileSystems',
      'regional.*.ebs.volumes',
      'regional.*.tagging.dataStores',
    ],
  },
  defaultOptions: { scopeTags: [], maxBackupAgeHours: 48 },
  optionProblems: (o) => o.scopeTags.filter((t) => parseScopeTag(t).key.trim() === '').map((t) => `scopeTags entry "${t}" has no tag key (write key or key=value)`),
  evaluate(ctx) {
    const results: CheckResult[] = [];
    const scope = ctx.options.scopeTags;
    for (const [region, data] of ctx.regions()) {
      const regionRef = regionResource(region);
      // tags of RDS and DynamoDB come from GetResources, needed only when the scope is narrowed by tag
      const tagging = data.tagging.dataStores;
      const taggingTags = tagging.ok ? new Map(tagging.value.map((r) => [r.arn, r.tags])) : undefined;
      const unreadable: Array<{ what: string; error: CollectError }> = [];
      const stores: Store[] = [];
      for (const inv of inventories(region, ctx.account.accountId, data)) {
        if (!inv.stores.ok) {
          unreadable.push({ what: inv.what, error: inv.stores.error });
          continue;
        }
        const needsTagging = scope.length > 0 && inv.stores.value.some((s) => s.tags === 'from-tagging');
        if (needsTagging && !tagging.ok) {
          unreadable.push({ what: `the tags of ${inv.what.replace(/^the /, '')} (GetResources)`, error: tagging.error });
          continue;
        }
        for (const s of inv.stores.value) {
          // GetResources lists every resource that has tags: one it does not list has none
          const tags = s.tags === 'from-tagging' ? (taggingTags?.get(s.resource.arn ?? '') ?? {}) : s.tags;
          if (inScope(tags, scope)) stores.push(s);
        }
      }

      const pr = data.backup.protectedResources;
      const byArn = pr.ok ? { ok: true as const, value: new Map(pr.value.map((p) => [p.resourceArn, p])) } : { ok: false as const, error: pr.error };
      for (const s of stores) results.push(judgeStore(ctx, s, region, byArn));

      // the Region: a plan must exist where data stores are (one result, so a partial read is never also a verdict)
      const plans = data.backup.plans;
      const scopeNote = scope.length > 0 ? ` in scope (${scope.join(', ')})` : '';
      const evidence = { dataStores: stores.length, unreadable: unreadable.map((u) => ({ what: u.what, code: u.error.code, operation: u.error.operation })) };
      if (!plans.ok) {
        results.push(unreadableInRegion(ctx, regionRef, plans.error, 'the AWS Backup plans', region));
      } else if (plans.value.length === 0 && stores.length > 0) {
        const partial = unreadable.length > 0 ? `; ${unreadable.map((u) => u.what).join(', ')} could not be read` : '';
        results.push(ctx.fail(regionRef, `${region} holds ${stores.length} data store(s)${scopeNote} and has no AWS Backup plan${partial}`, { region, evidence }));
      } else if (unreadable.length > 0) {
        const [first] = unreadable;
        results.push(unreadableInRegion(ctx, regionRef, first!.error, `${unreadable.map((u) => u.what).join(', ')} (their backup coverage is not judged)`, region));
      } else if (plans.value.length > 0) {
        const names = plans.value.map((p) => p.backupPlanName);
        results.push(ctx.pass(regionRef, `${region} has AWS Backup plan(s): ${names.join(', ')}`, { region, evidence: { ...evidence, backupPlans: names } }));
      } else {
        results.push(ctx.notApplicable(regionRef, `no data store${scopeNote} and no AWS Backup plan in ${region}`, { region }));
      }
    }
    return results;
  },
});
