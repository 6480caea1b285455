// The scan config file: valid files become options; every mistake names the file and line.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allChecks } from '../checks/index.ts';
import { loadConfig } from './config.ts';
import { InputFileError } from './errors.ts';

async function file(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-config-'));
  const path = join(dir, 'rampart.yml');
  await writeFile(path, text);
  return path;
}

async function rejectsWith(text: string, pattern: RegExp, line?: number): Promise<void> {
  const path = await file(text);
  await assert.rejects(loadConfig(path, allChecks), (e: unknown) => {
    assert.ok(e instanceof InputFileError, String(e));
    assert.match(e.message, pattern);
    if (line !== undefined) assert.equal(e.line, line, e.message);
    return true;
  });
}

describe('loadConfig', () => {
  it('reads skip, only and typed check options', async () => {
    const path = await file(`checks:
  skip: [kms-rotation]
  options:
    root-recent-use:
      maxDaysSinceRootUse: 7
    s3-bucket-public:
      publicContentAccountId: "222222222222"
      allowedPublicBuckets: [assets]
`);
    const config = await loadConfig(path, allChecks);
    assert.deepEqual(config.skip, ['kms-rotation']);
    assert.deepEqual(config.checkOptions['root-recent-use'], { maxDaysSinceRootUse: 7 });
    assert.deepEqual(config.checkOptions['s3-bucket-public'], { publicContentAccountId: '222222222222', allowedPublicBuckets: ['assets'] });
  });

  it('an empty file is an empty config', async () => {
    assert.deepEqual(await loadConfig(await file(''), allChecks), { checkOptions: {} });
  });

  it('rejects an unknown check id, naming the line', async () => {
    await rejectsWith('checks:\n  skip:\n    - root-mfa\n    - no-such-check\n', /unknown check id "no-such-check"/, 4);
  });

  it('rejects an unknown option and a wrongly typed one', async () => {
    await rejectsWith('checks:\n  options:\n    root-recent-use:\n      maxDays: 7\n', /has no option "maxDays"/, 4);
    await rejectsWith('checks:\n  options:\n    root-recent-use:\n      maxDaysSinceRootUse: "seven"\n', /must be a number/, 4);
  });

  it('rejects unknown keys and bad YAML', async () => {
    await rejectsWith('chekcs:\n  skip: []\n', /Unrecognized key/);
    await rejectsWith('checks: [unclosed\n', /invalid YAML/);
  });

  it('says plainly when the file cannot be read', async () => {
    await assert.rejects(loadConfig('/nonexistent/rampart.yml', allChecks), /cannot read config: ENOENT/);
  });
});
