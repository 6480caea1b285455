import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../../core/errors.ts';
import { validateWebhookUrl } from './http.ts';
import { SlackSink } from './slack.ts';
import { WebhookSink } from './webhook.ts';
import { alert } from './fixtures.ts';
import { SinkDeliveryError } from './types.ts';

interface Recorded {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP server on a free loopback port that records requests and answers from a script. */
async function recorder(responses: Array<{ status: number; headers?: Record<string, string>; body?: string }>) {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      const r = responses[Math.min(requests.length - 1, responses.length - 1)] ?? { status: 200 };
      res.writeHead(r.status, r.headers ?? {});
      res.end(r.body ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { requests, url: new URL(`http://127.0.0.1:${port}/services/T000/B000/XXXXSECRET`), close: () => new Promise<void>((r) => server.close(() => r())) };
}

// The alert of an event whose requestParameters held a secret; sinks only ever see the Alert.
const SECRET = 'hunter2-db-password';
const withSecret = alert({
  ruleId: 'det-lambda-config-change',
  title: 'Lambda configuration changed',
  severity: 'low',
  eventSource: 'lambda.amazonaws.com',
  eventName: 'UpdateFunctionConfiguration20150331v2',
  summary: 'alice changed the configuration of function billing-export',
  resources: ['arn:aws:lambda:us-east-1:111122223333:function:billing-export'],
});

test('Slack: posts a compact Block Kit message with what/who/where/when/source IP and event ids, no request values', async (t) => {
  const srv = await recorder([{ status: 200 }]);
  t.after(srv.close);
  // Simulates what a careless engine could do: the event's request parameters travel beside the alert object.
  const leaky = Object.assign({}, withSecret, { requestParameters: { environment: { variables: { DB_PASSWORD: SECRET } } } });
  await new SlackSink(srv.url).send(leaky);
  assert.equal(srv.requests.length, 1);
  const req = srv.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.url, '/services/T000/B000/XXXXSECRET');
  assert.equal(req.headers['content-type'], 'application/json');
  assert.ok(!req.body.includes(SECRET), 'the secret value from requestParameters must not be sent');
  assert.ok(!req.body.includes('requestParameters'));
  const msg = JSON.parse(req.body) as { text: string; blocks: Array<Record<string, unknown>> };
  assert.match(msg.text, /^\[LOW\] Lambda configuration changed: alice changed/);
  assert.deepEqual(msg.blocks.map((b) => b['type']), ['header', 'section', 'context']);
  const header = msg.blocks[0] as { text: { type: string; text: string } };
  assert.equal(header.text.type, 'plain_text');
  assert.match(header.text.text, /LOW · Lambda configuration changed/);
  const section = msg.blocks[1] as { fields: Array<{ text: string }> };
  assert.deepEqual(section.fields.map((f) => f.text.split('\n')[0]), ['*What*', '*Who*', '*Where*', '*When*', '*Source IP*']);
  assert.match(section.fields[1]!.text, /arn:aws:iam::111122223333:user\/alice \(IAMUser\)/);
  assert.match(section.fields[2]!.text, /account 111122223333 · us-east-1/);
  const ctx = JSON.stringify(msg.blocks[2]);
  for (const s of ['9527f023-f6cf-49f1-b1cd-ff16eea631d2', '27cae1b9-fa71-4b6e-9aa0-bb6604b04f93', 'lambda.amazonaws.com/UpdateFunctionConfiguration20150331v2', 'x.json.gz']) {
    assert.ok(ctx.includes(s), `context has ${s}`);
  }
});

test('Slack: mrkdwn control characters from event fields are escaped (no @channel injection)', async (t) => {
  const srv = await recorder([{ status: 200 }]);
  t.after(srv.close);
  await new SlackSink(srv.url).send(alert({ summary: 'user <!channel> did <http://evil|this> & more' }));
  const body = srv.requests[0]!.body;
  assert.ok(!body.includes('<!channel>'));
  assert.ok(body.includes('&lt;!channel&gt;'));
});

test('Slack: a 429 with Retry-After is retried after the wait, then succeeds', async (t) => {
  const srv = await recorder([{ status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' }, { status: 200 }]);
  t.after(srv.close);
  const start = performance.now();
  await new SlackSink(srv.url, { backoffMs: 10 }).send(alert());
  assert.equal(srv.requests.length, 2);
  assert.ok(performance.now() - start >= 900, 'waited for Retry-After');
  assert.equal(srv.requests[0]!.body, srv.requests[1]!.body);
});

test('Slack: gives up after bounded retries and never reveals the webhook path', async (t) => {
  const srv = await recorder([{ status: 500, body: 'boom' }]);
  t.after(srv.close);
  await assert.rejects(new SlackSink(srv.url, { retries: 2, backoffMs: 5 }).send(alert()), (e: unknown) => {
    assert.ok(e instanceof SinkDeliveryError);
    assert.match(e.message, /HTTP 500 boom .*gave up after 3 attempts/);
    assert.ok(!e.message.includes('XXXXSECRET'));
    return true;
  });
  assert.equal(srv.requests.length, 3);
});

test('Slack: a 4xx (bad webhook) fails at once, and a Retry-After beyond the limit is not waited for', async (t) => {
  const srv = await recorder([{ status: 404, body: 'no_team' }]);
  t.after(srv.close);
  await assert.rejects(new SlackSink(srv.url).send(alert()), /HTTP 404 no_team/);
  assert.equal(srv.requests.length, 1);
  const srv2 = await recorder([{ status: 429, headers: { 'retry-after': '3600' } }]);
  t.after(srv2.close);
  await assert.rejects(new SlackSink(srv2.url).send(alert()), /asked to wait 3600 s/);
});

test('webhook: posts the Alert JSON and a typed suppression notice', async (t) => {
  const srv = await recorder([{ status: 204 }]);
  t.after(srv.close);
  const sink = new WebhookSink(srv.url);
  await sink.send(alert());
  await sink.notice({ kind: 'rate-cap', sink: 'webhook', count: 3, from: 'a', to: 'b' });
  assert.deepEqual(JSON.parse(srv.requests[0]!.body), JSON.parse(JSON.stringify(alert())));
  assert.deepEqual(JSON.parse(srv.requests[1]!.body), { type: 'rampart.suppressed', kind: 'rate-cap', sink: 'webhook', count: 3, from: 'a', to: 'b' });
});

test('webhook URLs must be https, except loopback http', () => {
  assert.equal(validateWebhookUrl('https://hooks.slack.com/services/x', '--slack-webhook').hostname, 'hooks.slack.com');
  assert.equal(validateWebhookUrl('http://127.0.0.1:8080/x', '--webhook').port, '8080');
  assert.equal(validateWebhookUrl('http://localhost/x', '--webhook').hostname, 'localhost');
  assert.throws(() => validateWebhookUrl('http://example.com/x', '--webhook'), UsageError);
  assert.throws(() => validateWebhookUrl('not a url', '--webhook'), UsageError);
});
