// `rampart harden plan` end to end through the CLI entry point (in process): output formats, bad input, and the
// proof that planning from a snapshot makes no AWS call at all.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { planSchema } from '../../src/harden/plan-schema.ts';
import { rampart, recordingEndpoint, type RecordingEndpoint } from './harden-cli.ts';

describe('rampart harden plan', () => {
  let dir: string;
  let aws: RecordingEndpoint;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-harden-'));
    aws = await recordingEndpoint();
  });
  after(() => aws.close());

  it('prints a change review for the demo organization', async () => {
    const r = await rampart(['harden', 'plan', '--demo']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Hardening plan — 4 account\(s\)/);
    assert.match(r.stdout, /call {5}iam:UpdateAccountPasswordPolicy/);
    assert.match(r.stdout, /closes {3}password-policy 111111111111/);
    assert.match(r.stdout, /Manual steps/);
    assert.match(r.stdout, /Blocked/);
  });

  it('writes the stable JSON document, and makes no AWS call when planning from a snapshot', async () => {
    const snap = join(dir, 'demo.json');
    assert.equal((await rampart(['collect', '--demo', '-o', snap])).code, 0);
    const out = join(dir, 'plan.json');
    aws.reset();
    const r = await rampart(['harden', 'plan', '--snapshot', snap, '--format', 'json', '-o', out], { AWS_ENDPOINT_URL: aws.url });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(aws.requests(), 0, 'planning must not call AWS');
    const plan = planSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    assert.equal(plan.kind, 'rampart.plan');
    assert.ok(plan.actions.length > 0);
    assert.equal(plan.summary.actions, plan.actions.length);
  });

  it('rejects a bad baseline with exit 2, naming file and line', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'regions:\n  allowed: [mars-north-1]\n');
    const r = await rampart(['harden', 'plan', '--demo', '--baseline', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.yaml:2: regions\.allowed\.0: expected a Region name/);
  });

  it('rejects conflicting inputs with exit 2', async () => {
    assert.equal((await rampart(['harden', 'plan', '--demo', '--snapshot', 'x.json'])).code, 2);
    assert.equal((await rampart(['harden', 'plan', '--demo', '--format', 'yaml'])).code, 2);
    assert.equal((await rampart(['harden', 'plan', '--demo', '--regions', 'eu-west-1'])).code, 2);
  });
});
