// Generic HTTPS webhook sink: POSTs each Alert as JSON (the same object the jsonl sink writes) and a
// `{"type":"rampart.suppressed",…}` object when the rate cap held alerts back.
import type { Alert } from '../types.ts';
import { postJson, type PostOptions } from './http.ts';
import type { AlertSink, RunSummary, SuppressionNotice } from './types.ts';

export class WebhookSink implements AlertSink {
  readonly name = 'webhook';
  private readonly url: URL;
  private readonly post: PostOptions;
  constructor(url: URL, post: PostOptions = {}) {
    this.url = url;
    this.post = post;
  }
  send(alert: Alert): Promise<void> {
    return postJson(this.name, this.url, alert, this.post);
  }
  notice(n: SuppressionNotice): Promise<void> {
    return postJson(this.name, this.url, { type: 'rampart.suppressed', ...n }, this.post);
  }
  async close(_summary: RunSummary): Promise<void> {}
}
