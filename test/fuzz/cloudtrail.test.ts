// Fuzzing the CloudTrail input path: bytes of a log file (gzip or not, document or JSON lines) decode into a batch
// with problems named per location, records are admitted or rejected with a reason, and the built-in rules run
// over any admitted record without throwing. Parse errors never quote the log's content (it may hold secrets).
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { DetectionEngine } from '../../src/detect/engine.ts';
import { parseRecord } from '../../src/detect/record.ts';
import { loadRules } from '../../src/detect/rules/load.ts';
import type { DetectionRule } from '../../src/detect/rules/types.ts';
import { decodeBytes } from '../../src/detect/sources/decode.ts';
import { readJsonLinesStream } from '../../src/detect/sources/files.ts';
import type { RecordBatch } from '../../src/detect/sources/types.ts';
import { CANARY, leaks } from '../support/canary.ts';
import { anyJson, nearText, damagedText, fuzzParams, pathSeed, replaceAt } from '../support/fuzz.ts';

const location = 's3://fuzz-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/x.json.gz';

let rules: DetectionRule[] = [];
let sampleEvents: unknown[] = [];
before(async () => {
  rules = await loadRules({ includeBuiltin: true });
  sampleEvents = rules.flatMap((r) => r.tests.flatMap((t) => t.events));
});

function checkBatch(batch: RecordBatch, where = location): void {
  assert.equal(batch.location, where);
  assert.ok(Array.isArray(batch.records));
  if (batch.droppedCount > 0) assert.ok(batch.problems.length > 0, 'dropped input comes with its reason');
  for (const p of batch.problems) assert.ok(!leaks(p), `a problem quotes the log: ${p}`);
  for (const raw of batch.records) {
    const parsed = parseRecord(raw);
    if (!parsed.ok) assert.match(parsed.reason, /^invalid record/);
  }
}

const engineRuns = (records: unknown[]) => {
  const engine = new DetectionEngine(rules, { now: () => 0 });
  for (const raw of records) {
    const parsed = parseRecord(raw);
    if (parsed.ok) engine.process(parsed.record);
  }
};

describe('CloudTrail input under fuzzing', () => {
  it('any bytes, any JSON document, gzip or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), anyJson, async (bytes, doc) => {
        checkBatch(await decodeBytes(location, bytes));
        checkBatch(await decodeBytes(location, Buffer.concat([Buffer.from([0x1f, 0x8b]), bytes])));
        const text = JSON.stringify(doc);
        checkBatch(await decodeBytes(location, Buffer.from(text)));
        checkBatch(await decodeBytes(location, gzipSync(text)));
        checkBatch(await decodeBytes(location, Buffer.from(JSON.stringify({ Records: doc }))));
      }),
      fuzzParams,
    );
  });

  it('a log file holding a secret, damaged and truncated (also gzip): problems never quote it', async () => {
    const file = JSON.stringify({ Records: [{ eventTime: '2024-01-01T00:00:00Z', eventSource: 'x', eventName: 'y', requestParameters: { password: CANARY } }] });
    const at = file.indexOf(CANARY);
    const gz = gzipSync(file);
    await fc.assert(
      fc.asyncProperty(
        damagedText(file),
        nearText(file, at, CANARY.length),
        fc.nat({ max: gz.length }),
        async (damaged, near, cut) => {
          checkBatch(await decodeBytes(location, Buffer.from(damaged)));
          checkBatch(await decodeBytes(location, Buffer.from(near)));
          checkBatch(await decodeBytes(location, Buffer.from(`${near}\n${near}`)));
          checkBatch(await decodeBytes(location, gz.subarray(0, cut)));
        },
      ),
      fuzzParams,
    );
  });

  it('JSON lines streamed from a file or stdin, gzip or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(anyJson.map((v) => JSON.stringify(v)), fc.string({ unit: 'binary' })), { maxLength: 6 }), fc.boolean(), async (lines, gz) => {
        const text = lines.join('\n');
        const input = Readable.from([gz ? gzipSync(text) : Buffer.from(text)]);
        for await (const batch of readJsonLinesStream('stdin', input)) checkBatch(batch, 'stdin');
      }),
      { ...fuzzParams, numRuns: Math.ceil((fuzzParams.numRuns ?? 100) / 3) },
    );
  });

  it('any value as a record, and real events with one value replaced: admitted or refused, and every rule runs on them', () => {
    fc.assert(
      fc.property(anyJson, fc.nat(), pathSeed, anyJson, (raw, pick, path, v) => {
        const event = sampleEvents[pick % sampleEvents.length];
        const mutated = replaceAt(event, path, v);
        for (const r of [raw, mutated]) {
          const parsed = parseRecord(r);
          assert.ok(parsed.ok || parsed.reason.length > 0);
        }
        engineRuns([raw, mutated]);
      }),
      fuzzParams,
    );
  });
});
