// The token buckets on a virtual clock: burst, sustained rate, back-off on throttling and recovery, FIFO waiting,
// and one bucket per Region × service.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimits, TokenBucket, type Clock } from './rate.ts';

function virtualClock(): Clock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

describe('TokenBucket', () => {
  it('lets a burst through at once, then paces calls at the sustained rate', async () => {
    const clock = virtualClock();
    const b = new TokenBucket({ ratePerSecond: 10, burst: 5 }, clock);
    for (let i = 0; i < 5; i++) await b.take();
    assert.equal(clock.t, 0, 'the burst does not wait');
    for (let i = 0; i < 10; i++) await b.take();
    assert.ok(clock.t >= 990 && clock.t <= 1010, `10 more calls at 10/s take about a second (took ${clock.t} ms)`);
  });

  it('halves the rate and spends the burst when throttled, and wins the rate back on successes', async () => {
    const clock = virtualClock();
    const b = new TokenBucket({ ratePerSecond: 20, burst: 20 }, clock);
    b.throttled();
    assert.equal(b.currentRate, 10);
    const t0 = clock.t;
    await b.take();
    assert.ok(clock.t - t0 >= 100, 'the next call waits a full interval at the lowered rate');
    b.throttled();
    b.throttled();
    b.throttled();
    b.throttled();
    b.throttled();
    assert.equal(b.currentRate, 1, 'never below one call per second');
    for (let i = 0; i < 40; i++) b.succeeded();
    assert.equal(b.currentRate, 20, 'back to the configured rate, not above');
  });

  it('serves waiters in arrival order', async () => {
    const clock = virtualClock();
    const b = new TokenBucket({ ratePerSecond: 1, burst: 1 }, clock);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((i) => b.take().then(() => order.push(i))));
    assert.deepEqual(order, [1, 2, 3]);
  });
});

describe('RateLimits', () => {
  it('keeps one bucket per Region × service, and fresh() gives another account its own', () => {
    const limits = new RateLimits();
    assert.equal(limits.bucket('us-east-1', 'iam'), limits.bucket('us-east-1', 'iam'));
    assert.notEqual(limits.bucket('us-east-1', 'ec2'), limits.bucket('eu-west-1', 'ec2'));
    assert.notEqual(limits.fresh().bucket('us-east-1', 'iam'), limits.bucket('us-east-1', 'iam'));
  });
});
