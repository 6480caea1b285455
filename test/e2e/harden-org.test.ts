// `rampart harden plan --org` / `--snapshot DIR` end to end against an emulator organization: collect the
// organization, plan it offline (no AWS call), apply — member-account actions through OrganizationAccountAccessRole
// act in the member and nowhere else — and rescan: every finding the applied actions claim to close passes.
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { GetAccountPasswordPolicyCommand, IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import type { Journal } from '../../src/harden/apply/journal.ts';
import type { Plan } from '../../src/harden/plan-schema.ts';
import { fakeAwsEnv, MOTO_SKIP_REASON, motoAvailable, startMoto, type Moto } from '../support/moto.ts';
import { MANAGEMENT_ACCOUNT, managementConfig, memberConfig, seedOrganization, type SeededOrg } from '../support/org-seed.ts';
import { rampart, recordingEndpoint } from './harden-cli.ts';

interface Finding {
  checkId: string;
  accountId: string;
  status: string;
  region?: string;
  resource: { id: string };
}
const key = (f: { checkId: string; accountId: string; region?: string | null; resource: string | { id: string } }) =>
  `${f.checkId}|${f.accountId}|${f.region ?? ''}|${typeof f.resource === 'string' ? f.resource : f.resource.id}`;

describe('harden plan --org: an emulator organization planned account by account and applied through the member role', { skip: motoAvailable() ? false : MOTO_SKIP_REASON }, () => {
  let moto: Moto;
  let org: SeededOrg;
  let dir: string;
  let plan: Plan;
  let journal: Journal;
  const env = () => ({ ...fakeAwsEnv(moto.endpoint) });

  before(async () => {
    moto = await startMoto({ managedPolicies: false });
    // the SDK's credential chain reads process.env
    Object.assign(process.env, fakeAwsEnv(moto.endpoint));
    org = await seedOrganization(moto.endpoint, ['Workloads'], { prod: 'Workloads', dev: 'Workloads' });
    // the management account is already fine on passwords; both members are weak
    await new IAMClient(managementConfig(moto.endpoint)).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true }));
    for (const id of Object.values(org.members)) {
      await new IAMClient(await memberConfig(moto.endpoint, id)).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8 }));
    }
    dir = await mkdtemp(join(tmpdir(), 'rampart-harden-org-'));
    const c = await rampart(['collect', '--org', '--regions', 'us-east-1', '-o', join(dir, 'org')], env());
    assert.equal(c.code, 0, c.stderr);
  });
  after(async () => {
    await moto?.stop();
  });

  it('plans from the organization directory without any AWS call, every member in its own group', async () => {
    const rec = await recordingEndpoint();
    try {
      const r = await rampart(['harden', 'plan', '--snapshot', join(dir, 'org'), '--format', 'json', '-o', join(dir, 'plan.json')], { AWS_ENDPOINT_URL: rec.url });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(rec.requests(), 0, 'planning an organization directory must not call AWS');
    } finally {
      await rec.close();
    }
    plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as Plan;
    assert.deepEqual(plan.basedOn.accounts, [MANAGEMENT_ACCOUNT, ...Object.values(org.members)].sort());
    for (const id of Object.values(org.members)) {
      const pw = plan.actions.find((a) => a.kind === 'iam.password-policy' && a.accountId === id);
      assert.ok(pw, `password policy planned in member ${id}`);
      assert.deepEqual(pw.closes.map((c) => c.accountId), [id]);
      assert.ok(plan.actions.some((a) => a.kind === 'ec2.ebs-encryption-default' && a.accountId === id && a.region === 'us-east-1'));
    }
    assert.equal(plan.actions.some((a) => a.kind === 'iam.password-policy' && a.accountId === MANAGEMENT_ACCOUNT), false);
    const terminal = await rampart(['harden', 'plan', '--snapshot', join(dir, 'org')]);
    for (const id of Object.values(org.members)) assert.match(terminal.stdout, new RegExp(`Account ${id} — us-east-1`));
  });

  it('--org collects and plans live, giving the same actions', async () => {
    const r = await rampart(['harden', 'plan', '--org', '--regions', 'us-east-1', '--format', 'json'], env());
    assert.equal(r.code, 0, r.stderr);
    const live = JSON.parse(r.stdout) as Plan;
    assert.deepEqual(live.actions.map((a) => a.id), plan.actions.map((a) => a.id));
    assert.equal((await rampart(['harden', 'plan', '--org', '--shard', '1/2'], env())).code, 2, '--shard is refused');
    assert.equal((await rampart(['harden', 'plan', '--demo', '--org'], env())).code, 2);
  });

  it('applies member actions through OrganizationAccountAccessRole, in the member only', async () => {
    const r = await rampart(['harden', 'apply', join(dir, 'plan.json'), '--yes'], env());
    journal = JSON.parse(await readFile(join(dir, 'plan.journal.json'), 'utf8')) as Journal;
    for (const id of Object.values(org.members)) {
      const pw = journal.entries.find((e) => e.kind === 'iam.password-policy' && e.accountId === id);
      assert.equal(pw?.outcome, 'applied', `${id}: ${pw?.reason ?? ''}\n${r.stdout}`);
      const cfg = await memberConfig(moto.endpoint, id);
      assert.equal((await new IAMClient(cfg).send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy?.MinimumPasswordLength, 14);
      assert.equal((await new EC2Client(cfg).send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault, true);
    }
    // the management account's own EBS default changes only by its own action (there is one: it was off too)
    const mgmtEbs = journal.entries.find((e) => e.kind === 'ec2.ebs-encryption-default' && e.accountId === MANAGEMENT_ACCOUNT);
    const mgmtNow = (await new EC2Client(managementConfig(moto.endpoint)).send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault;
    assert.equal(mgmtNow, mgmtEbs?.outcome === 'applied');
  });

  it('every finding the applied actions claim to close passes in a fresh organization scan', async () => {
    const r = await rampart(['scan', '--org', '--regions', 'us-east-1', '--format', 'json'], env());
    assert.ok(r.code === 0, r.stderr);
    const now = new Map((JSON.parse(r.stdout) as { findings: Finding[] }).findings.map((f) => [key(f), f.status]));
    const applied = new Set(journal.entries.filter((e) => e.outcome === 'applied').map((e) => e.actionId));
    const claimed = plan.actions.filter((a) => applied.has(a.id)).flatMap((a) => a.closes);
    assert.ok(claimed.some((c) => c.accountId !== MANAGEMENT_ACCOUNT), 'member findings are claimed');
    for (const c of claimed) assert.equal(now.get(key(c)) ?? 'gone', 'pass', `${key(c)} should pass after apply`);
  });
});

describe('harden apply: the organization services across accounts in the emulator', { skip: motoAvailable() ? false : MOTO_SKIP_REASON }, () => {
  let moto: Moto;
  let org: SeededOrg;
  let dir: string;
  let plan: Plan;
  let journal: Journal;
  const outcome = (kind: string) => journal.entries.filter((e) => e.kind === kind);

  before(async () => {
    moto = await startMoto({ managedPolicies: false });
    Object.assign(process.env, fakeAwsEnv(moto.endpoint));
    org = await seedOrganization(moto.endpoint, ['Security'], { 'log-archive': 'Security', audit: 'Security' });
    dir = await mkdtemp(join(tmpdir(), 'rampart-harden-orgsvc-'));
    assert.equal((await rampart(['collect', '--org', '--regions', 'us-east-1', '-o', join(dir, 'org')], fakeAwsEnv(moto.endpoint))).code, 0);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'baseline.yaml'), `organization:\n  ous: []\n  logArchiveAccount: "${org.members['log-archive']}"\n  securityAuditAccount: "${org.members['audit']}"\n`);
    const p = await rampart(['harden', 'plan', '--snapshot', join(dir, 'org'), '--baseline', join(dir, 'baseline.yaml'), '--format', 'json', '-o', join(dir, 'plan.json')]);
    assert.equal(p.code, 0, p.stderr);
    plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as Plan;
    await rampart(['harden', 'apply', join(dir, 'plan.json'), '--yes'], fakeAwsEnv(moto.endpoint));
    journal = JSON.parse(await readFile(join(dir, 'plan.journal.json'), 'utf8')) as Journal;
    process.stdout.write(`# org services e2e: ${journal.entries.map((e) => `${e.kind}=${e.outcome}${e.outcome === 'applied' ? '' : ` (${e.reason})`}`).join('; ')}\n`);
  });
  after(async () => {
    await moto?.stop();
  });

  it('creates the trail bucket and key in the Log Archive account, through its role, and nowhere else', async () => {
    const logs = org.members['log-archive']!;
    const [bucket] = outcome('org.trail-bucket');
    assert.equal(bucket?.outcome, 'applied', bucket?.reason ?? '');
    const { S3Client, HeadBucketCommand, GetBucketVersioningCommand, GetBucketPolicyCommand } = await import('@aws-sdk/client-s3');
    const name = String(plan.actions.find((a) => a.kind === 'org.trail-bucket')!.details['bucket']);
    const s3 = new S3Client({ ...(await memberConfig(moto.endpoint, logs)), forcePathStyle: true });
    await s3.send(new HeadBucketCommand({ Bucket: name, ExpectedBucketOwner: logs }));
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: name }))).Status, 'Enabled');
    assert.match((await s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy ?? '', /AWSCloudTrailWrite/);
    const [key] = outcome('org.trail-key');
    assert.equal(key?.outcome, 'applied', key?.reason ?? '');
    const { KMSClient, DescribeKeyCommand } = await import('@aws-sdk/client-kms');
    const described = await new KMSClient(await memberConfig(moto.endpoint, logs)).send(new DescribeKeyCommand({ KeyId: 'alias/rampart-organization-trail' }));
    assert.equal(described.KeyMetadata?.AWSAccountId, logs);
  });

  it('journals every organization action with its outcome; a second apply changes nothing', async () => {
    for (const e of journal.entries) if (e.outcome !== 'applied') assert.ok(e.reason, `${e.actionId} says why`);
    const applied = journal.entries.filter((e) => e.outcome === 'applied').map((e) => e.actionId);
    assert.ok(applied.length >= 4, applied.join(', '));
    await rampart(['harden', 'apply', join(dir, 'plan.json'), '--yes', '--journal', join(dir, 'second.json')], fakeAwsEnv(moto.endpoint));
    const second = JSON.parse(await readFile(join(dir, 'second.json'), 'utf8')) as Journal;
    for (const id of applied) assert.equal(second.entries.find((e) => e.actionId === id)?.reason, 'already in place', id);
  });
});
