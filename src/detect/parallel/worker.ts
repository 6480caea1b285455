// Worker-thread entry: loads the same rules as the main thread (once), then for each file path it is sent reads,
// gunzips, scans or parses, validates and matches the stateless rules, and posts back matched batches (see
// types.ts): counters and the few records that raised something, never the file's events.
// Jobs are answered in the order they arrive. A whole-document file is read and gunzipped synchronously: this
// thread has nothing else to do meanwhile, and the asynchronous forms cost callbacks and chunk copies (on 2 cores
// the libuv threads would only compete with the other detection thread).
import { parentPort, workerData } from 'node:worker_threads';
import { DetectionEngine } from '../engine.ts';
import { loadRules } from '../rules/index.ts';
import { matchDocumentBytes } from '../fast/match.ts';
import { Prefilter } from '../fast/prefilter.ts';
import { isJsonLinesPath, readFileBytesSync, readJsonLinesFileBatches } from '../sources/files.ts';
import { matchBatch } from './match-batch.ts';
import type { FromWorker, ToWorker, WorkerInit } from './types.ts';

const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');
const init = workerData as WorkerInit;
const rules = await loadRules(init.rules);
const engine = new DetectionEngine(rules);
const range = { sinceMs: init.sinceMs, untilMs: init.untilMs, accounts: init.accounts, regions: init.regions };
const prefilter = init.fast === true ? new Prefilter(rules, range) : undefined;
const post = (m: FromWorker) => port.postMessage(m);
post({ type: 'ready', ruleIds: rules.filter((r) => r.disabled === undefined).map((r) => r.id) });

/** Jobs not finished yet, in arrival order; the first is the one being processed. */
const queue: ToWorker[] = [];
let pumping = false;

port.on('message', (m: ToWorker) => {
  queue.push(m);
  if (!pumping) void pump();
});

async function pump(): Promise<void> {
  pumping = true;
  while (queue.length > 0) {
    await runJob(queue[0]!);
    queue.shift();
    // Let the messages that arrived meanwhile in (new jobs), so the queue never runs dry while some wait.
    await new Promise((resolve) => setImmediate(resolve));
  }
  pumping = false;
}

async function runJob(m: ToWorker): Promise<void> {
  const job = m.job;
  try {
    if (isJsonLinesPath(m.path)) {
      // JSON lines are streamed, not read whole.
      for await (const b of readJsonLinesFileBatches(m.path)) post({ type: 'batch', job, batch: matchBatch(b, engine, range) });
    } else {
      const t = readFileBytesSync(m.path);
      post({ type: 'batch', job, batch: Buffer.isBuffer(t) ? matchDocumentBytes(m.path, t, engine, range, prefilter, true) : matchBatch(t, engine, range) });
    }
    post({ type: 'done', job });
  } catch (e) {
    // Unreadable files are batches with problems; reaching here is a bug, and the run stops as it would on one thread.
    post({ type: 'failed', job, message: e instanceof Error ? e.message : String(e) });
  }
}
