// db-secrets-rotation: database and API secrets live in Secrets Manager and rotate (controls.md 1.F). Every secret
// of the Region counts (Secrets Manager cannot tell a database password from an API key without reading the value,
// which Rampart never does); secrets tied to a database — managed by RDS, or named as an instance's or cluster's
// MasterUserSecret — are marked so in the evidence. A secret fails when rotation is off, or when its last rotation is
// older than its schedule plus a grace period (90 days when the schedule gives no interval). RDS instances and clusters
// whose master password is not managed by Secrets Manager are the catalog's WARN.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { Secret } from '../../services/secrets-manager/schema.ts';
import { daysSince, defineCheck, formatDays, type CheckContext } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';

export interface DbSecretsRotationOptions {
  /** Days a rotation may run late beyond its schedule (AutomaticallyAfterDays or a rate() expression). */
  graceDays: number;
  /** Longest time without rotation when the schedule gives no interval (a cron() expression). */
  maxDaysWithoutRotation: number;
}

/** The interval in days a rotation schedule implies, or undefined for a cron() expression. */
export function scheduleDays(s: Pick<Secret, 'rotationAfterDays' | 'rotationSchedule'>): number | undefined {
  if (s.rotationAfterDays !== null) return s.rotationAfterDays;
  const rate = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/i.exec(s.rotationSchedule?.trim() ?? '');
  if (rate === null) return undefined;
  const n = Number(rate[1]);
  return rate[2]!.toLowerCase().startsWith('hour') ? n / 24 : n;
}

function secretResource(s: Secret): ResourceRef {
  return { type: 'AwsSecretsManagerSecret', id: s.name, arn: s.arn };
}

export default defineCheck<DbSecretsRotationOptions>({
  meta: {
    id: 'db-secrets-rotation',
    title: 'Database and API secrets in Secrets Manager with rotation',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsSecretsManagerSecret',
    rationale:
      'A credential that never changes stays valid wherever it has leaked — old laptops, CI logs, former staff; automatic rotation limits how long a leaked database password or API key works, and Secrets Manager-managed master passwords keep them out of code and configuration.',
    remediation: {
      text: 'Turn on automatic rotation for the secret (managed rotation for RDS, Redshift and DocumentDB secrets, or a rotation Lambda), with a schedule of 90 days or less, and fix failing rotations. For an RDS instance or cluster, let RDS manage the master password in Secrets Manager (modify-db-instance --manage-master-user-password).',
      cli: 'aws secretsmanager rotate-secret --secret-id <secret> --rotation-rules AutomaticallyAfterDays=30 --region <region>',
      terraform:
        'resource "aws_secretsmanager_secret_rotation" "this" {\n  secret_id           = aws_secretsmanager_secret.this.id\n  rotation_lambda_arn = aws_lambda_function.rotate.arn\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html',
    ],
    compliance: { prowler: ['secretsmanager_automatic_rotation_enabled', 'secretsmanager_secret_rotated_periodically'], sources: ['001', '003'] },
    fixable: true,
    reads: ['regional.*.secretsManager.secrets', 'regional.*.rds.instances', 'regional.*.rds.clusters'],
  },
  defaultOptions: { graceDays: 3, maxDaysWithoutRotation: 90 },
  optionProblems: (o) => [
    ...(o.graceDays < 0 ? [`graceDays (${o.graceDays}) must not be negative`] : []),
    ...(o.maxDaysWithoutRotation <= 0 ? [`maxDaysWithoutRotation (${o.maxDaysWithoutRotation}) must be above 0`] : []),
  ],
  evaluate(ctx) {
    const results: CheckResult[] = [];
    const scanned = new Set(ctx.regions().map(([name]) => name));
    for (const [region, data] of ctx.regions()) {
      let judged = 0;
      let unreadable = 0;
      // RDS first: the master secrets it names mark those secrets as database secrets
      const dbSecretArns = new Set<string>();
      const instances = readInRegion(ctx, data.rds.instances, 'the RDS DB instance list', region);
      const clusters = readInRegion(ctx, data.rds.clusters, 'the RDS DB cluster list', region);
      const databases: Array<{ resource: ResourceRef; kind: string; engine: string; secretArn: string | null; cli: string }> = [];
      if (!instances.ok) {
        results.push(instances.result);
        unreadable++;
      } else {
        for (const i of instances.value) {
          // a cluster member's master password belongs to its cluster
          if (i.dbClusterIdentifier !== null) continue;
          databases.push({
            resource: { type: 'AwsRdsDbInstance', id: i.dbInstanceIdentifier, arn: i.arn },
            kind: 'DB instance',
            engine: i.engine,
            secretArn: i.masterUserSecretArn,
            cli: 'aws rds modify-db-instance --db-instance-identifier <db> --manage-master-user-password --apply-immediately --region <region>',
          });
        }
      }
      if (!clusters.ok) {
        results.push(clusters.result);
        unreadable++;
      } else {
        for (const c of clusters.value) {
          databases.push({
            resource: { type: 'AwsRdsDbCluster', id: c.dbClusterIdentifier, arn: c.arn },
            kind: 'DB cluster',
            engine: c.engine,
            secretArn: c.masterUserSecretArn,
            cli: 'aws rds modify-db-cluster --db-cluster-identifier <db> --manage-master-user-password --apply-immediately --region <region>',
          });
        }
      }
      for (const d of databases) {
        // Neptune has no master password to manage
        if (d.engine.startsWith('neptune')) continue;
        judged++;
        const evidence = { engine: d.engine, masterUserSecretArn: d.secretArn };
        if (d.secretArn !== null) {
          dbSecretArns.add(d.secretArn);
          results.push(ctx.pass(d.resource, `${d.engine} ${d.kind} ${d.resource.id} has its master password managed in Secrets Manager`, { region, evidence }));
        } else {
          results.push(
            ctx.warn(d.resource, `${d.engine} ${d.kind} ${d.resource.id} has a master password not managed by Secrets Manager`, {
              region,
              evidence,
              remediation: { cli: d.cli },
              remediationValues: { db: d.resource.id, region },
            }),
          );
        }
      }

      const secrets = readInRegion(ctx, data.secretsManager.secrets, 'the Secrets Manager secret list', region);
      if (!secrets.ok) {
        results.push(secrets.result);
        unreadable++;
      } else {
        for (const s of secrets.value) {
          // a replica rotates with its primary, judged in the primary's Region when that Region is scanned
          if (s.primaryRegion !== null && s.primaryRegion !== region && scanned.has(s.primaryRegion)) continue;
          judged++;
          results.push(judgeSecret(ctx, s, region, s.owningService === 'rds' || dbSecretArns.has(s.arn)));
        }
      }
      if (judged === 0 && unreadable === 0) results.push(noneInRegion(ctx, region, 'Secrets Manager secrets or RDS databases'));
    }
    return results;
  },
});

function judgeSecret(ctx: CheckContext<DbSecretsRotationOptions>, s: Secret, region: string, database: boolean): CheckResult {
  const resource = secretResource(s);
  const what = `${database ? 'database secret' : 'secret'} ${s.name}`;
  const evidence = {
    database,
    owningService: s.owningService,
    rotationEnabled: s.rotationEnabled,
    rotationAfterDays: s.rotationAfterDays,
    rotationSchedule: s.rotationSchedule,
    lastRotatedDate: s.lastRotatedDate,
  };
  const fix = { remediationValues: { secret: s.name, region } };
  if (!s.rotationEnabled) return ctx.fail(resource, `${what} does not rotate automatically`, { region, evidence, ...fix });
  const interval = scheduleDays(s);
  const allowed = interval !== undefined ? interval + ctx.options.graceDays : ctx.options.maxDaysWithoutRotation;
  const since = s.lastRotatedDate ?? s.createdDate;
  if (since === null) {
    const error = { code: 'ParseError' as const, operation: 'secretsmanager:ListSecrets', message: `the answer for secret ${s.name} has neither LastRotatedDate nor CreatedDate`, region };
    return ctx.error(resource, error, undefined, { region, evidence });
  }
  const age = daysSince(ctx.now, since);
  const limit = interval !== undefined ? `its ${formatDays(interval)}-day schedule plus ${ctx.options.graceDays} days of grace` : `${allowed} days (its schedule gives no interval)`;
  const withAge = { ...evidence, daysSinceRotation: Number(age.toFixed(1)), allowedDays: allowed };
  if (age > allowed) {
    const last = s.lastRotatedDate === null ? `has not rotated since it was created ${formatDays(Math.floor(age))} days ago` : `last rotated ${formatDays(Math.floor(age))} days ago`;
    return ctx.fail(resource, `${what} has rotation on but ${last}, beyond ${limit}: rotation is probably failing`, { region, evidence: withAge, ...fix });
  }
  return ctx.pass(resource, `${what} rotates automatically (${s.lastRotatedDate === null ? 'created' : 'last rotated'} ${formatDays(Math.floor(age))} days ago, within ${limit})`, { region, evidence: withAge });
}
