// The end-to-end tests run the built CLI (dist/), while the test runner runs the TypeScript sources: a dist/ older
// than src/ would test yesterday's code and pass. This refuses to run on a stale build and says how to fix it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeAwsEnv } from './moto.ts';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliBin = join(projectRoot, 'bin/rampart.js');

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** Source files whose compiled output is missing or older than the source; empty when dist/ is fresh. */
export function staleBuildFiles(root = projectRoot): string[] {
  const stale: string[] = [];
  for (const src of sourceFiles(join(root, 'src'))) {
    const rel = relative(root, src);
    const out = join(root, 'dist', rel.replace(/\.ts$/, '.js'));
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs) stale.push(rel);
  }
  return stale;
}

/** Throws (failing the suite's `before`) when the CLI is not built or older than its sources. */
export function assertFreshBuild(): void {
  const stale = staleBuildFiles();
  if (stale.length > 0) {
    const list = stale.slice(0, 5).join(', ') + (stale.length > 5 ? `, … (${stale.length} files)` : '');
    throw new Error(`dist/ is missing or older than the sources (${list}): run \`npm run build\` (npm test builds first)`);
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a child process, with fake loopback-only AWS settings unless `env` says otherwise. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // a minimal environment: no real credentials or profiles from the developer's machine can leak in
    const child = spawn(process.execPath, [cliBin, ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...fakeAwsEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
