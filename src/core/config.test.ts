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
    assert.deepEqual(await loadConfig(await file(''), allChecks), { checkOptions: {}, deniedRegions: [] });
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

  it('rejects a negative age or count', async () => {
    await rejectsWith('checks:\n  options:\n    iam-access-key-age:\n      maxAgeDays: -5\n', /iam-access-key-age\.maxAgeDays must be a number of 0 or more \(got -5\)/, 4);
  });

  it('rejects thresholds in the wrong order, naming both', async () => {
    await rejectsWith(
      'checks:\n  options:\n    iam-access-key-unused:\n      unusedDays: 120\n',
      /options of iam-access-key-unused: unusedDays \(120\) must not be above highDays \(90\)/,
      4,
    );
    await rejectsWith('checks:\n  options:\n    root-recent-use: { maxDaysSinceRootUse: 400 }\n', /maxDaysSinceRootUse \(400\) must not be above warnDaysSinceRootUse/);
  });

  it('says which options only work together', async () => {
    await rejectsWith(
      'checks:\n  options:\n    s3-bucket-public:\n      allowedPublicBuckets: [assets]\n',
      /allowedPublicBuckets only works together with publicContentAccountId/,
    );
    await rejectsWith('checks:\n  options:\n    s3-account-bpa: { publicContentAccountId: "2222" }\n', /"2222" is not a 12-digit AWS account id/);
  });

  it('gives line and column of a YAML syntax error', async () => {
    // "skip: x: y" — the second colon, at line 2 column 10, is the mistake
    const path = await file('checks:\n  skip: x: y\n');
    await assert.rejects(loadConfig(path, allChecks), (e: unknown) => {
      assert.ok(e instanceof InputFileError);
      assert.match(e.message, /invalid YAML/);
      assert.equal(e.line, 2, e.message);
      assert.equal(e.column, 9, e.message);
      assert.match(e.message, /rampart\.yml:2:9: invalid YAML: Nested mappings are not allowed/);
      return true;
    });
  });

  it('reads regions.denied with the line that says so, and rejects a name that is not a Region', async () => {
    const path = await file('regions:\n  denied:\n    - eu-west-3\n    - ap-east-1\n');
    const config = await loadConfig(path, allChecks);
    assert.deepEqual(config.deniedRegions, [
      { region: 'eu-west-3', source: `${path}:3` },
      { region: 'ap-east-1', source: `${path}:4` },
    ]);
    await rejectsWith('regions:\n  denied: [eu-wset-3]\n', /regions\.denied: "eu-wset-3" is not an AWS Region; did you mean eu-west-3\?/, 2);
  });

  it('says plainly when the file cannot be read', async () => {
    await assert.rejects(loadConfig('/nonexistent/rampart.yml', allChecks), /cannot read config: ENOENT/);
  });
});
