// A fixed pool of detection worker threads (worker.ts) that take files from the shared work list (claims.ts):
// the pool publishes items to every worker and hands what they matched to `onResult`, from the results ports'
// message events or, without waiting for the event loop, from poll(). Any worker dying, or failing on a file,
// fails the whole pool with a RuntimeFailure (never a hang); close() terminates every worker so none keeps the
// process alive.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { RuntimeFailure } from '../../core/errors.ts';
import type { FileItem } from './claims.ts';
import type { FromWorker, ToWorker, WorkerInit, WorkerReady } from './types.ts';

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
  init: Omit<WorkerInit, 'results'>;
  /** Enabled rule ids of the main thread's rules, in order: each worker must have loaded exactly these. */
  ruleIds: string[];
  /** A worker's 'batch' and 'done' messages (a 'failed' one fails the pool). */
  onResult: (m: Exclude<FromWorker, { type: 'failed' }>) => void;
  /** Another worker script (tests use one that crashes). */
  workerFile?: URL;
}

interface Slot {
  worker: Worker;
  results: MessagePort;
  ready: Promise<void>;
}

export class WorkerPool {
  readonly size: number;
  readonly #slots: Slot[] = [];
  readonly #onResult: WorkerPoolOptions['onResult'];
  #closing = false;
  #failure: RuntimeFailure | undefined;
  #ready: Promise<void> = Promise.resolve();
  readonly #failed: Promise<never>;
  #rejectFailed: (e: Error) => void = () => {};
  /** Who waits in nextEvent(). */
  #wake: (() => void) | undefined;

  private constructor(opts: WorkerPoolOptions) {
    this.size = opts.size;
    this.#onResult = opts.onResult;
    this.#failed = new Promise<never>((_, reject) => {
      this.#rejectFailed = reject;
    });
    this.#failed.catch(() => {});
    const file = opts.workerFile ?? defaultWorkerFile;
    for (let i = 0; i < opts.size; i++) this.#slots.push(this.#spawn(file, i + 1, opts));
  }

  /**
   * Starts the workers without waiting: `ready` resolves once every worker has loaded the rules, they were found
   * to be the main thread's and the workers were told to start claiming; it rejects on the first failure.
   */
  static spawn(opts: WorkerPoolOptions): WorkerPool {
    const pool = new WorkerPool(opts);
    pool.#ready = Promise.race([Promise.all(pool.#slots.map((s) => s.ready)).then(() => pool.#start()), pool.#failed]);
    pool.#ready.catch(() => {});
    return pool;
  }

  get ready(): Promise<void> {
    return this.#ready;
  }

  get failure(): RuntimeFailure | undefined {
    return this.#failure;
  }

  /** Appends items to every worker's copy of the work list. */
  publish(items: FileItem[]): void {
    if (items.length === 0 || this.#closing) return;
    const msg: ToWorker = { type: 'items', items };
    for (const s of this.#slots) s.worker.postMessage(msg);
  }

  /** Takes every result already posted, now, without turning the event loop. */
  poll(): void {
    for (const s of this.#slots) {
      for (;;) {
        const m = receiveMessageOnPort(s.results);
        if (m === undefined) break;
        this.#receive(m.message as FromWorker, s);
      }
    }
  }

  /** Resolves at the next result, failure or readiness, or after `ms` at the latest (a missed wake-up only slows). */
  nextEvent(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const previous = this.#wake;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        previous?.();
        done();
      };
    });
  }

  /** Terminates every worker (idempotent). */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    for (const s of this.#slots) s.results.close();
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
    this.#notify();
  }

  #start(): void {
    const msg: ToWorker = { type: 'start' };
    for (const s of this.#slots) s.worker.postMessage(msg);
    this.#notify();
  }

  #notify(): void {
    const w = this.#wake;
    this.#wake = undefined;
    w?.();
  }

  #receive(m: FromWorker, s: Slot): void {
    if (this.#failure !== undefined || this.#closing) return;
    if (m.type === 'failed') {
      this.#fail(new RuntimeFailure(`detection worker ${this.#slots.indexOf(s) + 1} failed on ${m.path}: ${m.message}`));
      return;
    }
    this.#onResult(m);
    this.#notify();
  }

  #spawn(file: URL, n: number, opts: WorkerPoolOptions): Slot {
    const { port1, port2 } = new MessageChannel();
    const init: WorkerInit = { ...opts.init, results: port2 };
    const worker = new Worker(file, { workerData: init, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    let markReady: () => void = () => {};
    const slot: Slot = {
      worker,
      results: port1,
      ready: new Promise<void>((resolve) => {
        markReady = resolve;
      }),
    };
    port1.on('message', (m: FromWorker) => this.#receive(m, slot));
    worker.on('message', (m: WorkerReady) => {
      if (m.type !== 'ready') return;
      if (m.ruleIds.join('\n') !== opts.ruleIds.join('\n')) {
        this.#fail(new RuntimeFailure(`detection worker ${n} loaded different rules than the main thread (${m.ruleIds.length} enabled, expected ${opts.ruleIds.length}); were rule files changed during start-up?`));
      } else markReady();
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

  /** The first failure wins; ready and nextEvent() see it. Nothing fails once close() began. */
  #fail(e: RuntimeFailure): void {
    if (this.#closing || this.#failure !== undefined) return;
    this.#failure = e;
    this.#rejectFailed(e);
    this.#notify();
    // The pool is unusable now: stop the other workers so nothing keeps the process alive.
    void this.close();
  }
}
