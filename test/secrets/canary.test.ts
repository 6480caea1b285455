// Secrets never leave the machine in reports: a canary planted in every collected field that can carry a secret
// (test/support/secret-fields.ts) appears in no report format and in no log line, even with -v.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { snapshot } from '../../src/inventory/fixtures.ts';
import type { Snapshot } from '../../src/inventory/snapshot.ts';
import { evaluateSnapshot } from '../../src/scan.ts';
import { assertFreshBuild, runCli } from '../support/built-cli.ts';
import { canary, leaks } from '../support/canary.ts';
import { fixtureSecretFields, reportFormats } from '../support/secret-fields.ts';

const planted = fixtureSecretFields.map((f) => ({ field: f.field, secret: canary(f.field) }));

function canarySnapshot(): Snapshot {
  return snapshot()
    .account('111111111111', (a) => {
      for (const f of fixtureSecretFields) f.plant(a, canary(f.field));
    })
    .build();
}

/** The fields whose canary shows up in `text`. */
function leakedFields(text: string): string[] {
  return planted.filter((p) => leaks(text, p.secret)).map((p) => p.field);
}

describe('secret canaries', () => {
  let snap: Snapshot;
  let file = '';
  before(async () => {
    snap = canarySnapshot();
    file = join(await mkdtemp(join(tmpdir(), 'rampart-canary-')), 'canary.json');
    await writeFile(file, JSON.stringify(snap));
  });

  it('are really planted: every canary is in the snapshot, and the checks look at those resources', () => {
    const text = JSON.stringify(snap);
    assert.deepEqual(planted.filter((p) => !text.includes(p.secret)).map((p) => p.field), []);
    const { findings } = evaluateSnapshot(snap);
    for (const id of ['canary-user', 'canary-role', 'canary-bucket']) assert.ok(findings.some((f) => f.resource.id.includes(id)), id);
  });

  for (const [format, render] of Object.entries(reportFormats)) {
    it(`appear in no ${format} report`, () => {
      assert.deepEqual(leakedFields(render(evaluateSnapshot(snap).report)), []);
    });
  }

  it('the formats checked here are every format the CLI writes', async () => {
    assertFreshBuild();
    const r = await runCli(['scan', '--demo', '--format', 'no-such-format']);
    const listed = /--format must be one of ([^(]+) \(/.exec(r.stderr)?.[1];
    assert.ok(listed, r.stderr);
    assert.deepEqual(listed.split(',').map((s) => s.trim()).sort(), Object.keys(reportFormats).sort(), 'add the new format to reportFormats');
  });

  for (const format of Object.keys(reportFormats)) {
    it(`appear neither on stdout nor in the -v log of \`scan --snapshot --format ${format}\``, async () => {
      assertFreshBuild();
      const r = await runCli(['-v', 'scan', '--snapshot', file, '--format', format, '--show-passed']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(leakedFields(r.stdout), [], 'stdout');
      assert.deepEqual(leakedFields(r.stderr), [], 'stderr');
    });
  }
});
