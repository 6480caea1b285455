// The stale-build guard of the end-to-end tests: it must notice a source newer than its compiled file.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { staleBuildFiles } from './built-cli.ts';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'rampart-stale-'));
  mkdirSync(join(root, 'src/cli'), { recursive: true });
  mkdirSync(join(root, 'dist/src/cli'), { recursive: true });
  writeFileSync(join(root, 'src/cli/main.ts'), '');
  writeFileSync(join(root, 'src/cli/main.test.ts'), '');
  writeFileSync(join(root, 'dist/src/cli/main.js'), '');
  return root;
}

describe('staleBuildFiles', () => {
  it('is empty when every source has a newer compiled file (tests are not compiled into the CLI)', () => {
    const root = project();
    utimesSync(join(root, 'src/cli/main.ts'), new Date(1000), new Date(1000));
    assert.deepEqual(staleBuildFiles(root), []);
  });

  it('names a source edited after the build, and a source never built', () => {
    const root = project();
    utimesSync(join(root, 'dist/src/cli/main.js'), new Date(1000), new Date(1000));
    writeFileSync(join(root, 'src/cli/new.ts'), '');
    assert.deepEqual(staleBuildFiles(root).sort(), ['src/cli/main.ts', 'src/cli/new.ts']);
  });
});
