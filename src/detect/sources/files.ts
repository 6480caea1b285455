// Local input: files, folders walked recursively (CloudTrail's own S3 layout or any tree), and stdin.
// Documents are read whole (a CloudTrail file is small) with a little prefetch; JSON lines are streamed.
import { createReadStream, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { addJsonLine, decodeText, inflateBytesSync, inflateText, isGzip, problemBatch } from './decode.ts';
import { mapOrdered, sleep } from './concurrency.ts';
import type { RecordBatch, RecordSource } from './types.ts';

/** File names a folder walk picks up. Explicitly named files are read whatever their name. */
const LOG_FILE = /\.(json|jsonl|ndjson)(\.gz)?$/i;
const JSON_LINES = /\.(jsonl|ndjson)(\.gz)?$/i;
/** Digest files sit beside the logs in the same bucket layout and hold hashes, not events. */
const SKIPPED_DIRS = new Set(['CloudTrail-Digest', 'node_modules', '.git']);
/** JSON-lines input is handed to the pipeline in batches of this many records. */
const LINES_PER_BATCH = 1000;

export interface FileSourceOptions {
  /** Files, folders, or `-` for stdin. */
  paths: string[];
  stdin?: NodeJS.ReadableStream;
  /** Keep polling folders for new files until the signal aborts. */
  follow?: boolean;
  pollIntervalMs?: number;
  /** Whole-document files read ahead of the pipeline; 4 keeps the thread pool busy without much memory. */
  prefetch?: number;
}

export class FileSource implements RecordSource {
  readonly name = 'files';
  private readonly opts: FileSourceOptions;
  constructor(opts: FileSourceOptions) {
    this.opts = opts;
  }

  async *batches(signal: AbortSignal): AsyncGenerator<RecordBatch> {
    // Only follow mode needs to remember which files were read (a one-shot run over millions of files must not).
    const seen = this.opts.follow ? new Set<string>() : undefined;
    const folders: string[] = [];
    for (const p of this.opts.paths) {
      if (signal.aborted) return;
      if (p === '-') {
        if (!this.opts.stdin) throw new Error('stdin requested but no stdin stream given');
        yield* readJsonLinesStream('stdin', this.opts.stdin);
        continue;
      }
      const st = await stat(p).catch(() => undefined);
      if (st?.isDirectory()) folders.push(p);
      if (!st) {
        yield problemBatch(p, 'no such file or folder');
        continue;
      }
      const files = st.isDirectory() ? walk(p, seen) : single(p, seen);
      yield* this.readAll(files, signal);
    }
    if (!seen || folders.length === 0) return;
    yield* this.follow(folders, seen, signal);
  }

  private async *readAll(files: AsyncIterable<string>, signal: AbortSignal): AsyncGenerator<RecordBatch> {
    // JSON lines are streamed, not prefetched, so they pass through `readOne` as a marker and are read here.
    const docs = mapOrdered(files, this.opts.prefetch ?? 4, readOne);
    for await (const r of docs) {
      if (typeof r === 'string') yield* readJsonLinesFileBatches(r);
      else yield r;
      if (signal.aborted) return;
    }
  }

  /** Polls the folders; a new file is read once its size is the same on two polls (it is no longer being written). */
  private async *follow(folders: string[], seen: Set<string>, signal: AbortSignal): AsyncGenerator<RecordBatch> {
    const interval = this.opts.pollIntervalMs ?? 5000;
    const pendingSize = new Map<string, number>();
    while (!signal.aborted) {
      await sleep(interval, signal);
      if (signal.aborted) return;
      const ready: string[] = [];
      for (const folder of folders) {
        for await (const f of walk(folder, undefined)) {
          if (seen.has(f)) continue;
          const size = (await stat(f).catch(() => undefined))?.size;
          if (size === undefined) continue;
          if (pendingSize.get(f) === size) {
            pendingSize.delete(f);
            seen.add(f);
            ready.push(f);
          } else pendingSize.set(f, size);
        }
      }
      if (ready.length > 0) yield* this.readAll(fromArray(ready), signal);
    }
  }
}

async function* fromArray<T>(a: T[]): AsyncGenerator<T> {
  yield* a;
}

async function* single(p: string, seen: Set<string> | undefined): AsyncGenerator<string> {
  seen?.add(p);
  yield p;
}

/** Depth-first, sorted walk; CloudTrail's YYYY/MM/DD folders therefore come out in time order. */
export async function* walk(root: string, seen: Set<string> | undefined): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(root, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) yield* walk(p, seen);
    } else if (e.isFile() && LOG_FILE.test(e.name)) {
      seen?.add(p);
      yield p;
    }
  }
}

/** JSON-lines files are streamed in batches; every other file is read as one document. */
export function isJsonLinesPath(path: string): boolean {
  return JSON_LINES.test(path);
}

/** Reads a whole-document file, or returns the path itself when it must be streamed as JSON lines. */
async function readOne(path: string): Promise<RecordBatch | string> {
  if (isJsonLinesPath(path)) return path;
  return readFileBatch(path);
}

/** Reads and decodes one whole-document log file; problems are reported in the batch. */
export async function readFileBatch(path: string): Promise<RecordBatch> {
  const text = await readFileText(path);
  return typeof text === 'string' ? decodeText(path, text) : text;
}

/** Reads and gunzips one whole-document file (the asynchronous part, worth prefetching); problems come back as a batch. */
export async function readFileText(path: string): Promise<string | RecordBatch> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    return problemBatch(path, `unreadable: ${e instanceof Error ? e.message : String(e)}`);
  }
  return inflateText(path, buf);
}

/**
 * Reads and gunzips one whole-document file synchronously, not decoded (the fast path scans the bytes); problems
 * come back as a batch. Synchronous: a detection thread has nothing else to do meanwhile, and callbacks cost more.
 */
export function readFileBytesSync(path: string): Buffer | RecordBatch {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    return problemBatch(path, `unreadable: ${e instanceof Error ? e.message : String(e)}`);
  }
  return inflateBytesSync(path, buf);
}

export async function* readJsonLinesFileBatches(path: string): AsyncGenerator<RecordBatch> {
  yield* readJsonLinesStream(path, createReadStream(path));
}

/**
 * Streams JSON lines (gzip-compressed or not) in batches. If the first line is not JSON but the input
 * starts like a document (`{` or `[`), the input is a pretty-printed CloudTrail file: it is read whole.
 */
export async function* readJsonLinesStream(location: string, input: NodeJS.ReadableStream): AsyncGenerator<RecordBatch> {
  let text: Readable;
  try {
    text = await maybeGunzip(input);
  } catch (e) {
    yield problemBatch(location, `unreadable: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  let batch = newBatch(location, 0);
  let lineNo = 0;
  let index = 0;
  let documentMode: string[] | undefined;
  try {
    for await (const line of lines) {
      lineNo++;
      if (documentMode) {
        documentMode.push(line);
        continue;
      }
      if (index === 0 && batch.droppedCount === 0 && batch.records.length === 0 && isDocumentStart(line)) {
        documentMode = [line];
        continue;
      }
      addJsonLine(batch, line, lineNo);
      if (batch.records.length >= LINES_PER_BATCH) {
        index += batch.records.length;
        yield batch;
        batch = newBatch(location, index);
      }
    }
  } catch (e) {
    batch.problems.push(`read failed after line ${lineNo}: ${e instanceof Error ? e.message : String(e)}`);
    batch.droppedCount++;
  }
  if (documentMode) {
    yield decodeText(location, documentMode.join('\n'));
    return;
  }
  if (lineNo === 0) {
    yield problemBatch(location, location === 'stdin' ? 'empty input' : 'empty file');
    return;
  }
  if (batch.records.length > 0 || batch.problems.length > 0 || batch.droppedCount > 0) yield batch;
}

/** A first line that is not a complete JSON value but opens an object or array. */
function isDocumentStart(line: string): boolean {
  const t = line.trim();
  if (t === '' || (t[0] !== '{' && t[0] !== '[')) return false;
  try {
    JSON.parse(t);
    return false;
  } catch {
    return true;
  }
}

function newBatch(location: string, startIndex: number): RecordBatch {
  return { location, records: [], startIndex, problems: [], droppedCount: 0 };
}

/** Peeks at the first chunk; gzip input is piped through a gunzip stream. */
async function maybeGunzip(input: NodeJS.ReadableStream): Promise<Readable> {
  const it = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return Readable.from([]);
  const head = typeof first.value === 'string' ? Buffer.from(first.value) : first.value;
  async function* rest(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield typeof n.value === 'string' ? Buffer.from(n.value) : n.value;
    }
  }
  const stream = Readable.from(rest(), { objectMode: false });
  if (!isGzip(head)) return stream;
  const gz = createGunzip();
  stream.on('error', (e) => gz.destroy(e));
  return stream.pipe(gz);
}
