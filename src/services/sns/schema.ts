// Snapshot slice of SNS (per Region): the topics with their attributes (access policy, encryption) and their
// subscriptions. Subscription endpoints are not stored: an HTTPS endpoint can carry a webhook secret.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const snsSubscriptionSchema = z.object({
  /** `PendingConfirmation` / `Deleted` stand in for an ARN until the subscription is confirmed. */
  subscriptionArn: z.string(),
  protocol: z.string(),
  /** The subscriber account (Owner). */
  owner: z.string().nullable(),
  /** Whether SNS delivers to it: it has a real subscription ARN. */
  confirmed: z.boolean(),
});
export type SnsSubscription = z.infer<typeof snsSubscriptionSchema>;

export const snsTopicSchema = z.object({
  topicArn: z.string(),
  /** GetTopicAttributes. */
  attributes: collectedSchema(
    z.object({
      /** The topic access policy, JSON-parsed (raw string when it does not parse); null when the topic has none. */
      policy: z.unknown(),
      kmsMasterKeyId: z.string().nullable(),
      subscriptionsConfirmed: z.number().int().nullable(),
      subscriptionsPending: z.number().int().nullable(),
    }),
  ),
  /** ListSubscriptionsByTopic (the topic owner sees every subscription, also other accounts'). */
  subscriptions: collectedSchema(z.array(snsSubscriptionSchema)),
});
export type SnsTopic = z.infer<typeof snsTopicSchema>;

export const snsSchema = z.object({
  topics: collectedSchema(z.array(snsTopicSchema)),
});
export type SnsSlice = z.infer<typeof snsSchema>;
