// The contract between the detection pipeline and alert destinations (terminal, JSON lines, Slack, webhook).
import type { Alert, AlertSeverity } from '../types.ts';

/** Alerts a destination did not receive because of its rate cap, sent once the cap's minute is over. */
export interface SuppressionNotice {
  kind: 'rate-cap';
  sink: string;
  count: number;
  /** ISO times of the cap window the alerts fell in. */
  from: string;
  to: string;
}

/** What the run did, for closing summaries. */
export interface RunSummary {
  alerts: number;
  bySeverity: Record<AlertSeverity, number>;
  /** Same rule, actor, event and resource within the dedupe window. */
  duplicates: number;
  dedupeWindowMs: number;
  /** Per sink name. */
  rateCapped: Record<string, number>;
  belowMinSeverity: number;
  records: number;
  malformed: number;
}

export interface AlertSink {
  readonly name: string;
  /** Delivers one alert; throws when it could not (the pipeline counts the failure and carries on). */
  send(alert: Alert): Promise<void>;
  /** Tells the destination that alerts were held back, so suppression is never silent. */
  notice(notice: SuppressionNotice): Promise<void>;
  /** Follow mode: input is idle, write any grouped output now. */
  flush?(): Promise<void>;
  /** End of the run. */
  close(summary: RunSummary): Promise<void>;
}

/** A delivery that failed after retries; the message names the sink and the cause, never the webhook secret. */
export class SinkDeliveryError extends Error {
  readonly sink: string;
  constructor(sink: string, message: string, options?: { cause?: unknown }) {
    super(`${sink}: ${message}`, options);
    this.name = 'SinkDeliveryError';
    this.sink = sink;
  }
}
