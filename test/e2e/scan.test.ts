// End to end: the built CLI as a child process — the demo, bad input, and a real scan of an insecure account
// seeded into the local AWS emulator. Nothing leaves loopback: fake credentials, no instance metadata.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachUserPolicyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  IAMClient,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { runCli, repoRoot, type RunResult } from '../support/cli.ts';
import { fakeAwsEnv, MOTO_SKIP_REASON, motoAvailable, startMoto, type Moto } from '../support/moto.ts';

const root = repoRoot;
const run = runCli;

interface ReportFinding {
  checkId: string;
  status: string;
  severity: string;
  region?: string;
  resource: { id: string };
  error?: { code: string; operation: string };
}
interface Report {
  kind: string;
  findings: ReportFinding[];
  summary: { byStatus: Record<string, number> };
  apiCalls?: { total: number; byOperation: Array<{ service: string; operation: string; calls: number }> };
}

function statusesOf(report: Report, checkId: string): string[] {
  return [...new Set(report.findings.filter((f) => f.checkId === checkId).map((f) => f.status))].sort();
}

before(() => {
  assert.ok(existsSync(join(root, 'dist/src/cli/main.js')), 'the CLI is not built: run `npm run build` (npm test does it first)');
});

describe('rampart scan --demo', () => {
  it('evaluates the demo organization with a mix of pass, fail and error', async () => {
    const r = await run(['scan', '--demo', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.equal(report.kind, 'rampart.report');
    assert.ok(report.summary.byStatus.pass! > 0);
    assert.ok(report.summary.byStatus.fail! > 0);
    assert.ok(report.summary.byStatus.error! > 0);
    // the demo's production account has a world-open SSH group and a public bucket
    assert.ok(report.findings.some((f) => f.checkId === 'sg-open-admin-ports' && f.status === 'fail' && f.resource.id.includes('sg-0prodbastion')));
    assert.ok(report.findings.some((f) => f.checkId === 's3-bucket-public' && f.status === 'fail' && f.resource.id === 'acme-prod-public-assets'));
  });

  it('prints a terminal report with failures and errors listed apart, and honours --fail-on', async () => {
    const r = await run(['scan', '--demo', '--fail-on', 'high']);
    assert.equal(r.code, 1, 'failing findings at or above high must exit 1');
    assert.match(r.stdout, /Failures/);
    assert.match(r.stdout, /Could not be evaluated/);
    assert.match(r.stdout, /AccessDenied on guardduty:ListDetectors in eu-west-1/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour codes when stdout is not a terminal');
  });
});

describe('bad input', () => {
  it('rejects an unknown check id with exit 2 and no stack trace', async () => {
    const r = await run(['scan', '--demo', '--checks', 'no-such-check']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown check id "no-such-check"/);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  });

  it('rejects a malformed snapshot with exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-e2e-'));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"kind": "rampart.snapshot", "schemaVersion": 1, "accounts": "nope"}');
    const r = await run(['scan', '--snapshot', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /snapshot does not match schema/);
    const wrongVersion = join(dir, 'v9.json');
    await writeFile(wrongVersion, '{"kind": "rampart.snapshot", "schemaVersion": 9}');
    const r2 = await run(['scan', '--snapshot', wrongVersion]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /schema version 9 is not supported/);
  });

  it('round-trips a snapshot: collect --demo then scan --snapshot gives the same findings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-e2e-'));
    const file = join(dir, 'demo.json.gz');
    const c = await run(['collect', '--demo', '-o', file]);
    assert.equal(c.code, 0, c.stderr);
    const fromFile = JSON.parse((await run(['scan', '--snapshot', file, '--format', 'json'])).stdout) as Report;
    const direct = JSON.parse((await run(['scan', '--demo', '--format', 'json'])).stdout) as Report;
    assert.deepEqual(fromFile.findings, direct.findings);
  });

  it('applies a config file, and rejects a wrong one naming the file and line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-e2e-'));
    const good = join(dir, 'rampart.yml');
    // the demo's management root was used 3 days ago: with a 2-day limit that is only the low-severity warning
    await writeFile(good, 'checks:\n  skip: [kms-rotation]\n  options:\n    root-recent-use:\n      maxDaysSinceRootUse: 2\n');
    const r = await run(['scan', '--demo', '--format', 'json', '--config', good]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.equal(report.findings.some((f) => f.checkId === 'kms-rotation'), false);
    const root = report.findings.find((f) => f.checkId === 'root-recent-use' && f.status === 'fail');
    assert.equal(root?.severity, 'low');
    const bad = join(dir, 'bad.yml');
    await writeFile(bad, 'checks:\n  options:\n    root-recent-use:\n      maxDays: 2\n');
    const r2 = await run(['scan', '--demo', '--config', bad]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /bad\.yml:4: check root-recent-use has no option "maxDays"/);
  });

  it('rejects AWS connection flags with --demo instead of ignoring them', async () => {
    const r = await run(['scan', '--demo', '--regions', 'eu-west-1']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--regions only apply when scanning AWS, not with --demo/);
  });

  it('rejects a bad --fail-on value with exit 2', async () => {
    const r = await run(['scan', '--demo', '--fail-on', 'severe']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--fail-on must be one of/);
  });
});

describe('rampart scan against the AWS emulator', { skip: motoAvailable() ? false : MOTO_SKIP_REASON }, () => {
  let moto: Moto;
  let report: Report;
  let result: RunResult;

  before(async () => {
    moto = await startMoto();
    Object.assign(process.env, fakeAwsEnv(moto.endpoint));
    const cfg = { region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
    const iam = new IAMClient(cfg);
    const s3 = new S3Client({ ...cfg, forcePathStyle: true });
    const ec2 = new EC2Client(cfg);
    const trail = new CloudTrailClient(cfg);
    const kms = new KMSClient(cfg);

    // insecure: a console user without MFA, with AdministratorAccess attached directly
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Sup3r-Secret-Passw0rd!' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    // insecure: a bucket readable by anyone
    await s3.send(new CreateBucketCommand({ Bucket: 'e2e-public-bucket' }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'e2e-public-bucket',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::e2e-public-bucket/*' }],
        }),
      }),
    );
    // insecure: SSH open to the world, and an instance that still allows IMDSv1
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'ssh-open', Description: 'e2e', VpcId: vpc.Vpc?.VpcId }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: sg.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.micro',
        MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
      }),
    );
    // insecure: a single-Region trail without log file validation; no GuardDuty detector at all
    await s3.send(new CreateBucketCommand({ Bucket: 'e2e-trail-logs' }));
    await trail.send(new CreateTrailCommand({ Name: 'single-region', S3BucketName: 'e2e-trail-logs', IsMultiRegionTrail: false }));
    await trail.send(new StartLoggingCommand({ Name: 'single-region' }));
    // fixed: these must pass
    await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));
    const key = await kms.send(new CreateKeyCommand({ Description: 'e2e' }));
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyMetadata?.KeyId }));

    result = await run(['scan', '--format', 'json', '--regions', 'us-east-1', '--stats'], fakeAwsEnv(moto.endpoint));
    report = JSON.parse(result.stdout) as Report;
  });

  after(async () => {
    await moto?.stop();
  });

  it('exits 0 without --fail-on and reports API calls', () => {
    assert.equal(result.code, 0, result.stderr);
    assert.ok(report.apiCalls && report.apiCalls.total > 0);
    assert.match(result.stderr, /per account/);
  });

  it('finds every seeded mistake', () => {
    const failing = (checkId: string, resourceId?: string) =>
      report.findings.some((f) => f.checkId === checkId && f.status === 'fail' && (resourceId === undefined || f.resource.id.includes(resourceId)));
    assert.ok(failing('iam-user-console-mfa', 'alice'), 'console user without MFA');
    assert.ok(failing('iam-policies-on-users', 'alice'), 'policy attached directly to a user');
    assert.ok(failing('s3-bucket-public', 'e2e-public-bucket'), 'public bucket policy');
    assert.ok(failing('sg-open-admin-ports'), 'SSH open to 0.0.0.0/0');
    assert.ok(failing('ec2-imdsv2-required'), 'IMDSv1 instance');
    assert.ok(failing('cloudtrail-multi-region'), 'single-Region trail only');
    assert.ok(failing('cloudtrail-log-validation', 'single-region'), 'trail without validation');
    assert.ok(failing('guardduty-enabled'), 'no GuardDuty');
  });

  it('passes what the seed fixed', () => {
    assert.deepEqual(statusesOf(report, 'ebs-default-encryption'), ['pass']);
    assert.deepEqual(statusesOf(report, 'password-policy'), ['pass']);
    assert.deepEqual(statusesOf(report, 'kms-rotation'), ['pass']);
    const trailBucket = report.findings.find((f) => f.checkId === 's3-bucket-public' && f.resource.id === 'e2e-trail-logs');
    assert.equal(trailBucket?.status, 'pass', 'a bucket without a policy or public ACL is not public');
  });

  it('reports error, never pass, where the emulator cannot serve the data', () => {
    // moto has no Access Analyzer, and its credential report has no root row
    assert.deepEqual(statusesOf(report, 'access-analyzer-enabled'), ['error']);
    assert.deepEqual(statusesOf(report, 'root-recent-use'), ['error']);
  });

  it('called only read-only operations', () => {
    const readOnly = /^(Get|List|Describe|Lookup|Search|Head|GenerateCredentialReport$)/;
    const ops = report.apiCalls?.byOperation ?? [];
    assert.ok(ops.length > 10);
    for (const op of ops) assert.match(op.operation, readOnly, `${op.service}:${op.operation} is not a read`);
  });

  it('fails with exit 3 and a clear message when credentials are missing', async () => {
    const r = await run(['scan', '--regions', 'us-east-1'], {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: '',
      AWS_ENDPOINT_URL: moto.endpoint,
    });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /credentials/i);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  });
});
