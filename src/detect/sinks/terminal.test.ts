import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { JsonLinesSink } from './jsonl.ts';
import { shouldColor, TerminalSink } from './terminal.ts';
import { alert } from './fixtures.ts';
import type { RunSummary } from './types.ts';

function capture() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { stream, text: () => chunks.join('') };
}

const summary: RunSummary = {
  alerts: 3,
  bySeverity: { info: 0, low: 0, medium: 0, high: 1, critical: 2 },
  duplicates: 4,
  dedupeWindowMs: 600_000,
  rateCapped: { terminal: 0 },
  belowMinSeverity: 0,
  records: 1200,
  malformed: 1,
};

test('terminal: grouped by rule, most severe first, one line per alert, summary with suppressed counts, no colour off a TTY', async () => {
  const { stream, text } = capture();
  const sink = new TerminalSink(stream, { color: false });
  await sink.send(alert({ ruleId: 'det-root-activity', title: 'Root activity', severity: 'high', summary: 'root deleted a bucket' }));
  await sink.send(alert());
  await sink.send(alert({ eventTime: '2026-11-20T09:00:00Z', summary: 'bob stopped logging' }));
  assert.equal(text(), '', 'nothing is written before the group is complete');
  await sink.close(summary);
  const out = text();
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(out, /\u001b\[/, 'no ANSI escapes when not a TTY');
  const lines = out.split('\n');
  assert.match(lines[0]!, /^CRITICAL +CloudTrail logging stopped +det-cloudtrail-stop · 2 alerts$/);
  assert.ok(out.indexOf('det-cloudtrail-stop') < out.indexOf('det-root-activity'));
  assert.match(out, /2026-11-20T08:14:03Z +arn:aws:iam::111122223333:user\/alice \[111122223333\/us-east-1\]/);
  assert.match(out, /bob stopped logging/);
  assert.match(out, /3 alerts \(2 critical, 1 high\) from 1200 events; suppressed: 4 duplicates within 10m\.\n$/);
});

test('terminal: colour on a TTY unless NO_COLOR', async () => {
  assert.equal(shouldColor({ isTTY: true }, {}), true);
  assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(shouldColor({ isTTY: false }, {}), false);
  assert.equal(shouldColor({}, {}), false);
  const { stream, text } = capture();
  const sink = new TerminalSink(stream, { color: true });
  await sink.send(alert());
  await sink.close(summary);
  // eslint-disable-next-line no-control-regex
  assert.match(text(), /\u001b\[31m/);
});

test('terminal: rate-cap notices are printed', async () => {
  const { stream, text } = capture();
  const sink = new TerminalSink(stream, { color: false });
  await sink.notice({ kind: 'rate-cap', sink: 'terminal', count: 7, from: '2026-11-20T08:00:00.000Z', to: '2026-11-20T08:01:00.000Z' });
  await sink.close({ ...summary, alerts: 0, bySeverity: { info: 0, low: 0, medium: 0, high: 0, critical: 0 }, duplicates: 0, rateCapped: { terminal: 7 } });
  assert.match(text(), /7 alerts suppressed by the rate cap between 2026-11-20T08:00:00.000Z and 2026-11-20T08:01:00.000Z/);
  assert.match(text(), /No alerts from 1200 events; suppressed: 7 by the rate cap of terminal\./);
});

test('jsonl: one Alert JSON per line, nothing else', async () => {
  const { stream, text } = capture();
  const sink = new JsonLinesSink(stream);
  await sink.send(alert());
  await sink.send(alert({ ruleId: 'det-x' }));
  await sink.notice({ kind: 'rate-cap', sink: 'jsonl', count: 1, from: 'a', to: 'b' });
  await sink.close(summary);
  const lines = text().trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.deepEqual(lines.map((l) => (JSON.parse(l) as { ruleId: string }).ruleId), ['det-cloudtrail-stop', 'det-x']);
  assert.deepEqual(JSON.parse(lines[0]!), JSON.parse(JSON.stringify(alert())));
});
