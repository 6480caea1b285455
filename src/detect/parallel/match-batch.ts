// The per-record loop of the pipeline (validate → time range → rules), stateless half only, as a worker runs it.
// Mirrors runDetection's handleBatch so the counters and the malformed report come out the same.
import type { DetectionEngine } from '../engine.ts';
import { admitRecord, OUT_OF_RANGE, type RecordScope } from '../record.ts';
import { MAX_MALFORMED_REASONS } from '../run.ts';
import type { RecordBatch } from '../sources/types.ts';
import type { MatchedBatch, RecordHits } from './types.ts';

export function matchBatch(batch: RecordBatch, engine: DetectionEngine, scope: RecordScope): MatchedBatch {
  const out: MatchedBatch = {
    location: batch.location,
    problems: batch.problems,
    droppedCount: batch.droppedCount,
    invalid: 0,
    invalidReasons: [],
    outOfRange: 0,
    records: 0,
    statelessMatches: 0,
    hits: [],
  };
  const recs = batch.records;
  for (let i = 0; i < recs.length; i++) {
    const rec = admitRecord(recs[i], scope);
    if (rec === OUT_OF_RANGE) {
      out.outOfRange++;
      continue;
    }
    if (typeof rec === 'string') {
      out.invalid++;
      // The pipeline keeps only the first reasons per location; the rest would be cloned for nothing.
      if (out.invalidReasons.length < MAX_MALFORMED_REASONS) out.invalidReasons.push(`record ${batch.startIndex + i}: ${rec}`);
      continue;
    }
    out.records++;
    const index = batch.startIndex + i;
    const steps = engine.matchStateless(rec, { location: batch.location, index });
    if (steps === undefined) continue;
    let needsRecord = false;
    for (const s of steps) {
      if (s.kind === 'alert') out.statelessMatches++;
      else needsRecord = true;
    }
    const hit: RecordHits = { index, record: needsRecord ? rec : undefined, steps };
    out.hits.push(hit);
  }
  return out;
}
