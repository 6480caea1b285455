// S3 collector (account-level): the account's Block Public Access settings and, per bucket, what decides whether
// it is public or unprotected: policy, bucket BPA, ACL, default encryption, versioning, object ownership; and the
// account's access points with their policies and BPA settings.
// Public-ness is computed by src/policy from these facts; GetBucketPolicyStatus and GetAccessPointPolicyStatus are
// deliberately not called.
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand as GetBucketPublicAccessBlockCommand,
  type LifecycleRule as SdkLifecycleRule,
  paginateListBuckets,
  S3Client,
  type Bucket as SdkBucket,
  type PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';
import {
  GetAccessPointCommand,
  GetAccessPointPolicyCommand,
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  paginateListAccessPoints,
  S3ControlClient,
  type AccessPoint as SdkAccessPoint,
  type S3ControlClientConfig,
} from '@aws-sdk/client-s3-control';
import { drain } from '../../collectors/collect.ts';
import { isoOrNull, need, parsePolicyDocument, read, readOrAbsent } from '../../collectors/shape.ts';
import type { AccountCollector, CollectorContext } from '../../collectors/types.ts';
import type { ClientConstructor } from '../../aws/clients.ts';
import { mapLimit } from '../../aws/limiter.ts';
import { failed, ok, type Collected } from '../../inventory/collected.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { AccessPoint, BlockPublicAccess, Bucket, LifecycleRule } from './schema.ts';

// IAM action names (several differ from the API names: see src/aws/actions.ts)
const OPS = {
  accountPab: 's3:GetAccountPublicAccessBlock',
  listBuckets: 's3:ListAllMyBuckets',
  location: 's3:GetBucketLocation',
  policy: 's3:GetBucketPolicy',
  bucketPab: 's3:GetBucketPublicAccessBlock',
  acl: 's3:GetBucketAcl',
  encryption: 's3:GetEncryptionConfiguration',
  versioning: 's3:GetBucketVersioning',
  ownership: 's3:GetBucketOwnershipControls',
  tagging: 's3:GetBucketTagging',
  listAccessPoints: 's3:ListAccessPoints',
  accessPointPolicy: 's3:GetAccessPointPolicy',
  accessPoint: 's3:GetAccessPoint',
  // cat-logging: trail-bucket facts
  lifecycle: 's3:GetLifecycleConfiguration',
  objectLock: 's3:GetBucketObjectLockConfiguration',
  notifications: 's3:GetBucketNotification',
} as const;

/** Buckets read at once; each bucket makes its seven reads in parallel through the S3 limiter. */
const BUCKET_CONCURRENCY = 8;
/** Access points read at once; each makes its two reads in parallel through the S3 limiter. */
const ACCESS_POINT_CONCURRENCY = 8;
/** ListAccessPoints returns up to 1,000 access points per call. */
const ACCESS_POINT_PAGE = 1000;

/**
 * S3 Control sends every call to `{AccountId}.s3-control.{region}.amazonaws.com`, and its endpoint rules put that
 * account-id label in front of a custom endpoint too: with AWS_ENDPOINT_URL=http://127.0.0.1:5000 the SDK builds
 * the host `123456789012.127.0.0.1` and fails before sending. With a custom endpoint, resolve every S3 Control call
 * to the endpoint exactly as given (the account id still travels in the x-amz-account-id header).
 * A subclass rather than a switch in the shared client factory: the fix stays with the one caller that needs it,
 * and the ledger (which follows the class chain to S3ControlClient) still names its calls `s3:…`.
 */
const atEndpoint = new Map<string, ClientConstructor<S3ControlClient>>();
function s3ControlClass(endpoint: string | undefined): ClientConstructor<S3ControlClient> {
  if (!endpoint) return S3ControlClient;
  let cls = atEndpoint.get(endpoint);
  if (!cls) {
    const url = new URL(endpoint);
    cls = class S3ControlAtEndpointClient extends S3ControlClient {
      constructor(config: S3ControlClientConfig) {
        super({ ...config, endpointProvider: () => ({ url }) });
      }
    };
    atEndpoint.set(endpoint, cls);
  }
  return cls;
}

/** GetBucketLocation's LocationConstraint → Region: empty means us-east-1, and the legacy `EU` means eu-west-1. */
export function bucketRegionFromLocation(constraint: string | null | undefined): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

function toBlockPublicAccess(c: PublicAccessBlockConfiguration | undefined): BlockPublicAccess {
  const cfg = need(c, 'PublicAccessBlockConfiguration');
  // an unset flag is off in S3's own semantics, so `!== true` is what S3 enforces, not a guess
  return {
    blockPublicAcls: cfg.BlockPublicAcls === true,
    ignorePublicAcls: cfg.IgnorePublicAcls === true,
    blockPublicPolicy: cfg.BlockPublicPolicy === true,
    restrictPublicBuckets: cfg.RestrictPublicBuckets === true,
  };
}

async function collectBucket(ctx: CollectorContext, b: SdkBucket, partition: string): Promise<Bucket> {
  const name = need(b.Name, 'Bucket.Name');
  // GetBucketLocation answers for any bucket from us-east-1 (the legacy global endpoint); elsewhere use the default
  const global = ctx.aws.client(S3Client, partition === 'aws' ? 'us-east-1' : ctx.aws.defaultRegion);
  // ListBuckets returns BucketRegion when asked with MaxBuckets (we do); older endpoints and emulators may not.
  const region: Collected<string> = b.BucketRegion
    ? ok(b.BucketRegion)
    : await read(OPS.location, undefined, async () => {
        const out = await ctx.limiter.run(() => global.send(new GetBucketLocationCommand({ Bucket: name })));
        return bucketRegionFromLocation(out.LocationConstraint);
      });
  const base = { name, arn: `arn:${partition}:s3:::${name}`, creationDate: isoOrNull(b.CreationDate), region };
  if (!region.ok) {
    const notCollected = (operation: string) =>
      failed({ code: 'NotCollected', operation, message: `${operation} not called for bucket ${name}: its Region is unknown (${region.error.code})` });
    return {
      ...base,
      policy: notCollected(OPS.policy),
      publicAccessBlock: notCollected(OPS.bucketPab),
      acl: notCollected(OPS.acl),
      encryption: notCollected(OPS.encryption),
      versioning: notCollected(OPS.versioning),
      ownershipControls: notCollected(OPS.ownership),
      tags: notCollected(OPS.tagging),
      lifecycle: notCollected(OPS.lifecycle),
      objectLock: notCollected(OPS.objectLock),
      notifications: notCollected(OPS.notifications),
    };
  }
  const r = region.value;
  const s3 = ctx.aws.client(S3Client, r);
  const [policy, publicAccessBlock, acl, encryption, versioning, ownershipControls, tags] = await Promise.all([
    readOrAbsent(OPS.policy, r, ['NoSuchBucketPolicy'], async () => {
      const out = await ctx.limiter.run(() => s3.send(new GetBucketPolicyCommand({ Bucket: name })));
      return parsePolicyDocument(need(out.Policy, 'Policy'));
    }),
    readOrAbsent(OPS.bucketPab, r, ['NoSuchPublicAccessBlockConfiguration'], async () => {
      const out = await ctx.limiter.run(() => s3.send(new GetBucketPublicAccessBlockCommand({ Bucket: name })));
      return toBlockPublicAccess(out.PublicAccessBlockConfiguration);
    }),
    read(OPS.acl, r, async () => {
      const out = await ctx.limiter.run(() => s3.send(new GetBucketAclCommand({ Bucket: name })));
      return {
        ownerId: out.Owner?.ID ?? null,
        grants: (out.Grants ?? []).map((g) => ({
          granteeType: need(g.Grantee?.Type, 'Grant.Grantee.Type'),
          ...(g.Grantee?.URI ? { granteeUri: g.Grantee.URI } : {}),
          ...(g.Grantee?.ID ? { granteeId: g.Grantee.ID } : {}),
          permission: need(g.Permission, 'Grant.Permission'),
        })),
      };
    }),
    readOrAbsent(OPS.encryption, r, ['ServerSideEncryptionConfigurationNotFoundError'], async () => {
      const out = await ctx.limiter.run(() => s3.send(new GetBucketEncryptionCommand({ Bucket: name })));
      const rules = need(out.ServerSideEncryptionConfiguration, 'ServerSideEncryptionConfiguration').Rules ?? [];
      return {
        // a rule without a default (only BucketKeyEnabled) sets no encryption; it is not an algorithm to report
        rules: rules.flatMap((rule) =>
          rule.ApplyServerSideEncryptionByDefault
            ? [
                {
                  sseAlgorithm: need(rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm, 'SSEAlgorithm'),
                  kmsMasterKeyId: rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID ?? null,
                  bucketKeyEnabled: rule.BucketKeyEnabled === true,
                },
              ]
            : [],
        ),
      };
    }),
    read(OPS.versioning, r, async () => {
      const out = await ctx.limiter.run(() => s3.send(new GetBucketVersioningCommand({ Bucket: name })));
      // no Status at all means versioning was never enabled on the bucket
      const status = out.Status === 'Enabled' || out.Status === 'Suspended' ? out.Status : null;
      return { status, mfaDelete: out.MFADelete === 'Enabled' };
    }),
    readOrAbsent(OPS.ownership, r, ['OwnershipControlsNotFoundError'], async () => {
      const out = await ctx.limiter.run(() => s3.send(new GetBucketOwnershipControlsCommand({ Bucket: name })));
      return out.OwnershipControls?.Rules?.[0]?.ObjectOwnership ?? null;
    }),
    // S3 answers NoSuchTagSet for a bucket without tags: that is "no tags", a value
    readOrAbsent(OPS.tagging, r, ['NoSuchTagSet'], async () => {
      const out = await ctx.limiter.run(() => s3.send(new GetBucketTaggingCommand({ Bucket: name })));
      return Object.fromEntries(need(out.TagSet, 'TagSet').map((t) => [need(t.Key, 'Tag.Key'), need(t.Value, 'Tag.Value')]));
    }).then((t) => (t.ok && t.value === null ? ok<Record<string, string>>({}) : (t as Collected<Record<string, string>>))),
  ]);
  const trail = await trailFacts(ctx, s3, name, r, policy);
  return { ...base, policy, publicAccessBlock, acl, encryption, versioning, ownershipControls, tags, ...trail };
}

// --- cat-logging: the facts only the cloudtrail-bucket-* and security-alert-pipeline checks read ---

/**
 * Whether a bucket can be a CloudTrail destination: CloudTrail delivers only to a bucket whose policy lets
 * cloudtrail.amazonaws.com write, so a bucket with no policy, or one that never names that principal, is not one.
 * An unreadable policy counts as "can be". The checks that read these facts find trail buckets by name (often in
 * another account than the trail's), so this is how the S3 collector keeps their three extra calls off every other bucket.
 */
export function mayReceiveCloudTrail(policy: Collected<unknown>): boolean {
  if (!policy.ok) return true;
  if (policy.value === null) return false;
  return JSON.stringify(policy.value).includes('cloudtrail.amazonaws.com');
}

function toLifecycleRule(rule: SdkLifecycleRule): LifecycleRule {
  const f = rule.Filter;
  const prefix = f?.Prefix ?? f?.And?.Prefix ?? rule.Prefix ?? null;
  const tagCount = (f?.Tag ? 1 : 0) + (f?.And?.Tags?.length ?? 0);
  const sizeLimited = [f?.ObjectSizeGreaterThan, f?.ObjectSizeLessThan, f?.And?.ObjectSizeGreaterThan, f?.And?.ObjectSizeLessThan].some((v) => v !== undefined);
  return {
    id: rule.ID ?? null,
    status: need(rule.Status, 'LifecycleRule.Status'),
    prefix,
    tagCount,
    sizeLimited,
    expirationDays: rule.Expiration?.Days ?? null,
    expirationDate: isoOrNull(rule.Expiration?.Date),
    noncurrentVersionExpirationDays: rule.NoncurrentVersionExpiration?.NoncurrentDays ?? null,
    transitions: (rule.Transitions ?? []).map((t) => ({ days: t.Days ?? null, storageClass: t.StorageClass ?? null })),
  };
}

async function trailFacts(
  ctx: CollectorContext,
  s3: S3Client,
  name: string,
  r: string,
  policy: Collected<unknown>,
): Promise<Pick<Bucket, 'lifecycle' | 'objectLock' | 'notifications'>> {
  if (!mayReceiveCloudTrail(policy)) {
    const skipped = (operation: string) =>
      failed({
        code: 'NotCollected',
        operation,
        region: r,
        message: `${operation} not called for bucket ${name}: its policy does not let cloudtrail.amazonaws.com write, so it is no CloudTrail destination`,
      });
    return { lifecycle: skipped(OPS.lifecycle), objectLock: skipped(OPS.objectLock), notifications: skipped(OPS.notifications) };
  }
  const [lifecycle, objectLock, notifications] = await Promise.all([
    readOrAbsent(OPS.lifecycle, r, ['NoSuchLifecycleConfiguration'], async () => {
      const out = await ctx.limiter.run(() => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: name })));
      return (out.Rules ?? []).map(toLifecycleRule);
    }),
    readOrAbsent(OPS.objectLock, r, ['ObjectLockConfigurationNotFoundError'], async () => {
      const out = await ctx.limiter.run(() => s3.send(new GetObjectLockConfigurationCommand({ Bucket: name })));
      const cfg = out.ObjectLockConfiguration;
      if (!cfg) return null;
      const d = cfg.Rule?.DefaultRetention;
      return {
        enabled: cfg.ObjectLockEnabled === 'Enabled',
        defaultRetention: d ? { mode: d.Mode ?? null, days: d.Days ?? null, years: d.Years ?? null } : null,
      };
    }),
    read(OPS.notifications, r, async () => {
      const out = await ctx.limiter.run(() => s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: name })));
      return {
        lambdaFunctionArns: (out.LambdaFunctionConfigurations ?? []).map((c) => need(c.LambdaFunctionArn, 'LambdaFunctionConfiguration.LambdaFunctionArn')),
        topicArns: (out.TopicConfigurations ?? []).map((c) => need(c.TopicArn, 'TopicConfiguration.TopicArn')),
        queueArns: (out.QueueConfigurations ?? []).map((c) => need(c.QueueArn, 'QueueConfiguration.QueueArn')),
        eventBridge: out.EventBridgeConfiguration !== undefined,
      };
    }),
  ]);
  return { lifecycle, objectLock, notifications };
}

type ListedAccessPoint = Pick<AccessPoint, 'name' | 'bucket' | 'accountId' | 'region' | 'arn' | 'networkOrigin'>;

/** The Region in an access point ARN (`arn:aws:s3:eu-west-1:111122223333:accesspoint/name`), if it names one. */
function arnRegion(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region ? region : undefined;
}

function toListedAccessPoint(a: SdkAccessPoint, listedIn: string): ListedAccessPoint {
  const arn = need(a.AccessPointArn, 'AccessPoint.AccessPointArn');
  return {
    name: need(a.Name, 'AccessPoint.Name'),
    bucket: need(a.Bucket, 'AccessPoint.Bucket'),
    ...(a.BucketAccountId ? { accountId: a.BucketAccountId } : {}),
    region: arnRegion(arn) ?? listedIn,
    arn,
    networkOrigin: need(a.NetworkOrigin, 'AccessPoint.NetworkOrigin'),
  };
}

async function readAccessPoint(ctx: CollectorContext, ap: ListedAccessPoint): Promise<AccessPoint> {
  const control = ctx.aws.client(s3ControlClass(ctx.aws.endpoint), ap.region);
  const [policy, publicAccessBlock] = await Promise.all([
    readOrAbsent(OPS.accessPointPolicy, ap.region, ['NoSuchAccessPointPolicy'], async () => {
      const out = await ctx.limiter.run(() => control.send(new GetAccessPointPolicyCommand({ AccountId: ctx.accountId, Name: ap.name })));
      return parsePolicyDocument(need(out.Policy, 'Policy'));
    }),
    read(OPS.accessPoint, ap.region, async () => {
      const out = await ctx.limiter.run(() => control.send(new GetAccessPointCommand({ AccountId: ctx.accountId, Name: ap.name })));
      return out.PublicAccessBlockConfiguration ? toBlockPublicAccess(out.PublicAccessBlockConfiguration) : null;
    }),
  ]);
  return { ...ap, policy, publicAccessBlock };
}

/**
 * The account's access points. They are regional and always live in their bucket's Region, so ListAccessPoints is
 * called in each Region that holds one of the account's buckets (known from ListBuckets' BucketRegion or
 * GetBucketLocation). That covers every access point that can expose one of these buckets, also in Regions that
 * `--regions` leaves out, and costs nothing in the Regions without buckets; account-level collectors are not told
 * the scanned Regions anyway. Any Region that cannot be listed makes the whole field an error (the check then
 * reports `error` for buckets it would otherwise pass).
 */
async function collectAccessPoints(ctx: CollectorContext, buckets: Collected<Bucket[]>): Promise<Collected<AccessPoint[]>> {
  if (!buckets.ok) {
    return failed({
      code: 'NotCollected',
      operation: OPS.listAccessPoints,
      message: `${OPS.listAccessPoints} not called: the bucket list, and so the Regions to list access points in, could not be read (${buckets.error.code})`,
    });
  }
  const regions = [...new Set(buckets.value.flatMap((b) => (b.region.ok ? [b.region.value] : [])))].sort();
  const listed = await Promise.all(
    regions.map((region) =>
      read(OPS.listAccessPoints, region, async () => {
        const control = ctx.aws.client(s3ControlClass(ctx.aws.endpoint), region);
        const pages = paginateListAccessPoints({ client: control, pageSize: ACCESS_POINT_PAGE }, { AccountId: ctx.accountId });
        const list = await ctx.limiter.run(() => drain(pages, (p) => p.AccessPointList));
        return list.map((a) => toListedAccessPoint(a, region));
      }),
    ),
  );
  const byArn = new Map<string, ListedAccessPoint>();
  for (const l of listed) {
    if (!l.ok) return l;
    // keyed by ARN: an endpoint that answers with one account-wide list in every Region (the emulator) yields each once
    for (const ap of l.value) if (!byArn.has(ap.arn)) byArn.set(ap.arn, ap);
  }
  const aps = [...byArn.values()].sort((a, b) => a.arn.localeCompare(b.arn));
  return ok(await mapLimit(aps, ACCESS_POINT_CONCURRENCY, (ap) => readAccessPoint(ctx, ap)));
}

export const s3Collector: AccountCollector<'s3'> = {
  key: 's3',
  operations: Object.values(OPS),
  async collect(ctx): Promise<AccountSnapshot['s3']> {
    const partition = partitionOf(ctx.aws.defaultRegion);
    const control = ctx.aws.client(s3ControlClass(ctx.aws.endpoint));
    const global = ctx.aws.client(S3Client);
    const [accountPublicAccessBlock, listed] = await Promise.all([
      readOrAbsent(OPS.accountPab, undefined, ['NoSuchPublicAccessBlockConfiguration'], async () => {
        const out = await ctx.limiter.run(() => control.send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.accountId })));
        return toBlockPublicAccess(out.PublicAccessBlockConfiguration);
      }),
      // MaxBuckets both pages (up to 10,000 per call) and makes S3 include each bucket's Region
      read(OPS.listBuckets, undefined, () =>
        ctx.limiter.run(() => drain(paginateListBuckets({ client: global, pageSize: 10_000 }, {}), (p) => p.Buckets)),
      ),
    ]);
    // read() again only for its ParseError mapping: the per-bucket reads record their own errors, but a listed bucket
    // without a Name (or with a malformed date) makes the listing itself unusable
    const buckets = listed.ok
      ? await read(OPS.listBuckets, undefined, () => mapLimit(listed.value, BUCKET_CONCURRENCY, (b) => collectBucket(ctx, b, partition)))
      : listed;
    const accessPoints = await collectAccessPoints(ctx, buckets);
    return { accountPublicAccessBlock, buckets, accessPoints };
  },
};
