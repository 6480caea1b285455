// Worker-thread entry: builds the main thread's rules from their parts (no YAML to read or parse), says which it
// has, and once the main thread has checked them ('start'), claims files from the shared work list (claims.ts) one at a time: reads, gunzips,
// scans or parses, validates and matches the stateless rules, and posts back matched batches on the results
// port (see types.ts): counters and the few records that raised something, never the file's events.
import { parentPort, workerData } from 'node:worker_threads';
import { DetectionEngine } from '../engine.ts';
import { assembleRule } from '../rules/assemble.ts';
import { Prefilter } from '../fast/prefilter.ts';
import { claimItem, type FileItem } from './claims.ts';
import { matchItem, type FileMatcher } from './match-file.ts';
import type { FromWorker, ToWorker, WorkerInit } from './types.ts';

const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');
const init = workerData as WorkerInit;
const rules = init.rules.map(assembleRule);
const scope = { sinceMs: init.sinceMs, untilMs: init.untilMs, accounts: init.accounts, regions: init.regions };
const matcher: FileMatcher = { engine: new DetectionEngine(rules), scope, prefilter: init.fast === true ? new Prefilter(rules, scope) : undefined, sendText: true };
const results = init.results;
const post = (m: FromWorker) => results.postMessage(m);

/** The work list as published so far (consumed entries are cleared). */
const items: Array<FileItem | undefined> = [];
let started = false;
let running = false;

port.on('message', (m: ToWorker) => {
  if (m.type === 'items') items.push(...m.items);
  else started = true;
  if (started && !running) void work();
});
port.postMessage({ type: 'ready', ruleIds: rules.filter((r) => r.disabled === undefined).map((r) => r.id) });

/** Claims and matches items until none is left unclaimed; the next 'items' message starts it again. */
async function work(): Promise<void> {
  running = true;
  try {
    for (;;) {
      const index = claimItem(init.counter, items.length);
      if (index < 0) return;
      const item = items[index]!;
      items[index] = undefined;
      try {
        for await (const batch of matchItem(item, matcher)) post({ type: 'batch', index, batch });
        post({ type: 'done', index });
      } catch (e) {
        // Unreadable files are batches with problems; reaching here is a bug, and the run stops as it would on one thread.
        post({ type: 'failed', index, path: item.path, message: e instanceof Error ? e.message : String(e) });
        return;
      }
    }
  } finally {
    running = false;
  }
}
