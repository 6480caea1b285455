// The AWS connection options: a missing profile, conflicting credential sources and a bad --concurrency are told
// plainly, before any call.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createMemoryLogger } from '../core/logger.ts';
import { sdkCredentialLogger } from './aws-options.ts';
import { runCli, tempDir } from './testing.ts';

/** A HOME whose ~/.aws/config defines the profile `dev` with static keys. */
async function homeWithProfile(): Promise<string> {
  const home = await tempDir();
  await mkdir(join(home, '.aws'));
  await writeFile(join(home, '.aws', 'config'), '[profile dev]\nregion = us-east-1\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n');
  return home;
}

// an endpoint nobody listens on: a run that got as far as calling AWS ends with exit 3, never 2
const offline = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', AWS_REGION: 'us-east-1' };

describe('--profile', () => {
  it('a profile that does not exist exits 2 and says so, listing the known ones', async () => {
    const r = await runCli(['scan', '--profile', 'nope'], { ...offline, HOME: await homeWithProfile() });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--profile: the profile "nope" does not exist in .*\.aws\/config or .*\.aws\/credentials/);
    assert.match(r.stderr, /Known profiles: dev/);
    assert.doesNotMatch(r.stderr, /unexpected error|Could not resolve credentials/);
  });

  it('AWS_PROFILE naming a missing profile is told the same way', async () => {
    const r = await runCli(['collect', '-o', join(await tempDir(), 's.json')], { ...offline, HOME: await homeWithProfile(), AWS_PROFILE: 'nope' });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /AWS_PROFILE: the profile "nope" does not exist/);
  });

  it('a profile that exists gets past the check (and then fails on the network, exit 3)', async () => {
    const r = await runCli(['scan', '--profile', 'dev'], { ...offline, HOME: await homeWithProfile() });
    assert.equal(r.code, 3, r.stderr);
    assert.doesNotMatch(r.stderr, /does not exist/);
  });
});

describe('credential sources', () => {
  it('says once, in its own words, that both a profile and static keys are set; never the SDK text', async () => {
    const home = await homeWithProfile();
    // the SDK reads process.env itself, so this needs a process of its own
    const entry = new URL('./main.ts', import.meta.url).href;
    const child = spawn(process.execPath, ['--input-type=module', '-e', `import { main } from ${JSON.stringify(entry)}; process.exitCode = await main(process.argv.slice(1));`, 'scan'], {
      env: { PATH: process.env.PATH ?? '', HOME: home, AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIDOTHER', AWS_SECRET_ACCESS_KEY: 'other', ...offline },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 3, stderr);
    assert.match(stderr, /warn: both the profile "dev" and AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY are set; using the profile/);
    assert.doesNotMatch(stderr, /@aws-sdk|Multiple credential sources detected/);
  });

  it('the SDK logger adapter drops the raw multi-source warning and keeps other warnings to one line', () => {
    const logger = createMemoryLogger();
    const sdk = sdkCredentialLogger(logger);
    sdk.warn('@aws-sdk/credential-provider-node - defaultProvider::fromEnv WARNING:\n    Multiple credential sources detected: \n    Both AWS_PROFILE and …');
    sdk.warn('something else\nsecond line');
    assert.deepEqual(logger.lines, [{ level: 'warn', message: 'something else' }]);
  });
});

describe('--concurrency', () => {
  for (const args of [
    ['scan', '--demo', '--concurrency', '0'],
    ['scan', '--snapshot', '/nonexistent.json', '--concurrency', 'lots'],
    ['collect', '--demo', '-o', '/tmp/never-written.json', '--concurrency', '-2'],
  ]) {
    it(`is validated with ${args.slice(0, 2).join(' ')} too: ${args.at(-1)}`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /--concurrency must be a positive whole number/);
    });
  }
});
