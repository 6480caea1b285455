// The continuous watcher as a Lambda handler: for each new CloudTrail log object (or EventBridge CloudTrail
// event), run the rules and deliver alerts to the configured Slack/webhook destinations. It throws when a log
// could not be read or an alert could not be delivered, so Lambda retries the event and, after its retries,
// parks it in the dead-letter queue (an alarm watches that queue): an alert is never dropped silently.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Logger } from '../core/logger.ts';
import { DetectionEngine } from '../detect/engine.ts';
import type { DetectionRule } from '../detect/rules/types.ts';
import { runDetection, type DetectStats, type SinkSetup } from '../detect/run.ts';
import { validateWebhookUrl } from '../detect/sinks/http.ts';
import { SlackSink } from '../detect/sinks/slack.ts';
import { WebhookSink } from '../detect/sinks/webhook.ts';
import { decodeBytes } from '../detect/sources/decode.ts';
import type { RecordBatch, RecordSource } from '../detect/sources/types.ts';
import type { Destination, WatchConfig } from './config.ts';
import { parseWatchEvent, type LogObject } from './events.ts';
import { RoutedSink } from './routing.ts';

export interface WatchDeps {
  s3: Pick<S3Client, 'send'>;
  secrets: Pick<SecretsManagerClient, 'send'>;
  rules: DetectionRule[];
  config: WatchConfig;
  logger: Logger;
}

export interface WatchResult {
  objects: number;
  records: number;
  alerts: number;
  delivered: Record<string, number>;
}

/** A log object could not be read or decoded: retrying may help (S3 hiccup) or the event lands in the DLQ. */
export class WatchInputError extends Error {}
/** At least one alert did not reach its destination. */
export class WatchDeliveryError extends Error {}

/** The secret is the webhook URL itself, or JSON with a `url` (or `webhook_url`) field. */
function urlFromSecret(destination: Destination, secret: string): URL {
  let text = secret.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`secret of destination ${destination.name} looks like JSON but does not parse`);
    }
    const obj = parsed as Record<string, unknown>;
    const url = obj.url ?? obj.webhook_url;
    if (typeof url !== 'string') throw new Error(`secret of destination ${destination.name}: JSON without a "url" field`);
    text = url;
  }
  // validateWebhookUrl refuses http:// except on loopback; its message names the destination, not the URL.
  return validateWebhookUrl(text, `secret of destination ${destination.name}`);
}

function sinkFor(destination: Destination, url: URL): RoutedSink {
  const inner = destination.type === 'slack' ? new SlackSink(url) : new WebhookSink(url);
  return new RoutedSink(destination.name, inner, {
    ...(destination.minSeverity ? { minSeverity: destination.minSeverity } : {}),
    ...(destination.accounts ? { accounts: destination.accounts } : {}),
  });
}

class ObjectSource implements RecordSource {
  readonly name = 's3-notification';
  readonly s3: WatchDeps['s3'];
  readonly objects: LogObject[];
  readonly records: unknown[];
  constructor(s3: WatchDeps['s3'], objects: LogObject[], records: unknown[]) {
    this.s3 = s3;
    this.objects = objects;
    this.records = records;
  }
  async *batches(): AsyncIterable<RecordBatch> {
    if (this.records.length > 0) yield { location: 'eventbridge', records: this.records, startIndex: 0, problems: [], droppedCount: 0 };
    for (const o of this.objects) {
      const location = `s3://${o.bucket}/${o.key}`;
      const out = await this.s3.send(new GetObjectCommand({ Bucket: o.bucket, Key: o.key }));
      if (!out.Body) throw new WatchInputError(`${location}: empty object body`);
      const batch = await decodeBytes(location, await out.Body.transformToByteArray());
      if (batch.problems.length > 0 && batch.records.length === 0) throw new WatchInputError(`${location}: ${batch.problems.join('; ')}`);
      yield batch;
    }
  }
}

export function createWatchHandler(deps: WatchDeps): (event: unknown) => Promise<WatchResult> {
  // Secrets are read once per container (cold start) and kept in memory only.
  let sinks: Promise<RoutedSink[]> | undefined;
  const loadSinks = (): Promise<RoutedSink[]> =>
    (sinks ??= Promise.all(
      deps.config.destinations.map(async (d) => {
        const out = await deps.secrets.send(new GetSecretValueCommand({ SecretId: d.secretArn }));
        if (out.SecretString === undefined) throw new Error(`secret of destination ${d.name} has no string value`);
        return sinkFor(d, urlFromSecret(d, out.SecretString));
      }),
    ).catch((e: unknown) => {
      sinks = undefined; // the next invocation tries again
      throw e;
    }));

  return async (event) => {
    const input = parseWatchEvent(event);
    if (input.objects.length === 0 && input.records.length === 0) return { objects: 0, records: 0, alerts: 0, delivered: {} };
    const routed = await loadSinks();
    const before = routed.map((r) => r.sent);
    // No rate cap here: one invocation is one log file, and a cap would let low alerts crowd out a critical one.
    const setups: SinkSetup[] = routed.map((sink) => ({ sink }));
    const engine = new DetectionEngine(deps.rules);
    const stats: DetectStats = await runDetection({
      source: new ObjectSource(deps.s3, input.objects, input.records),
      engine,
      sinks: setups,
      logger: deps.logger,
      minSeverity: deps.config.minSeverity,
      dedupeWindowMs: deps.config.dedupeWindowSeconds * 1000,
    });
    if (stats.malformed.total > 0) {
      deps.logger.warn(`${stats.malformed.total} malformed records skipped: ${stats.malformed.samples.map((s) => `${s.location}: ${s.reasons.join('; ')}`).join(' | ')}`);
    }
    const failed = Object.entries(stats.sinks).filter(([, s]) => s.failed > 0);
    if (failed.length > 0) {
      throw new WatchDeliveryError(failed.map(([name, s]) => `${s.failed} alert(s) not delivered to ${name}: ${s.firstError ?? 'unknown error'}`).join('; '));
    }
    const result: WatchResult = {
      objects: input.objects.length,
      records: stats.records,
      alerts: stats.alerts.emitted,
      delivered: Object.fromEntries(routed.map((r, i) => [r.name, r.sent - before[i]!])),
    };
    deps.logger.info(JSON.stringify({ msg: 'rampart watch', ...result }));
    return result;
  };
}
