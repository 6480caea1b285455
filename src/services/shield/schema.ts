// The Shield Advanced slice (account level, global): subscription state and the resources under protection.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const shieldSchema = z.object({
  /** GetSubscriptionState: ACTIVE | INACTIVE. */
  subscriptionState: collectedSchema(z.string()),
  /** ListProtections; null when the subscription is not ACTIVE (there is nothing to list, and the collector did not ask). */
  protections: collectedSchema(z.array(z.object({ id: z.string(), name: z.string().nullable(), resourceArn: z.string() })).nullable()),
});
export type ShieldSlice = z.infer<typeof shieldSchema>;
