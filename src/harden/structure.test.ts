// The mutating boundary, checked on the source: AWS SDK imports and mutating command names appear only in the
// apply module; the planner and the exporters never import it, so `plan` and `export` cannot change anything.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('..', import.meta.url));
const harden = fileURLToPath(new URL('.', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

const MUTATING = /\b(Create|Put|Update|Delete|Enable|Disable|Attach|Detach|Revoke|Authorize|Modify|Register|Deregister|Start|Stop|Remove|Tag|Untag)[A-Za-z]*Command\b/;

describe('the apply module is the only one that can change AWS', () => {
  it('no source file outside src/harden/apply names a mutating SDK command', () => {
    for (const f of files(src)) {
      if (f.startsWith(join(harden, 'apply'))) continue;
      assert.doesNotMatch(readFileSync(f, 'utf8'), MUTATING, relative(src, f));
    }
  });

  it('planner, guards, render and exporters import neither the AWS SDK nor the apply module', () => {
    for (const f of files(harden)) {
      if (f.startsWith(join(harden, 'apply'))) continue;
      const text = readFileSync(f, 'utf8');
      assert.doesNotMatch(text, /from '@aws-sdk\//, relative(src, f));
      assert.doesNotMatch(text, /from '\.{1,2}\/(\.\.\/)*apply\//, relative(src, f));
    }
  });
});
