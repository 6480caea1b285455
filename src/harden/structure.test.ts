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

const MUTATING = /\b(Create|Put|Update|Delete|Enable|Disable|Attach|Detach|Revoke|Authorize|Modify|Register|Deregister|Start|Stop|Remove|Tag|Untag|Batch(?:Import|Update|Delete|Create|Put|Write|Enable|Disable|Associate|Disassociate))[A-Za-z]*Command\b/;
/** The one write outside the apply step: `scan --to-securityhub`, behind its own flag and permission. */
const SECURITYHUB_EXPORT = join(src, 'export', 'securityhub-import.ts');

describe('the apply module is the only one that can change AWS', () => {
  it('no source file outside src/harden/apply names a mutating SDK command (but the Security Hub export)', () => {
    for (const f of files(src)) {
      if (f.startsWith(join(harden, 'apply'))) continue;
      if (f === SECURITYHUB_EXPORT) {
        assert.deepEqual([...readFileSync(f, 'utf8').matchAll(new RegExp(MUTATING, 'g'))].map((m) => m[0]).filter((n, i, a) => a.indexOf(n) === i), ['BatchImportFindingsCommand']);
        continue;
      }
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
