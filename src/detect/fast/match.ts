// The fast path for one whole-document log file: the raw text is scanned (scan.ts), every record is counted, and
// only the records some rule could match (prefilter.ts) are parsed and matched the plain way (match-batch.ts).
// Text outside the compact shape falls back to the plain path for the whole file, so the result is always what
// decodeText + matchBatch would have given.
import type { DetectionEngine } from '../engine.ts';
import { emptyMatchedBatch, matchBatch, matchRecord } from '../parallel/match-batch.ts';
import type { MatchedBatch } from '../parallel/types.ts';
import type { RecordScope } from '../record.ts';
import { decodeText } from '../sources/decode.ts';
import { OUT_OF_SCOPE, PARSE, SKIP, type Prefilter } from './prefilter.ts';
import { scanCompactTrail } from './scan.ts';

/**
 * Matches one document's text. Returns undefined when the text is not in the compact CloudTrail shape (the
 * caller then uses the plain path); the counters and hits are otherwise exactly matchBatch's over decodeText's batch.
 */
export function fastMatchText(location: string, text: string, engine: DetectionEngine, scope: RecordScope, prefilter: Prefilter): MatchedBatch | undefined {
  const out = emptyMatchedBatch(location);
  const ok = scanCompactTrail(text, prefilter.plan, (r, index) => {
    const d = prefilter.decide(text, r);
    if (d === SKIP) out.records++;
    else if (d === OUT_OF_SCOPE) out.outOfRange++;
    else if (d === PARSE) matchRecord(out, JSON.parse(text.slice(r.start, r.end)), index, engine, scope);
  });
  return ok ? out : undefined;
}

/** The fast path, else the plain one, for a document's text. */
export function matchDocumentText(location: string, text: string, engine: DetectionEngine, scope: RecordScope, prefilter: Prefilter | undefined): MatchedBatch {
  const fast = prefilter === undefined ? undefined : fastMatchText(location, text, engine, scope, prefilter);
  return fast ?? matchBatch(decodeText(location, text), engine, scope);
}
