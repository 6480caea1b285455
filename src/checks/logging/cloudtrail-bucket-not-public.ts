// cloudtrail-bucket-not-public: no trail bucket is public through its policy or ACL, and Block Public Access guards
// it (controls.md 1.D). Public-ness is decided by src/policy (isS3BucketPublic), as for s3-bucket-public.
import type { CollectError } from '../../inventory/collected.ts';
import type { BlockPublicAccess } from '../../services/s3/schema.ts';
import { isS3BucketPublic, parsePolicy, PolicyParseError, type PolicyDocument } from '../../policy/index.ts';
import { defineCheck } from '../define.ts';
import { bucketEvidence, judgeTrailBuckets } from '../helpers/logging.ts';

function allOn(b: BlockPublicAccess | null): boolean {
  return b !== null && b.blockPublicAcls && b.ignorePublicAcls && b.blockPublicPolicy && b.restrictPublicBuckets;
}

export default defineCheck({
  meta: {
    id: 'cloudtrail-bucket-not-public',
    title: 'Trail bucket is not public',
    severity: 'critical',
    scope: 'resource',
    resourceType: 'AwsS3Bucket',
    rationale:
      'CloudTrail logs map the whole account: principals, resources, IP addresses and the calls that failed. A public trail bucket hands that map to anyone, and a publicly writable one lets them bury their tracks.',
    remediation: {
      text: 'Remove the public policy statements and ACL grants from the trail bucket, and turn on all four Block Public Access settings on the bucket (in the account that owns it, usually the Log Archive).',
      cli: 'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      terraform:
        'resource "aws_s3_bucket_public_access_block" "trail" {\n  bucket                  = "<bucket>"\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    ],
    compliance: { cisAws3: [], prowler: ['cloudtrail_logs_s3_bucket_is_not_publicly_accessible'], sources: ['000', '003'] },
    fixable: true,
    reads: ['regional.*.cloudtrail.trails', 's3.buckets', 's3.accountPublicAccessBlock'],
  },
  evaluate(ctx) {
    return judgeTrailBuckets(ctx, (b, { resource, base }) => {
      const { policy, acl, publicAccessBlock } = b.bucket;
      const unread = (error: CollectError, what: string) => ctx.error(resource, error, `could not read the ${what} of trail bucket ${b.name}`, { ...base, evidence: bucketEvidence(b) });
      if (!policy.ok) return unread(policy.error, 'policy');
      if (!acl.ok) return unread(acl.error, 'ACL');
      if (!publicAccessBlock.ok) return unread(publicAccessBlock.error, 'Block Public Access settings');
      let doc: PolicyDocument | null = null;
      if (policy.value !== null && policy.value !== undefined) {
        try {
          doc = parsePolicy(policy.value);
        } catch (e) {
          if (!(e instanceof PolicyParseError)) throw e;
          return (
            ctx.error(resource, { code: 'ParseError', operation: 's3:GetBucketPolicy', message: e.message }, `the policy of trail bucket ${b.name} does not parse`, {
              ...base,
              evidence: bucketEvidence(b),
            })
          );
        }
      }
      const accountBpa = b.owner.s3.accountPublicAccessBlock;
      const verdict = isS3BucketPublic({ policy: doc, aclGrants: acl.value.grants, bucketBlock: publicAccessBlock.value, accountBlock: accountBpa.ok ? accountBpa.value : null });
      const evidence = {
        ...bucketEvidence(b),
        via: verdict.via,
        details: verdict.details,
        bucketPublicAccessBlock: publicAccessBlock.value,
        accountPublicAccessBlock: accountBpa.ok ? accountBpa.value : `unreadable (${accountBpa.error.code})`,
      };
      const extra = { ...base, evidence };
      const owner = `account ${b.owner.accountId}`;
      if (verdict.public) {
        // the account's settings could only make it less public: without them, a public verdict may be wrong
        if (!accountBpa.ok) {
          return ctx.error(resource, accountBpa.error, `trail bucket ${b.name} is public by its own settings, but the account-level Block Public Access of ${owner} (which may neutralise that) could not be read`, extra);
        }
        return (
          ctx.fail(resource, `trail bucket ${b.name} (${owner}) is public via its ${verdict.via.join(' and ')}: anyone can ${verdict.write ? 'write to or change permissions of it' : 'read the account’s activity logs'} (${verdict.details.join('; ')})`, extra)
        );
      }
      if (verdict.wouldBePublicWithoutBpa) {
        return ctx.warn(resource, `trail bucket ${b.name} (${owner}) has public grants that only Block Public Access keeps out of effect (${verdict.details.join('; ')})`, extra);
      }
      if (allOn(publicAccessBlock.value)) {
        return ctx.pass(resource, `trail bucket ${b.name} (${owner}) is not public and has all four Block Public Access settings on`, extra);
      }
      if (!accountBpa.ok) {
        return ctx.error(resource, accountBpa.error, `trail bucket ${b.name} is not public, but its own Block Public Access is not all on and the account-level settings of ${owner} could not be read`, extra);
      }
      return (
        allOn(accountBpa.value)
          ? ctx.pass(resource, `trail bucket ${b.name} (${owner}) is not public; the account-level Block Public Access has all four settings on`, extra)
          : ctx.warn(resource, `trail bucket ${b.name} (${owner}) is not public today, but neither the bucket nor the account has all four Block Public Access settings on, so one policy or ACL edit can expose it`, extra)
      );
    });
  },
});
