// The S3 slice of an account's snapshot: the account's Block Public Access, every bucket with its policy, ACL,
// encryption, versioning, ownership, tags (and, for CloudTrail destinations, lifecycle, Object Lock and notifications),
// and the access points.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { accountId, iso, policyDocument } from '../../inventory/schema-parts.ts';

export const blockPublicAccessSchema = z.object({
  blockPublicAcls: z.boolean(),
  ignorePublicAcls: z.boolean(),
  blockPublicPolicy: z.boolean(),
  restrictPublicBuckets: z.boolean(),
});
export type BlockPublicAccess = z.infer<typeof blockPublicAccessSchema>;

export const aclGrantSchema = z.object({
  granteeType: z.string(),
  granteeUri: z.string().optional(),
  granteeId: z.string().optional(),
  permission: z.string(),
});
// --- cat-logging ---
export const lifecycleRuleSchema = z.object({
  id: z.string().nullable(),
  /** Enabled | Disabled */
  status: z.string(),
  /** The prefix the rule is limited to (Filter.Prefix, Filter.And.Prefix or the legacy Prefix); null or '' for none. */
  prefix: z.string().nullable(),
  /** Object tags the rule is limited to (Filter.Tag / Filter.And.Tags). */
  tagCount: z.number().int(),
  /** Whether ObjectSizeGreaterThan / ObjectSizeLessThan limit the rule. */
  sizeLimited: z.boolean(),
  expirationDays: z.number().int().nullable(),
  expirationDate: iso.nullable(),
  noncurrentVersionExpirationDays: z.number().int().nullable(),
  transitions: z.array(z.object({ days: z.number().int().nullable(), storageClass: z.string().nullable() })),
});
export type LifecycleRule = z.infer<typeof lifecycleRuleSchema>;

export const bucketSchema = z.object({
  name: z.string(),
  arn: z.string(),
  creationDate: iso.nullable(),
  region: collectedSchema(z.string()),
  /** null: no bucket policy (NoSuchBucketPolicy). */
  policy: collectedSchema(policyDocument),
  /** null: no bucket-level public access block (NoSuchPublicAccessBlockConfiguration). */
  publicAccessBlock: collectedSchema(blockPublicAccessSchema.nullable()),
  acl: collectedSchema(z.object({ ownerId: z.string().nullable(), grants: z.array(aclGrantSchema) })),
  /** null: no default encryption configuration. */
  encryption: collectedSchema(
    z
      .object({
        rules: z.array(z.object({ sseAlgorithm: z.string(), kmsMasterKeyId: z.string().nullable(), bucketKeyEnabled: z.boolean() })),
      })
      .nullable(),
  ),
  /** status null: versioning never enabled. */
  versioning: collectedSchema(z.object({ status: z.enum(['Enabled', 'Suspended']).nullable(), mfaDelete: z.boolean() })),
  /** null: no ownership controls (ACLs enabled). */
  ownershipControls: collectedSchema(z.string().nullable()),
  // --- cat-storage ---
  /** GetBucketTagging: tag key → value; {} when the bucket has no tags (NoSuchTagSet). */
  tags: collectedSchema(z.record(z.string(), z.string())),
  // --- cat-logging: read only for buckets that can be CloudTrail destinations (see src/collectors/s3.ts trailFacts) ---
  /** GetBucketLifecycleConfiguration rules; null: no lifecycle configuration (NoSuchLifecycleConfiguration). */
  lifecycle: collectedSchema(z.array(lifecycleRuleSchema).nullable()),
  /** GetObjectLockConfiguration; null: Object Lock was never enabled on the bucket (ObjectLockConfigurationNotFoundError). */
  objectLock: collectedSchema(
    z
      .object({
        enabled: z.boolean(),
        /** The default retention, when one is set: mode GOVERNANCE or COMPLIANCE, and days or years. */
        defaultRetention: z.object({ mode: z.string().nullable(), days: z.number().int().nullable(), years: z.number().int().nullable() }).nullable(),
      })
      .nullable(),
  ),
  /** GetBucketNotificationConfiguration: where object events go (an empty configuration is empty lists, false). */
  notifications: collectedSchema(
    z.object({
      lambdaFunctionArns: z.array(z.string()),
      topicArns: z.array(z.string()),
      queueArns: z.array(z.string()),
      eventBridge: z.boolean(),
    }),
  ),
});
export type Bucket = z.infer<typeof bucketSchema>;

/**
 * An S3 access point of this account (S3 Control ListAccessPoints). Access points live in their bucket's Region, so
 * they are listed in every Region that holds one of the account's buckets (see src/collectors/s3.ts).
 */
export const accessPointSchema = z.object({
  name: z.string(),
  /** The bucket the access point serves. */
  bucket: z.string(),
  /** BucketAccountId: the account that owns the bucket, when the listing says (it can differ for cross-account access points). */
  accountId: accountId.optional(),
  /** Region of the access point (the Region it was listed in; always its bucket's Region). */
  region: z.string(),
  arn: z.string(),
  /** `Internet` or `VPC`: a VPC access point only accepts requests from inside its VPC. */
  networkOrigin: z.string(),
  /** null: the access point has no policy (NoSuchAccessPointPolicy). */
  policy: collectedSchema(policyDocument),
  /** The access point's own Block Public Access settings (GetAccessPoint); null when the response carried none. */
  publicAccessBlock: collectedSchema(blockPublicAccessSchema.nullable()),
});
export type AccessPoint = z.infer<typeof accessPointSchema>;

export const s3Schema = z.object({
  /** null: no account-level public access block (NoSuchPublicAccessBlockConfiguration). */
  accountPublicAccessBlock: collectedSchema(blockPublicAccessSchema.nullable()),
  buckets: collectedSchema(z.array(bucketSchema)),
  /** Access points in the Regions of the account's buckets; an error when any of those Regions could not be listed. */
  accessPoints: collectedSchema(z.array(accessPointSchema)),
});
export type S3Slice = z.infer<typeof s3Schema>;
