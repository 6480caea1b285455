// Local files and folders read by the worker pool. The walk (same order as FileSource) numbers the files into a
// work list (claims.ts) published to every worker; each free thread (the workers, and this one with matchHereToo
// or while the workers start) claims the next file nobody has taken, so no thread waits for another to hand it
// work. The matched batches are handed to the pipeline in walk order, so the stateful steps (threshold windows,
// dedupe, counters) see exactly the sequence the single-thread path sees; at most `perWorker` files per thread
// are published past the oldest one not handed on yet (memory stays bounded whatever order files finish in).
// Starting a worker takes about half a second (Node and the modules): until they are ready this thread claims
// files too, so a small input does not wait for them (and pays almost nothing).
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { DetectionEngine } from '../engine.ts';
import { ruleParts } from '../rules/assemble.ts';
import type { DetectionRule } from '../rules/index.ts';
import { Prefilter } from '../fast/prefilter.ts';
import type { RecordScope } from '../record.ts';
import { walk } from '../sources/files.ts';
import { claimItem, newClaimCounter, type FileItem } from './claims.ts';
import { matchItem, type FileMatcher } from './match-file.ts';
import { WorkerPool } from './pool.ts';
import type { MatchedBatch, MatchedSource } from './types.ts';

export interface ParallelFileSourceOptions {
  /** Files and folders (no stdin: `-` stays on the single-thread path). */
  paths: string[];
  workers: number;
  /** The rules (each worker gets a copy of them: ruleParts). */
  rules: DetectionRule[];
  /** Tests: leave every file to the workers (this thread claims none while they start). */
  waitForWorkers?: boolean;
  since?: Date | undefined;
  until?: Date | undefined;
  accounts?: string[] | undefined;
  regions?: string[] | undefined;
  /**
   * Files published per matching thread past the oldest one not yet handed on (what waits in memory is bounded by
   * it: matched batches, not events). Default 16: a thread never runs dry while another finishes a large file.
   */
  perWorker?: number;
  /** Tests: another worker script. */
  workerFile?: URL;
  /** The fast path (fast/): records no rule could match are counted from the raw text, not parsed. Default false. */
  fast?: boolean;
  /**
   * This thread claims files too (one in workers + 1), besides keeping the windows: on 2 cores, this thread and one
   * worker use both cores with one worker's start-up cost and memory instead of two. Default false.
   */
  matchHereToo?: boolean;
}

/** One worker per core, at most 4: beyond that the single main thread (windows, dedupe, sinks) becomes the limit. */
export function defaultWorkerCount(): number {
  return Math.min(availableParallelism(), 4);
}

const ABORTED = Symbol('aborted');

/** The longest wait for a worker's result before this thread looks again (a missed wake-up only slows it). */
const WAIT_MS = 250;

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

/** The work list: every file under the paths in walk order, and each path that does not exist in its place. */
async function* workItems(paths: string[], signal: AbortSignal): AsyncGenerator<FileItem> {
  for (const p of paths) {
    if (signal.aborted) return;
    const st = await stat(p).catch(() => undefined);
    if (!st) yield { path: p, missing: true };
    else if (st.isDirectory()) for await (const f of walk(p, undefined)) yield { path: f };
    else yield { path: p };
  }
}

/** A pool worker's batches of one item as they arrive, then done. */
interface Pending {
  batches: MatchedBatch[];
  done: boolean;
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

  #scope(): RecordScope {
    const o = this.opts;
    return { sinceMs: o.since?.getTime(), untilMs: o.until?.getTime(), accounts: o.accounts, regions: o.regions };
  }

  /** How this thread matches (its windows are never used: the stateful steps run in the pipeline). */
  #matcher(): FileMatcher {
    const scope = this.#scope();
    return { engine: new DetectionEngine(this.opts.rules), scope, prefilter: this.fast ? new Prefilter(this.opts.rules, scope) : undefined, sendText: false };
  }

  batches(signal: AbortSignal): AsyncGenerator<MatchedBatch> {
    const o = this.opts;
    // Fewer than 2 workers (and not matchHereToo): no pool, every file is matched here (the fast path's single-thread form).
    return o.workers >= 2 || this.matchHereToo ? this.#pooled(signal) : this.#oneThread(signal);
  }

  /**
   * Every file on this thread, read and gunzipped synchronously too: reading ahead on libuv's threads overlapped
   * the scan, but its callbacks and chunk copies cost more (bench: 9.8 s of CPU against 6.7 s synchronously).
   */
  async *#oneThread(signal: AbortSignal): AsyncGenerator<MatchedBatch> {
    const m = this.#matcher();
    for await (const item of workItems(this.opts.paths, signal)) {
      yield* matchItem(item, m);
      if (signal.aborted) return;
    }
  }

  async *#pooled(signal: AbortSignal): AsyncGenerator<MatchedBatch> {
    const o = this.opts;
    const counter = newClaimCounter();
    const pending = new Map<number, Pending>();
    const entry = (index: number): Pending => {
      let e = pending.get(index);
      if (e === undefined) {
        e = { batches: [], done: false };
        pending.set(index, e);
      }
      return e;
    };
    const pool = WorkerPool.spawn({
      size: o.workers,
      init: { rules: o.rules.map(ruleParts), ...this.#scope(), fast: this.fast, counter },
      ruleIds: o.rules.filter((r) => r.disabled === undefined).map((r) => r.id),
      onResult: (r) => {
        const e = entry(r.index);
        if (r.type === 'batch') e.batches.push(r.batch);
        else e.done = true;
      },
      ...(o.workerFile ? { workerFile: o.workerFile } : {}),
    });
    let ready = false;
    pool.ready.then(() => {
      ready = true;
    }, () => {});
    let here: FileMatcher | undefined;
    const items = new Map<number, FileItem>();
    const list = workItems(o.paths, signal);
    const window = (o.workers + (this.matchHereToo ? 1 : 0)) * (o.perWorker ?? 16);
    let published = 0;
    let consumed = 0;
    let listed = false;
    try {
      for (;;) {
        if (signal.aborted) return;
        if (pool.failure) throw pool.failure;
        if (!listed && published - consumed < window) {
          const fresh: FileItem[] = [];
          while (published + fresh.length - consumed < window) {
            const r = await list.next();
            if (r.done === true) {
              listed = true;
              break;
            }
            fresh.push(r.value);
          }
          for (const item of fresh) items.set(published++, item);
          pool.publish(fresh);
        }
        pool.poll();
        // Hand on the oldest items' batches, in walk order.
        let handedOn = false;
        for (let e = pending.get(consumed); e !== undefined; e = pending.get(consumed)) {
          while (e.batches.length > 0) {
            yield e.batches.shift()!;
            handedOn = true;
            if (signal.aborted) return;
          }
          if (!e.done) break;
          pending.delete(consumed);
          items.delete(consumed);
          consumed++;
          handedOn = true;
        }
        if (listed && consumed === published) return;
        if (handedOn) continue;
        // Nothing to hand on yet: match the next unclaimed file here, or wait for a worker.
        const claimHere = ready ? this.matchHereToo : o.waitForWorkers !== true;
        const index = claimHere ? claimItem(counter, published) : -1;
        if (index < 0) {
          if ((await unlessAborted(pool.nextEvent(WAIT_MS), signal)) === ABORTED) return;
          continue;
        }
        here ??= this.#matcher();
        const item = items.get(index)!;
        const e = entry(index);
        for await (const b of matchItem(item, here)) e.batches.push(b);
        e.done = true;
      }
    } finally {
      await list.return(undefined);
      await pool.close();
    }
  }
}
