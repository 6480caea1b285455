import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { singleAccount } from '../inventory/fixtures.ts';
import { runCli, snapshotFile } from './testing.ts';

// root used 200 days ago: the catalog's WARN for root-recent-use (severity medium), and nothing else is wrong
const warnOnly = () => snapshotFile(singleAccount((a) => a.rootPasswordLastUsed(200)));

describe('scan: the warn status', () => {
  it('shows warnings apart in the terminal report and counts them in the summary', async () => {
    const r = await runCli(['scan', '--snapshot', await warnOnly()]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /0 failed · 1 warning ·/);
    assert.match(r.stdout, /\nWarnings\n[\s\S]*root-recent-use/);
    assert.doesNotMatch(r.stdout, /\nFailures\n/);
  });

  it('counts warnings in the JSON summary', async () => {
    const r = await runCli(['scan', '--snapshot', await warnOnly(), '--format', 'json']);
    const report = JSON.parse(r.stdout) as { summary: { byStatus: Record<string, number> }; findings: Array<{ checkId: string; status: string }> };
    assert.equal(report.summary.byStatus.warn, 1);
    assert.equal(report.summary.byStatus.fail, 0);
    assert.equal(report.findings.find((f) => f.checkId === 'root-recent-use')?.status, 'warn');
  });

  it('never trips --fail-on without --fail-on-warn', async () => {
    const r = await runCli(['scan', '--snapshot', await warnOnly(), '--fail-on', 'low']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('trips --fail-on with --fail-on-warn when the warning is at or above the severity', async () => {
    const file = await warnOnly();
    assert.equal((await runCli(['scan', '--snapshot', file, '--fail-on', 'medium', '--fail-on-warn'])).code, 1);
    assert.equal((await runCli(['scan', '--snapshot', file, '--fail-on', 'high', '--fail-on-warn'])).code, 0);
  });

  it('rejects --fail-on-warn without --fail-on', async () => {
    const r = await runCli(['scan', '--snapshot', await warnOnly(), '--fail-on-warn']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--fail-on-warn only works together with --fail-on/);
  });
});
