// The Auto Scaling slice of a Region's snapshot: each launch configuration with the secret detector's verdict on its
// user data — never the user data itself (read by ec2-userdata-secrets).
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { secretMatchSchema } from '../../secrets/schema.ts';

export const launchConfigurationSchema = z.object({
  name: z.string(),
  arn: z.string(),
  /**
   * DescribeLaunchConfigurations UserData, decoded (base64, gzip, MIME parts) and scanned in the collector; null: no
   * user data. An error when it does not decode (no verdict then).
   */
  userDataSecrets: collectedSchema(z.array(secretMatchSchema).nullable()),
});
export type LaunchConfiguration = z.infer<typeof launchConfigurationSchema>;

export const autoscalingSchema = z.object({
  launchConfigurations: collectedSchema(z.array(launchConfigurationSchema)),
});
export type AutoscalingSlice = z.infer<typeof autoscalingSchema>;
