// s3-acls-disabled: every bucket has Object Ownership "Bucket owner enforced", which turns ACLs off (controls.md 1.F).
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { bucketRegion, bucketResource, listBuckets } from '../helpers/buckets.ts';

export default defineCheck({
  meta: {
    id: 's3-acls-disabled',
    title: 'Bucket ACLs disabled (Bucket owner enforced)',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsS3Bucket',
    rationale:
      'With ACLs enabled, access can be granted per object or through legacy grants that bucket policies and IAM do not show; "Bucket owner enforced" disables every ACL so that policies alone decide access.',
    remediation: {
      text: 'Set Object Ownership to "Bucket owner enforced" on the bucket. First check that no writer relies on ACLs (for example other accounts uploading with bucket-owner-full-control, or log delivery set up through ACLs); their requests with other ACLs start failing.',
      cli: 'aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
      terraform: 'resource "aws_s3_bucket_ownership_controls" "this" {\n  bucket = "<bucket>"\n  rule {\n    object_ownership = "BucketOwnerEnforced"\n  }\n}',
    },
    references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html'],
    compliance: { prowler: ['s3_bucket_acl_prohibited'], sources: ['000'] },
    fixable: true,
    reads: ['s3.buckets'],
  },
  evaluate(ctx) {
    const listed = listBuckets(ctx);
    if (!listed.ok) return listed.results;
    const results: CheckResult[] = [];
    for (const b of listed.buckets) {
      const resource = bucketResource(b);
      const where = bucketRegion(b);
      if (!b.ownershipControls.ok) {
        results.push(ctx.error(resource, b.ownershipControls.error, `could not read the Object Ownership setting of bucket ${b.name}`, where));
        continue;
      }
      const ownership = b.ownershipControls.value;
      const evidence = { objectOwnership: ownership };
      if (ownership === 'BucketOwnerEnforced') {
        results.push(ctx.pass(resource, `bucket ${b.name} has ACLs disabled (Object Ownership: BucketOwnerEnforced)`, { ...where, evidence }));
      } else {
        const why = ownership === null ? 'has no Object Ownership controls, so ACLs are enabled' : `has Object Ownership ${ownership}, so ACLs are still enabled`;
        results.push(ctx.fail(resource, `bucket ${b.name} ${why}`, { ...where, evidence, remediationValues: { bucket: b.name } }));
      }
    }
    return results;
  },
});
