// One work-list item through the stateless half of the pipeline, the same way on every thread (main or worker):
// a whole-document file is read and gunzipped synchronously (the thread has nothing else to do meanwhile, and
// the asynchronous forms cost callbacks and chunk copies), then scanned (fast path) or parsed, validated and
// matched; a JSON-lines file is streamed in batches.
import type { DetectionEngine } from '../engine.ts';
import { matchDocumentBytes } from '../fast/match.ts';
import type { Prefilter } from '../fast/prefilter.ts';
import type { RecordScope } from '../record.ts';
import { isJsonLinesPath, readFileBytesSync, readJsonLinesFileBatches } from '../sources/files.ts';
import type { FileItem } from './claims.ts';
import { emptyMatchedBatch, matchBatch } from './match-batch.ts';
import type { MatchedBatch } from './types.ts';

export interface FileMatcher {
  engine: DetectionEngine;
  scope: RecordScope;
  /** The fast path's prefilter; undefined = parse every record. */
  prefilter: Prefilter | undefined;
  /** The batches go to another thread: records a threshold rule needs travel as their text (RecordHits.recordText). */
  sendText: boolean;
}

/** A missing path or a whole-document file, matched synchronously. */
function matchDocument(item: FileItem, m: FileMatcher): MatchedBatch {
  // As FileSource reports a path that does not exist.
  if (item.missing === true) return emptyMatchedBatch(item.path, ['no such file or folder'], 1);
  const t = readFileBytesSync(item.path);
  return Buffer.isBuffer(t) ? matchDocumentBytes(item.path, t, m.engine, m.scope, m.prefilter, m.sendText) : matchBatch(t, m.engine, m.scope);
}

/** Every batch of one item, in order. */
export async function* matchItem(item: FileItem, m: FileMatcher): AsyncGenerator<MatchedBatch> {
  if (item.missing === true || !isJsonLinesPath(item.path)) {
    yield matchDocument(item, m);
    return;
  }
  for await (const b of readJsonLinesFileBatches(item.path)) yield matchBatch(b, m.engine, m.scope);
}
