// Shared by the logging checks (not a check itself): which scanned account judges an organization-wide logging
// control, and where a trail's S3 bucket is found — often in another account (the Log Archive) than the trail's.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { Bucket } from '../../services/s3/schema.ts';
import type { Organization } from '../../services/organizations/schema.ts';
import type { Trail } from '../../services/cloudtrail/schema.ts';
import { requireData, type CheckContext } from '../define.ts';
import { organizationEvaluator } from '../org/scp-scope.ts';
import { noTrailsToJudge, trailsToJudge } from './regional.ts';

export function organizationResource(org: Organization): ResourceRef {
  return { type: 'AwsOrganization', id: org.id, arn: org.arn };
}

/**
 * Whether this account's run judges an organization-wide control, once per organization: the account that reads the
 * organization structure (the management account, else a delegated administrator), else — when no scanned account
 * reads it — the lowest scanned account id of the organization, since trails and aggregators are visible from
 * members too. A standalone account gets a not_applicable naming `alternative`.
 */
export function organizationOnce<O>(
  ctx: CheckContext<O>,
  alternative: string,
): { kind: 'evaluate'; organization: Organization } | { kind: 'done'; results: CheckResult[] } {
  const self = ctx.accountResource();
  const org = requireData(ctx, ctx.account.organizations.organization, self, 'the organization (DescribeOrganization)');
  if (!org.ok) return { kind: 'done', results: [org.result] };
  if (org.value === null) return { kind: 'done', results: [ctx.notApplicable(self, `account ${self.id} is not in an AWS Organization (see org-exists); ${alternative}`)] };
  const organization = org.value;
  const members = ctx.snapshot.accounts
    .filter((a) => a.organizations.organization.ok && a.organizations.organization.value?.id === organization.id)
    .map((a) => a.accountId)
    .sort();
  const evaluator = organizationEvaluator(ctx.snapshot, organization.id) ?? members[0];
  if (evaluator !== undefined && evaluator !== ctx.account.accountId) return { kind: 'done', results: [] };
  return { kind: 'evaluate', organization };
}

export function bucketResource(name: string): ResourceRef {
  return { type: 'AwsS3Bucket', id: name, arn: `arn:aws:s3:::${name}` };
}

/** A trail bucket and where it was found: the bucket's facts, or why they are missing. */
export type TrailBucket =
  | { name: string; trails: Trail[]; found: true; bucket: Bucket; owner: AccountSnapshot }
  | { name: string; trails: Trail[]; found: false; error: CollectError; message: string };

/**
 * The S3 buckets of the trails this account judges (trailsToJudge: own trails, and trails of owners outside the
 * snapshot), each once, with the bucket's facts from whichever scanned account owns it: this account, or — in an
 * organization scan — the Log Archive account's snapshot of the same run. A bucket that no scanned account lists
 * cannot be read from here; that is an error naming the cause, never a verdict.
 */
export function trailBuckets<O>(ctx: CheckContext<O>): {
  buckets: TrailBucket[];
  unreadable: CheckResult[];
  ownedElsewhere: Array<{ trail: Trail; owner: string }>;
} {
  const { trails, unreadable, ownedElsewhere } = trailsToJudge(ctx);
  const byName = new Map<string, Trail[]>();
  for (const t of trails) {
    if (t.s3BucketName === null || t.s3BucketName === '') continue;
    byName.set(t.s3BucketName, [...(byName.get(t.s3BucketName) ?? []), t]);
  }
  const buckets: TrailBucket[] = [];
  for (const [name, ts] of [...byName.entries()].sort(([a], [b]) => a.localeCompare(b))) buckets.push({ name, trails: ts, ...findBucket(ctx, name) });
  return { buckets, unreadable, ownedElsewhere };
}

export type FoundBucket = { found: true; bucket: Bucket; owner: AccountSnapshot } | { found: false; error: CollectError; message: string };

/**
 * A bucket by name among the scanned accounts (this account first): its facts and owner, or why it cannot be read
 * here — an unreadable bucket list, or a bucket owned by an account outside the scan.
 */
export function findBucket<O>(ctx: CheckContext<O>, name: string): FoundBucket {
  const accounts = [ctx.account, ...ctx.snapshot.accounts.filter((a) => a.accountId !== ctx.account.accountId)];
  const unlisted: Array<{ account: string; error: CollectError }> = [];
  for (const a of accounts) {
    if (!a.s3.buckets.ok) {
      unlisted.push({ account: a.accountId, error: a.s3.buckets.error });
      continue;
    }
    const bucket = a.s3.buckets.value.find((x) => x.name === name);
    if (bucket) return { found: true, bucket, owner: a };
  }
  const first = unlisted[0];
  if (first) return { found: false, error: first.error, message: `could not look for trail bucket ${name}: the bucket list of account ${first.account} could not be read` };
  const scanned = accounts.map((a) => a.accountId);
  const orgHint = scanned.length > 1 ? '' : '; an organization scan (--org) reads it in its owning account';
  return {
    found: false,
    error: {
      code: 'NotCollected',
      operation: 's3:ListAllMyBuckets',
      message: `bucket ${name} is not among the buckets of the scanned account${scanned.length > 1 ? 's' : ''} ${scanned.join(', ')}: it is owned by another account (usually the Log Archive), whose S3 settings this scan cannot read${orgHint}`,
    },
    message: `trail bucket ${name} belongs to an account outside this scan${orgHint}`,
  };
}

/** The Region a trail bucket's results are reported in: the bucket's own, else its first trail's home Region. */
export function bucketRegion(b: TrailBucket): string | undefined {
  if (b.found && b.bucket.region.ok) return b.bucket.region.value;
  return b.trails[0]?.homeRegion;
}

/** Evidence common to every trail-bucket result. */
export function bucketEvidence(b: TrailBucket): Record<string, unknown> {
  return { trails: b.trails.map((t) => t.arn), ...(b.found ? { ownerAccountId: b.owner.accountId } : {}) };
}

/** The error result of a trail-bucket check for a bucket it cannot find. */
export function missingBucketResult<O>(ctx: CheckContext<O>, b: Extract<TrailBucket, { found: false }>): CheckResult {
  const region = bucketRegion(b);
  return ctx.error(bucketResource(b.name), b.error, b.message, { ...(region ? { region } : {}), evidence: bucketEvidence(b) });
}

/** Where a found trail bucket's results go: its resource, and the Region and remediation values each result carries. */
export interface TrailBucketTarget {
  resource: ResourceRef;
  base: { region?: string; remediationValues: { bucket: string } };
}

/**
 * The loop every trail-bucket check shares: the errors of Regions whose trails could not be listed, an error for
 * each bucket that cannot be found in the scan, `judge`'s verdict for each bucket that can, and the single
 * not_applicable when this account has no trail of its own to judge.
 */
export function judgeTrailBuckets<O>(
  ctx: CheckContext<O>,
  judge: (b: Extract<TrailBucket, { found: true }>, target: TrailBucketTarget) => CheckResult,
): CheckResult[] {
  const { buckets, unreadable, ownedElsewhere } = trailBuckets(ctx);
  const results: CheckResult[] = [...unreadable];
  for (const b of buckets) {
    if (!b.found) {
      results.push(missingBucketResult(ctx, b));
      continue;
    }
    const region = bucketRegion(b);
    results.push(judge(b, { resource: bucketResource(b.name), base: { ...(region ? { region } : {}), remediationValues: { bucket: b.name } } }));
  }
  if (buckets.length === 0 && unreadable.length === 0) results.push(noTrailsToJudge(ctx, ownedElsewhere));
  return results;
}
