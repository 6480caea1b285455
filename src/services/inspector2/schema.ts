// The Amazon Inspector (v2) slice of a Region: this account's activation status per resource type, what
// inspector-enabled reads.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const inspector2AccountStatusSchema = z.object({
  /** The account's overall Inspector state (ENABLED, DISABLED, ENABLING, SUSPENDED, …). */
  state: z.string(),
  /** resourceState.<type>.status; null when the answer omits the type (e.g. not offered in the Region). */
  ec2: z.string().nullable(),
  ecr: z.string().nullable(),
  lambda: z.string().nullable(),
  lambdaCode: z.string().nullable(),
});
export type Inspector2AccountStatus = z.infer<typeof inspector2AccountStatusSchema>;

export const inspector2Schema = z.object({
  /** BatchGetAccountStatus for the scanned account. Inspector never activated is a value (state DISABLED), not an error. */
  accountStatus: collectedSchema(inspector2AccountStatusSchema),
});
export type Inspector2Slice = z.infer<typeof inspector2Schema>;
