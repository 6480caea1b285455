// Local files and folders read by the worker pool: the walk (same order as FileSource) runs here, each file
// goes to a worker, and the matched batches are handed to the pipeline in walk order, so the stateful steps
// (threshold windows, dedupe, counters) see exactly the sequence the single-thread path sees. Files finish
// out of order in the workers; at most `perWorker` files per worker are outstanding (memory stays bounded).
// Starting the workers takes about a second (each loads the rules): until they are ready, files are matched
// here on the main thread the same way, so a small input does not wait for them (and pays almost nothing).
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { DetectionEngine } from '../engine.ts';
import type { DetectionRule, LoadRulesOptions } from '../rules/index.ts';
import { matchDocumentBytes } from '../fast/match.ts';
import { Prefilter } from '../fast/prefilter.ts';
import { isJsonLinesPath, readFileBatch, readFileBytes, readFileBytesSync, readJsonLinesFileBatches, walk } from '../sources/files.ts';
import { mapOrdered } from '../sources/concurrency.ts';
import type { RecordBatch } from '../sources/types.ts';
import { matchBatch } from './match-batch.ts';
import { PoolJob, WorkerPool } from './pool.ts';
import type { MatchedBatch, MatchedSource } from './types.ts';

export interface ParallelFileSourceOptions {
  /** Files and folders (no stdin: `-` stays on the single-thread path). */
  paths: string[];
  workers: number;
  /** The main thread's rules, and how each worker loads the same ones (rules hold functions: they cannot be sent). */
  rules: DetectionRule[];
  ruleOptions: LoadRulesOptions;
  /** Tests: send every file to the workers, even before they are ready. */
  waitForWorkers?: boolean;
  since?: Date | undefined;
  until?: Date | undefined;
  accounts?: string[] | undefined;
  regions?: string[] | undefined;
  /** Files sent to a worker and not yet consumed; 4 keeps a worker busy while bounding what waits in memory. */
  perWorker?: number;
  /** Tests: another worker script. */
  workerFile?: URL;
  /** The fast path (fast/): records no rule could match are counted from the raw text, not parsed. Default false. */
  fast?: boolean;
  /**
   * This thread matches files too (one in workers + 1), besides keeping the windows: on 2 cores, this thread and one
   * worker use both cores with one worker's start-up cost and memory instead of two. Default false.
   */
  matchHereToo?: boolean;
}

/**
 * A file matched on this thread, in the pool's queue. Its batches are yielded when its turn comes; a document
 * read by the fast path can be matched ahead of that (prepare), while this thread would otherwise wait for a
 * worker's file at the head of the queue.
 */
class LocalJob {
  readonly path: string;
  readonly #read: () => Promise<Buffer | RecordBatch | undefined>;
  readonly #match: (path: string, t: Buffer | RecordBatch | undefined) => AsyncGenerator<MatchedBatch>;
  readonly #matchNow: ((path: string) => MatchedBatch) | undefined;
  #prepared: MatchedBatch | undefined;
  #batches: AsyncGenerator<MatchedBatch> | undefined;

  /** `read` starts the read now (read ahead); `matchNow`, when given, reads and matches the file synchronously. */
  constructor(path: string, read: Promise<Buffer | RecordBatch | undefined> | undefined, match: (path: string, t: Buffer | RecordBatch | undefined) => AsyncGenerator<MatchedBatch>, matchNow?: (path: string) => MatchedBatch) {
    this.path = path;
    if (read !== undefined) {
      read.catch(() => {});
      this.#read = () => read;
    } else this.#read = async () => undefined;
    this.#match = match;
    this.#matchNow = matchNow;
  }

  /** Can be matched ahead, and was not yet. */
  get preparable(): boolean {
    return this.#matchNow !== undefined && this.#prepared === undefined && this.#batches === undefined;
  }

  prepare(): void {
    if (this.preparable) this.#prepared = this.#matchNow!(this.path);
  }

  async next(): Promise<MatchedBatch | undefined> {
    if (this.#matchNow !== undefined) {
      this.prepare();
      const b = this.#prepared;
      this.#prepared = undefined;
      this.#batches ??= (async function* () {})();
      return b;
    }
    this.#batches ??= this.#match(this.path, await this.#read());
    const r = await this.#batches.next();
    return r.done === true ? undefined : r.value;
  }
}

/** One worker per core, at most 4: beyond that the single main thread (windows, dedupe, sinks) becomes the limit. */
export function defaultWorkerCount(): number {
  return Math.min(availableParallelism(), 4);
}

const ABORTED = Symbol('aborted');

/** Without a pool: files whose read + gunzip runs ahead of the one being matched. */
const READ_AHEAD = 3;

/** Resolves to ABORTED as soon as `signal` aborts, so a pending worker result never delays Ctrl-C. */
function unlessAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

async function* one(p: string): AsyncGenerator<string> {
  yield p;
}

function problem(location: string, reason: string): MatchedBatch {
  return { location, problems: [reason], droppedCount: 1, invalid: 0, invalidReasons: [], outOfRange: 0, records: 0, statelessMatches: 0, hits: [] };
}

export class ParallelFileSource implements MatchedSource {
  readonly name = 'files';
  readonly prematched = true;
  private readonly opts: ParallelFileSourceOptions;
  constructor(opts: ParallelFileSourceOptions) {
    this.opts = opts;
  }

  get workers(): number {
    return this.opts.workers;
  }

  get fast(): boolean {
    return this.opts.fast === true;
  }

  get matchHereToo(): boolean {
    return this.opts.matchHereToo === true && this.opts.workers >= 1;
  }

  async *batches(signal: AbortSignal): AsyncGenerator<MatchedBatch> {
    const o = this.opts;
    const range = { sinceMs: o.since?.getTime(), untilMs: o.until?.getTime(), accounts: o.accounts, regions: o.regions };
    // Fewer than 2 workers (and not matchHereToo): no pool, every file is matched here (the fast path's single-thread form).
    const pool = o.workers >= 2 || (o.matchHereToo === true && o.workers >= 1) ? WorkerPool.spawn({
      size: o.workers,
      init: { rules: o.ruleOptions, ...range, fast: o.fast === true },
      ruleIds: o.rules.filter((r) => r.disabled === undefined).map((r) => r.id),
      ...(o.workerFile ? { workerFile: o.workerFile } : {}),
    }) : undefined;
    let ready = false;
    pool?.ready.then(() => {
      ready = true;
    }, () => {});
    // Stateless matching on this thread until the workers are ready (its windows are never used).
    let local: DetectionEngine | undefined;
    let prefilter: Prefilter | undefined;
    /** Matches a file read here: `t` is its text (fast), its batch (plain), or undefined for JSON lines (streamed now). */
    const matchRead = async function* (path: string, t: Buffer | RecordBatch | undefined): AsyncGenerator<MatchedBatch> {
      local ??= new DetectionEngine(o.rules);
      const engine = local;
      if (t === undefined) for await (const b of readJsonLinesFileBatches(path)) yield matchBatch(b, engine, range);
      else if (Buffer.isBuffer(t)) {
        prefilter ??= new Prefilter(o.rules, range);
        yield matchDocumentBytes(path, t, engine, range, prefilter);
      } else yield matchBatch(t, engine, range);
    };
    // Beside workers, this thread reads and gunzips its own files synchronously, as the workers do: the libuv
    // threads would only compete with the workers for the cores, and the callbacks cost more than the reads.
    const readHere = async (path: string): Promise<Buffer | RecordBatch | undefined> => (isJsonLinesPath(path) ? undefined : o.fast === true ? readFileBytesSync(path) : readFileBatch(path));
    const matchHere = async function* (path: string): AsyncGenerator<MatchedBatch> {
      yield* matchRead(path, await readHere(path));
    };
    /** A document on the fast path, read and matched here synchronously (a LocalJob matched ahead of its turn). */
    const matchNow = (path: string): MatchedBatch => {
      local ??= new DetectionEngine(o.rules);
      prefilter ??= new Prefilter(o.rules, range);
      const t = readFileBytesSync(path);
      return Buffer.isBuffer(t) ? matchDocumentBytes(path, t, local, range, prefilter) : matchBatch(t, local, range);
    };
    const perWorker = o.perWorker ?? 4;
    const limit = (o.workers + (o.matchHereToo === true ? 1 : 0)) * perWorker;
    const queue: Array<PoolJob | LocalJob> = [];
    // Yields the oldest job's batches until it is done; false when the run was aborted meanwhile. While a worker's
    // file at the head is not ready, this thread matches its own next file instead of waiting.
    const drainHead = async function* (): AsyncGenerator<MatchedBatch, boolean> {
      const head = queue[0];
      if (head === undefined) return true;
      for (;;) {
        if (head instanceof PoolJob && !head.settled) {
          const own = queue.find((j): j is LocalJob => j instanceof LocalJob && j.preparable);
          if (own !== undefined) {
            own.prepare();
            continue;
          }
        }
        const b = await unlessAborted(head.next(), signal);
        if (b === ABORTED) return false;
        if (b === undefined) break;
        yield b;
      }
      queue.shift();
      return true;
    };
    try {
      for (const p of o.paths) {
        if (signal.aborted) return;
        const st = await stat(p).catch(() => undefined);
        if (!st) {
          // In order with the files before it, as FileSource reports it.
          while (queue.length > 0) if (!(yield* drainHead())) return;
          yield problem(p, 'no such file or folder');
          continue;
        }
        if (pool === undefined) {
          // No pool: the next files' read + gunzip (libuv threads) overlap the scan of this one.
          const read = async (f: string) => ({ f, t: isJsonLinesPath(f) ? undefined : o.fast === true ? await readFileBytes(f) : await readFileBatch(f) });
          for await (const { f, t } of mapOrdered(st.isDirectory() ? walk(p, undefined) : one(p), READ_AHEAD, read)) {
            yield* matchRead(f, t);
            if (signal.aborted) return;
          }
          continue;
        }
        for await (const f of st.isDirectory() ? walk(p, undefined) : one(p)) {
          if (!ready && o.waitForWorkers !== true) {
            if (pool?.failure) throw pool.failure;
            yield* matchHere(f);
            if (signal.aborted) return;
            continue;
          }
          if (!ready) {
            const r = await unlessAborted(pool.ready, signal);
            if (r === ABORTED) return;
            ready = true;
          }
          while (queue.length >= limit) if (!(yield* drainHead())) return;
          // matchHereToo: a file the workers have no room for is this thread's (matched ahead while it waits for
          // theirs), so the share of each adapts to how fast each goes.
          if (o.matchHereToo === true && pool.inFlight >= o.workers * perWorker) {
            const document = !isJsonLinesPath(f);
            queue.push(o.fast === true && document ? new LocalJob(f, undefined, matchRead, matchNow) : new LocalJob(f, readHere(f), matchRead));
          } else queue.push(pool.submit(f));
        }
      }
      while (queue.length > 0) if (!(yield* drainHead())) return;
    } finally {
      await pool?.close();
    }
  }
}
