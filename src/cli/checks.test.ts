import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { singleAccount } from '../inventory/fixtures.ts';
import { runCli, snapshotFile } from './testing.ts';

describe('rampart checks --framework', () => {
  it('lists the controls with the checks that serve them, and says which are not covered', async () => {
    const r = await runCli(['checks', '--framework', 'cis-3.0']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^CIS AWS Foundations Benchmark v3\.0\.0\n/);
    assert.match(r.stdout, /\n1\.4 +automated +root-access-keys +Ensure no 'root' user account access key exists\n/);
    assert.match(r.stdout, /\n1\.3 +manual +— \(not covered\)/);
    assert.match(r.stdout, /\n62 controls: \d+ served by Rampart checks/);
  });

  it('as JSON: every control with its assessment and checks', async () => {
    const r = await runCli(['checks', '--framework', 'cis-3.0', '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { id: string; controls: Array<{ id: string; assessment: string; checks: string[] }> };
    assert.equal(doc.id, 'cis-3.0');
    assert.deepEqual(doc.controls.find((c) => c.id === '1.8'), { id: '1.8', title: 'Ensure IAM password policy requires minimum length of 14 or greater', assessment: 'automated', checks: ['password-policy'] });
  });

  it('an unknown framework is a usage error naming the known ones', async () => {
    const r = await runCli(['checks', '--framework', 'cis-9']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown framework "cis-9": choose one of cis-3\.0/);
    assert.equal(r.stdout, '');
  });
});

describe('scan: the per-framework summary', () => {
  it('rolls findings up per CIS control in the JSON report: failures fail, manual controls stay manual, uncovered ones say so', async () => {
    // root has an access key (1.4 fails) and MFA (1.5 passes); the security contact is set (1.2 is a manual control)
    const file = await snapshotFile(singleAccount((a) => a.rootMfa(true).rootAccessKeys(1)));
    const r = await runCli(['scan', '--snapshot', file, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { frameworks: Array<{ id: string; controls: Array<{ id: string; status: string; checks: string[] }>; totals: Record<string, number> }> };
    const cis = report.frameworks.find((f) => f.id === 'cis-3.0')!;
    const status = (id: string) => cis.controls.find((c) => c.id === id)?.status;
    assert.equal(status('1.4'), 'fail');
    assert.equal(status('1.5'), 'pass');
    assert.notEqual(status('1.2'), 'pass');
    assert.equal(status('1.3'), 'not_covered');
    assert.equal(Object.values(cis.totals).reduce((a, b) => a + b, 0), cis.controls.length);
  });

  it('a control whose checks were not selected is not_run', async () => {
    const file = await snapshotFile(singleAccount());
    const r = await runCli(['scan', '--snapshot', file, '--format', 'json', '--checks', 'root-mfa']);
    const report = JSON.parse(r.stdout) as { frameworks: Array<{ controls: Array<{ id: string; status: string }> }> };
    assert.equal(report.frameworks[0]!.controls.find((c) => c.id === '1.4')?.status, 'not_run');
  });

  it('the terminal report carries one line per framework', async () => {
    const r = await runCli(['scan', '--snapshot', await snapshotFile(singleAccount())]);
    assert.match(r.stdout, /CIS AWS Foundations Benchmark v3\.0\.0 \(62 controls\): \d+ pass · \d+ fail · .*\d+ manual · .*\d+ not covered/);
  });

  it('rampart report re-renders a saved report with its framework summary', async () => {
    const saved = await runCli(['scan', '--snapshot', await snapshotFile(singleAccount((a) => a.rootAccessKeys(1))), '--format', 'json']);
    const file = await snapshotFile(JSON.parse(saved.stdout), 'report.json');
    const r = await runCli(['report', file, '--format', 'json']);
    assert.equal(r.stderr, '');
    const again = JSON.parse(r.stdout) as { frameworks: Array<{ controls: Array<{ id: string; status: string }> }> };
    assert.equal(again.frameworks[0]!.controls.find((c) => c.id === '1.4')?.status, 'fail');
  });
});
