// JSON POST with a bounded retry policy shared by the Slack and webhook sinks: 429 honours Retry-After,
// 5xx and network errors back off exponentially, everything else fails at once.
import { UsageError } from '../../core/errors.ts';
import { sleep } from '../sources/concurrency.ts';
import type { Alert } from '../types.ts';
import { SinkDeliveryError, type AlertSink, type RunSummary, type SuppressionNotice } from './types.ts';

export interface PostOptions {
  /** Retries after the first attempt. */
  retries?: number;
  /** Longest wait we accept from a Retry-After header; longer means the sink fails this alert. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  /** First back-off for 5xx/network errors; doubles each retry. */
  backoffMs?: number;
  fetchImpl?: typeof fetch;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** HTTPS only, except plain HTTP to loopback (local relays and tests). Returns the parsed URL. */
export function validateWebhookUrl(raw: string, flag: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${flag}: not a URL`, { hint: 'pass the full https:// URL of the webhook' });
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url;
  throw new UsageError(`${flag}: the URL must use https:// (plain http is only allowed to 127.0.0.1/localhost)`, {
    hint: 'alerts carry account ids and principal names; send them over TLS',
  });
}

/** A webhook URL with its secret path hidden, safe for error messages and logs. */
export function redactUrl(url: URL): string {
  return `${url.protocol}//${url.host}/…`;
}

export async function postJson(sink: string, url: URL, body: unknown, opts: PostOptions = {}): Promise<void> {
  const retries = opts.retries ?? 3;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 30_000;
  const doFetch = opts.fetchImpl ?? fetch;
  const payload = JSON.stringify(body);
  let backoff = opts.backoffMs ?? 500;
  for (let attempt = 0; ; attempt++) {
    let status: number | undefined;
    let wait: number;
    let reason: string;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'rampart-detect' },
        body: payload,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      status = res.status;
      const text = await res.text().catch(() => '');
      if (res.ok) return;
      reason = `HTTP ${res.status}${text ? ` ${text.slice(0, 200)}` : ''} from ${redactUrl(url)}`;
      if (res.status === 429) {
        wait = retryAfterMs(res.headers.get('retry-after')) ?? backoff;
        if (wait > maxRetryAfter) throw new SinkDeliveryError(sink, `${reason}: asked to wait ${Math.round(wait / 1000)} s, more than the ${Math.round(maxRetryAfter / 1000)} s we allow`);
      } else if (res.status >= 500) wait = backoff;
      else throw new SinkDeliveryError(sink, reason);
    } catch (e) {
      if (e instanceof SinkDeliveryError) throw e;
      reason = `${describeFetchError(e)} (${redactUrl(url)})`;
      wait = backoff;
    }
    if (attempt >= retries) throw new SinkDeliveryError(sink, `${reason}; gave up after ${attempt + 1} attempts`);
    if (status !== 429) backoff *= 2;
    await sleep(wait);
  }
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const s = Number(header);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(header);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

/** undici reports "fetch failed" and hides the real cause (ECONNREFUSED, DNS…) one level down. */
function describeFetchError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e.message}${cause}`;
}

/** A sink that POSTs one JSON body per alert and per suppression notice; the formats are what differ between sinks. */
export class JsonPostSink implements AlertSink {
  readonly name: string;
  private readonly url: URL;
  private readonly post: PostOptions;
  private readonly format: { alert(a: Alert): unknown; notice(n: SuppressionNotice): unknown };
  constructor(name: string, url: URL, format: JsonPostSink['format'], post: PostOptions = {}) {
    this.name = name;
    this.url = url;
    this.format = format;
    this.post = post;
  }
  send(alert: Alert): Promise<void> {
    return postJson(this.name, this.url, this.format.alert(alert), this.post);
  }
  notice(n: SuppressionNotice): Promise<void> {
    return postJson(this.name, this.url, this.format.notice(n), this.post);
  }
  async close(_summary: RunSummary): Promise<void> {}
}
