// s3-encryption: every bucket has default encryption; buckets tagged sensitive and log buckets use SSE-KMS
// (controls.md 1.F). Log buckets are the configured ones plus those CloudTrail trails and Config delivery channels
// write to, as seen in this account's Regions.
import type { CheckResult } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import { defineCheck } from '../define.ts';
import { bucketRegion, bucketResource, listBuckets } from '../helpers/buckets.ts';

export interface S3EncryptionOptions {
  /** The tag key that carries a bucket's data classification. */
  classificationTagKey: string;
  /** Values of that tag (case-insensitive) that mark a bucket as sensitive. */
  sensitiveTagValues: string[];
  /** Buckets that hold logs, beyond the trail and Config buckets found in the snapshot. */
  logBuckets: string[];
}

const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

export default defineCheck<S3EncryptionOptions>({
  meta: {
    id: 's3-encryption',
    title: 'Buckets encrypted; SSE-KMS for sensitive buckets',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsS3Bucket',
    rationale:
      'Every bucket gets SSE-S3 by default since January 2023, but SSE-S3 keys are not access-controlled: with SSE-KMS, reading sensitive data or logs also needs kms:Decrypt on a key whose policy you control and whose use CloudTrail records.',
    remediation: {
      text: 'Set the bucket default encryption to SSE-KMS with a customer-managed key (and S3 Bucket Keys to keep KMS costs down). Existing objects keep their encryption until rewritten (for example with S3 Batch Operations copy).',
      cli: 'aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<kms-key-arn>"},"BucketKeyEnabled":true}]}\'',
      terraform:
        'resource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n  bucket = "<bucket>"\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = "<kms-key-arn>"\n    }\n    bucket_key_enabled = true\n  }\n}',
    },
    references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'],
    compliance: { prowler: ['s3_bucket_default_encryption', 's3_bucket_kms_encryption'], sources: ['001', '003'] },
    fixable: true,
    reads: ['s3.buckets', 'regional.*.cloudtrail.trails', 'regional.*.config.deliveryChannels'],
  },
  defaultOptions: { classificationTagKey: 'data-classification', sensitiveTagValues: ['confidential', 'restricted', 'sensitive', 'secret'], logBuckets: [] },
  optionProblems: (o) => (o.classificationTagKey.trim() === '' ? ['classificationTagKey must not be empty'] : []),
  evaluate(ctx) {
    const listed = listBuckets(ctx);
    if (!listed.ok) return listed.results;
    // Which buckets hold logs: configured, or written to by a trail or a Config delivery channel seen here.
    const logBuckets = new Map<string, string>(ctx.options.logBuckets.map((n) => [n, 'configured as a log bucket']));
    const logSourcesUnreadable: CollectError[] = [];
    for (const [region, data] of ctx.regions()) {
      for (const [list, what] of [
        [data.cloudtrail.trails, 'CloudTrail trail'],
        [data.config.deliveryChannels, 'Config delivery channel'],
      ] as const) {
        if (!list.ok) {
          if (ctx.closedRegion(region, list.error.operation) === undefined) logSourcesUnreadable.push(list.error);
          continue;
        }
        for (const item of list.value) {
          const name = 's3BucketName' in item ? item.s3BucketName : null;
          if (name !== null && !logBuckets.has(name)) logBuckets.set(name, `written to by ${what} ${item.name}`);
        }
      }
    }
    const sensitiveValues = ctx.options.sensitiveTagValues.map((v) => v.toLowerCase());
    const tagKey = ctx.options.classificationTagKey;

    const results: CheckResult[] = [];
    for (const b of listed.buckets) {
      const resource = bucketResource(b);
      const where = bucketRegion(b);
      if (!b.encryption.ok) {
        results.push(ctx.error(resource, b.encryption.error, `could not read the default encryption of bucket ${b.name}`, where));
        continue;
      }
      const rules = b.encryption.value?.rules ?? [];
      const algorithms = rules.map((r) => r.sseAlgorithm);
      const evidence: Record<string, unknown> = { rules };
      if (rules.length === 0) {
        results.push(ctx.fail(resource, `bucket ${b.name} has no default encryption rule`, { ...where, evidence, remediationValues: { bucket: b.name } }));
        continue;
      }
      if (algorithms.some((a) => KMS_ALGORITHMS.includes(a))) {
        results.push(ctx.pass(resource, `bucket ${b.name} is encrypted with SSE-KMS (${algorithms.join(', ')})`, { ...where, evidence }));
        continue;
      }
      // SSE-S3 (AES256): enough unless the bucket is sensitive or holds logs. Tag values other than the configured
      // sensitive ones never reach a finding: a tag can hold anything, secrets included.
      const logReason = logBuckets.get(b.name);
      if (logReason !== undefined) {
        results.push(
          ctx.fail(resource, `log bucket ${b.name} (${logReason}) uses ${algorithms.join(', ')} rather than SSE-KMS`, { ...where, evidence: { ...evidence, logBucket: logReason }, remediationValues: { bucket: b.name } }),
        );
        continue;
      }
      if (!b.tags.ok) {
        results.push(ctx.error(resource, b.tags.error, `bucket ${b.name} uses ${algorithms.join(', ')}, and its tags, which say whether it holds sensitive data, could not be read`, where));
        continue;
      }
      const classification = Object.entries(b.tags.value).find(([k]) => k.toLowerCase() === tagKey.toLowerCase())?.[1];
      if (classification !== undefined && sensitiveValues.includes(classification.toLowerCase())) {
        results.push(
          ctx.fail(resource, `bucket ${b.name} is tagged ${tagKey}=${classification} but uses ${algorithms.join(', ')} rather than SSE-KMS`, {
            ...where,
            evidence: { ...evidence, classification },
            remediationValues: { bucket: b.name },
          }),
        );
        continue;
      }
      const unreadable = logSourcesUnreadable[0];
      if (unreadable !== undefined) {
        results.push(ctx.error(resource, unreadable, `bucket ${b.name} uses ${algorithms.join(', ')}, and whether a trail or Config delivery channel writes logs to it is unknown`, where));
        continue;
      }
      results.push(ctx.pass(resource, `bucket ${b.name} is encrypted with SSE-S3 (${algorithms.join(', ')}), enough for a bucket neither tagged sensitive nor holding logs`, { ...where, evidence: { ...evidence, sensitive: false, classificationTagPresent: classification !== undefined } }));
    }
    return results;
  },
});
