// Snapshot slice of EC2 user data (per Region): for each instance and each launch template's $Default/$Latest
// version, the secret detector's verdict on its user data — never the user data itself.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { secretMatchSchema } from '../../secrets/schema.ts';

/** null: no user data. An error when it could not be read or decoded (no verdict then). */
const userDataSecrets = collectedSchema(z.array(secretMatchSchema).nullable());

export const userDataInstanceSchema = z.object({
  instanceId: z.string(),
  state: z.string(),
  /** DescribeInstanceAttribute (userData), decoded and scanned in the collector. */
  userDataSecrets,
});
export const userDataTemplateVersionSchema = z.object({
  launchTemplateId: z.string(),
  launchTemplateName: z.string(),
  versionNumber: z.number().int(),
  isDefault: z.boolean(),
  isLatest: z.boolean(),
  /** LaunchTemplateData.UserData, decoded and scanned in the collector. */
  userDataSecrets,
});
export type UserDataInstance = z.infer<typeof userDataInstanceSchema>;
export type UserDataTemplateVersion = z.infer<typeof userDataTemplateVersionSchema>;

export const ec2UserDataSchema = z.object({
  /** Instances that can run again (not terminated / shutting-down). */
  instances: collectedSchema(z.array(userDataInstanceSchema)),
  /** The $Default and $Latest version of every launch template, one entry when they are the same version. */
  launchTemplateVersions: collectedSchema(z.array(userDataTemplateVersionSchema)),
});
export type Ec2UserDataSlice = z.infer<typeof ec2UserDataSchema>;
