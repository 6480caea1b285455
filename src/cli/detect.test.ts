// `rampart detect` as a user runs it (in-process through main): exit codes and messages for unreadable input,
// and --accounts/--regions on local files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ctEvent, stopLogging, trailKey } from '../detect/sources/fixtures.ts';
import { main } from './main.ts';

async function detect(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const o: string[] = [];
  const e: string[] = [];
  out.on('data', (c: Buffer) => o.push(c.toString()));
  err.on('data', (c: Buffer) => e.push(c.toString()));
  const code = await main(['detect', '--workers', '0', ...args], { stdout: out, stderr: err, env: { NO_COLOR: '1' } });
  return { code, stdout: o.join(''), stderr: e.join('') };
}

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-cli-detect-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('detect exits 2 when it read no event and an input was malformed: truncated gzip, garbage, empty file', async (t) => {
  const dir = await tempDir(t);
  const full = gzipSync(JSON.stringify({ Records: [stopLogging()] }));
  const cases: Array<[string, Buffer | string]> = [
    ['truncated.json.gz', full.subarray(0, Math.floor(full.length / 2))],
    ['garbage.json', 'not json at all'],
    ['empty.json', ''],
    ['empty.jsonl', ''],
  ];
  for (const [name, content] of cases) {
    await writeFile(join(dir, name), content);
    const r = await detect([join(dir, name)]);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, /no event read/, name);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
  // A valid file beside a malformed one: events were read, the malformed one is reported, exit 0.
  await writeFile(join(dir, 'ok.json'), JSON.stringify({ Records: [ctEvent()] }));
  const mixed = await detect([join(dir, 'ok.json'), join(dir, 'garbage.json')]);
  assert.equal(mixed.code, 0, mixed.stderr);
  assert.match(mixed.stderr, /1 malformed/);
});

test('a truncated pretty-printed CloudTrail file is one clear error, not one per line', async (t) => {
  const dir = await tempDir(t);
  const text = JSON.stringify({ Records: [stopLogging(), ctEvent(), ctEvent()] }, null, 2);
  const file = join(dir, 'cut.json');
  await writeFile(file, text.slice(0, Math.floor(text.length * 0.7)));
  const r = await detect([file]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /1 malformed record\/file skipped in 1 location/);
  assert.match(r.stderr, /cut\.json \(1\): malformed JSON \(truncated or not JSON\)/);
  assert.doesNotMatch(r.stderr, /line \d+:/);
});

test('--accounts and --regions filter local files (by the event account and Region); refused with --lookup', async (t) => {
  const dir = await tempDir(t);
  const put = async (account: string, region: string) => {
    const path = join(dir, trailKey(account, region, new Date('2026-11-20T08:15:00Z'), 'a1'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, gzipSync(JSON.stringify({ Records: [{ ...stopLogging({ account, region }), recipientAccountId: account }] })));
  };
  await put('111122223333', 'eu-west-1');
  await put('444455556666', 'eu-west-1');
  await put('111122223333', 'us-east-1');
  const all = await detect([dir, '--format', 'jsonl', '--dedupe-window', '0']);
  assert.equal(all.stdout.trim().split('\n').filter((l) => l.includes('det-cloudtrail-stop')).length, 3, all.stderr);
  const one = await detect([dir, '--format', 'jsonl', '--accounts', '111122223333', '--regions', 'eu-west-1']);
  const alerts = one.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { ruleId: string; accountId: string; awsRegion: string });
  assert.deepEqual(alerts.filter((a) => a.ruleId === 'det-cloudtrail-stop').map((a) => [a.accountId, a.awsRegion]), [['111122223333', 'eu-west-1']]);
  const lookup = await detect(['--lookup', '--region', 'eu-west-1', '--accounts', '111122223333']);
  assert.equal(lookup.code, 2);
  assert.match(lookup.stderr, /--accounts and --regions apply to files/);
});
