// Worker-thread entry: loads the same rules as the main thread, then for each file path it is sent reads,
// gunzips, parses, validates and matches the stateless rules, and posts back matched batches (see types.ts).
// Jobs are answered in the order they arrive; the next file's read + gunzip runs while one is parsed.
import { parentPort, workerData } from 'node:worker_threads';
import { DetectionEngine } from '../engine.ts';
import { loadRules } from '../rules/index.ts';
import { matchDocumentText } from '../fast/match.ts';
import { Prefilter } from '../fast/prefilter.ts';
import { isJsonLinesPath, readFileText, readJsonLinesFileBatches } from '../sources/files.ts';
import type { RecordBatch } from '../sources/types.ts';
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

/** Files whose read + gunzip has started, the one being parsed included: hides the read, bounds memory. */
const READ_AHEAD = 2;

interface Queued {
  m: ToWorker;
  text?: Promise<string | RecordBatch>;
}
/** Jobs not finished yet, in arrival order; the first is the one being processed. */
const queue: Queued[] = [];
let pumping = false;

port.on('message', (m: ToWorker) => {
  queue.push({ m });
  readAhead();
  if (!pumping) void pump();
});

function readAhead(): void {
  for (let i = 0; i < queue.length && i < READ_AHEAD; i++) {
    const q = queue[i]!;
    // JSON lines are streamed when their turn comes, not read whole.
    if (q.text !== undefined || isJsonLinesPath(q.m.path)) continue;
    q.text = readFileText(q.m.path);
    q.text.catch(() => {});
  }
}

async function pump(): Promise<void> {
  pumping = true;
  while (queue.length > 0) {
    await runJob(queue[0]!);
    queue.shift();
    readAhead();
  }
  pumping = false;
}

async function runJob(q: Queued): Promise<void> {
  const job = q.m.job;
  try {
    if (q.text === undefined) {
      for await (const b of readJsonLinesFileBatches(q.m.path)) post({ type: 'batch', job, batch: matchBatch(b, engine, range) });
    } else {
      const t = await q.text;
      post({ type: 'batch', job, batch: typeof t === 'string' ? matchDocumentText(q.m.path, t, engine, range, prefilter) : matchBatch(t, engine, range) });
    }
    post({ type: 'done', job });
  } catch (e) {
    // Unreadable files are batches with problems; reaching here is a bug, and the run stops as it would on one thread.
    post({ type: 'failed', job, message: e instanceof Error ? e.message : String(e) });
  }
}
