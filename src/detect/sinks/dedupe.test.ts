import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertDeduper } from './dedupe.ts';
import { RateCap } from './rate-cap.ts';
import { alert } from './fixtures.ts';

test('dedupe: same rule, actor, event and resource within the window is suppressed; outside it is not', () => {
  const d = new AlertDeduper(10 * 60_000);
  assert.equal(d.isDuplicate(alert({ eventTime: '2026-11-20T08:00:00Z' })), false);
  assert.equal(d.isDuplicate(alert({ eventTime: '2026-11-20T08:09:59Z' })), true);
  assert.equal(d.isDuplicate(alert({ eventTime: '2026-11-20T08:10:00Z' })), false, 'a full window later is new');
  // Any difference in the key lets the alert through.
  assert.equal(d.isDuplicate(alert({ eventTime: '2026-11-20T08:10:01Z', resources: ['arn:aws:cloudtrail:us-east-1:111122223333:trail/other'] })), false);
  assert.equal(d.isDuplicate(alert({ eventTime: '2026-11-20T08:10:01Z', actor: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/bob', userName: 'bob', accessKeyId: undefined } })), false);
  assert.equal(d.isDuplicate(alert({ eventTime: '2026-11-20T08:10:01Z', ruleId: 'det-other' })), false);
  assert.equal(d.suppressed, 1);
});

test('dedupe: window 0 turns it off; memory is swept of entries older than the window', () => {
  const off = new AlertDeduper(0);
  assert.equal(off.isDuplicate(alert()), false);
  assert.equal(off.isDuplicate(alert()), false);
  const d = new AlertDeduper(60_000);
  for (let i = 0; i < 10_000; i++) d.isDuplicate(alert({ resources: [`r${i}`], eventTime: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() }));
  assert.ok(d.size < 100, `kept ${d.size} keys`);
});

test('rate cap: N per minute pass, the rest are counted and reported once when the minute ends', () => {
  let t = 1_000_000;
  const cap = new RateCap(3, () => t);
  const results = Array.from({ length: 5 }, () => cap.admit());
  assert.deepEqual(results, [true, true, true, false, false]);
  assert.deepEqual(cap.takeReports(), [], 'nothing to report before the minute is over');
  t += 60_000;
  const [r, ...rest] = cap.takeReports();
  assert.equal(rest.length, 0);
  assert.equal(r?.count, 2);
  assert.equal(r?.from.getTime(), 1_000_000);
  assert.deepEqual(cap.takeReports(), [], 'reported once');
  assert.equal(cap.admit(), true, 'a new minute starts fresh');
  assert.equal(cap.total, 2);
});

test('rate cap: the window rolling over while alerts flow keeps the earlier report; final reports the current one', () => {
  let t = 0;
  const cap = new RateCap(1, () => t);
  cap.admit();
  cap.admit(); // held
  t = 61_000;
  assert.equal(cap.admit(), true);
  assert.equal(cap.admit(), false);
  const reports = cap.takeReports(true);
  assert.deepEqual(reports.map((r) => r.count), [1, 1]);
});
