import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudTrailRecordSchema, fastRecordCheck, parseRecord } from './record.ts';
import { ctEvent } from './sources/fixtures.ts';

const samples: unknown[] = [
  ctEvent(),
  ctEvent({ eventTime: '2026-11-20T08:14:03.123Z' }),
  ctEvent({ eventTime: '2026-11-20T08:14:03+02:00' }),
  ctEvent({ requestParameters: { a: 1 }, responseElements: { b: [1] }, resources: [{ ARN: 'x' }] }),
  ctEvent({ eventTime: '20 Nov 2026' }),
  ctEvent({ eventTime: 12 as unknown as string }),
  ctEvent({ eventName: undefined as unknown as string }),
  ctEvent({ userIdentity: 'root' as unknown as undefined }),
  ctEvent({ requestParameters: 'x' as unknown as null }),
  ctEvent({ resources: [null] as unknown as [] }),
  ctEvent({ resources: {} as unknown as [] }),
  { eventTime: '2026-11-20T08:14:03Z', eventSource: 'x', eventName: 'y' },
  null,
  [],
  'string',
  42,
];

test('the fast path never accepts what zod rejects', () => {
  for (const s of samples) {
    if (fastRecordCheck(s)) assert.equal(cloudTrailRecordSchema.safeParse(s).success, true, JSON.stringify(s));
  }
});

test('parseRecord agrees with zod on every sample and returns the input object (no copy)', () => {
  for (const s of samples) {
    const r = parseRecord(s);
    assert.equal(r.ok, cloudTrailRecordSchema.safeParse(s).success, JSON.stringify(s));
  }
  const e = ctEvent();
  const r = parseRecord(e);
  assert.ok(r.ok && r.record === e);
});

test('invalid records get a reason naming the field', () => {
  const r = parseRecord(ctEvent({ eventTime: '20 Nov 2026' }));
  assert.ok(!r.ok);
  assert.match(r.reason, /eventTime: eventTime is not an ISO 8601 timestamp/);
  const n = parseRecord(ctEvent({ eventName: undefined as unknown as string }));
  assert.ok(!n.ok && /eventName/.test(n.reason));
  const x = parseRecord(null);
  assert.ok(!x.ok);
});
