// The Secrets Manager slice of a Region's snapshot: secret metadata from ListSecrets (rotation state and dates, never
// a secret value: GetSecretValue is not called) and each secret's resource policy, for db-secrets-rotation and the
// resource-policy checks.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date');

export const secretSchema = z.object({
  name: z.string(),
  arn: z.string(),
  /** RotationEnabled (ListSecrets leaves it out for a secret that never had rotation turned on). */
  rotationEnabled: z.boolean(),
  /** RotationRules.AutomaticallyAfterDays / ScheduleExpression; null when not set. */
  rotationAfterDays: z.number().nullable(),
  rotationSchedule: z.string().nullable(),
  lastRotatedDate: iso.nullable(),
  lastChangedDate: iso.nullable(),
  createdDate: iso.nullable(),
  /** The service that manages the secret (e.g. `rds` for an RDS-managed master password); null for a customer secret. */
  owningService: z.string().nullable(),
  /** PrimaryRegion: set on a replica, whose rotation happens in the primary Region. */
  primaryRegion: z.string().nullable(),
  /** GetResourcePolicy, JSON-parsed when it parses; null when the secret has no resource policy. */
  resourcePolicy: collectedSchema(z.unknown()),
});
export type Secret = z.infer<typeof secretSchema>;

export const secretsManagerSchema = z.object({
  secrets: collectedSchema(z.array(secretSchema)),
});
export type SecretsManagerSlice = z.infer<typeof secretsManagerSchema>;
