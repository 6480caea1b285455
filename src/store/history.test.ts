import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from '../cli/main.ts';
import { silentLogger } from '../core/logger.ts';
import type { Finding } from '../findings/finding.ts';
import { edgeCaseReport } from '../report/fixtures.ts';
import type { ScanReport } from '../report/json.ts';
import { summarize } from '../report/summary.ts';
import { diffReports } from './diff.ts';
import { ScanStore } from './history.ts';
import { defaultStorePath } from './paths.ts';

function withFindings(base: ScanReport, findings: Finding[], collectedAt: string): ScanReport {
  return { ...base, collectedAt, findings, summary: summarize(findings, base.summary.checks, base.summary.accounts) };
}

const base = edgeCaseReport();
const fail = base.findings.find((f) => f.status === 'fail' && !f.muted)!;
const pass = base.findings.find((f) => f.status === 'pass')!;
const mutedFail = base.findings.find((f) => f.muted && f.status === 'fail')!;

describe('diff', () => {
  it('sorts failures into new, regressed, resolved and unchanged by stable finding id', () => {
    const gone = { ...fail, resource: { ...fail.resource, id: 'deleted-bucket' } };
    const keeps = { ...fail, resource: { ...fail.resource, id: 'still-bad' } };
    const a = withFindings(base, [gone, keeps, pass, { ...mutedFail }], '2026-11-01T00:00:00Z');
    const fixed = { ...keeps, resource: { ...keeps.resource, id: 'fixed' } };
    const b = withFindings(
      base,
      [
        keeps,                                                   // unchanged
        { ...pass, status: 'fail', message: 'broke again' },     // regressed (was pass)
        { ...mutedFail, muted: undefined },                      // regressed (was muted)
        { ...fixed, checkId: 'brand-new' },                      // new
      ],
      '2026-11-08T00:00:00Z',
    );
    const d = diffReports(a, b, { from: 'A', to: 'B' });
    assert.deepEqual(d.counts, { new: 1, regressed: 2, resolved: 1, unchanged: 1 });
    assert.deepEqual(d.changes.filter((c) => c.kind === 'regressed').map((c) => c.other).sort(), ['muted', 'pass']);
    assert.equal(d.changes.find((c) => c.kind === 'resolved')!.other, 'absent');
    assert.equal(d.bySeverity.new[fail.severity], 1);
    assert.equal(Object.values(d.byAccount).reduce((n, c) => n + c.new + c.regressed + c.resolved + c.unchanged, 0), 5);
  });

  it('a scan compared with itself has only unchanged failures', () => {
    const d = diffReports(base, base, { from: 'A', to: 'A' });
    assert.deepEqual(d.counts, { new: 0, regressed: 0, resolved: 0, unchanged: base.summary.byStatus.fail });
  });
});

describe('scan store', () => {
  it('records scans and reads them back (reports, summaries, latest/previous)', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'rampart-store-')), 'nested', 'h.sqlite');
    const store = ScanStore.open(path);
    const first = store.record(withFindings(base, base.findings, '2026-11-01T00:00:00.000Z'));
    const second = store.record(base);
    assert.deepEqual(store.list().map((s) => s.id), [first, second]);
    assert.deepEqual(store.list(1).map((s) => s.id), [second]);
    assert.deepEqual(store.list()[1]!.summary, base.summary);
    assert.equal(store.report('previous')!.id, first);
    assert.deepEqual(store.report('latest')!.report.findings, base.findings);
    assert.equal(store.report(999), undefined);
    store.close();
  });

  it('defaults to the user data directory, per platform', () => {
    assert.equal(defaultStorePath({ HOME: '/home/a' }, 'linux'), '/home/a/.local/share/rampart/history.sqlite');
    assert.equal(defaultStorePath({ HOME: '/home/a', XDG_DATA_HOME: '/data' }, 'linux'), '/data/rampart/history.sqlite');
    assert.equal(defaultStorePath({ HOME: '/Users/a' }, 'darwin'), '/Users/a/Library/Application Support/rampart/history.sqlite');
    assert.equal(defaultStorePath({ RAMPART_STORE: '/x.sqlite' }, 'linux'), '/x.sqlite');
  });
});

describe('scan --store, history and diff on the CLI', () => {
  async function run(args: string[], env: Record<string, string>) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await main(args, { stdout, stderr, env, logger: silentLogger });
    return { code, out, err };
  }

  it('records each scan, lists the history, diffs stored scans and report files, and the HTML shows trend and diff', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-hist-'));
    const env = { RAMPART_STORE: join(dir, 'h.sqlite') };
    assert.equal((await run(['scan', '--demo', '--store', '--format', 'json', '-o', join(dir, 'a.json')], env)).code, 0);
    // the second scan mutes one failing check: it must show as resolved, not vanish
    await writeFile(join(dir, 'm.yml'), 'mutes:\n  - check: root-mfa\n    reason: accepted\n');
    const second = await run(['scan', '--demo', '--store', '--mutelist', join(dir, 'm.yml'), '--output-dir', dir, '--formats', 'html,json'], env);
    assert.equal(second.code, 0, second.err);

    const history = await run(['history', '--format', 'json'], env);
    const scans = JSON.parse(history.out).scans;
    assert.equal(scans.length, 2);
    const muted = base.findings.filter((f) => f.checkId === 'root-mfa' && f.status === 'fail' && !f.muted).length;
    assert.equal(scans[0].summary.failBySeverity.critical - scans[1].summary.failBySeverity.critical, muted);
    assert.match((await run(['history'], env)).out, /^scan\s+collected\s+source\s+accounts\s+critical/);

    const stored = JSON.parse((await run(['diff', 'previous', 'latest', '--format', 'json'], env)).out);
    const files = JSON.parse((await run(['diff', join(dir, 'a.json'), join(dir, 'rampart-report.json'), '--format', 'json'], env)).out);
    assert.equal(stored.counts.resolved, muted);
    assert.deepEqual(files.counts, stored.counts);
    assert.equal(stored.counts.unchanged + stored.counts.resolved, scans[0].summary.byStatus.fail);

    const html = await readFile(join(dir, 'rampart-report.html'), 'utf8');
    assert.match(html, /<h2 id="trend">Failing findings over the last 2 scans<\/h2>/);
    assert.match(html, new RegExp(`<td class="num" id="diff-resolved">${muted}</td>`));
    assert.match((await run(['diff', '1', '2', '--format', 'html'], env)).out, /^<!doctype html>/);

    const bad = await run(['diff', 'nope.json', 'latest'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /nope\.json: no such report file, and not a stored scan/);
    assert.equal((await run(['diff', '7', 'latest'], env)).code, 2);
  });
});
