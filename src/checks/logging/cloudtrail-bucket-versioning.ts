// cloudtrail-bucket-versioning: the S3 bucket of every trail has versioning enabled (controls.md 1.D).
// The bucket is read from whichever scanned account owns it (helpers/logging.ts trailBuckets).
import { defineCheck } from '../define.ts';
import { bucketEvidence, judgeTrailBuckets } from '../helpers/logging.ts';

export default defineCheck({
  meta: {
    id: 'cloudtrail-bucket-versioning',
    title: 'Trail bucket versioning enabled',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsS3Bucket',
    rationale:
      'With versioning, an overwritten or deleted log file stays recoverable as a noncurrent version, so whoever reaches the log bucket cannot erase the trail of what they did with one DeleteObject.',
    remediation: {
      text: 'Enable versioning on the trail bucket (in the account that owns it, usually the Log Archive), and add a lifecycle rule that expires noncurrent versions so the cost stays bounded.',
      cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled',
      terraform: 'resource "aws_s3_bucket_versioning" "trail" {\n  bucket = "<bucket>"\n  versioning_configuration {\n    status = "Enabled"\n  }\n}',
    },
    references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html'],
    compliance: { cisAws3: [], prowler: ['s3_bucket_object_versioning'], sources: ['002'] },
    fixable: true,
    reads: ['regional.*.cloudtrail.trails', 's3.buckets'],
  },
  evaluate(ctx) {
    return judgeTrailBuckets(ctx, (b, { resource, base }) => {
      const v = b.bucket.versioning;
      if (!v.ok) {
        return ctx.error(resource, v.error, `could not read the versioning of trail bucket ${b.name}`, { ...base, evidence: bucketEvidence(b) });
      }
      const extra = { ...base, evidence: { ...bucketEvidence(b), versioning: v.value.status } };
      return (
        v.value.status === 'Enabled'
          ? ctx.pass(resource, `trail bucket ${b.name} (account ${b.owner.accountId}) has versioning enabled`, extra)
          : ctx.fail(
              resource,
              `trail bucket ${b.name} (account ${b.owner.accountId}) has versioning ${v.value.status === 'Suspended' ? 'suspended' : 'never enabled'}, so a deleted or overwritten log file is gone for good`,
              extra,
            )
      );
    });
  },
});
