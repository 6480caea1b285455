// The SQS slice of a Region's snapshot: every queue with its access policy (GetQueueAttributes Policy), collected for
// the resource-policy checks.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const queueSchema = z.object({
  url: z.string(),
  name: z.string(),
  /** QueueArn and Policy from one GetQueueAttributes call; policy null when the queue has none. */
  attributes: collectedSchema(z.object({ arn: z.string(), policy: z.unknown() })),
});
export type Queue = z.infer<typeof queueSchema>;

export const sqsSchema = z.object({
  queues: collectedSchema(z.array(queueSchema)),
});
export type SqsSlice = z.infer<typeof sqsSchema>;
