// Per-bucket helpers for the S3 bucket checks: the bucket as a resource, its Region for results, the bucket list
// (error or not_applicable for the account when there is nothing to judge) and its parsed policy.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { Bucket } from '../../services/s3/schema.ts';
import { parsePolicy, PolicyParseError, type PolicyDocument } from '../../policy/index.ts';
import { requireData, type CheckContext } from '../define.ts';

export function bucketResource(b: Bucket): ResourceRef {
  return { type: 'AwsS3Bucket', id: b.name, arn: b.arn };
}

/** `{ region }` for a result about the bucket, when its Region is known. */
export function bucketRegion(b: Bucket): { region?: string } {
  return b.region.ok ? { region: b.region.value } : {};
}

/** The account's buckets, or the one result to return instead (the listing's error, or not_applicable when there are none). */
export function listBuckets<O>(ctx: CheckContext<O>): { ok: true; buckets: Bucket[] } | { ok: false; results: CheckResult[] } {
  const buckets = requireData(ctx, ctx.account.s3.buckets, ctx.accountResource(), 'the S3 bucket list');
  if (!buckets.ok) return { ok: false, results: [buckets.result] };
  if (buckets.value.length === 0) return { ok: false, results: [ctx.notApplicable(ctx.accountResource(), `no S3 buckets in account ${ctx.account.accountId}`)] };
  return { ok: true, buckets: buckets.value };
}

/**
 * The bucket policy, parsed: null when the bucket has none, or the error result (unreadable, or a document that does
 * not parse: an unreadable policy may say anything, so no verdict).
 */
export function bucketPolicy<O>(ctx: CheckContext<O>, b: Bucket): { ok: true; policy: PolicyDocument | null } | { ok: false; result: CheckResult } {
  const resource = bucketResource(b);
  if (!b.policy.ok) return { ok: false, result: ctx.error(resource, b.policy.error, `could not read the bucket policy of ${b.name}`, bucketRegion(b)) };
  if (b.policy.value === null || b.policy.value === undefined) return { ok: true, policy: null };
  try {
    return { ok: true, policy: parsePolicy(b.policy.value) };
  } catch (e) {
    if (!(e instanceof PolicyParseError)) throw e;
    const error: CollectError = {
      code: 'ParseError',
      operation: 's3:GetBucketPolicy',
      message: `bucket policy of ${b.name} could not be parsed: ${e.message}`,
      ...bucketRegion(b),
    };
    return { ok: false, result: ctx.error(resource, error, undefined, bucketRegion(b)) };
  }
}
