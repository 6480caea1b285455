// The KMS slice of a Region's snapshot: every key with its metadata and rotation status, and for customer-managed
// keys their tags, key policy and grants.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { policyDocument } from '../../inventory/schema-parts.ts';

// --- cat-storage ---
export const kmsGrantSchema = z.object({
  grantId: z.string(),
  /** The principal the grant gives the operations to (an ARN or a service principal). */
  granteePrincipal: z.string().nullable(),
  operations: z.array(z.string()),
  /** The grant carries encryption-context constraints (it only works for some requests). */
  constrained: z.boolean(),
});
export type KmsGrant = z.infer<typeof kmsGrantSchema>;

export const kmsKeySchema = z.object({
  keyId: z.string(),
  arn: z.string(),
  metadata: collectedSchema(z.object({ keyManager: z.string(), keySpec: z.string(), keyState: z.string(), origin: z.string() })),
  /**
   * GetKeyRotationStatus; null when the key is not eligible (AWS-managed, asymmetric, not Enabled, external origin),
   * so the collector did not ask.
   */
  rotationEnabled: collectedSchema(z.boolean().nullable()),
  // --- cat-storage ---
  /** ListResourceTags, for customer-managed keys; null for AWS-managed keys (not asked). */
  tags: collectedSchema(z.record(z.string(), z.string()).nullable()),
  /** GetKeyPolicy (PolicyName default), for customer-managed keys; null for AWS-managed keys (not asked). */
  policy: collectedSchema(policyDocument),
  /** ListGrants, for customer-managed keys; null for AWS-managed keys (not asked). */
  grants: collectedSchema(z.array(kmsGrantSchema).nullable()),
});
export type KmsKey = z.infer<typeof kmsKeySchema>;

export const kmsSchema = z.object({
  keys: collectedSchema(z.array(kmsKeySchema)),
});
export type KmsSlice = z.infer<typeof kmsSchema>;
