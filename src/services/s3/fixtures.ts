// Test and demo data for the S3 slice.
import { ok, type Collected } from '../../inventory/collected.ts';
import { daysBefore, mustBeOk } from '../../inventory/fixture-support.ts';
import type { BlockPublicAccess, Bucket, S3Slice } from './schema.ts';

export const ALL_BLOCKED: BlockPublicAccess = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

/** The secure baseline: account-level Block Public Access all on, no bucket, no access point. */
export function secureS3(): S3Slice {
  return { accountPublicAccessBlock: ok({ ...ALL_BLOCKED }), buckets: ok([]), accessPoints: ok([]) };
}

export interface BucketOptions {
  region?: string;
  policy?: unknown;
  publicAccessBlock?: BlockPublicAccess | null;
  aclGrants?: Bucket extends { acl: Collected<infer A> } ? A extends { grants: infer G } ? G : never : never;
  versioning?: 'Enabled' | 'Suspended' | null;
  encryption?: 'AES256' | 'aws:kms' | null;
  ownership?: string | null;
}

export interface AccessPointOptions {
  /** Default: the Region of the bucket (or the account's first Region). */
  region?: string;
  /** `Internet` (default) or `VPC`. */
  networkOrigin?: string;
  /** The access point policy; default none. */
  policy?: unknown;
  /** The access point's own BPA; default all on, as S3 creates access points. */
  publicAccessBlock?: BlockPublicAccess | null;
  /** BucketAccountId; default unset. */
  bucketAccountId?: string;
}

/** A bucket created 100 days before `now`, in `defaultRegion` unless told: private, encrypted (SSE-S3), versioned, owner-enforced. */
export function s3Bucket(name: string, now: string, defaultRegion: string, opts: BucketOptions = {}): Bucket {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    creationDate: daysBefore(now, 100),
    region: ok(opts.region ?? defaultRegion),
    policy: ok(opts.policy ?? null),
    publicAccessBlock: ok(opts.publicAccessBlock === undefined ? { ...ALL_BLOCKED } : opts.publicAccessBlock),
    acl: ok({ ownerId: 'owner-canonical-id', grants: opts.aclGrants ?? [] }),
    encryption: ok(
      opts.encryption === null
        ? null
        : { rules: [{ sseAlgorithm: opts.encryption ?? 'AES256', kmsMasterKeyId: null, bucketKeyEnabled: false }] },
    ),
    versioning: ok({ status: opts.versioning === undefined ? 'Enabled' : opts.versioning, mfaDelete: false }),
    ownershipControls: ok(opts.ownership === undefined ? 'BucketOwnerEnforced' : opts.ownership),
    tags: ok({}),
    lifecycle: ok(null),
    objectLock: ok(null),
    notifications: ok({ lambdaFunctionArns: [], topicArns: [], queueArns: [], eventBridge: false }),
  };
}

/** An access point on a bucket, in the bucket's Region (or `defaultRegion`); Internet origin, no policy and all of its BPA on unless told otherwise. */
export function addAccessPoint(s3: S3Slice, name: string, bucket: string, accountId: string, defaultRegion: string, opts: AccessPointOptions = {}): void {
  const bucketRegion = mustBeOk(s3.buckets, 'buckets').find((b) => b.name === bucket)?.region;
  const region = opts.region ?? (bucketRegion?.ok ? bucketRegion.value : undefined) ?? defaultRegion;
  mustBeOk(s3.accessPoints, 'accessPoints').push({
    name,
    bucket,
    ...(opts.bucketAccountId === undefined ? {} : { accountId: opts.bucketAccountId }),
    region,
    arn: `arn:aws:s3:${region}:${accountId}:accesspoint/${name}`,
    networkOrigin: opts.networkOrigin ?? 'Internet',
    policy: ok(opts.policy ?? null),
    publicAccessBlock: ok(opts.publicAccessBlock === undefined ? { ...ALL_BLOCKED } : opts.publicAccessBlock),
  });
}
