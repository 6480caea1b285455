// The hardening loop end to end against the AWS emulator: seed an insecure organization (management + members),
// scan, plan, apply --yes, scan again — every finding the plan said it closes (for actions that applied) must now
// pass; a second apply changes nothing; rollback restores the prior state of what was applied.
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloudTrailClient, CreateTrailCommand, DescribeTrailsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { GetAccountPasswordPolicyCommand, IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateAccountCommand, CreateOrganizationCommand, ListPoliciesCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { Journal } from '../../src/harden/apply/journal.ts';
import type { Plan } from '../../src/harden/plan-schema.ts';
import { fakeAwsEnv, MOTO_SKIP_REASON, motoAvailable, startMoto, type Moto } from '../support/moto.ts';
import { rampart, type CliRun } from './harden-cli.ts';

interface Finding {
  checkId: string;
  accountId: string;
  status: string;
  region?: string;
  resource: { id: string };
}
const key = (f: { checkId: string; accountId: string; region?: string | null; resource: string | { id: string } }) =>
  `${f.checkId}|${f.accountId}|${f.region ?? ''}|${typeof f.resource === 'string' ? f.resource : f.resource.id}`;

describe('harden: scan → plan → apply → scan against the AWS emulator', { skip: motoAvailable() ? false : MOTO_SKIP_REASON }, () => {
  let moto: Moto;
  let dir: string;
  let plan: Plan;
  let journal: Journal;
  let applyRun: CliRun;
  let before1: Finding[];
  let after1: Finding[];
  let keyId: string;
  const cfg = () => ({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  const scan = async (file: string): Promise<Finding[]> => {
    const r = await rampart(['scan', '--regions', 'us-east-1', '--format', 'json', '--save-snapshot', file]);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
  };

  before(async () => {
    moto = await startMoto();
    Object.assign(process.env, fakeAwsEnv(moto.endpoint));
    dir = await mkdtemp(join(tmpdir(), 'rampart-harden-e2e-'));
    const org = new OrganizationsClient(cfg());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    await org.send(new CreateAccountCommand({ AccountName: 'production', Email: 'aws-prod@example.com' }));
    await org.send(new CreateAccountCommand({ AccountName: 'development', Email: 'aws-dev@example.com' }));
    // insecure: weak password policy, EBS unencrypted by default, a key that never rotates, a trail without validation
    await new IAMClient(cfg()).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, PasswordReusePrevention: 3 }));
    const key = await new KMSClient(cfg()).send(new CreateKeyCommand({ Description: 'e2e' }));
    keyId = key.KeyMetadata!.KeyId!;
    await new S3Client({ ...cfg(), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'e2e-harden-trail' }));
    const trail = new CloudTrailClient(cfg());
    await trail.send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'e2e-harden-trail', IsMultiRegionTrail: true }));
    await trail.send(new StartLoggingCommand({ Name: 'main' }));

    before1 = await scan(join(dir, 'before.json'));
    const p = await rampart(['harden', 'plan', '--snapshot', join(dir, 'before.json'), '--format', 'json', '-o', join(dir, 'plan.json')]);
    assert.equal(p.code, 0, p.stderr);
    plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as Plan;
    applyRun = await rampart(['harden', 'apply', join(dir, 'plan.json'), '--yes']);
    journal = JSON.parse(await readFile(join(dir, 'plan.journal.json'), 'utf8')) as Journal;
    after1 = await scan(join(dir, 'after.json'));
  });

  after(async () => {
    await moto?.stop();
  });

  it('plans fixes for the seeded mistakes', () => {
    const kinds = new Set(plan.actions.map((a) => a.kind));
    for (const k of ['iam.password-policy', 'ec2.ebs-encryption-default', 'kms.key-rotation', 'cloudtrail.log-validation', 'org.enable-scp-type', 'org.scp'] as const) {
      assert.ok(kinds.has(k), `plan has a ${k} action`);
    }
    assert.ok(plan.summary.findingsClosed >= 6, `closes ${plan.summary.findingsClosed}`);
    const failing = new Set(before1.filter((f) => f.status === 'fail').map(key));
    for (const c of plan.actions.flatMap((a) => a.closes)) assert.ok(failing.has(key(c)), `${key(c)} was failing before`);
  });

  it('does nothing without --yes', async () => {
    const r = await rampart(['harden', 'apply', join(dir, 'plan.json')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Dry run: nothing was changed/);
    assert.match(r.stdout, /iam:UpdateAccountPasswordPolicy/);
  });

  it('journals every action; what the emulator cannot serve ends failed with the reason', () => {
    assert.equal(journal.entries.length, plan.actions.length);
    for (const e of journal.entries) {
      assert.ok(['applied', 'skipped', 'failed'].includes(e.outcome));
      if (e.outcome !== 'applied') assert.ok(e.reason, `${e.actionId} says why it was ${e.outcome}`);
    }
    assert.ok(journal.entries.filter((e) => e.outcome === 'applied').length >= 6, applyRun.stdout);
    assert.match(applyRun.stdout, /\d+ applied, \d+ skipped, \d+ failed — journal:/);
  });

  it('every finding the plan said it closes now passes', () => {
    const applied = new Set(journal.entries.filter((e) => e.outcome === 'applied').map((e) => e.actionId));
    const claimed = plan.actions.filter((a) => applied.has(a.id)).flatMap((a) => a.closes);
    const now = new Map(after1.map((f) => [key(f), f.status]));
    assert.ok(claimed.length >= 6);
    for (const c of claimed) assert.equal(now.get(key(c)) ?? 'gone', 'pass', `${key(c)} should pass after apply`);
    // figures for the report
    process.stdout.write(`# harden e2e: plan claims ${plan.summary.findingsClosed} closed; ${claimed.length} claimed by applied actions; ${claimed.filter((c) => now.get(key(c)) === 'pass').length} pass after apply\n`);
  });

  it('a second apply changes nothing', async () => {
    const r = await rampart(['harden', 'apply', join(dir, 'plan.json'), '--yes', '--journal', join(dir, 'second.journal.json')]);
    const second = JSON.parse(await readFile(join(dir, 'second.journal.json'), 'utf8')) as Journal;
    assert.deepEqual(second.entries.filter((e) => e.outcome === 'applied').map((e) => e.actionId), [], r.stdout);
    for (const e of second.entries.filter((x) => journal.entries.find((j) => j.actionId === x.actionId)?.outcome === 'applied')) {
      assert.equal(e.reason, 'already in place', e.actionId);
    }
  });

  it('refuses an action whose state drifted since the scan', async () => {
    // someone changes the password policy after the plan was made: the plan's `before` no longer holds
    await new IAMClient(cfg()).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 10 }));
    const only = { ...plan, actions: plan.actions.filter((a) => a.kind === 'iam.password-policy') };
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'drift.json'), JSON.stringify(only));
    await rampart(['harden', 'apply', join(dir, 'drift.json'), '--yes']);
    const j = JSON.parse(await readFile(join(dir, 'drift.journal.json'), 'utf8')) as Journal;
    assert.equal(j.entries[0]?.outcome, 'skipped');
    assert.match(j.entries[0]?.reason ?? '', /^drift: the state changed since the scan/);
    // put back what the first apply had set, so the rollback below sees its own result
    await rampart(['harden', 'apply', join(dir, 'plan.json'), '--yes', '--journal', join(dir, 'ignored.json')]);
  });

  it('rollback restores the prior state of the reversible actions', async () => {
    const r = await rampart(['harden', 'rollback', join(dir, 'plan.journal.json'), '--yes']);
    assert.match(r.stdout, /undone/, r.stdout + r.stderr);
    const iam = new IAMClient(cfg());
    const policy = await iam.send(new GetAccountPasswordPolicyCommand({}));
    assert.equal(policy.PasswordPolicy?.MinimumPasswordLength, 8);
    assert.equal(policy.PasswordPolicy?.PasswordReusePrevention, 3);
    assert.equal((await new EC2Client(cfg()).send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault, false);
    assert.equal((await new KMSClient(cfg()).send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled, false);
    const trails = await new CloudTrailClient(cfg()).send(new DescribeTrailsCommand({ trailNameList: ['main'] }));
    assert.equal(trails.trailList?.[0]?.LogFileValidationEnabled, false);
    const org = new OrganizationsClient(cfg());
    const names = ((await org.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }))).Policies ?? []).map((p) => p.Name);
    assert.equal(names.some((n) => n?.startsWith('Rampart-')), false, `Rampart SCPs deleted: ${names.join(', ')}`);
    const roots = (await org.send(new ListRootsCommand({}))).Roots ?? [];
    assert.equal(roots[0]?.PolicyTypes?.some((t) => t.Type === 'SERVICE_CONTROL_POLICY' && t.Status === 'ENABLED') ?? false, false);
  });
});
