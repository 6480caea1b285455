// Turns the bytes of one log file/object into raw records: gunzip when needed, then a CloudTrail
// `{"Records": [...]}` document, a bare array, a single record, or JSON lines. Never throws: problems are reported.
import { gunzip, gunzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { jsonErrorReason } from '../../core/json-error.ts';
import type { RecordBatch } from './types.ts';

const gunzipAsync = promisify(gunzip);

/** How many problems a single location keeps; the rest are only counted. */
export const MAX_PROBLEMS_PER_LOCATION = 3;

export function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

/**
 * Output chunk size for gunzip. The 16 KiB default means ~35 callbacks and a concat per 500 KB CloudTrail file,
 * which cost 4× the CPU of the decompression itself in the bench; 1 MiB makes it one or two.
 */
const GUNZIP_CHUNK = 1 << 20;

/**
 * Decompresses on the libuv thread pool, so on a 2-core machine gunzip of the next file overlaps
 * JSON parsing and rule matching of the current one on the main thread.
 */
export async function decompress(buf: Uint8Array): Promise<Buffer> {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return isGzip(b) ? gunzipAsync(b, { chunkSize: GUNZIP_CHUNK }) : b;
}

/**
 * Synchronous gunzip for a thread that has nothing else to do meanwhile (a detection worker): no callbacks, and
 * one output buffer of the size the gzip trailer announces (ISIZE, the size modulo 2^32; only a hint: a wrong
 * one costs more chunks, never a wrong result), so no chunks to concatenate.
 */
export function decompressSync(buf: Uint8Array): Buffer {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (!isGzip(b)) return b;
  const announced = b.length >= 18 ? b.readUInt32LE(b.length - 4) : 0;
  // +1: with exactly the output's size, zlib would allocate a second, empty chunk before it sees the end.
  return gunzipSync(b, { chunkSize: Math.min(Math.max(announced + 1, 64 * 1024), GUNZIP_CHUNK_MAX) });
}

/** The largest single output buffer decompressSync allocates up front (beyond it, chunks are concatenated). */
const GUNZIP_CHUNK_MAX = 64 << 20;

/** Decodes bytes that may be gzip-compressed; unreadable input becomes a batch with one problem. */
export async function decodeBytes(location: string, buf: Uint8Array): Promise<RecordBatch> {
  const text = await inflateText(location, buf);
  return typeof text === 'string' ? decodeText(location, text) : text;
}

/**
 * The asynchronous half of `decodeBytes` (gunzip + UTF-8), apart so a reader can prefetch it while the
 * previous document is being parsed. Unreadable gzip becomes a batch with one problem.
 */
export async function inflateText(location: string, buf: Uint8Array): Promise<string | RecordBatch> {
  try {
    return (await decompress(buf)).toString('utf8');
  } catch (e) {
    return problemBatch(location, `unreadable gzip: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Gunzip without the UTF-8 decoding (the fast path scans the bytes: fast/scan.ts), on this thread (decompressSync). */
export function inflateBytesSync(location: string, buf: Uint8Array): Buffer | RecordBatch {
  try {
    return decompressSync(buf);
  } catch (e) {
    return problemBatch(location, `unreadable gzip: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function problemBatch(location: string, problem: string): RecordBatch {
  return { location, records: [], startIndex: 0, problems: [problem], droppedCount: 1 };
}

/** Decodes a whole document: CloudTrail file, array, single record, or (fallback) JSON lines. */
export function decodeText(location: string, text: string): RecordBatch {
  const trimmedStart = firstNonSpace(text);
  // An empty file is not a CloudTrail log (CloudTrail writes `{"Records":[]}` at the least): it is reported.
  if (trimmedStart === -1) return problemBatch(location, 'empty file');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    // Not one JSON document: maybe JSON lines saved with a .json name — but only if the first line is a whole
    // JSON value. A truncated pretty-printed file is one error, not one per line.
    if (text.charCodeAt(trimmedStart) === 0x7b /* { */ && firstLineIsJson(text, trimmedStart)) return decodeJsonLines(location, text, 1);
    return problemBatch(location, `malformed JSON (truncated or not JSON): ${jsonErrorReason(e)}`);
  }
  return fromDocument(location, doc);
}

function fromDocument(location: string, doc: unknown): RecordBatch {
  if (Array.isArray(doc)) return { location, records: doc, startIndex: 0, problems: [], droppedCount: 0 };
  if (typeof doc === 'object' && doc !== null) {
    const records = (doc as { Records?: unknown }).Records;
    if (Array.isArray(records)) return { location, records, startIndex: 0, problems: [], droppedCount: 0 };
    if (records !== undefined) return problemBatch(location, '`Records` is not an array');
    // A single record (e.g. one event saved from the console or an EventBridge `detail`).
    if ('eventName' in doc || 'eventTime' in doc) return { location, records: [doc], startIndex: 0, problems: [], droppedCount: 0 };
    return problemBatch(location, 'no `Records` array: not a CloudTrail log file');
  }
  return problemBatch(location, 'not a CloudTrail log file (expected an object with `Records`)');
}

/** Parses JSON lines held in memory (a .jsonl.gz file is small enough once decompressed). */
export function decodeJsonLines(location: string, text: string, firstLineNumber = 1): RecordBatch {
  const batch: RecordBatch = { location, records: [], startIndex: 0, problems: [], droppedCount: 0 };
  let lineNo = firstLineNumber - 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    const line = text.slice(start, end);
    start = end + 1;
    addJsonLine(batch, line, lineNo);
    if (end === text.length) break;
  }
  return batch;
}

/** Adds one JSON line to a batch, or records why it was dropped. Blank lines are ignored. */
export function addJsonLine(batch: RecordBatch, line: string, lineNo: number): void {
  if (firstNonSpace(line) === -1) return;
  try {
    const v: unknown = JSON.parse(line);
    // A line may itself be a CloudTrail file (`{"Records": [...]}`), as some exporters write.
    const inner = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { Records?: unknown }).Records : undefined;
    if (Array.isArray(inner)) for (const r of inner) batch.records.push(r);
    else batch.records.push(v);
  } catch (e) {
    batch.droppedCount++;
    if (batch.problems.length < MAX_PROBLEMS_PER_LOCATION) {
      batch.problems.push(`line ${lineNo}: malformed JSON: ${jsonErrorReason(e)}`);
    }
  }
}

function firstLineIsJson(text: string, start: number): boolean {
  const end = text.indexOf('\n', start);
  if (end === -1) return false;
  try {
    JSON.parse(text.slice(start, end));
    return true;
  } catch {
    return false;
  }
}

function firstNonSpace(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return i;
  }
  return -1;
}

// V8 quotes the offending text in some JSON errors; that text may be a secret from the log (see core/json-error.ts).
export { jsonErrorReason } from '../../core/json-error.ts';
