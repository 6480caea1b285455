import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { CredentialsError } from '../../core/errors.ts';
import { LookupEventsSource } from './lookup.ts';
import { PacingGate } from './concurrency.ts';
import { ctEvent, stopLogging } from './fixtures.ts';
import type { RecordBatch } from './types.ts';

function apiEvent(rec: ReturnType<typeof ctEvent>) {
  return { EventId: rec.eventID, EventName: rec.eventName, EventTime: new Date(rec.eventTime), CloudTrailEvent: JSON.stringify(rec) };
}

async function collect(src: LookupEventsSource, signal = new AbortController().signal): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const b of src.batches(signal)) out.push(b);
  return out;
}

test('paginates, parses the CloudTrailEvent JSON string, counts a malformed one, per Region', async () => {
  const ct = mockClient(CloudTrailClient);
  ct.on(LookupEventsCommand, { NextToken: undefined }).resolves({
    Events: [apiEvent(ctEvent()), { EventId: 'broken-1', CloudTrailEvent: '{"eventName": oops' }],
    NextToken: 'page-2',
  });
  ct.on(LookupEventsCommand, { NextToken: 'page-2' }).resolves({ Events: [apiEvent(stopLogging())] });
  const client = ct as unknown as CloudTrailClient;
  const src = new LookupEventsSource({
    clientFor: () => client,
    regions: ['us-east-1', 'eu-west-1'],
    since: new Date('2026-11-19T00:00:00Z'),
    until: new Date('2026-11-20T00:00:00Z'),
    minIntervalMs: 0,
  });
  const batches = await collect(src);
  const records = batches.flatMap((b) => b.records) as Array<{ eventName: string }>;
  assert.equal(records.length, 4, 'two valid events per Region');
  assert.equal(records.filter((r) => r.eventName === 'StopLogging').length, 2);
  assert.deepEqual([...new Set(batches.map((b) => b.location))].sort(), ['lookup-events:eu-west-1', 'lookup-events:us-east-1']);
  const bad = batches.filter((b) => b.droppedCount > 0);
  assert.equal(bad.length, 2);
  assert.match(bad[0]!.problems[0]!, /event broken-1: malformed CloudTrailEvent JSON/);
  const inputs = ct.commandCalls(LookupEventsCommand).map((c) => c.args[0].input as LookupEventsCommandInput);
  assert.equal(inputs.length, 4);
  assert.ok(inputs.every((i) => i.StartTime?.toISOString() === '2026-11-19T00:00:00.000Z' && i.MaxResults === 50));
});

test('follow mode polls with a moving start time and does not repeat events', async () => {
  const ct = mockClient(CloudTrailClient);
  const first = ctEvent({}, { time: '2026-11-20T10:00:00Z' });
  const second = stopLogging({ time: '2026-11-20T10:03:00Z' });
  let call = 0;
  ct.on(LookupEventsCommand).callsFake(() => {
    call++;
    // The second poll returns the old event again (overlap window) plus a new one.
    return call === 1 ? { Events: [apiEvent(first)] } : { Events: [apiEvent(second), apiEvent(first)] };
  });
  let now = new Date('2026-11-20T10:01:00Z');
  const src = new LookupEventsSource({
    clientFor: () => ct as unknown as CloudTrailClient,
    regions: ['us-east-1'],
    since: new Date('2026-11-20T09:00:00Z'),
    follow: true,
    pollIntervalMs: 5,
    minIntervalMs: 0,
    now: () => now,
  });
  const ac = new AbortController();
  const names: string[] = [];
  for await (const b of src.batches(ac.signal)) {
    for (const r of b.records as Array<{ eventName: string }>) names.push(r.eventName);
    now = new Date('2026-11-20T10:05:00Z');
    if (names.length >= 2) ac.abort();
  }
  assert.deepEqual(names, ['ListBuckets', 'StopLogging']);
  const inputs = ct.commandCalls(LookupEventsCommand).map((c) => c.args[0].input as LookupEventsCommandInput);
  // Second poll: start moved forward to (newest seen − overlap), but not before --since; end moved to now.
  assert.equal(inputs[1]?.StartTime?.toISOString(), '2026-11-20T09:40:00.000Z');
  assert.equal(inputs[1]?.EndTime?.toISOString(), '2026-11-20T10:05:00.000Z');
});

test('ExpiredToken becomes a CredentialsError', async () => {
  const ct = mockClient(CloudTrailClient);
  ct.on(LookupEventsCommand).rejects(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' }));
  const src = new LookupEventsSource({ clientFor: () => ct as unknown as CloudTrailClient, regions: ['us-east-1'], since: new Date(), minIntervalMs: 0 });
  await assert.rejects(collect(src), CredentialsError);
});

test('the pacing gate spaces calls (2 per second → 500 ms apart)', async () => {
  let t = 0;
  const gate = new PacingGate(500, () => t);
  const start = performance.now();
  await gate.wait();
  await gate.wait(); // would wait 500 ms on the fake clock; real sleep is 500 ms
  const elapsed = performance.now() - start;
  assert.ok(elapsed >= 450, `second call waited ${elapsed} ms`);
  t = 2000;
  const s2 = performance.now();
  await gate.wait();
  assert.ok(performance.now() - s2 < 50, 'no wait once the interval has passed');
});
