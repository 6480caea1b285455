// Parsing and validating option values shared by several commands; bad values are UsageErrors (exit 2).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { closestRegion, partitionWithRegion } from '../aws/regions.ts';
import { RuntimeFailure, UsageError } from '../core/errors.ts';
import { isSeverity, severities, type Severity } from '../findings/finding.ts';

export function parseSeverity(value: string, flag: string): Severity {
  const v = value.toLowerCase();
  if (!isSeverity(v)) throw new UsageError(`${flag} must be one of ${severities.join(', ')} (got "${value}")`);
  return v;
}

export function parseList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return items;
}

/**
 * A comma-separated Region list, each name known to one partition (a typo exits 2 with the closest name), and all in
 * the same partition (credentials work in one partition only).
 */
export function parseRegions(value: string | undefined, flag = '--regions'): string[] | undefined {
  const list = parseList(value);
  if (list === undefined) return undefined;
  if (list.length === 0) throw new UsageError(`${flag} needs at least one Region, e.g. ${flag} us-east-1,eu-west-1`);
  const partitions = new Set<string>();
  for (const r of list) {
    const partition = partitionWithRegion(r);
    if (partition === undefined) throw new UsageError(`${flag}: "${r}" is not an AWS Region; did you mean ${closestRegion(r)}?`);
    partitions.add(partition);
  }
  if (partitions.size > 1) {
    throw new UsageError(`${flag}: the Regions belong to different partitions (${[...partitions].sort().join(', ')}); one scan covers one partition`);
  }
  return [...new Set(list)];
}

export function parseFormat<T extends string>(value: string, allowed: readonly T[], flag = '--format'): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

export function parsePositiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number (got "${value}")`);
  return n;
}

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
}

/**
 * Fail fast on an output path that cannot be written (`-o`, `--save-snapshot`), before a collection that can take
 * minutes: the folder must exist and be writable, and an existing file must be a writable file. Creates nothing.
 */
export async function assertWritablePath(path: string, flag: string): Promise<void> {
  const full = resolve(path);
  const existing = await stat(full).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  if (existing?.isDirectory()) throw new UsageError(`${flag} ${path}: is a folder; give a file name`);
  const target = existing ? full : dirname(full);
  if (!existing) {
    const folder = await stat(target).catch(() => undefined);
    if (!folder?.isDirectory()) throw new UsageError(`${flag} ${path}: folder ${target} does not exist`);
  }
  try {
    await access(target, constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${path}: ${existing ? 'the file' : `folder ${target}`} is not writable`);
  }
}

/** Run a write to an output path; a failure (disk full, permissions changed meanwhile) is a RuntimeFailure naming it. */
export async function writingOutput(path: string, flag: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RuntimeFailure(`${flag} ${path}: could not write the file (${code ?? (e instanceof Error ? e.message : String(e))})`, { cause: e });
  }
}
