// The shared work list's claim counter: threads racing for items each get distinct ones, and together all of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { claimItem, newClaimCounter } from './claims.ts';

test('claims stop at what was published and go on when more is', () => {
  const c = newClaimCounter();
  assert.deepEqual([claimItem(c, 2), claimItem(c, 2), claimItem(c, 2)], [0, 1, -1]);
  assert.equal(claimItem(c, 3), 2);
  assert.equal(claimItem(c, 0), -1);
});

test('threads racing for the same items get each item exactly once', async () => {
  const counter = newClaimCounter();
  const items = 1_000_000;
  // Each thread claims with claimItem as fast as it can and reports what it got.
  const body = `
    const { workerData, parentPort } = require('node:worker_threads');
    import(workerData.module).then(({ claimItem }) => {
      // Start together: the race is the point.
      Atomics.add(workerData.gate, 0, 1);
      while (Atomics.load(workerData.gate, 0) < 3);
      const got = [];
      for (let i = claimItem(workerData.counter, workerData.items); i >= 0; i = claimItem(workerData.counter, workerData.items)) got.push(i);
      parentPort.postMessage(got);
    });`;
  const module = new URL('./claims.ts', import.meta.url).href;
  const run = () =>
    new Promise<number[]>((resolve, reject) => {
      const w = new Worker(body, { eval: true, workerData: { counter, items, module, gate } });
      w.once('message', resolve);
      w.once('error', reject);
    });
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const here: number[] = [];
  const others = Promise.all([run(), run()]);
  Atomics.add(gate, 0, 1);
  while (Atomics.load(gate, 0) < 3) await new Promise((r) => setTimeout(r, 1));
  for (let i = claimItem(counter, items); i >= 0; i = claimItem(counter, items)) here.push(i);
  const shares = [here, ...(await others)];
  // Two cores for three threads: at least two of them raced.
  assert.ok(shares.filter((s) => s.length > 0).length >= 2, `shares: ${shares.map((s) => s.length).join(', ')}`);
  const all = shares.flat().sort((a, b) => a - b);
  assert.equal(all.length, items);
  for (let i = 0; i < items; i++) if (all[i] !== i) assert.fail(`item ${i} claimed ${all[i]! < i ? 'twice' : 'never'}`);
});
