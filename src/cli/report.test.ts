// The output flags end to end, in process: `scan --demo` with --format/-o/--output-dir, and `rampart report`
// re-rendering the saved JSON report into the same bytes a direct scan writes.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { silentLogger } from '../core/logger.ts';
import { main } from './main.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(args, { stdout, stderr, env: { AWS_REGION: 'eu-west-1' }, logger: silentLogger });
  return { code, stdout: out, stderr: err };
}

describe('report output flags', () => {
  it('writes several formats with --output-dir --formats, and `rampart report` re-renders the JSON identically', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-out-'));
    const scan = await run(['scan', '--demo', '--format', 'json', '--output-dir', dir, '--formats', 'json,ocsf,csv,sarif,junit,asff']);
    assert.equal(scan.code, 0, scan.stderr);
    assert.deepEqual((await readdir(dir)).sort(), [
      'rampart-report.asff.json', 'rampart-report.csv', 'rampart-report.json', 'rampart-report.junit.xml', 'rampart-report.ocsf.json', 'rampart-report.sarif',
    ]);
    assert.equal(scan.stdout, await readFile(join(dir, 'rampart-report.json'), 'utf8'), 'stdout still gets --format');
    for (const [format, file] of [['csv', 'rampart-report.csv'], ['sarif', 'rampart-report.sarif'], ['asff', 'rampart-report.asff.json']] as const) {
      const again = await run(['report', join(dir, 'rampart-report.json'), '--format', format]);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout, await readFile(join(dir, file), 'utf8'), `${format} from the saved report equals the scan's`);
    }
  });

  it('-o writes the chosen format to a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-out-'));
    const r = await run(['scan', '--demo', '--format', 'junit', '-o', join(dir, 'r.xml')]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.match(await readFile(join(dir, 'r.xml'), 'utf8'), /^<\?xml/);
  });

  it('bad flags and bad files are usage errors (exit 2) with a clear message', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['scan', '--demo', '--format', 'pdf'], /--format must be one of terminal, json/],
      [['scan', '--demo', '--formats', 'csv'], /--formats needs --output-dir/],
      [['scan', '--demo', '--output-dir', '/tmp/x'], /--output-dir needs --formats/],
      [['scan', '--demo', '--output-dir', '/tmp/x', '--formats', 'csv,xls'], /--formats must be one of/],
      [['report', '/nonexistent/report.json'], /cannot read report: ENOENT/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
    const dir = await mkdtemp(join(tmpdir(), 'rampart-bad-'));
    await writeFile(join(dir, 'snap.json'), JSON.stringify({ kind: 'rampart.snapshot' }));
    const wrongKind = await run(['report', join(dir, 'snap.json')]);
    assert.equal(wrongKind.code, 2);
    assert.match(wrongKind.stderr, /not a Rampart JSON report/);
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ kind: 'rampart.report', schemaVersion: 1, findings: 'no' }));
    const invalid = await run(['report', join(dir, 'bad.json')]);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /not a valid Rampart report:\n {2}at /);
  });

  it('report --fail-on exits 1 on unmuted failures at or above the threshold', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-out-'));
    await run(['scan', '--demo', '--format', 'json', '-o', join(dir, 'r.json')]);
    assert.equal((await run(['report', join(dir, 'r.json'), '--format', 'csv', '--fail-on', 'critical'])).code, 1);
  });
});
