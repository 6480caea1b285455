// Runs the CLI in-process with captured streams, for command tests (faster than spawning the built binary).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Snapshot } from '../inventory/snapshot.ts';
import { main } from './main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

/** `rampart ARGS` with a minimal environment (no credentials or profiles of the machine leak in). */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out = capture();
  const err = capture();
  const code = await main(args, { stdout: out.stream, stderr: err.stream, stdin: new PassThrough(), env: { HOME: tmpdir(), ...env } });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** A fresh temporary directory for one test's files. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'rampart-cli-'));
}

/** Write a snapshot to a temporary file and return its path. */
export async function snapshotFile(snapshot: Snapshot | unknown, name = 'snapshot.json'): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, JSON.stringify(snapshot));
  return path;
}
