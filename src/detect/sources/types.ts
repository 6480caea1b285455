// The contract between record sources (files, S3, LookupEvents) and the detection pipeline.
// Sources yield batches (one file, one S3 object, one API page), never single records: awaiting per record is too slow.

export interface RecordBatch {
  /** Where the records came from: a path, `s3://bucket/key`, `lookup-events:<region>`, `stdin`. */
  location: string;
  /** Raw records, not yet validated (record.ts does that). */
  records: unknown[];
  /** Index of `records[0]` inside its file/page, so an origin can point at the exact record. */
  startIndex: number;
  /** Problems that made (part of) the location unreadable: bad gzip, bad JSON, a malformed JSON line. */
  problems: string[];
  /** Records (or lines) the problems made us drop; a whole unreadable file counts as 1. */
  droppedCount: number;
}

export interface RecordSource {
  /** Human name for logs and stats (`files`, `s3://bucket/prefix`, `lookup-events`). */
  readonly name: string;
  /**
   * Yields batches until the input ends, or, in follow mode, until `signal` aborts.
   * Must return promptly (without throwing) when `signal` aborts.
   */
  batches(signal: AbortSignal): AsyncIterable<RecordBatch>;
}

