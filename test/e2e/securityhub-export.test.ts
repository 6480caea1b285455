// End to end: `rampart scan --to-securityhub` against the emulator imports every finding of the scan into Security
// Hub (read back with GetFindings), and a refused import is a clear failure, not a silent success.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EnableSecurityHubCommand, GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { assertFreshBuild, runCli } from '../support/built-cli.ts';
import { fakeAwsEnv, MOTO_SKIP_REASON, motoAvailable, startMoto, type Moto } from '../support/moto.ts';
import { startProxy, type Proxy } from '../support/proxy.ts';

before(assertFreshBuild);

describe('rampart scan --to-securityhub', { skip: motoAvailable() ? false : MOTO_SKIP_REASON }, () => {
  let moto: Moto;
  const client = () => new SecurityHubClient({ region: 'eu-west-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });

  before(async () => {
    moto = await startMoto();
    await client().send(new EnableSecurityHubCommand({}));
  });
  after(async () => moto?.stop());

  it('imports every finding of the scan into the named Region, with the custom-integration product ARN', async () => {
    // a handful of checks: the emulator's GetFindings pages at most 100 and its NextToken does not round-trip, so the
    // import is read back in one page (batches of 100 are covered by src/export/securityhub-import.test.ts)
    const checks = 'root-mfa,root-access-keys,password-policy,sg-open-admin-ports,kms-rotation,guardduty-enabled,securityhub-enabled,ebs-default-encryption,s3-account-bpa,cloudtrail-multi-region';
    const r = await runCli(['scan', '--regions', 'us-east-1', '--checks', checks, '--format', 'json', '--to-securityhub', 'eu-west-1'], fakeAwsEnv(moto.endpoint));
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: unknown[]; accounts: Array<{ accountId: string }> };
    assert.ok(report.findings.length > 0);
    const batches = Math.ceil(report.findings.length / 100);
    assert.match(r.stderr, new RegExp(`Security Hub \\(eu-west-1\\): imported ${report.findings.length} of ${report.findings.length} findings in ${batches} batch(es)?\\n`));

    const imported: AwsSecurityFinding[] = (await client().send(new GetFindingsCommand({ MaxResults: 100 }))).Findings ?? [];
    assert.ok(report.findings.length < 100, 'the read-back fits one page');
    assert.equal(imported.length, report.findings.length);
    const account = report.accounts[0]!.accountId;
    assert.ok(imported.every((f) => f.ProductArn === `arn:aws:securityhub:eu-west-1:${account}:product/${account}/default` && f.AwsAccountId === account));
  });

  it('a refused import exits 3 naming the permission, after the report was written', async () => {
    const proxy: Proxy = await startProxy({
      target: moto.endpoint,
      intercept: (req) =>
        req.url?.includes('/findings/import')
          ? { status: 403, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' }, body: JSON.stringify({ message: 'not authorized to perform securityhub:BatchImportFindings' }) }
          : undefined,
    });
    try {
      const r = await runCli(['scan', '--regions', 'us-east-1', '--checks', 'root-mfa', '--format', 'json', '--to-securityhub'], fakeAwsEnv(proxy.endpoint));
      assert.equal(r.code, 3, r.stderr);
      assert.ok(JSON.parse(r.stdout).findings.length > 0, 'the report is still printed');
      assert.match(r.stderr, /the import into Security Hub \(us-east-1\) failed: AccessDenied/);
      assert.match(r.stderr, /rampart iam-policy --with-export/);
    } finally {
      await proxy.stop();
    }
  });

  it('refuses --demo, --snapshot and --org before scanning', async () => {
    for (const args of [['--demo'], ['--snapshot', 'x.json'], ['--org']]) {
      const r = await runCli(['scan', ...args, '--to-securityhub']);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /--to-securityhub/);
    }
  });
});
