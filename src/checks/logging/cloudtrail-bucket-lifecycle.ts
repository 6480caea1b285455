// cloudtrail-bucket-lifecycle: the trail bucket has an enabled lifecycle rule over all objects that does not expire
// logs before the minimum retention, and bounds noncurrent versions when versioning is on (controls.md 1.D).
import type { LifecycleRule } from '../../services/s3/schema.ts';
import { defineCheck } from '../define.ts';
import { bucketEvidence, judgeTrailBuckets } from '../helpers/logging.ts';

export interface CloudtrailBucketLifecycleOptions {
  /** Logs must be kept at least this many days; an all-objects rule expiring them sooner fails. */
  minRetentionDays: number;
}

/** A rule that applies to every object: no prefix, no tag and no size filter. */
function coversAllObjects(r: LifecycleRule): boolean {
  return (r.prefix === null || r.prefix === '') && r.tagCount === 0 && !r.sizeLimited;
}

function describeRule(r: LifecycleRule): string {
  const parts = [r.expirationDays !== null ? `expires after ${r.expirationDays} days` : r.expirationDate !== null ? `expires on ${r.expirationDate}` : 'no expiration'];
  if (r.transitions.length > 0) parts.push(`transitions ${r.transitions.map((t) => `${t.storageClass ?? '?'}@${t.days ?? '?'}d`).join(', ')}`);
  if (r.noncurrentVersionExpirationDays !== null) parts.push(`noncurrent versions expire after ${r.noncurrentVersionExpirationDays} days`);
  return `${r.id ?? '(unnamed)'}: ${parts.join(', ')}`;
}

export default defineCheck<CloudtrailBucketLifecycleOptions>({
  meta: {
    id: 'cloudtrail-bucket-lifecycle',
    title: 'Trail bucket has a lifecycle (archive/expire) rule',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsS3Bucket',
    rationale:
      'Without a lifecycle rule, trail logs either pile up in S3 Standard forever (cost that invites someone to delete the bucket) or get cleaned up by hand; a rule that archives and expires them after the retention period keeps history affordable and predictable.',
    remediation: {
      text: 'Add an enabled lifecycle rule with an empty filter to the trail bucket: transition to GLACIER or DEEP_ARCHIVE after 90 days, expire after the retention period (at least 365 days), and expire noncurrent versions. PutBucketLifecycleConfiguration replaces the whole configuration, so merge with existing rules.',
      cli: 'aws s3api put-bucket-lifecycle-configuration --bucket <bucket> --lifecycle-configuration \'{"Rules":[{"ID":"trail-retention","Status":"Enabled","Filter":{},"Transitions":[{"Days":90,"StorageClass":"GLACIER"}],"Expiration":{"Days":400},"NoncurrentVersionExpiration":{"NoncurrentDays":30}}]}\'',
      terraform:
        'resource "aws_s3_bucket_lifecycle_configuration" "trail" {\n  bucket = "<bucket>"\n  rule {\n    id     = "trail-retention"\n    status = "Enabled"\n    filter {}\n    transition {\n      days          = 90\n      storage_class = "GLACIER"\n    }\n    expiration {\n      days = 400\n    }\n    noncurrent_version_expiration {\n      noncurrent_days = 30\n    }\n  }\n}',
    },
    references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html'],
    compliance: { cisAws3: [], prowler: ['s3_bucket_lifecycle_enabled'], sources: ['002'] },
    fixable: true,
    reads: ['regional.*.cloudtrail.trails', 's3.buckets'],
  },
  defaultOptions: { minRetentionDays: 365 },
  optionProblems: (o) => (Number.isInteger(o.minRetentionDays) && o.minRetentionDays > 0 ? [] : [`minRetentionDays (${o.minRetentionDays}) must be a positive whole number of days`]),
  evaluate(ctx) {
    const min = ctx.options.minRetentionDays;
    return judgeTrailBuckets(ctx, (b, { resource, base }) => {
      const { lifecycle, versioning } = b.bucket;
      if (!lifecycle.ok) {
        return ctx.error(resource, lifecycle.error, `could not read the lifecycle configuration of trail bucket ${b.name}`, { ...base, evidence: bucketEvidence(b) });
      }
      const rules = lifecycle.value ?? [];
      const evidence = { ...bucketEvidence(b), rules: rules.map(describeRule), minRetentionDays: min };
      const extra = { ...base, evidence };
      const owner = `account ${b.owner.accountId}`;
      if (lifecycle.value === null) {
        return ctx.fail(resource, `trail bucket ${b.name} (${owner}) has no lifecycle configuration, so its logs are never archived or expired`, extra);
      }
      const applying = rules.filter((r) => r.status === 'Enabled' && coversAllObjects(r));
      if (applying.length === 0) {
        return (
          ctx.fail(resource, `trail bucket ${b.name} (${owner}) has no enabled lifecycle rule that applies to all objects (${rules.length} rule(s): ${rules.map(describeRule).join('; ') || 'none'})`, extra)
        );
      }
      const early = applying.filter((r) => r.expirationDays !== null && r.expirationDays < min);
      if (early.length > 0) {
        return ctx.fail(resource, `trail bucket ${b.name} (${owner}) expires logs before the ${min}-day minimum retention (${early.map(describeRule).join('; ')})`, extra);
      }
      if (!versioning.ok) {
        return ctx.error(resource, versioning.error, `trail bucket ${b.name} has a lifecycle rule, but whether noncurrent versions need one too depends on its versioning, which could not be read`, extra);
      }
      const boundsNoncurrent = rules.some((r) => r.status === 'Enabled' && r.noncurrentVersionExpirationDays !== null);
      if (versioning.value.status === 'Enabled' && !boundsNoncurrent) {
        return ctx.warn(resource, `trail bucket ${b.name} (${owner}) is versioned but no rule expires noncurrent versions, so overwritten and deleted log files accumulate without bound`, extra);
      }
      return ctx.pass(resource, `trail bucket ${b.name} (${owner}) has lifecycle rule ${applying.map(describeRule).join('; ')}`, extra);
    });
  },
});
