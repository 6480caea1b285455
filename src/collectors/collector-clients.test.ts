import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { COLLECTOR_CLIENTS } from './collector-clients.ts';

const src = fileURLToPath(new URL('..', import.meta.url));
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('COLLECTOR_CLIENTS', () => {
  it('lists every SDK client a collector imports, so stubbing them all keeps unit tests off the network', () => {
    const listed = new Set(COLLECTOR_CLIENTS.map((c) => c.name));
    for (const f of [...files(join(src, 'collectors')), ...files(join(src, 'services'))]) {
      for (const m of readFileSync(f, 'utf8').matchAll(/import \{([^}]*)\} from '@aws-sdk\/client-[a-z0-9-]+'/g)) {
        for (const name of m[1]!.split(',').map((s) => s.trim()).filter((s) => /^[A-Z]\w*Client$/.test(s) && s !== 'STSClient')) {
          assert.ok(listed.has(name), `${f} uses ${name}, which COLLECTOR_CLIENTS does not list`);
        }
      }
    }
  });
});
