// The watcher's configuration: where alerts go (per account / per severity) and rule variables. It travels in
// the function's environment as JSON; secrets never do: destinations name a Secrets Manager secret instead.
import { z } from 'zod';
import { UsageError } from '../core/errors.ts';
import { alertSeverityOrder, type AlertSeverity } from '../detect/types.ts';

const severity = z.enum(alertSeverityOrder as [AlertSeverity, ...AlertSeverity[]]);
const secretArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/, 'must be a Secrets Manager secret ARN');

export const destinationSchema = z.strictObject({
  /** Shown in logs and counters. */
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, . _ - (at most 64)'),
  type: z.enum(['slack', 'webhook']),
  /** The secret holds the webhook URL (plain text, or JSON {"url": "..."}). */
  secretArn,
  /** Only alerts at or above this severity. */
  minSeverity: severity.optional(),
  /** Only alerts about these accounts (recipientAccountId); default every account. */
  accounts: z.array(z.string().regex(/^\d{12}$/, 'an account id has 12 digits')).min(1).optional(),
});
export type Destination = z.infer<typeof destinationSchema>;

export const watchConfigSchema = z.strictObject({
  destinations: z.array(destinationSchema).min(1, 'at least one destination'),
  /** Values for rule placeholders (`--var` of rampart detect). */
  vars: z.record(z.string(), z.array(z.string())).default({}),
  /** Alerts below this are dropped before routing. */
  minSeverity: severity.default('low'),
  /** Same rule, actor, event and resource within this many seconds of event time: sent once per invocation. */
  dedupeWindowSeconds: z.number().int().min(0).default(600),
});
export type WatchConfig = z.infer<typeof watchConfigSchema>;

/** Parses the JSON text of a watch configuration; every problem is named with its path. */
export function parseWatchConfig(text: string, where: string): WatchConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${where}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const r = watchConfigSchema.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new UsageError(`${where}: invalid watch configuration: ${issues.join('; ')}`);
  }
  const names = r.data.destinations.map((d) => d.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new UsageError(`${where}: destination name "${dup}" is used twice`);
  return r.data;
}
