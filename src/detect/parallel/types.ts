// What worker threads send back and how the main thread talks to them (plain data: structured clone only).
// A worker reads, parses, validates and matches one file; the main thread keeps everything stateful.
import type { MatchStep } from '../engine.ts';
import type { RuleParts } from '../rules/assemble.ts';
import type { MessagePort } from 'node:worker_threads';
import type { CloudTrailRecord } from '../types.ts';
import type { FileItem } from './claims.ts';

/** One record that raised something, with its steps in the order the single-thread engine would take them. */
export interface RecordHits {
  /** Index of the record inside its file (for the alert origin). */
  index: number;
  /** The record itself, only when a threshold rule matched it (the main thread's windows need it). */
  record: CloudTrailRecord | undefined;
  /**
   * Instead of `record`, its JSON text, when the worker has it (the fast path): a string crosses threads as a copy
   * of its bytes, an object by a structured clone of every value, which cost the bench's workers more than scanning.
   */
  recordText?: string;
  steps: MatchStep[];
}

/** A batch already validated, time-filtered and matched by the stateless rules; the counters the pipeline keeps. */
export interface MatchedBatch {
  location: string;
  /** As RecordBatch: file-level problems and the records/lines they made us drop. */
  problems: string[];
  droppedCount: number;
  /** Records that failed validation, and the first reasons (the pipeline keeps no more per location). */
  invalid: number;
  invalidReasons: string[];
  /** Valid records outside --since/--until. */
  outOfRange: number;
  /** Records run through the rules. */
  records: number;
  /** Stateless-rule matches (= alerts); threshold matches are counted where the windows are kept. */
  statelessMatches: number;
  hits: RecordHits[];
}

/** A source whose batches come already matched (the worker pool); runDetection then applies only the stateful steps. */
export interface MatchedSource {
  readonly name: string;
  readonly prematched: true;
  /** Same contract as RecordSource.batches: returns promptly, without throwing, when `signal` aborts. */
  batches(signal: AbortSignal): AsyncIterable<MatchedBatch>;
}

/** workerData: the main thread's rules as plain data (rule objects hold functions and cannot be sent) and the scope. */
export interface WorkerInit {
  rules: RuleParts[];
  sinceMs?: number | undefined;
  untilMs?: number | undefined;
  accounts?: readonly string[] | undefined;
  regions?: readonly string[] | undefined;
  /** Scan the raw text and parse only the records a rule could match (fast/); false = parse every record. */
  fast?: boolean;
  /** The work list's claim counter (claims.ts), shared by every thread. */
  counter: Int32Array;
  /** Where the worker posts what it matched (FromWorker 'batch', 'done', 'failed'); the main thread can poll it. */
  results: MessagePort;
}

/** Main thread → worker, on the worker's own port: more of the work list, and leave to claim from it. */
export type ToWorker = { type: 'items'; items: FileItem[] } | { type: 'start' };

/** Worker → main thread, on the worker's own port, once: the rules it loaded (the main thread compares them). */
export type WorkerReady = { type: 'ready'; ruleIds: string[] };

/** Worker → main thread, on the results port. */
export type FromWorker =
  | { type: 'batch'; index: number; batch: MatchedBatch }
  /** After the item's last batch (a JSON-lines file may have several, an empty one none). */
  | { type: 'done'; index: number }
  | { type: 'failed'; index: number; path: string; message: string };
