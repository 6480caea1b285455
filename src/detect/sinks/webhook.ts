// Generic HTTPS webhook sink: POSTs each Alert as JSON (the same object the jsonl sink writes) and a
// `{"type":"rampart.suppressed",…}` object when the rate cap held alerts back.
import { JsonPostSink, type PostOptions } from './http.ts';

export class WebhookSink extends JsonPostSink {
  constructor(url: URL, post: PostOptions = {}) {
    super('webhook', url, { alert: (a) => a, notice: (n) => ({ type: 'rampart.suppressed', ...n }) }, post);
  }
}
