// What the snapshot keeps of a secret found in configuration: the verdict (which variable, which rules, where),
// never the value. Collectors run the detector (./detect.ts) and store only this.
import { z } from 'zod';

export const secretMatchSchema = z.object({
  /** The variable, parameter or key that holds the secret; null when the line has no name (user data, scripts). */
  name: z.string().nullable(),
  /** Detector rules that matched, e.g. `aws-access-key-id`, `secret-name`, `high-entropy`, `secretlint/slack`. */
  ruleIds: z.array(z.string()),
  /** Where inside the resource, e.g. `Environment.Variables`, `user data line 3`, `Parameters`. */
  location: z.string(),
});
export type SecretMatch = z.infer<typeof secretMatchSchema>;
