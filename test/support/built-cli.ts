// The end-to-end tests run the built CLI (dist/), while the test runner runs the TypeScript sources: a dist/ older
// than src/ would test yesterday's code and pass. This refuses to run on a stale build and says how to fix it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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
