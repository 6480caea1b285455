// A fixed pool of detection worker threads (worker.ts): hands file paths to the least busy worker and
// collects each file's matched batches. Any worker dying, or failing on a file, fails the whole pool with a
// RuntimeFailure (never a hang); close() terminates every worker so none keeps the process alive.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RuntimeFailure } from '../../core/errors.ts';
import type { FromWorker, MatchedBatch, ToWorker, WorkerInit } from './types.ts';

/**
 * The worker script beside this module, with this module's extension: `.js` when running from dist/,
 * `.ts` when Node runs the sources (tests, bench).
 */
export const defaultWorkerFile: URL = new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * A worker's young generation is capped: with V8's default for worker heaps the bench peaked at ~580 MB with
 * 2 workers, with 24 MB at ~350 MB (single thread: ~330 MB) and no measurable slowdown.
 */
const WORKER_YOUNG_GENERATION_MB = 24;

export interface WorkerPoolOptions {
  size: number;
  init: WorkerInit;
  /** Enabled rule ids of the main thread's rules, in order: each worker must have loaded exactly these. */
  ruleIds: string[];
  /** Another worker script (tests use one that crashes). */
  workerFile?: URL;
}

interface Slot {
  worker: Worker;
  /** Jobs sent and not yet finished by the worker. */
  busy: number;
  ready: Promise<void>;
}

/** One file's results as they arrive; `next()` gives them in order, then undefined once the worker is done with it. */
export class PoolJob {
  readonly path: string;
  readonly #pool: WorkerPool;
  readonly #batches: MatchedBatch[] = [];
  #done = false;
  #waiter: { resolve: (b: MatchedBatch | undefined) => void; reject: (e: Error) => void } | undefined;

  constructor(path: string, pool: WorkerPool) {
    this.path = path;
    this.#pool = pool;
  }

  /** Whether next() would answer without waiting for the worker (a batch is here, the file is done, or the pool failed). */
  get settled(): boolean {
    return this.#batches.length > 0 || this.#done || this.#pool.failure !== undefined || this.#pool.closed;
  }

  next(): Promise<MatchedBatch | undefined> {
    const b = this.#batches.shift();
    if (b !== undefined) return Promise.resolve(b);
    if (this.#done) return Promise.resolve(undefined);
    const failure = this.#pool.failure ?? (this.#pool.closed ? new RuntimeFailure('the detection worker pool was closed') : undefined);
    if (failure !== undefined) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  /** @internal: the pool feeds results in. */
  push(b: MatchedBatch | undefined): void {
    if (b === undefined) this.#done = true;
    const w = this.#waiter;
    if (w === undefined) {
      if (b !== undefined) this.#batches.push(b);
      return;
    }
    this.#waiter = undefined;
    w.resolve(b);
  }

  /** @internal */
  fail(e: Error): void {
    const w = this.#waiter;
    this.#waiter = undefined;
    w?.reject(e);
  }
}

export class WorkerPool {
  readonly size: number;
  readonly #slots: Slot[] = [];
  readonly #jobs = new Map<number, { job: PoolJob; slot: Slot }>();
  #nextId = 0;
  #closing = false;
  #failure: RuntimeFailure | undefined;
  #ready: Promise<void> = Promise.resolve();
  readonly #failed: Promise<never>;
  #rejectFailed: (e: Error) => void = () => {};

  private constructor(opts: WorkerPoolOptions) {
    this.size = opts.size;
    this.#failed = new Promise<never>((_, reject) => {
      this.#rejectFailed = reject;
    });
    this.#failed.catch(() => {});
    const file = opts.workerFile ?? defaultWorkerFile;
    for (let i = 0; i < opts.size; i++) this.#slots.push(this.#spawn(file, i + 1, opts));
  }

  /** Starts the workers and waits until each has loaded the rules (and they are the main thread's). */
  static async start(opts: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = WorkerPool.spawn(opts);
    try {
      await pool.ready;
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** Starts the workers without waiting: `ready` resolves once every worker has loaded the rules, or rejects. */
  static spawn(opts: WorkerPoolOptions): WorkerPool {
    const pool = new WorkerPool(opts);
    pool.#ready = Promise.race([Promise.all(pool.#slots.map((s) => s.ready)).then(() => {}), pool.#failed]);
    pool.#ready.catch(() => {});
    return pool;
  }

  get ready(): Promise<void> {
    return this.#ready;
  }

  get failure(): RuntimeFailure | undefined {
    return this.#failure;
  }

  get closed(): boolean {
    return this.#closing;
  }

  /** Files sent to the workers and not finished yet. */
  get inFlight(): number {
    let n = 0;
    for (const s of this.#slots) n += s.busy;
    return n;
  }

  /** Sends a file to the least busy worker. */
  submit(path: string): PoolJob {
    if (this.#failure) throw this.#failure;
    let slot = this.#slots[0]!;
    for (const s of this.#slots) if (s.busy < slot.busy) slot = s;
    const id = this.#nextId++;
    const job = new PoolJob(path, this);
    this.#jobs.set(id, { job, slot });
    slot.busy++;
    const msg: ToWorker = { type: 'job', job: id, path };
    slot.worker.postMessage(msg);
    return job;
  }

  /** Terminates every worker (idempotent). Jobs still waiting are failed, not left hanging. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
    for (const { job } of this.#jobs.values()) job.fail(new RuntimeFailure('the detection worker pool was closed'));
    this.#jobs.clear();
  }

  #spawn(file: URL, n: number, opts: WorkerPoolOptions): Slot {
    const worker = new Worker(file, { workerData: opts.init, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    let markReady: () => void = () => {};
    const slot: Slot = {
      worker,
      busy: 0,
      ready: new Promise<void>((resolve) => {
        markReady = resolve;
      }),
    };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        if (m.ruleIds.join('\n') !== opts.ruleIds.join('\n')) {
          this.#fail(new RuntimeFailure(`detection worker ${n} loaded different rules than the main thread (${m.ruleIds.length} enabled, expected ${opts.ruleIds.length}); were rule files changed during start-up?`));
        } else markReady();
        return;
      }
      const entry = this.#jobs.get(m.job);
      if (m.type === 'failed') {
        this.#fail(new RuntimeFailure(`detection worker ${n} failed on ${entry?.job.path ?? `job ${m.job}`}: ${m.message}`));
        return;
      }
      if (entry === undefined) return;
      if (m.type === 'batch') entry.job.push(m.batch);
      else {
        this.#jobs.delete(m.job);
        entry.slot.busy--;
        entry.job.push(undefined);
      }
    });
    worker.on('error', (e: unknown) => {
      this.#fail(new RuntimeFailure(`detection worker ${n} crashed: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
    });
    worker.on('messageerror', (e: unknown) => {
      this.#fail(new RuntimeFailure(`detection worker ${n} sent a message that could not be read: ${e instanceof Error ? e.message : String(e)}`));
    });
    worker.on('exit', (code: number) => {
      this.#fail(new RuntimeFailure(`detection worker ${n} stopped unexpectedly (exit code ${code})`));
    });
    return slot;
  }

  /** The first failure wins; every waiting job and start() see it. Nothing fails once close() began. */
  #fail(e: RuntimeFailure): void {
    if (this.#closing || this.#failure !== undefined) return;
    this.#failure = e;
    this.#rejectFailed(e);
    for (const { job } of this.#jobs.values()) job.fail(e);
    // The pool is unusable now: stop the other workers so nothing keeps the process alive.
    void this.close();
  }
}
