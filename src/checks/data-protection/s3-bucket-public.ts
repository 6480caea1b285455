// s3-bucket-public: no bucket is public through its policy, its ACL or one of its access points, after Block Public
// Access (controls.md 1.F). "Public" is decided by src/policy (isS3BucketPublic), never by S3 GetBucketPolicyStatus
// or GetAccessPointPolicyStatus, which emulators answer wrongly.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { Collected, CollectError } from '../../inventory/collected.ts';
import type { AccessPoint, BlockPublicAccess, Bucket } from '../../services/s3/schema.ts';
import { isS3BucketPublic, parsePolicy, PolicyParseError, type PolicyDocument, type S3PublicResult } from '../../policy/index.ts';
import { accountIdProblems, defineCheck, requireData, type CheckContext } from '../define.ts';

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
function accessWords(r: { write: boolean; list: boolean }): string {
  const words: string[] = [];
  if (r.list) words.push('list its objects');
  if (r.write) words.push('write, delete or change permissions');
  return words.length === 0 ? 'read from it (read-only)' : words.join(' and ');
}

type BpaLevel = 'account-bpa' | 'bucket-bpa' | 'access-point-bpa';

/** What one access point of the bucket means for it. */
type AccessPointVerdict =
  | { kind: 'vpc'; ap: AccessPoint }
  | { kind: 'private'; ap: AccessPoint; blockedBy: BpaLevel[]; details: string[] }
  | { kind: 'public'; ap: AccessPoint; write: boolean; list: boolean; details: string[] }
  | { kind: 'unknown'; ap: AccessPoint; error: CollectError; what: string };

/**
 * An access point is public when its policy is (analyzeResourcePolicy via isS3BucketPublic; access points have no
 * ACL) and no Block Public Access level stops it. For a request through an access point S3 applies the access
 * point's, the bucket's and the account's settings, the most restrictive combination, so RestrictPublicBuckets at
 * any of the three neutralises the public policy. A VPC-origin access point only accepts requests from its VPC and
 * is not reachable from the internet whatever its policy says.
 */
function judgeAccessPoint(ap: AccessPoint, bucketBlock: BlockPublicAccess | null, accountBpa: Collected<BlockPublicAccess | null>, region: string): AccessPointVerdict {
  if (ap.networkOrigin.toLowerCase() === 'vpc') return { kind: 'vpc', ap };
  if (!ap.policy.ok) return { kind: 'unknown', ap, error: ap.policy.error, what: 'its policy' };
  if (!ap.publicAccessBlock.ok) return { kind: 'unknown', ap, error: ap.publicAccessBlock.error, what: 'its Block Public Access settings' };
  let policy: PolicyDocument | null = null;
  if (ap.policy.value !== null && ap.policy.value !== undefined) {
    try {
      policy = parsePolicy(ap.policy.value);
    } catch (e) {
      if (!(e instanceof PolicyParseError)) throw e;
      const error: CollectError = { code: 'ParseError', operation: 's3:GetAccessPointPolicy', message: `policy of access point ${ap.name} could not be parsed: ${e.message}`, region };
      return { kind: 'unknown', ap, error, what: 'its policy' };
    }
  }
  // Account-level BPA can only take access away: an access point private without it is private.
  const accountBlock = accountBpa.ok ? accountBpa.value : null;
  const r = isS3BucketPublic({ policy, bucketBlock: ap.publicAccessBlock.value, accountBlock });
  // isS3BucketPublic knows two levels; here its "bucket" level is the access point's own setting
  const blockedBy = r.blockedBy.map((b): BpaLevel => (b === 'bucket-bpa' ? 'access-point-bpa' : b));
  const details = r.details.map((d) => d.replace('bucket-bpa', 'access-point-bpa'));
  if (!r.public) return { kind: 'private', ap, blockedBy, details };
  if (bucketBlock?.restrictPublicBuckets === true) {
    return { kind: 'private', ap, blockedBy: [...blockedBy, 'bucket-bpa'], details: [...details, 'the public access point policy is not in effect: RestrictPublicBuckets is on (bucket-bpa)'] };
  }
  if (!accountBpa.ok) return { kind: 'unknown', ap, error: accountBpa.error, what: 'the account-level Block Public Access settings, which alone could keep its public policy out of effect' };
  return { kind: 'public', ap, write: r.write, list: r.list, details };
}

function accessPointEvidence(v: AccessPointVerdict): Record<string, unknown> {
  const base = { name: v.ap.name, arn: v.ap.arn, networkOrigin: v.ap.networkOrigin };
  switch (v.kind) {
    case 'vpc':
      return { ...base, verdict: 'vpc-only' };
    case 'private':
      return { ...base, verdict: 'private', blockedBy: v.blockedBy, details: v.details };
    case 'public':
      return { ...base, verdict: 'public', write: v.write, list: v.list, details: v.details };
    case 'unknown':
      return { ...base, verdict: 'unknown', code: v.error.code, operation: v.error.operation };
  }
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
    reads: ['s3.buckets', 's3.accountPublicAccessBlock', 's3.accessPoints'],
  },
  defaultOptions: { publicContentAccountId: null, allowedPublicBuckets: [] },
  optionProblems: (o) => [
    ...accountIdProblems(o.publicContentAccountId),
    ...(o.allowedPublicBuckets.length > 0 && o.publicContentAccountId === null
      ? ['allowedPublicBuckets only works together with publicContentAccountId (the account allowed to serve public content)']
      : []),
  ],
  evaluate(ctx) {
    const buckets = requireData(ctx, ctx.account.s3.buckets, ctx.accountResource(), 'the S3 bucket list');
    if (!buckets.ok) return [buckets.result];
    if (buckets.value.length === 0) return [ctx.notApplicable(ctx.accountResource(), `no S3 buckets in account ${ctx.account.accountId}`)];
    const accountBpa = ctx.account.s3.accountPublicAccessBlock;
    const accessPoints = ctx.account.s3.accessPoints;
    const allowListed = (name: string) =>
      ctx.options.publicContentAccountId === ctx.account.accountId && ctx.options.allowedPublicBuckets.includes(name);
    const accessPointsOf = (bucket: string): AccessPoint[] =>
      accessPoints.ok
        ? accessPoints.value.filter((ap) => ap.bucket === bucket && (ap.accountId === undefined || ap.accountId === ctx.account.accountId))
        : [];

    const results: CheckResult[] = [];
    for (const b of buckets.value) {
      const resource = bucketResource(b);
      const read = readBucket(ctx, b);
      if (!read.ok) {
        results.push(read.result);
        continue;
      }
      const { policy, aclGrants, bucketBlock, region } = read.value;
      const aps = accessPointsOf(b.name).map((ap) => judgeAccessPoint(ap, bucketBlock, accountBpa, region));
      const publicAps = aps.flatMap((v) => (v.kind === 'public' ? [v] : []));
      const unknownAps = aps.flatMap((v) => (v.kind === 'unknown' ? [v] : []));
      const apEvidence = accessPoints.ok ? { accessPoints: aps.map(accessPointEvidence) } : { accessPoints: 'unreadable' };

      // The bucket's own policy and ACL; with the account BPA unreadable, only a bucket private without it is judged.
      let own: S3PublicResult;
      if (!accountBpa.ok) {
        // Account-level BPA can only take access away: if the bucket is private without it, it is private.
        own = isS3BucketPublic({ policy, aclGrants, bucketBlock, accountBlock: null });
        if (own.public) {
          results.push(
            ctx.error(resource, accountBpa.error, `bucket ${b.name} is public through its ${own.via.join(' and ')} unless account-level Block Public Access blocks it, and that setting could not be read`, {
              region,
              evidence: { details: own.details, ...apEvidence },
            }),
          );
          continue;
        }
      } else {
        own = isS3BucketPublic({ policy, aclGrants, bucketBlock, accountBlock: accountBpa.value });
      }
      const evidence = {
        via: own.via,
        write: own.write,
        list: own.list,
        blockedBy: own.blockedBy,
        details: own.details,
        ...(accountBpa.ok ? {} : { accountBlockPublicAccess: 'unreadable' }),
        ...apEvidence,
      };

      if (own.public || publicAps.length > 0) {
        const write = own.write || publicAps.some((v) => v.write);
        const list = own.list || publicAps.some((v) => v.list);
        const paths = [
          ...(own.public ? [`its ${own.via.join(' and ')} (anyone on the internet can ${accessWords(own)})`] : []),
          ...publicAps.map((v) => `access point ${v.ap.name}, through which anyone on the internet can ${accessWords(v)}`),
        ];
        if (allowListed(b.name)) {
          const how = publicAps.length === 0 ? `its ${own.via.join(' and ')} (anyone can ${accessWords(own)})` : paths.join(' and ');
          results.push(
            ctx.pass(resource, `bucket ${b.name} is public through ${how}; it is listed as intentionally public content`, {
              region,
              evidence: { ...evidence, allowListed: true },
            }),
          );
          continue;
        }
        const message =
          publicAps.length === 0
            ? `bucket ${b.name} is public through its ${own.via.join(' and ')}: anyone on the internet can ${accessWords(own)}`
            : `bucket ${b.name} is public through ${paths.join(' and ')}`;
        results.push(ctx.fail(resource, message, { region, severity: write || list ? 'critical' : 'high', evidence, remediationValues: { bucket: b.name } }));
        continue;
      }

      // Not public through anything that could be read: pass only when every access point could be judged too.
      const firstUnknown = unknownAps[0];
      if (firstUnknown !== undefined) {
        results.push(
          ctx.error(
            resource,
            firstUnknown.error,
            `bucket ${b.name} is not public through its policy or ACL, but whether its access point ${firstUnknown.ap.name} makes it public is unknown: could not read ${firstUnknown.what}`,
            { region, evidence },
          ),
        );
        continue;
      }
      if (!accessPoints.ok) {
        results.push(
          ctx.error(resource, accessPoints.error, `bucket ${b.name} is not public through its policy or ACL, but its access points could not be listed, and one of them could make it public`, {
            region,
            evidence,
          }),
        );
        continue;
      }
      const vpcOnly = aps.filter((v) => v.kind === 'vpc').map((v) => v.ap.name);
      const apNote =
        aps.length === 0
          ? ''
          : `; ${aps.length === 1 ? 'its access point is' : `its ${aps.length} access points are`} not public${
              vpcOnly.length > 0 ? ` (${vpcOnly.join(', ')} only accept${vpcOnly.length === 1 ? 's' : ''} requests from a VPC, so ${vpcOnly.length === 1 ? 'it is' : 'they are'} not reachable from the internet)` : ''
            }`;
      const message = !accountBpa.ok
        ? `bucket ${b.name} is not public through its policy or ACL, whatever the account-level Block Public Access says${apNote}`
        : own.wouldBePublicWithoutBpa
          ? `bucket ${b.name} has a public policy or ACL, but Block Public Access (${own.blockedBy.join(', ')}) keeps it private${apNote}`
          : `bucket ${b.name} is not public through its policy or ACL${apNote}`;
      results.push(ctx.pass(resource, message, { region, evidence }));
    }
    return results;
  },
});
