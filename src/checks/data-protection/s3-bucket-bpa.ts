// s3-bucket-bpa: every bucket has all four Block Public Access settings on, or is covered by account-level Block
// Public Access with all four on (the s3-account-bpa pass condition) (controls.md 1.F).
import type { CheckResult } from '../../findings/finding.ts';
import type { BlockPublicAccess } from '../../services/s3/schema.ts';
import { defineCheck } from '../define.ts';
import { bucketRegion, bucketResource, listBuckets } from '../helpers/buckets.ts';

const FLAGS: Array<[keyof BlockPublicAccess, string]> = [
  ['blockPublicAcls', 'BlockPublicAcls'],
  ['ignorePublicAcls', 'IgnorePublicAcls'],
  ['blockPublicPolicy', 'BlockPublicPolicy'],
  ['restrictPublicBuckets', 'RestrictPublicBuckets'],
];

/** The names of the flags that are not on (all four when there is no configuration). */
function offFlags(bpa: BlockPublicAccess | null): string[] {
  return FLAGS.filter(([key]) => bpa?.[key] !== true).map(([, name]) => name);
}

export default defineCheck({
  meta: {
    id: 's3-bucket-bpa',
    title: 'Bucket-level Block Public Access on (or covered by account level)',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsS3Bucket',
    rationale:
      'Block Public Access on the bucket stops a later policy or ACL change from making it public; without it, and without the account-level setting, one mistaken statement exposes the data.',
    remediation: {
      text: 'Turn on all four Block Public Access settings for the bucket (or for the whole account, see s3-account-bpa). Serve intentionally public content through CloudFront with origin access control.',
      cli: 'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      terraform:
        'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = "<bucket>"\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
    },
    references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html'],
    compliance: { cisAws3: ['2.1.4'], prowler: ['s3_bucket_level_public_access_block'], sources: ['000', '003'] },
    fixable: true,
    reads: ['s3.buckets', 's3.accountPublicAccessBlock'],
  },
  evaluate(ctx) {
    const listed = listBuckets(ctx);
    if (!listed.ok) return listed.results;
    const account = ctx.account.s3.accountPublicAccessBlock;
    const accountCovers = account.ok && offFlags(account.value).length === 0;
    const results: CheckResult[] = [];
    for (const b of listed.buckets) {
      const resource = bucketResource(b);
      const where = bucketRegion(b);
      if (accountCovers) {
        results.push(ctx.pass(resource, `bucket ${b.name} is covered by account-level Block Public Access (all four settings on)`, { ...where, evidence: { accountPublicAccessBlock: account.value } }));
        continue;
      }
      if (!b.publicAccessBlock.ok) {
        results.push(ctx.error(resource, b.publicAccessBlock.error, `could not read the Block Public Access settings of bucket ${b.name}`, where));
        continue;
      }
      const off = offFlags(b.publicAccessBlock.value);
      const evidence = { bucketPublicAccessBlock: b.publicAccessBlock.value, accountPublicAccessBlock: account.ok ? account.value : 'unreadable' };
      if (off.length === 0) {
        results.push(ctx.pass(resource, `bucket ${b.name} has all four Block Public Access settings on`, { ...where, evidence }));
        continue;
      }
      // The bucket is not covered on its own; whether the account covers it is unknown when that setting is unreadable.
      if (!account.ok) {
        results.push(
          ctx.error(resource, account.error, `bucket ${b.name} has Block Public Access ${off.join(', ')} off, and the account-level settings that could cover it could not be read`, { ...where, evidence }),
        );
        continue;
      }
      const message =
        b.publicAccessBlock.value === null
          ? `bucket ${b.name} has no Block Public Access configuration and the account-level settings do not cover it, so a policy or ACL change can make it public`
          : `bucket ${b.name} has Block Public Access ${off.join(', ')} off and the account-level settings do not cover it`;
      results.push(ctx.fail(resource, message, { ...where, evidence, remediationValues: { bucket: b.name } }));
    }
    return results;
  },
});
