// docs/checks.md must match the registry (regenerate with `npm run docs`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderChecksDoc } from './checks-doc.ts';

it('docs/checks.md is generated from the current check registry', () => {
  const onDisk = readFileSync(fileURLToPath(new URL('../../docs/checks.md', import.meta.url)), 'utf8');
  assert.equal(onDisk, renderChecksDoc(), 'docs/checks.md is stale: run `npm run docs`');
});
