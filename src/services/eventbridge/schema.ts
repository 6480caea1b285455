// Snapshot slice of EventBridge (per Region): the rules of the default event bus, with their event patterns and
// targets (security-alert-pipeline). Target Input/InputTransformer are not stored: they may carry tokens.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const eventRuleSchema = z.object({
  name: z.string(),
  arn: z.string(),
  eventBusName: z.string(),
  /** ENABLED | DISABLED | ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS; null when the answer carried none. */
  state: z.string().nullable(),
  /** The event pattern, JSON-parsed (raw string when it does not parse); null for a schedule rule. */
  eventPattern: z.unknown(),
  scheduleExpression: z.string().nullable(),
  /** ListTargetsByRule: where matching events go. */
  targets: collectedSchema(z.array(z.object({ id: z.string(), arn: z.string() }))),
});
export type EventRule = z.infer<typeof eventRuleSchema>;

export const eventbridgeSchema = z.object({
  /** ListRules on the default event bus, drained. */
  rules: collectedSchema(z.array(eventRuleSchema)),
});
export type EventbridgeSlice = z.infer<typeof eventbridgeSchema>;
