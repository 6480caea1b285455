// s3-bucket-public: no bucket is public through its policy or ACL, after Block Public Access (controls.md 1.F).
// "Public" is decided by src/policy (isS3BucketPublic), never by S3 GetBucketPolicyStatus, which emulators answer wrongly.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { BlockPublicAccess, Bucket } from '../../inventory/snapshot.ts';
import { isS3BucketPublic, parsePolicy, PolicyParseError, type PolicyDocument, type S3PublicResult } from '../../policy/index.ts';
import { defineCheck, requireData, type CheckContext } from '../define.ts';

export interface S3BucketPublicOptions {
  /** The single account that intentionally serves public content, or null. */
  publicContentAccountId: string | null;
  /** Buckets in the public-content account that are meant to be public (PASS with a note there, FAIL elsewhere). */
  allowedPublicBuckets: string[];
}

function bucketResource(b: Bucket): ResourceRef {
  return { type: 'AwsS3Bucket', id: b.name, arn: b.arn };
}

/** What the public grant lets anyone do; S3PublicResult only separates write and list, so the rest is "read". */
function accessWords(r: S3PublicResult): string {
  const words: string[] = [];
  if (r.list) words.push('list its objects');
  if (r.write) words.push('write, delete or change permissions');
  return words.length === 0 ? 'read from it (read-only)' : words.join(' and ');
}

interface Inputs {
  policy: PolicyDocument | null;
  aclGrants: Array<{ granteeUri?: string; permission: string }>;
  bucketBlock: BlockPublicAccess | null;
  region: string;
}

/** The bucket's inputs, or the error result when any of them is missing or unparseable. */
function readBucket<O>(ctx: CheckContext<O>, b: Bucket): { ok: true; value: Inputs } | { ok: false; result: CheckResult } {
  const resource = bucketResource(b);
  const missing = (error: CollectError, what: string) => ({
    ok: false as const,
    result: ctx.error(resource, error, `could not read ${what} of bucket ${b.name}`, b.region.ok ? { region: b.region.value } : {}),
  });
  if (!b.region.ok) return missing(b.region.error, 'the Region');
  if (!b.policy.ok) return missing(b.policy.error, 'the bucket policy');
  if (!b.acl.ok) return missing(b.acl.error, 'the bucket ACL');
  if (!b.publicAccessBlock.ok) return missing(b.publicAccessBlock.error, 'the bucket-level Block Public Access settings');
  const region = b.region.value;
  let policy: PolicyDocument | null = null;
  if (b.policy.value !== null && b.policy.value !== undefined) {
    try {
      policy = parsePolicy(b.policy.value);
    } catch (e) {
      if (!(e instanceof PolicyParseError)) throw e;
      // An unreadable policy may grant anything: no verdict.
      const error: CollectError = { code: 'ParseError', operation: 's3:GetBucketPolicy', message: `bucket policy of ${b.name} could not be parsed: ${e.message}`, region };
      return { ok: false, result: ctx.error(resource, error, undefined, { region }) };
    }
  }
  return { ok: true, value: { policy, aclGrants: b.acl.value.grants, bucketBlock: b.publicAccessBlock.value, region } };
}

export default defineCheck<S3BucketPublicOptions>({
  meta: {
    id: 's3-bucket-public',
    title: 'No bucket is public through its policy or ACL',
    severity: 'critical',
    scope: 'resource',
    resourceType: 'AwsS3Bucket',
    rationale:
      'A public bucket can be read (and, with write or list grants, overwritten, deleted or enumerated) by anyone on the internet; it is the most common cause of AWS data leaks.',
    remediation: {
      text: 'Remove the public statement from the bucket policy and the AllUsers/AuthenticatedUsers ACL grants, then turn on Block Public Access for the bucket (and the account). Serve intentionally public content through CloudFront with origin access control.',
      cli: 'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      terraform:
        'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = "<bucket>"\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
    ],
    compliance: {
      prowler: ['s3_bucket_public_access', 's3_bucket_public_list_acl', 's3_bucket_public_write_acl', 's3_bucket_policy_public_write_access'],
      sources: ['000', '001', '002'],
    },
    fixable: true,
    reads: ['s3.buckets', 's3.accountPublicAccessBlock'],
  },
  defaultOptions: { publicContentAccountId: null, allowedPublicBuckets: [] },
  evaluate(ctx) {
    const buckets = requireData(ctx, ctx.account.s3.buckets, ctx.accountResource(), 'the S3 bucket list');
    if (!buckets.ok) return [buckets.result];
    if (buckets.value.length === 0) return [ctx.notApplicable(ctx.accountResource(), `no S3 buckets in account ${ctx.account.accountId}`)];
    const accountBpa = ctx.account.s3.accountPublicAccessBlock;
    const allowListed = (name: string) =>
      ctx.options.publicContentAccountId === ctx.account.accountId && ctx.options.allowedPublicBuckets.includes(name);

    const results: CheckResult[] = [];
    for (const b of buckets.value) {
      const resource = bucketResource(b);
      const read = readBucket(ctx, b);
      if (!read.ok) {
        results.push(read.result);
        continue;
      }
      const { policy, aclGrants, bucketBlock, region } = read.value;

      if (!accountBpa.ok) {
        // Account-level BPA can only take access away: if the bucket is private without it, it is private.
        const without = isS3BucketPublic({ policy, aclGrants, bucketBlock, accountBlock: null });
        if (!without.public) {
          results.push(
            ctx.pass(resource, `bucket ${b.name} is not public through its policy or ACL, whatever the account-level Block Public Access says`, {
              region,
              evidence: { details: without.details, blockedBy: without.blockedBy, accountBlockPublicAccess: 'unreadable' },
            }),
          );
        } else {
          results.push(
            ctx.error(resource, accountBpa.error, `bucket ${b.name} is public through its ${without.via.join(' and ')} unless account-level Block Public Access blocks it, and that setting could not be read`, {
              region,
              evidence: { details: without.details },
            }),
          );
        }
        continue;
      }

      const r = isS3BucketPublic({ policy, aclGrants, bucketBlock, accountBlock: accountBpa.value });
      const evidence = { via: r.via, write: r.write, list: r.list, blockedBy: r.blockedBy, details: r.details };
      if (!r.public) {
        const message = r.wouldBePublicWithoutBpa
          ? `bucket ${b.name} has a public policy or ACL, but Block Public Access (${r.blockedBy.join(', ')}) keeps it private`
          : `bucket ${b.name} is not public through its policy or ACL`;
        results.push(ctx.pass(resource, message, { region, evidence }));
        continue;
      }
      if (allowListed(b.name)) {
        results.push(
          ctx.pass(resource, `bucket ${b.name} is public through its ${r.via.join(' and ')} (anyone can ${accessWords(r)}); it is listed as intentionally public content`, {
            region,
            evidence: { ...evidence, allowListed: true },
          }),
        );
        continue;
      }
      results.push(
        ctx.fail(resource, `bucket ${b.name} is public through its ${r.via.join(' and ')}: anyone on the internet can ${accessWords(r)}`, {
          region,
          severity: r.write || r.list ? 'critical' : 'high',
          evidence,
        }),
      );
    }
    return results;
  },
});
