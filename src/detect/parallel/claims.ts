// The work list every detection thread takes files from. Files are numbered in walk order and published to
// every thread; a thread that is free claims the lowest number nobody has taken yet, from a counter in shared
// memory, so no thread waits for another to hand it work (the main thread never has to turn its event loop for
// a worker to go on), and each thread's share adapts to how fast it goes.

/** One entry of the work list: a file to read, or a path given on the command line that does not exist. */
export interface FileItem {
  path: string;
  /** The path was not found when the list was made: whoever claims it reports it, in its place in the order. */
  missing?: true;
}

/** A fresh claim counter (the next number to hand out), to share with the workers (workerData). */
export function newClaimCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/** Claims the next unclaimed item among the first `available`, or returns -1 when all of them are taken. */
export function claimItem(counter: Int32Array, available: number): number {
  for (;;) {
    const next = Atomics.load(counter, 0);
    if (next >= available) return -1;
    if (Atomics.compareExchange(counter, 0, next, next + 1) === next) return next;
  }
}
