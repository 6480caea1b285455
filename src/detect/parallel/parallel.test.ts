// The worker-pool path against the single-thread path on the same generated folder: same alerts in the same
// order, same counters (malformed input, time range, threshold bursts spread over files); worker failures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { RuntimeFailure } from '../../core/errors.ts';
import { createMemoryLogger } from '../../core/logger.ts';
import { DetectionEngine } from '../engine.ts';
import { loadRules, type DetectionRule, type LoadRulesOptions } from '../rules/index.ts';
import { runDetection, type DetectStats } from '../run.ts';
import type { AlertSink } from '../sinks/types.ts';
import { FileSource } from '../sources/files.ts';
import { ctEvent, gzLogFile, rootConsoleLogin, stopLogging, trailKey } from '../sources/fixtures.ts';
import type { Alert, CloudTrailRecord } from '../types.ts';
import { ParallelFileSource } from './source.ts';

const ACCT = '111122223333';
const ruleOptions: LoadRulesOptions = { includeBuiltin: true, vars: { allowed_regions: ['us-east-1', 'eu-west-1'] } };
let dir: string;
let rules: DetectionRule[];

class MemorySink implements AlertSink {
  readonly name = 'memory';
  alerts: Alert[] = [];
  async send(a: Alert) {
    this.alerts.push(a);
  }
  async notice() {}
  async close() {}
}

function denied(user: string, time: string): CloudTrailRecord {
  return ctEvent({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeSecurityGroups', errorCode: 'Client.UnauthorizedOperation' }, { user, time });
}

async function put(key: string, data: Buffer | string): Promise<void> {
  const p = join(dir, key);
  await mkdir(dirname(p), { recursive: true });
  await writeFile(p, data);
}

before(async () => {
  rules = await loadRules(ruleOptions);
  dir = await mkdtemp(join(tmpdir(), 'rampart-parallel-'));
  const at = (min: number) => new Date(Date.UTC(2026, 10, 20, 8, min)).toISOString().replace(/\.\d+Z$/, 'Z');
  // 24 files of one day: benign traffic, and mallory's denied calls spread 3 per file over four files
  // (a burst of 12 within 5 minutes only when counted across files); eve stays below the threshold.
  for (let f = 0; f < 24; f++) {
    const records: unknown[] = [];
    for (let i = 0; i < 40; i++) records.push(ctEvent({}, { time: at(f * 2) }));
    if (f >= 4 && f < 8) for (let i = 0; i < 3; i++) records.push(denied('mallory', at(8 + (f - 4))));
    if (f >= 10 && f < 13) for (let i = 0; i < 3; i++) records.push(denied('eve', at(20 + (f - 10))));
    if (f === 5) records.push(stopLogging({ time: at(9) }));
    if (f === 15) records.push(rootConsoleLogin({ time: at(30) }));
    await put(trailKey(ACCT, 'us-east-1', new Date(Date.UTC(2026, 10, 20, 8, f * 2)), `f${String(f).padStart(2, '0')}`), gzLogFile(records));
  }
  // Malformed input: bad gzip, bad JSON, invalid records among valid ones, JSON lines with a bad line, not CloudTrail.
  await put('AWSLogs/bad/a-bad-gzip.json.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5]));
  await put('AWSLogs/bad/b-bad-json.json.gz', gzipSync('{"Records": [ this is not json'));
  await put('AWSLogs/bad/c-invalid-records.json', JSON.stringify({ Records: [ctEvent({}, { time: at(3) }), { eventName: 'x' }, { eventTime: 'yesterday', eventSource: 's', eventName: 'n' }, 7, null, stopLogging({ time: at(4), user: 'carol' })] }));
  await put('AWSLogs/bad/d-lines.jsonl', `${JSON.stringify(stopLogging({ time: at(5), user: 'dave' }))}\n{"eventName": oops\n\n${JSON.stringify(ctEvent({}, { time: at(5) }))}\n`);
  await put('AWSLogs/bad/e-empty.jsonl', '');
  await put('AWSLogs/bad/f-not-cloudtrail.json', JSON.stringify({ hello: 'world' }));
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  alerts: Alert[];
  stats: Omit<DetectStats, 'elapsedMs' | 'eventsPerSecond'>;
  engine: ReturnType<DetectionEngine['stats']>;
}

async function run(workers: number, range: { since?: Date; until?: Date } = {}, paths: string[] = [dir], waitForWorkers = true): Promise<Outcome> {
  const sink = new MemorySink();
  const engine = new DetectionEngine(rules);
  const common = { sinks: [{ sink }], logger: createMemoryLogger(), dedupeWindowMs: 600_000, ...range };
  const stats =
    workers >= 2
      ? await runDetection({ ...common, engine, source: new ParallelFileSource({ paths, workers, perWorker: 2, rules, waitForWorkers, ...range }) })
      : await runDetection({ ...common, engine, source: new FileSource({ paths }) });
  const { elapsedMs: _e, eventsPerSecond: _r, ...rest } = stats;
  return { alerts: sink.alerts, stats: rest, engine: engine.stats() };
}

const keys = (alerts: Alert[]) => alerts.map((a) => `${a.ruleId} ${a.eventId ?? ''}`).sort();

test('the pool raises the same alerts (same order, same objects) and counts the same as the single thread', async () => {
  const single = await run(0);
  const pooled = await run(2);
  assert.deepEqual(keys(pooled.alerts), keys(single.alerts));
  assert.deepEqual(pooled.alerts, single.alerts);
  assert.deepEqual(pooled.stats, single.stats);
  assert.deepEqual(pooled.engine, single.engine);
  // The scenario is what it claims: the burst across four files, malformed input in every form.
  const burst = single.alerts.filter((a) => a.ruleId === 'det-access-denied-burst');
  assert.equal(burst.length, 1);
  assert.equal(burst[0]!.threshold?.count, 10);
  assert.match(burst[0]!.summary, /mallory/);
  assert.ok(single.alerts.some((a) => a.ruleId === 'det-cloudtrail-stop' && a.origin?.location.endsWith('d-lines.jsonl')));
  // bad gzip, bad JSON, 4 invalid records, a bad JSON line, not CloudTrail, the empty file
  assert.equal(single.stats.malformed.locations, 6);
  assert.equal(single.stats.malformed.total, 1 + 1 + 4 + 1 + 1 + 1);
  assert.deepEqual(single.stats.malformed.samples.find((s) => s.location.endsWith('c-invalid-records.json'))?.reasons.length, 3);
  assert.equal(single.stats.records, 24 * 40 + 12 + 9 + 2 + 2 + 2);
});

test('--since/--until: the same records are skipped and counted in the workers', async () => {
  // Cuts mallory's burst in two (only 6 of the 12 denied calls stay) and drops the root login.
  const range = { since: new Date('2026-11-20T08:10:00Z'), until: new Date('2026-11-20T08:29:00Z') };
  const single = await run(0, range);
  const pooled = await run(3, range);
  assert.deepEqual(pooled.alerts, single.alerts);
  assert.deepEqual(pooled.stats, single.stats);
  assert.deepEqual(pooled.engine, single.engine);
  assert.ok(single.stats.outOfRange > 0);
  assert.equal(single.alerts.filter((a) => a.ruleId === 'det-access-denied-burst').length, 0);
});

test('default start: files matched on the main thread until the workers are ready, then by them: still the same', async () => {
  const single = await run(0);
  const mixed = await run(2, {}, [dir], false);
  assert.deepEqual(mixed.alerts, single.alerts);
  assert.deepEqual(mixed.stats, single.stats);
  assert.deepEqual(mixed.engine, single.engine);
});

test('explicit files and a missing path are handled in order, as by FileSource', async () => {
  const paths = [join(dir, 'AWSLogs/bad/d-lines.jsonl'), join(dir, 'no-such-file.json'), join(dir, 'AWSLogs/bad/c-invalid-records.json')];
  const single = await run(0, {}, paths);
  const pooled = await run(2, {}, paths);
  assert.deepEqual(pooled.alerts, single.alerts);
  assert.deepEqual(pooled.stats, single.stats);
});

async function crashingWorker(body: string): Promise<URL> {
  const file = join(dir, `worker-${Math.random().toString(36).slice(2)}.mjs`);
  const ids = JSON.stringify(rules.filter((r) => r.disabled === undefined).map((r) => r.id));
  await writeFile(file, `import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ type: 'ready', ruleIds: ${ids} });\nparentPort.on('message', () => { ${body} });\n`);
  return pathToFileURL(file);
}

async function runWith(workerFile: URL): Promise<unknown> {
  const source = new ParallelFileSource({ paths: [dir], workers: 2, rules, workerFile, waitForWorkers: true });
  const sink = new MemorySink();
  return runDetection({ source, engine: new DetectionEngine(rules), sinks: [{ sink }], logger: createMemoryLogger() });
}

test('a worker that exits mid-run is a RuntimeFailure, not a hang', async () => {
  await assert.rejects(runWith(await crashingWorker('process.exit(7);')), (e: unknown) => {
    assert.ok(e instanceof RuntimeFailure);
    assert.match(e.message, /detection worker \d stopped unexpectedly \(exit code 7\)/);
    return true;
  });
});

test('a worker that throws is a RuntimeFailure with the cause', async () => {
  await assert.rejects(runWith(await crashingWorker("throw new Error('boom');")), (e: unknown) => {
    assert.ok(e instanceof RuntimeFailure);
    assert.match(e.message, /detection worker \d crashed: boom/);
    return true;
  });
});

test('a worker that reports other rules than the main thread\'s stops the run before any file is read', async () => {
  const file = join(dir, `worker-${Math.random().toString(36).slice(2)}.mjs`);
  // It answers with one rule fewer, and would fail the run in another way if it were ever sent to work.
  const ids = JSON.stringify(rules.filter((r) => r.disabled === undefined && r.id !== 'det-cloudtrail-stop').map((r) => r.id));
  await writeFile(file, `import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ type: 'ready', ruleIds: ${ids} });\nparentPort.on('message', (m) => { if (m.type === 'start') process.exit(9); });\n`);
  await assert.rejects(runWith(pathToFileURL(file)), (e: unknown) => {
    assert.ok(e instanceof RuntimeFailure);
    assert.match(e.message, /detection worker \d loaded different rules than the main thread \(\d+ enabled, expected \d+\)/);
    return true;
  });
});

test('aborting the run stops the pool promptly and returns the counters', async () => {
  const ac = new AbortController();
  const sink = new MemorySink();
  const source = new ParallelFileSource({ paths: [dir], workers: 2, rules, waitForWorkers: true });
  let batches = 0;
  const counting = {
    name: source.name,
    prematched: true as const,
    async *batches(signal: AbortSignal) {
      for await (const b of source.batches(signal)) {
        if (++batches === 3) ac.abort();
        yield b;
      }
    },
  };
  const stats = await runDetection({ source: counting, engine: new DetectionEngine(rules), sinks: [{ sink }], logger: createMemoryLogger(), signal: ac.signal });
  assert.equal(stats.interrupted, true);
  assert.equal(stats.batches, 3);
});
