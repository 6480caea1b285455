// Reading and writing snapshot files (JSON, gzip when the name ends in .gz), validated at the edge.
import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { InputFileError } from '../core/errors.ts';
import { jsonErrorReason } from '../core/json-error.ts';
import { SNAPSHOT_KIND, SNAPSHOT_VERSION, snapshotConsistencyProblems, snapshotSchema, type Snapshot } from './snapshot.ts';

export async function writeSnapshotFile(path: string, snapshot: Snapshot): Promise<void> {
  const json = JSON.stringify(snapshot);
  await writeFile(path, path.endsWith('.gz') ? gzipSync(json) : json);
}

/** Parse a snapshot file; any problem is an InputFileError (exit code 2) that says what is wrong. */
export async function readSnapshotFile(path: string): Promise<Snapshot> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (e) {
    throw new InputFileError(path, `cannot read snapshot: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseSnapshot(raw, path);
}

export function parseSnapshot(raw: Buffer, path = 'snapshot'): Snapshot {
  let text: string;
  // gzip magic bytes, whatever the file is called
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      text = gunzipSync(raw).toString('utf8');
    } catch (e) {
      throw new InputFileError(path, `not a valid gzip file (${(e as Error).message})`);
    }
  } else {
    text = raw.toString('utf8');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputFileError(path, `not valid JSON (${jsonErrorReason(e)})`, {
      hint: 'Snapshots are written by `rampart collect -o FILE`.',
    });
  }
  if (typeof data !== 'object' || data === null || (data as { kind?: unknown }).kind !== SNAPSHOT_KIND) {
    throw new InputFileError(path, `not a Rampart snapshot (expected "kind": "${SNAPSHOT_KIND}")`, {
      hint: 'Snapshots are written by `rampart collect -o FILE`.',
    });
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SNAPSHOT_VERSION) {
    throw new InputFileError(
      path,
      `snapshot schema version ${JSON.stringify(version)} is not supported (this Rampart reads version ${SNAPSHOT_VERSION})`,
      { hint: 'Collect it again with this version of Rampart.' },
    );
  }
  const parsed = snapshotSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `  at ${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('\n');
    const more = parsed.error.issues.length > 5 ? `\n  … and ${parsed.error.issues.length - 5} more` : '';
    throw new InputFileError(path, `snapshot does not match schema version ${SNAPSHOT_VERSION}:\n${issues}${more}`);
  }
  const problems = snapshotConsistencyProblems(parsed.data);
  if (problems.length > 0) throw new InputFileError(path, `inconsistent snapshot:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return parsed.data;
}
