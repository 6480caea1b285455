import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { FileSource } from './files.ts';
import { ctEvent, gzLogFile, stopLogging, trailKey } from './fixtures.ts';
import type { RecordBatch } from './types.ts';

async function collect(src: FileSource, signal = new AbortController().signal): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const b of src.batches(signal)) out.push(b);
  return out;
}

async function put(root: string, rel: string, data: string | Buffer): Promise<string> {
  const p = join(root, rel);
  await mkdir(dirname(p), { recursive: true });
  await writeFile(p, data);
  return p;
}

test('reads a CloudTrail-layout folder: .json.gz, plain .json, .jsonl; counts a malformed file and carries on', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'rampart-files-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const day = new Date('2026-11-20T08:15:00Z');
  await put(root, trailKey('111122223333', 'us-east-1', day, 'a1'), gzLogFile([ctEvent(), stopLogging()]));
  await put(root, trailKey('111122223333', 'eu-west-1', day, 'b2'), gzLogFile([ctEvent()]));
  await put(root, trailKey('111122223333', 'eu-west-1', day, 'bad'), Buffer.from('this is not gzip'));
  await put(root, 'extra/plain.json', JSON.stringify({ Records: [ctEvent(), ctEvent()] }));
  await put(root, 'extra/lines.jsonl', `${JSON.stringify(ctEvent())}\n{not json\n\n${JSON.stringify(ctEvent())}\n`);
  await put(root, 'extra/README.txt', 'ignored');
  // Digest files hold hashes, not events.
  await put(root, 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/20/d.json.gz', gzipSync('{"digestStartTime":"x"}'));

  const batches = await collect(new FileSource({ paths: [root] }));
  const records = batches.flatMap((b) => b.records);
  assert.equal(records.length, 7);
  assert.ok(records.some((r) => (r as { eventName?: string }).eventName === 'StopLogging'));
  const problems = batches.filter((b) => b.problems.length > 0);
  assert.equal(problems.length, 2, 'the bad gzip and the bad JSON line');
  const gz = problems.find((b) => b.location.endsWith('bad.json.gz'));
  assert.match(gz?.problems[0] ?? '', /malformed JSON|unreadable gzip/);
  const jl = problems.find((b) => b.location.endsWith('lines.jsonl'));
  assert.match(jl?.problems[0] ?? '', /^line 2: malformed JSON/);
  assert.equal(jl?.droppedCount, 1);
  assert.ok(!batches.some((b) => b.location.includes('CloudTrail-Digest')));
  // The walk is sorted, so the CloudTrail day folders come out in order and eu-west-1 precedes us-east-1.
  const gzOrder = batches.map((b) => b.location).filter((l) => l.includes('/CloudTrail/'));
  assert.deepEqual(gzOrder, [...gzOrder].sort());
});

test('a truncated gzip file is reported as unreadable, not thrown', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'rampart-files-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const full = gzLogFile([ctEvent(), ctEvent()]);
  await put(root, 'x.json.gz', full.subarray(0, full.length - 10));
  const batches = await collect(new FileSource({ paths: [root] }));
  assert.equal(batches.length, 1);
  assert.match(batches[0]!.problems[0]!, /unreadable gzip/);
  assert.equal(batches[0]!.records.length, 0);
});

test('malformed JSON never echoes the offending text (it may be a secret)', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'rampart-files-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await put(root, 'x.json', 'sekrit-value-123');
  const [b] = await collect(new FileSource({ paths: [root] }));
  assert.match(b!.problems[0]!, /malformed JSON/);
  assert.doesNotMatch(b!.problems[0]!, /sekrit/);
});

test('stdin: JSON lines, gzip-compressed JSON lines, and a pretty-printed CloudTrail document', async () => {
  const lines = `${JSON.stringify(ctEvent())}\n${JSON.stringify(stopLogging())}\n`;
  const a = await collect(new FileSource({ paths: ['-'], stdin: Readable.from([Buffer.from(lines)]) }));
  assert.equal(a.flatMap((b) => b.records).length, 2);
  assert.equal(a[0]!.location, 'stdin');

  const gz = await collect(new FileSource({ paths: ['-'], stdin: Readable.from([gzipSync(lines)]) }));
  assert.equal(gz.flatMap((b) => b.records).length, 2);

  const pretty = JSON.stringify({ Records: [ctEvent(), ctEvent(), ctEvent()] }, null, 2);
  const doc = await collect(new FileSource({ paths: ['-'], stdin: Readable.from([Buffer.from(pretty)]) }));
  assert.equal(doc.flatMap((b) => b.records).length, 3);
});

test('JSON lines are handed on in bounded batches with the right start index', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'rampart-files-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const body = Array.from({ length: 2500 }, () => JSON.stringify(ctEvent())).join('\n');
  await put(root, 'big.jsonl.gz', gzipSync(body));
  const batches = await collect(new FileSource({ paths: [join(root, 'big.jsonl.gz')] }));
  assert.deepEqual(batches.map((b) => [b.startIndex, b.records.length]), [[0, 1000], [1000, 1000], [2000, 500]]);
});

test('a missing path is reported as a problem', async () => {
  const batches = await collect(new FileSource({ paths: ['/nonexistent/rampart/x'] }));
  assert.equal(batches.length, 1);
  assert.match(batches[0]!.problems[0]!, /no such file/);
});

test('follow mode picks up a new file once its size is stable, and stops on abort', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'rampart-files-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await put(root, 'a.json', JSON.stringify({ Records: [ctEvent()] }));
  const ac = new AbortController();
  const src = new FileSource({ paths: [root], follow: true, pollIntervalMs: 20 });
  const seen: string[] = [];
  const done = (async () => {
    for await (const b of src.batches(ac.signal)) {
      seen.push(b.location);
      if (seen.length === 1) await put(root, 'b.json', JSON.stringify({ Records: [stopLogging()] }));
      if (seen.length === 2) ac.abort();
    }
  })();
  const timeout = setTimeout(() => ac.abort(), 3000);
  await done;
  clearTimeout(timeout);
  assert.deepEqual(seen.map((s) => s.slice(root.length + 1)), ['a.json', 'b.json']);
});
