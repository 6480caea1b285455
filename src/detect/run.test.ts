import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryLogger } from '../core/logger.ts';
import { runDetection, type AlertEngine } from './run.ts';
import { alert } from './sinks/fixtures.ts';
import type { AlertSink, RunSummary, SuppressionNotice } from './sinks/types.ts';
import { ctEvent, stopLogging } from './sources/fixtures.ts';
import type { RecordBatch, RecordSource } from './sources/types.ts';
import type { Alert, CloudTrailRecord, RecordOrigin } from './types.ts';

function source(batches: RecordBatch[]): RecordSource {
  return {
    name: 'test',
    async *batches() {
      yield* batches;
    },
  };
}

function batch(location: string, records: unknown[], extra: Partial<RecordBatch> = {}): RecordBatch {
  return { location, records, startIndex: 0, problems: [], droppedCount: 0, ...extra };
}

/** A stand-in for the rule engine: StopLogging → critical, ListBuckets by "noisy" → low. */
const fakeEngine: AlertEngine & { seen: Array<RecordOrigin | undefined> } = {
  seen: [],
  process(r: CloudTrailRecord, origin?: RecordOrigin): Alert[] {
    this.seen.push(origin);
    if (r.eventName === 'StopLogging') return [alert({ eventTime: r.eventTime, eventId: r.eventID, origin })];
    if (r.userIdentity?.userName === 'noisy') return [alert({ ruleId: 'det-noise', severity: 'low', eventTime: r.eventTime, resources: [String(r.eventID)] })];
    return [];
  },
};

class MemorySink implements AlertSink {
  readonly name: string;
  alerts: Alert[] = [];
  notices: SuppressionNotice[] = [];
  summary: RunSummary | undefined;
  failFirst: number;
  constructor(name = 'memory', failFirst = 0) {
    this.name = name;
    this.failFirst = failFirst;
  }
  async send(a: Alert) {
    if (this.failFirst > 0) {
      this.failFirst--;
      throw new Error('endpoint down');
    }
    this.alerts.push(a);
  }
  async notice(n: SuppressionNotice) {
    this.notices.push(n);
  }
  async close(s: RunSummary) {
    this.summary = s;
  }
}

test('pipeline: validates, counts malformed per location with reasons, runs the engine with origins, delivers', async () => {
  const sink = new MemorySink();
  const logger = createMemoryLogger();
  fakeEngine.seen = [];
  const stats = await runDetection({
    source: source([
      batch('a.json.gz', [ctEvent(), stopLogging(), { eventName: 'x' }]),
      batch('bad.json.gz', [], { problems: ['unreadable gzip: incorrect header check'], droppedCount: 1 }),
      batch('c.jsonl', [ctEvent()], { startIndex: 1000, problems: ['line 3: malformed JSON'], droppedCount: 2 }),
    ]),
    engine: fakeEngine,
    sinks: [{ sink }],
    logger,
  });
  assert.equal(stats.records, 3);
  assert.equal(stats.locations, 3);
  assert.equal(stats.malformed.total, 4);
  assert.equal(stats.malformed.locations, 3);
  assert.deepEqual(stats.malformed.samples.map((s) => [s.location, s.count]), [['a.json.gz', 1], ['bad.json.gz', 1], ['c.jsonl', 2]]);
  assert.match(stats.malformed.samples[0]!.reasons[0]!, /^record 2: invalid record: eventTime/);
  assert.equal(sink.alerts.length, 1);
  assert.deepEqual(sink.alerts[0]!.origin, { location: 'a.json.gz', index: 1 });
  assert.deepEqual(fakeEngine.seen.at(-1), { location: 'c.jsonl', index: 1000 });
  assert.equal(sink.summary?.alerts, 1);
  assert.equal(stats.alerts.bySeverity.critical, 1);
});

test('pipeline: min severity, dedupe and time range are applied and counted', async () => {
  const sink = new MemorySink();
  const stats = await runDetection({
    source: source([
      batch('a', [
        stopLogging({ time: '2026-11-20T08:00:00Z' }),
        stopLogging({ time: '2026-11-20T08:05:00Z' }), // duplicate within 10m
        stopLogging({ time: '2026-11-19T08:00:00Z' }), // before --since
        ctEvent({}, { user: 'noisy' }), // low, below --min-severity
      ]),
    ]),
    engine: fakeEngine,
    sinks: [{ sink }],
    logger: createMemoryLogger(),
    minSeverity: 'medium',
    dedupeWindowMs: 600_000,
    since: new Date('2026-11-20T00:00:00Z'),
  });
  assert.equal(sink.alerts.length, 1);
  assert.equal(stats.outOfRange, 1);
  assert.equal(stats.alerts.raised, 3);
  assert.equal(stats.alerts.raisedBySeverity.low, 1);
  assert.equal(stats.alerts.belowMinSeverity, 1);
  assert.equal(stats.alerts.duplicates, 1);
  assert.equal(sink.summary?.duplicates, 1);
  assert.equal(sink.summary?.belowMinSeverity, 1);
});

test('pipeline: the rate cap is per sink and its suppressed count is announced at the end', async () => {
  const capped = new MemorySink('slack');
  const uncapped = new MemorySink('jsonl');
  const logger = createMemoryLogger();
  const records = Array.from({ length: 10 }, () => ctEvent({}, { user: 'noisy' }));
  const stats = await runDetection({
    source: source([batch('a', records)]),
    engine: fakeEngine,
    sinks: [{ sink: capped, maxPerMinute: 4 }, { sink: uncapped }],
    logger,
  });
  assert.equal(capped.alerts.length, 4);
  assert.equal(uncapped.alerts.length, 10);
  assert.deepEqual(capped.notices.map((n) => n.count), [6]);
  assert.equal(stats.sinks['slack']?.rateCapped, 6);
  assert.equal(capped.summary?.rateCapped['slack'], 6);
  assert.ok(logger.lines.some((l) => /6 alerts to slack suppressed by the rate cap/.test(l.message)));
});

test('pipeline: a failing sink is counted and reported, the run and the other sinks go on', async () => {
  const flaky = new MemorySink('webhook', 1);
  const ok = new MemorySink('jsonl');
  const logger = createMemoryLogger();
  const stats = await runDetection({
    source: source([batch('a', [stopLogging({ time: '2026-11-20T08:00:00Z' }), stopLogging({ time: '2026-11-20T09:00:00Z' })])]),
    engine: fakeEngine,
    sinks: [{ sink: flaky }, { sink: ok }],
    logger,
  });
  assert.equal(stats.sinks['webhook']?.failed, 1);
  assert.equal(stats.sinks['webhook']?.delivered, 1);
  assert.match(stats.sinks['webhook']?.firstError ?? '', /endpoint down/);
  assert.equal(ok.alerts.length, 2);
  assert.ok(logger.lines.some((l) => l.level === 'warn' && /delivery to webhook failed: endpoint down/.test(l.message)));
});

test('pipeline: aborting (SIGINT in follow mode) ends cleanly with counters and closed sinks', async () => {
  const ac = new AbortController();
  const endless: RecordSource = {
    name: 'endless',
    async *batches(signal) {
      while (!signal.aborted) {
        yield batch('x', [ctEvent()]);
        await new Promise((r) => setTimeout(r, 1));
      }
    },
  };
  const sink = new MemorySink();
  setTimeout(() => ac.abort(), 30);
  const stats = await runDetection({ source: endless, engine: fakeEngine, sinks: [{ sink }], logger: createMemoryLogger(), signal: ac.signal });
  assert.equal(stats.interrupted, true);
  assert.ok(stats.records > 0);
  assert.ok(sink.summary, 'sinks were closed');
});

test('pipeline: a sink that keeps failing is skipped for a while instead of stalling every alert', async () => {
  const down = new MemorySink('slack', 1000);
  let calls = 0;
  const send = down.send.bind(down);
  down.send = async (a) => {
    calls++;
    return send(a);
  };
  const logger = createMemoryLogger();
  const records = Array.from({ length: 5 }, (_, i) => stopLogging({ time: `2026-11-20T0${i}:00:00Z` }));
  const stats = await runDetection({ source: source([batch('a', records)]), engine: fakeEngine, sinks: [{ sink: down }], logger });
  assert.equal(calls, 2, 'two attempts, then the cool-down');
  assert.equal(stats.sinks['slack']?.failed, 5, 'skipped alerts count as not delivered');
  assert.ok(logger.lines.some((l) => /not trying it again for 60 s/.test(l.message)));
});

test('pipeline: when the source fails half-way, alerts already raised are still delivered and the sinks closed', async () => {
  const sink = new MemorySink();
  const failing: RecordSource = {
    name: 's3',
    async *batches() {
      yield batch('a', [stopLogging()]);
      throw new Error('ExpiredToken');
    },
  };
  await assert.rejects(runDetection({ source: failing, engine: fakeEngine, sinks: [{ sink }], logger: createMemoryLogger() }), /ExpiredToken/);
  assert.equal(sink.alerts.length, 1);
  assert.ok(sink.summary);
});
