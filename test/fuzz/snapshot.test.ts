// Fuzzing the snapshot file reader: a damaged, truncated, hand-edited or hostile snapshot gives an InputFileError
// naming the file (exit 2), never a crash.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InputFileError } from '../../src/core/errors.ts';
import { demoSnapshot } from '../../src/demo/organization.ts';
import { parseSnapshot } from '../../src/inventory/snapshot-file.ts';
import type { Snapshot } from '../../src/inventory/snapshot.ts';
import { evaluateSnapshot } from '../../src/scan.ts';
import { anyJson, damagedText, sameKind, transformAt, fuzzParams, parsesOrFailsTyped, pathSeed, replaceAt } from '../support/fuzz.ts';

const file = 'fuzz/snap.json.gz';
const demo = JSON.parse(JSON.stringify(demoSnapshot())) as unknown;
const demoText = JSON.stringify(demo);
const params = { ...fuzzParams, numRuns: Math.ceil((fuzzParams.numRuns ?? 100) / 3) };

function parsesOrTyped(bytes: Buffer): Snapshot | undefined {
  const snap = parsesOrFailsTyped(() => parseSnapshot(bytes, file), InputFileError, file);
  if (snap) assert.ok(Array.isArray(snap.accounts));
  return snap;
}

describe('parseSnapshot under fuzzing', () => {
  it('any JSON document, plain and gzip', () => {
    fc.assert(
      fc.property(anyJson, (v) => {
        const text = JSON.stringify(v);
        parsesOrTyped(Buffer.from(text));
        parsesOrTyped(gzipSync(text));
      }),
      fuzzParams,
    );
  });

  it('the demo snapshot with one value replaced anywhere; what parses also evaluates without a crash', () => {
    fc.assert(
      fc.property(pathSeed, anyJson, (path, v) => {
        const snap = parsesOrTyped(Buffer.from(JSON.stringify(replaceAt(demo, path, v))));
        // a snapshot the schema admits is one the checks must cope with (a check that throws aborts the whole scan)
        if (snap) evaluateSnapshot(snap);
      }),
      params,
    );
  });

  it('the demo snapshot with one value changed but of the same kind (mostly schema-valid) still evaluates', () => {
    fc.assert(
      fc.property(fc.array(pathSeed, { minLength: 1, maxLength: 4 }), sameKind, (paths, change) => {
        const doc = paths.reduce((d, path) => transformAt(d, path, change), demo);
        const snap = parsesOrTyped(Buffer.from(JSON.stringify(doc)));
        if (snap) evaluateSnapshot(snap);
      }),
      params,
    );
  });

  it('truncated or spliced text, and truncated or corrupted gzip', () => {
    const gz = gzipSync(demoText);
    fc.assert(
      fc.property(damagedText(demoText), fc.nat({ max: gz.length }), fc.uint8Array({ maxLength: 64 }), (text, cut, noise) => {
        parsesOrTyped(Buffer.from(text));
        parsesOrTyped(gz.subarray(0, cut));
        parsesOrTyped(Buffer.concat([Buffer.from([0x1f, 0x8b]), noise]));
        parsesOrTyped(Buffer.from(noise));
      }),
      params,
    );
  });

  it('deep nesting inside a field is refused, not a stack overflow', () => {
    // written as text: JSON.stringify itself overflows on such a value
    parsesOrTyped(Buffer.from(`{"kind":"rampart.snapshot","schemaVersion":1,"accounts":[${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}]}`));
    parsesOrTyped(Buffer.from(`{"kind":"rampart.snapshot","schemaVersion":1,"accounts":${'['.repeat(20_000)}${']'.repeat(20_000)}}`));
  });
});
