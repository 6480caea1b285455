// The fast path for one whole-document log file: the gunzipped bytes are scanned (scan.ts), every record is
// counted, and only the records some rule could match (prefilter.ts) are decoded, parsed and matched the plain way
// (match-batch.ts). Bytes outside the compact shape, or not valid UTF-8, fall back to the plain path for the whole
// file, so the result is always what decodeText + matchBatch would have given.
import { isUtf8 } from 'node:buffer';
import type { DetectionEngine } from '../engine.ts';
import { emptyMatchedBatch, matchBatch, matchRecord } from '../parallel/match-batch.ts';
import type { MatchedBatch } from '../parallel/types.ts';
import type { RecordScope } from '../record.ts';
import { decodeText, problemBatch } from '../sources/decode.ts';
import { OUT_OF_SCOPE, PARSE, SKIP, type Prefilter } from './prefilter.ts';
import { scanCompactTrail } from './scan.ts';

/**
 * Matches one document's bytes. Returns undefined when they are not in the compact CloudTrail shape (the caller
 * then uses the plain path); the counters and hits are otherwise exactly matchBatch's over decodeText's batch.
 */
export function fastMatchBytes(location: string, buf: Buffer, engine: DetectionEngine, scope: RecordScope, prefilter: Prefilter, sendText = false): MatchedBatch | undefined {
  // Invalid UTF-8 is decoded with replacement characters: only then could a record's bytes decode otherwise
  // alone than within the whole text. Such a file goes the plain way (isUtf8 is native and cheap).
  if (!isUtf8(buf)) return undefined;
  const out = emptyMatchedBatch(location);
  const ok = scanCompactTrail(buf, prefilter.plan, (r, index) => {
    const d = prefilter.decide(buf, r);
    if (d === SKIP) out.records++;
    else if (d === OUT_OF_SCOPE) out.outOfRange++;
    else if (d === PARSE) {
      const text = buf.toString('utf8', r.start, r.end);
      matchRecord(out, JSON.parse(text), index, engine, scope, sendText ? text : undefined);
    }
  });
  return ok ? out : undefined;
}

/**
 * The fast path, else the plain one, for a document's bytes (gunzipped). `sendText`: the batch goes to another
 * thread, so records a threshold rule needs travel as their text (RecordHits.recordText).
 */
export function matchDocumentBytes(location: string, buf: Buffer, engine: DetectionEngine, scope: RecordScope, prefilter: Prefilter | undefined, sendText = false): MatchedBatch {
  const fast = prefilter === undefined ? undefined : fastMatchBytes(location, buf, engine, scope, prefilter, sendText);
  if (fast !== undefined) return fast;
  let text: string;
  try {
    text = buf.toString('utf8');
  } catch (e) {
    // As inflateText reports it (a text beyond V8's longest string).
    return matchBatch(problemBatch(location, `unreadable gzip: ${e instanceof Error ? e.message : String(e)}`), engine, scope);
  }
  return matchBatch(decodeText(location, text), engine, scope);
}
