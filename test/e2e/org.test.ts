// End to end: `rampart scan --org` (built CLI) against an emulator organization — a management account and four
// members in two OUs, each seeded through its OrganizationAccountAccessRole with different mistakes. One member's
// AssumeRole is refused by a loopback proxy. Every seeded verdict is asserted per account, nothing of one account
// may appear under another, the refused member is reported as `error` with the fix, and the directory round-trips.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, EC2Client, EnableEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { CreateLoginProfileCommand, CreateUserCommand, IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { findCheck } from '../../src/checks/index.ts';
import { shardOf } from '../../src/org/accounts.ts';
import { projectRoot as repoRoot, runCli, type RunResult } from '../support/built-cli.ts';
import { fakeAwsEnv, MOTO_SKIP_REASON, motoAvailable, startMoto, type Moto } from '../support/moto.ts';
import { MANAGEMENT_ACCOUNT, managementConfig, memberConfig, seedOrganization, type SeededOrg } from '../support/org-seed.ts';
import { assumeRoleDenied, startProxy, type Proxy } from '../support/proxy.ts';

interface Finding {
  checkId: string;
  status: string;
  accountId: string;
  ouPath?: string;
  region?: string;
  resource: { type: string; id: string; arn?: string };
  error?: { code: string; operation: string; message: string };
}
interface Report {
  findings: Finding[];
  accounts: Array<{ accountId: string; scannedRegions: string[] }>;
  organization?: {
    id: string;
    accounts: Array<{ accountId: string; ouPath: string; outcome: string; error?: { code: string; message: string } }>;
    ous: Array<{ ouPath: string; accounts: number; audited: number }>;
  };
  apiCalls?: { byOperation: Array<{ service: string; operation: string }> };
}

describe('rampart scan --org against an emulator organization', { skip: motoAvailable() ? false : MOTO_SKIP_REASON }, () => {
  let moto: Moto;
  let proxy: Proxy;
  let org: SeededOrg;
  let result: RunResult;
  let report: Report;
  let dir: string;
  const id = (name: string) => org.members[name]!;

  before(async () => {
    assert.ok(existsSync(join(repoRoot, 'dist/src/cli/main.js')), 'the CLI is not built: run `npm run build`');
    moto = await startMoto({ managedPolicies: false });
    org = await seedOrganization(moto.endpoint, ['Prod', 'Dev'], { web: 'Prod', data: 'Prod', sandbox: 'Dev', legacy: 'Dev' });
    const refused = `arn:aws:iam::${id('legacy')}:role/OrganizationAccountAccessRole`;
    proxy = await startProxy({
      target: moto.endpoint,
      intercept: (_req, body) => (body.includes('Action=AssumeRole') && decodeURIComponent(body).includes(refused) ? assumeRoleDenied(refused) : undefined),
    });

    // management: a good password policy, nothing else
    await new IAMClient(managementConfig(moto.endpoint)).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));
    // web (Prod): a console user without MFA
    const web = await memberConfig(moto.endpoint, id('web'));
    const webIam = new IAMClient(web);
    await webIam.send(new CreateUserCommand({ UserName: 'web-alice' }));
    await webIam.send(new CreateLoginProfileCommand({ UserName: 'web-alice', Password: 'Sup3r-Secret-Passw0rd!' }));
    // data (Prod): a bucket readable by anyone
    const s3 = new S3Client({ ...(await memberConfig(moto.endpoint, id('data'))), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'org-e2e-data-public' }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'org-e2e-data-public',
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::org-e2e-data-public/*' }] }),
      }),
    );
    // sandbox (Dev): SSH open to the world, but EBS encryption by default on
    const ec2 = new EC2Client(await memberConfig(moto.endpoint, id('sandbox')));
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'sandbox-ssh', Description: 'e2e' }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));

    dir = await mkdtemp(join(tmpdir(), 'rampart-org-e2e-'));
    result = await runCli(['scan', '--org', '--format', 'json', '--regions', 'us-east-1', '--save-snapshot', join(dir, 'org')], fakeAwsEnv(proxy.endpoint));
    report = JSON.parse(result.stdout) as Report;
  });

  after(async () => {
    await proxy?.stop();
    await moto?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const findings = (checkId: string, accountId: string) => report.findings.filter((f) => f.checkId === checkId && f.accountId === accountId);
  const statuses = (checkId: string, accountId: string) => [...new Set(findings(checkId, accountId).map((f) => f.status))].sort();

  it('completes with exit 0 and lists every account of the organization with its outcome and OU', () => {
    assert.equal(result.code, 0, result.stderr);
    const accounts = report.organization?.accounts ?? [];
    const outcome = Object.fromEntries(accounts.map((a) => [a.accountId, `${a.outcome} ${a.ouPath}`]));
    assert.deepEqual(outcome, {
      [MANAGEMENT_ACCOUNT]: 'audited Root',
      [id('web')]: 'audited Root/Prod',
      [id('data')]: 'audited Root/Prod',
      [id('sandbox')]: 'audited Root/Dev',
      [id('legacy')]: 'error Root/Dev',
    });
    assert.deepEqual(
      report.organization?.ous.map((o) => `${o.ouPath} ${o.audited}/${o.accounts}`),
      ['Root 1/1', 'Root/Dev 1/2', 'Root/Prod 2/2'],
    );
    assert.match(result.stderr, new RegExp(`account ${id('legacy')} \\(legacy\\) could not be audited`));
  });

  it('gives each account its own seeded verdicts', () => {
    assert.deepEqual(statuses('iam-user-console-mfa', id('web')), ['fail']);
    assert.ok(findings('iam-user-console-mfa', id('web')).some((f) => f.resource.id.includes('web-alice')));
    for (const other of [MANAGEMENT_ACCOUNT, id('data'), id('sandbox')]) assert.ok(!statuses('iam-user-console-mfa', other).includes('fail'), other);

    assert.ok(findings('s3-bucket-public', id('data')).some((f) => f.status === 'fail' && f.resource.id === 'org-e2e-data-public'));
    for (const other of [MANAGEMENT_ACCOUNT, id('web'), id('sandbox')]) assert.ok(!statuses('s3-bucket-public', other).includes('fail'), other);

    assert.deepEqual(statuses('sg-open-admin-ports', id('sandbox')).includes('fail'), true);
    for (const other of [MANAGEMENT_ACCOUNT, id('web'), id('data')]) assert.ok(!statuses('sg-open-admin-ports', other).includes('fail'), other);

    assert.deepEqual(statuses('ebs-default-encryption', id('sandbox')), ['pass']);
    for (const other of [MANAGEMENT_ACCOUNT, id('web'), id('data')]) assert.deepEqual(statuses('ebs-default-encryption', other), ['fail'], other);

    assert.deepEqual(statuses('password-policy', MANAGEMENT_ACCOUNT), ['pass']);
    for (const other of [id('web'), id('data'), id('sandbox')]) assert.deepEqual(statuses('password-policy', other), ['fail'], other);

    // organization checks run once, from the management account, and each member's verdict is filed under it
    for (const member of [id('web'), id('data'), id('sandbox'), id('legacy')]) assert.deepEqual(statuses('scp-deny-leave-org', member), ['fail'], member);
    assert.equal(report.findings.filter((f) => f.checkId === 'scp-enabled').length, 1);
  });

  it('reports the member that cannot be assumed as error on every check, naming the cause and the fix', () => {
    // organization-scope checks (the SCPs, Identity Center assignments…) judge it from the management account's data
    // (fail: no SCP); everything else is unknown
    const legacy = report.findings.filter((f) => f.accountId === id('legacy') && !f.checkId.startsWith('scp-') && findCheck(f.checkId)?.meta.scope !== 'org');
    assert.ok(legacy.length >= 10, `only ${legacy.length} findings for the refused account`);
    for (const f of legacy) {
      assert.equal(f.status, 'error', `${f.checkId} of the refused account`);
      assert.equal(f.error?.operation, 'sts:AssumeRole');
      assert.equal(f.error?.code, 'AccessDenied');
    }
    const entry = report.organization?.accounts.find((a) => a.accountId === id('legacy'));
    assert.match(entry?.error?.message ?? '', /OrganizationAccountAccessRole.*rampart audit-role/);
  });

  it('files nothing of one account under another, and carries the OU path on every finding', () => {
    const ouOf = Object.fromEntries((report.organization?.accounts ?? []).map((a) => [a.accountId, a.ouPath]));
    for (const f of report.findings) {
      assert.equal(f.ouPath, ouOf[f.accountId], `${f.checkId} ${f.resource.id}`);
      // (an Organizations account ARN names the management account in that field, the member at the end)
      const inArn = f.resource.arn?.match(/^arn:aws:(?!organizations)[a-z0-9-]*:[a-z0-9-]*:(\d{12}):/)?.[1];
      if (inArn !== undefined) assert.equal(inArn, f.accountId, `${f.checkId} ${f.resource.arn} filed under ${f.accountId}`);
      if (f.resource.type === 'AwsAccount') assert.equal(f.resource.id, f.accountId, `${f.checkId} about ${f.resource.id} filed under ${f.accountId}`);
    }
  });

  it('calls only read operations, plus AssumeRole into the members', () => {
    const ops = report.apiCalls?.byOperation ?? [];
    for (const op of ops) assert.match(`${op.service}:${op.operation}`, /^[a-z0-9-]+:(Get|BatchGet|List|Describe|Lookup|Search|Head|GenerateCredentialReport$)|^sts:AssumeRole$|^apigateway:GET$/);
    // apigateway:GET: API Gateway's reads, which IAM names by HTTP verb
    assert.ok(ops.some((o) => o.service === 'sts' && o.operation === 'AssumeRole'));
  });

  it('re-evaluates the saved directory offline to the same findings', async () => {
    const index = JSON.parse(await readFile(join(dir, 'org', 'index.json'), 'utf8')) as { accounts: Array<{ outcome: string }> };
    assert.equal(index.accounts.length, 5);
    const offline = await runCli(['scan', '--snapshot', join(dir, 'org'), '--format', 'json']);
    assert.equal(offline.code, 0, offline.stderr);
    assert.deepEqual((JSON.parse(offline.stdout) as Report).findings, report.findings);
  });

  it('collect --org --resume re-reads only the unfinished account, and refuses to overwrite without --resume', async () => {
    const saved = join(dir, 'org');
    const again = await runCli(['collect', '--org', '-o', saved, '--regions', 'us-east-1'], fakeAwsEnv(proxy.endpoint));
    assert.equal(again.code, 2, again.stderr);
    assert.match(again.stderr, /already holds an organization snapshot[\s\S]*--resume/);

    // what an interrupted run leaves: the account marked unfinished, without its file
    const indexPath = join(saved, 'index.json');
    const index = JSON.parse(await readFile(indexPath, 'utf8')) as { collectedAt: string | null; accounts: Array<{ accountId: string; outcome: string; file?: string; error?: unknown }> };
    const web = index.accounts.find((a) => a.accountId === id('web'))!;
    await unlink(join(saved, web.file!));
    Object.assign(web, { outcome: 'error', error: { code: 'NotCollected', operation: 'rampart:collect', message: 'interrupted' } });
    delete web.file;
    await writeFile(indexPath, JSON.stringify({ ...index, collectedAt: null }));
    const interrupted = await runCli(['scan', '--snapshot', saved]);
    assert.match(interrupted.stdout, /collection incomplete: run it again with --resume/);

    const resumed = await runCli(['collect', '--org', '-o', saved, '--regions', 'us-east-1', '--resume'], fakeAwsEnv(proxy.endpoint));
    assert.equal(resumed.code, 0, resumed.stderr);
    // the finished accounts are kept; the unfinished one and the refused one are tried again
    assert.match(resumed.stderr, /resuming: 3 account\(s\) already collected, 2 to go/);
    const offline = JSON.parse((await runCli(['scan', '--snapshot', saved, '--format', 'json'])).stdout) as Report;
    const verdicts = (r: Report) => r.findings.map((f) => `${f.accountId} ${f.checkId} ${f.resource.id} ${f.status}`).sort();
    assert.deepEqual(verdicts(offline), verdicts(report));
  });

  it('prints the per-account and per-OU summary in the terminal report', async () => {
    const r = await runCli(['scan', '--snapshot', join(dir, 'org')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Organization o-\w+ — 5 accounts: 4 audited, 1 could not be audited, 0 skipped/);
    assert.match(r.stdout, new RegExp(`${id('legacy')}\\s+Root/Dev\\s+legacy\\s+NOT AUDITED`));
    assert.match(r.stdout, /By OU/);
  });

  it('shards collected apart and joined with rampart merge give the unsharded verdicts, as directories and as reports', async () => {
    // the emulator picks the member account ids at random: use the fewest shards that each get an account, so the test
    // always joins non-empty shards (the split itself is unit-tested in src/org/accounts.test.ts)
    // (the refused member is in a shard too, but has no snapshot there)
    const everyAccount = [MANAGEMENT_ACCOUNT, ...Object.entries(org.members).filter(([name]) => name !== 'legacy').map(([, accountId]) => accountId)];
    const count = [2, 3, 4, 5].find((n) => new Set(everyAccount.map((a) => shardOf(a, n))).size === n) ?? 1;
    const shards = Array.from({ length: count }, (_, k) => k + 1);
    const shard = (i: number) => join(dir, `shard-${i}`);
    for (const i of shards) {
      const r = await runCli(['collect', '--org', '--shard', `${i}/${count}`, '-o', shard(i), '--regions', 'us-east-1'], fakeAwsEnv(proxy.endpoint));
      assert.equal(r.code, 0, r.stderr);
    }
    const shardAccounts = await Promise.all(
      shards.map(async (i) => (JSON.parse(await readFile(join(shard(i), 'index.json'), 'utf8')) as { accounts: Array<{ accountId: string; file?: string }> }).accounts.filter((a) => a.file).map((a) => a.accountId)),
    );
    assert.ok(shardAccounts.every((list) => list.length > 0), 'each shard collected some accounts');
    const all = shardAccounts.flat();
    assert.equal(new Set(all).size, all.length, 'no account is collected by two shards');

    const verdicts = (r: Report) => r.findings.map((f) => `${f.accountId} ${f.checkId} ${f.resource.id} ${f.status}`).sort();
    const merged = await runCli(['merge', ...shards.map(shard), '-o', join(dir, 'merged')]);
    assert.equal(merged.code, 0, merged.stderr);
    const fromDirs = JSON.parse((await runCli(['scan', '--snapshot', join(dir, 'merged'), '--format', 'json'])).stdout) as Report;
    assert.deepEqual(verdicts(fromDirs), verdicts(report));

    const reports = await Promise.all(
      shards.map(async (i) => {
        const file = join(dir, `shard-${i}.json`);
        await writeFile(file, (await runCli(['scan', '--snapshot', shard(i), '--format', 'json'])).stdout);
        return file;
      }),
    );
    const joined = await runCli(['merge', ...reports]);
    assert.equal(joined.code, 0, joined.stderr);
    // A shard's report was evaluated without the accounts of the other shard: a member's check that needs the
    // management account's own data (e.g. its Identity Center instance) can only say error there — never another
    // verdict. Merging the snapshot directories (above) gives the unsharded verdicts exactly.
    const status = (r: Report) => new Map(r.findings.map((f) => [`${f.accountId} ${f.checkId} ${f.resource.id}`, f.status]));
    const whole = status(report);
    const fromReports = status(JSON.parse(joined.stdout) as Report);
    assert.deepEqual([...fromReports.keys()].sort(), [...whole.keys()].sort());
    for (const [key, s] of fromReports) if (s !== whole.get(key)) assert.equal(s, 'error', `${key}: ${s} in the merged reports, ${whole.get(key)} unsharded`);
  });
});
