// The per-record loop of the pipeline (validate → time range → rules), stateless half only, as a worker runs it.
// Mirrors runDetection's handleBatch so the counters and the malformed report come out the same.
import type { DetectionEngine } from '../engine.ts';
import { admitRecord, OUT_OF_RANGE, type RecordScope } from '../record.ts';
import { MAX_MALFORMED_REASONS } from '../run.ts';
import type { RecordBatch } from '../sources/types.ts';
import type { MatchedBatch, RecordHits } from './types.ts';

export function emptyMatchedBatch(location: string, problems: string[] = [], droppedCount = 0): MatchedBatch {
  return { location, problems, droppedCount, invalid: 0, invalidReasons: [], outOfRange: 0, records: 0, statelessMatches: 0, hits: [] };
}

/**
 * One raw record (at `index` in its file) through the gate and the stateless rules, counted into `out`. `text`: the
 * JSON text `raw` was parsed from, sent instead of the record when a threshold rule needs it (RecordHits.recordText).
 */
export function matchRecord(out: MatchedBatch, raw: unknown, index: number, engine: DetectionEngine, scope: RecordScope, text?: string): void {
  const rec = admitRecord(raw, scope);
  if (rec === OUT_OF_RANGE) {
    out.outOfRange++;
    return;
  }
  if (typeof rec === 'string') {
    out.invalid++;
    // The pipeline keeps only the first reasons per location; the rest would be cloned for nothing.
    if (out.invalidReasons.length < MAX_MALFORMED_REASONS) out.invalidReasons.push(`record ${index}: ${rec}`);
    return;
  }
  out.records++;
  const steps = engine.matchStateless(rec, { location: out.location, index });
  if (steps === undefined) return;
  let needsRecord = false;
  for (const s of steps) {
    if (s.kind === 'alert') out.statelessMatches++;
    else needsRecord = true;
  }
  // `text` (the record's JSON) stands for the record when the record is the very object parsed from it.
  const hit: RecordHits = needsRecord && text !== undefined && rec === raw ? { index, record: undefined, recordText: text, steps } : { index, record: needsRecord ? rec : undefined, steps };
  out.hits.push(hit);
}

export function matchBatch(batch: RecordBatch, engine: DetectionEngine, scope: RecordScope): MatchedBatch {
  const out = emptyMatchedBatch(batch.location, batch.problems, batch.droppedCount);
  const recs = batch.records;
  for (let i = 0; i < recs.length; i++) matchRecord(out, recs[i], batch.startIndex + i, engine, scope);
  return out;
}
