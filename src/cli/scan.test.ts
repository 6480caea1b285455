import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { singleAccount } from '../inventory/fixtures.ts';
import { runCli, snapshotFile, tempDir } from './testing.ts';

// root used 200 days ago: the catalog's WARN for root-recent-use (severity medium), and nothing else is wrong.
// The baseline fixture leaves unconfigured what it does not mention (alert pipelines, Config rules, log-archive buckets
// outside the account), so these tests run the checks whose verdicts they are about.
const ACCOUNT_CHECKS = ['--checks', 'root-recent-use,root-mfa,password-policy,org-exists'];
const warnOnly = () => snapshotFile(singleAccount((a) => a.rootPasswordLastUsed(200)));

describe('scan: the warn status', () => {
  it('shows warnings apart in the terminal report and counts them in the summary', async () => {
    const r = await runCli(['scan', '--snapshot', await warnOnly(), ...ACCOUNT_CHECKS]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /0 failed · 1 warning ·/);
    assert.match(r.stdout, /\nWarnings\n[\s\S]*root-recent-use/);
    assert.doesNotMatch(r.stdout, /\nFailures\n/);
  });

  it('counts warnings in the JSON summary', async () => {
    const r = await runCli(['scan', '--snapshot', await warnOnly(), '--format', 'json', ...ACCOUNT_CHECKS]);
    const report = JSON.parse(r.stdout) as { summary: { byStatus: Record<string, number> }; findings: Array<{ checkId: string; status: string }> };
    assert.equal(report.summary.byStatus.warn, 1);
    assert.equal(report.summary.byStatus.fail, 0);
    assert.equal(report.findings.find((f) => f.checkId === 'root-recent-use')?.status, 'warn');
  });

  it('never trips --fail-on without --fail-on-warn', async () => {
    const r = await runCli(['scan', '--snapshot', await warnOnly(), '--fail-on', 'low', ...ACCOUNT_CHECKS]);
    assert.equal(r.code, 0, r.stderr);
  });

  it('trips --fail-on with --fail-on-warn when the warning is at or above the severity', async () => {
    const file = await warnOnly();
    assert.equal((await runCli(['scan', '--snapshot', file, '--fail-on', 'medium', '--fail-on-warn', ...ACCOUNT_CHECKS])).code, 1);
    assert.equal((await runCli(['scan', '--snapshot', file, '--fail-on', 'high', '--fail-on-warn', ...ACCOUNT_CHECKS])).code, 0);
  });

  it('rejects --fail-on-warn without --fail-on', async () => {
    const r = await runCli(['scan', '--snapshot', await warnOnly(), '--fail-on-warn']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--fail-on-warn only works together with --fail-on/);
  });
});

describe('scan: exit codes', () => {
  // GuardDuty could not be read in one Region: guardduty-enabled (high) is an error there, nothing fails
  const GD = ['--checks', 'guardduty-enabled,root-mfa,password-policy'];
  const unreadable = () =>
    snapshotFile(singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('guardduty.detectors', 'AccessDenied', 'guardduty:ListDetectors'))));

  it('--fail-on counts a finding that could not be evaluated: it is not a pass', async () => {
    const file = await unreadable();
    assert.equal((await runCli(['scan', '--snapshot', file, '--fail-on', 'high', ...GD])).code, 1);
    assert.equal((await runCli(['scan', '--snapshot', file, '--fail-on', 'critical', ...GD])).code, 0, 'below the threshold');
  });

  it('--allow-errors keeps errors out of --fail-on', async () => {
    const r = await runCli(['scan', '--snapshot', await unreadable(), '--fail-on', 'high', '--allow-errors', ...GD]);
    assert.equal(r.code, 0, r.stderr);
  });

  it('rejects --allow-errors without --fail-on', async () => {
    const r = await runCli(['scan', '--demo', '--allow-errors']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--allow-errors only works together with --fail-on/);
  });

  it('a selection that leaves no check exits 2 with the reason', async () => {
    const r = await runCli(['scan', '--demo', '--checks', 'root-mfa', '--skip-checks', 'root-mfa']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the check selection leaves no check to run/);
    const empty = await runCli(['scan', '--demo', '--checks', ',']);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /--checks needs at least one check id/);
  });

  it('a snapshot with no account exits 2', async () => {
    const snap = singleAccount();
    const r = await runCli(['scan', '--snapshot', await snapshotFile({ ...snap, accounts: [] })]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the snapshot holds no account/);
  });

  it('a snapshot with the same account twice exits 2', async () => {
    const snap = singleAccount();
    const r = await runCli(['scan', '--snapshot', await snapshotFile({ ...snap, accounts: [snap.accounts[0], snap.accounts[0]] })]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /account 111111111111 appears more than once/);
  });

  it('a snapshot with a Region marked scanned but no data for it exits 2', async () => {
    const snap = singleAccount(undefined, { regions: ['us-east-1', 'eu-west-1'] });
    const account = snap.accounts[0]!;
    const { 'eu-west-1': _dropped, ...regional } = account.regional;
    const r = await runCli(['scan', '--snapshot', await snapshotFile({ ...snap, accounts: [{ ...account, regional }] })]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Region eu-west-1 is marked scanned but the snapshot has no data for it/);
    assert.doesNotMatch(r.stderr, /unexpected error/);
  });
});

describe('scan and collect: output paths are checked before collecting', () => {
  // credentials that look fine and an endpoint nobody listens on: any AWS call would fail with exit 3, not 2
  const offline = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1' };

  it('scan -o into a missing folder exits 2 before any AWS call', async () => {
    const r = await runCli(['scan', '-o', '/nonexistent-rampart/report.json'], offline);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /-o \/nonexistent-rampart\/report\.json: folder \/nonexistent-rampart does not exist/);
  });

  it('scan --save-snapshot onto a folder exits 2 before any AWS call', async () => {
    const r = await runCli(['scan', '--save-snapshot', await tempDir()], offline);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--save-snapshot .*: is a folder; give a file name/);
  });

  it('collect -o into a missing folder exits 2 before any AWS call', async () => {
    const r = await runCli(['collect', '-o', '/nonexistent-rampart/snap.json.gz'], offline);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /folder \/nonexistent-rampart does not exist/);
  });

  it('writes the report where -o says when the path is fine', async () => {
    const out = join(await tempDir(), 'report.json');
    const r = await runCli(['scan', '--demo', '--format', 'json', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(await readFile(out, 'utf8')) as { kind: string }).kind, 'rampart.report');
  });
});

describe('scan: an unreadable Region list', () => {
  const regionListDenied = () =>
    snapshotFile(
      singleAccount((a) => a.fail('regions', 'AccessDenied', 'ec2:DescribeRegions', 'UnauthorizedOperation: You are not authorized to perform this operation.')),
    );

  it('the JSON report carries the error and every per-Region check says the Region set is unknown', async () => {
    const r = await runCli(['scan', '--snapshot', await regionListDenied(), '--format', 'json']);
    const report = JSON.parse(r.stdout) as {
      accounts: Array<{ regionListError: { code: string; operation: string } | null }>;
      findings: Array<{ checkId: string; status: string; resource: { id: string }; message: string }>;
    };
    assert.equal(report.accounts[0]?.regionListError?.code, 'AccessDenied');
    assert.equal(report.accounts[0]?.regionListError?.operation, 'ec2:DescribeRegions');
    const unknownSet = (checkId: string) =>
      report.findings.find((f) => f.checkId === checkId && f.status === 'error' && /Region set of account 111111111111 is unknown/.test(f.message));
    for (const id of ['guardduty-enabled', 'cloudtrail-multi-region', 'sg-open-admin-ports', 'kms-rotation']) assert.ok(unknownSet(id), id);
    // account-wide checks are not about Regions
    assert.equal(unknownSet('root-mfa'), undefined);
    // the Region that was collected still gets its verdicts
    assert.ok(report.findings.some((f) => f.checkId === 'guardduty-enabled' && f.status === 'pass'));
  });

  it('the terminal report says the Region set is unknown and why', async () => {
    const r = await runCli(['scan', '--snapshot', await regionListDenied()]);
    assert.match(r.stdout, /Region set of 111111111111 unknown: AccessDenied on ec2:DescribeRegions — only eu-west-1, us-east-1 scanned; grant ec2:DescribeRegions/);
  });
});

describe('scan: --region and --regions names', () => {
  const offline = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true' };

  it('a typo exits 2 with the closest Region name, before any call', async () => {
    const r = await runCli(['scan', '--regions', 'us-east-1,eu-wset-1'], offline);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--regions: "eu-wset-1" is not an AWS Region; did you mean eu-west-1\?/);
    const single = await runCli(['scan', '--region', 'eu-central-3'], offline);
    assert.equal(single.code, 2, single.stderr);
    assert.match(single.stderr, /--region: "eu-central-3" is not an AWS Region; did you mean eu-central-[12]\?/);
  });

  it('Regions of two partitions in one scan exit 2', async () => {
    const r = await runCli(['scan', '--regions', 'us-east-1,cn-north-1'], offline);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /belong to different partitions \(aws, aws-cn\)/);
  });
});
