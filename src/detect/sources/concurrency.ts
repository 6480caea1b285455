// Small async helpers the sources share: ordered bounded-concurrency mapping, abortable sleep, and a pacing gate.

/**
 * Maps `items` through `fn` with at most `limit` calls in flight, yielding results in input order.
 * Used to prefetch files/objects while the pipeline is busy with the previous one.
 */
export async function* mapOrdered<T, R>(items: AsyncIterable<T> | Iterable<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const inFlight: Array<Promise<R>> = [];
  const it = (Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : toAsync(items)) as AsyncIterator<T>;
  let done = false;
  try {
    for (;;) {
      while (!done && inFlight.length < limit) {
        const next = await it.next();
        if (next.done) done = true;
        else {
          const p = fn(next.value);
          // Rejections are observed when the promise is awaited below; this stops an "unhandled" warning meanwhile.
          p.catch(() => {});
          inFlight.push(p);
        }
      }
      const head = inFlight.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    if (!done) await it.return?.();
  }
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Spaces calls at least `intervalMs` apart (e.g. 500 ms for an API limited to 2 calls per second).
 * One gate per rate-limit scope (LookupEvents: one per Region).
 */
export class PacingGate {
  private nextAt = 0;
  private readonly intervalMs: number;
  private readonly now: () => number;
  constructor(intervalMs: number, now: () => number = Date.now) {
    this.intervalMs = intervalMs;
    this.now = now;
  }
  async wait(signal?: AbortSignal): Promise<void> {
    const t = this.now();
    const at = Math.max(t, this.nextAt);
    this.nextAt = at + this.intervalMs;
    if (at > t) await sleep(at - t, signal);
  }
}

/**
 * Merges async iterables, yielding whichever has a value first. Used to read several Regions at once,
 * each paced by its own gate.
 */
export async function* mergeAsync<T>(sources: Array<AsyncIterable<T>>): AsyncGenerator<T> {
  const iters = sources.map((s) => s[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<T> }>>();
  const pull = (i: number) => {
    const it = iters[i];
    if (it) pending.set(i, it.next().then((r) => ({ i, r })));
  };
  iters.forEach((_, i) => pull(i));
  try {
    while (pending.size > 0) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) pending.delete(i);
      else {
        pull(i);
        yield r.value;
      }
    }
  } finally {
    await Promise.allSettled([...pending.keys()].map((i) => iters[i]?.return?.()));
  }
}
