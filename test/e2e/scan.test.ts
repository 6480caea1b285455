// End to end: the built CLI as a child process — the demo, bad input, and a real scan of an insecure account
// seeded into the local AWS emulator. Nothing leaves loopback: fake credentials, no instance metadata.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertFreshBuild, runCli, type RunResult } from '../support/built-cli.ts';
import { fakeAwsEnv, MOTO_SKIP_REASON, motoAvailable, startMoto, type Moto } from '../support/moto.ts';
import {
  leakedEmulatorSecrets,
  leakedIntoSnapshot,
  seedTwoRegions,
  verdictRows,
  type SeededIds,
} from '../support/scenario.ts';
import { reportFormats } from '../support/secret-fields.ts';
import { SNAPSHOT_VERSION } from '../../src/inventory/snapshot.ts';


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
  accounts: Array<{ accountId: string; scannedRegions: string[] }>;
  summary: { byStatus: Record<string, number> };
  apiCalls?: { total: number; byOperation: Array<{ service: string; operation: string; calls: number }> };
}

// e2e runs the built CLI: never on a dist/ older than the sources
before(assertFreshBuild);

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
    await writeFile(bad, `{"kind": "rampart.snapshot", "schemaVersion": ${SNAPSHOT_VERSION}, "accounts": "nope"}`);
    const r = await run(['scan', '--snapshot', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /snapshot does not match schema/);
    // a snapshot written before the full catalog lacks its slices: refused by version, never evaluated as if complete
    const older = join(dir, 'v1.json');
    await writeFile(older, '{"kind": "rampart.snapshot", "schemaVersion": 1, "accounts": []}');
    const r1 = await run(['scan', '--snapshot', older]);
    assert.equal(r1.code, 2);
    assert.match(r1.stderr, new RegExp(`snapshot schema version 1 is not supported \\(this Rampart reads version ${SNAPSHOT_VERSION}\\)`));
    assert.match(r1.stderr, /Collect it again/);
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
    // the demo's management root was used 3 days ago: with a 2-day limit that is only the catalog's WARN
    await writeFile(good, 'checks:\n  skip: [kms-rotation]\n  options:\n    root-recent-use:\n      maxDaysSinceRootUse: 2\n');
    const r = await run(['scan', '--demo', '--format', 'json', '--config', good]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.equal(report.findings.some((f) => f.checkId === 'kms-rotation'), false);
    const root = report.findings.filter((f) => f.checkId === 'root-recent-use');
    assert.ok(root.some((f) => f.status === 'warn'), 'root used 3 days ago with a 2-day limit is a warning');
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
  let ids: SeededIds;
  let saved = '';

  before(async () => {
    moto = await startMoto();
    ids = await seedTwoRegions(moto.endpoint);
    saved = join(await mkdtemp(join(tmpdir(), 'rampart-e2e-')), 'scan.json.gz');
    result = await run(['-v', 'scan', '--format', 'json', '--regions', 'us-east-1,eu-west-1', '--stats', '--save-snapshot', saved], fakeAwsEnv(moto.endpoint));
    report = JSON.parse(result.stdout) as Report;
  });

  after(async () => {
    await moto?.stop();
  });

  it('exits 0 without --fail-on and reports API calls', () => {
    assert.equal(result.code, 0, result.stderr);
    assert.ok(report.apiCalls && report.apiCalls.total > 0);
    assert.match(result.stderr, /per account/);
    assert.deepEqual(report.accounts.map((a) => a.scannedRegions), [['eu-west-1', 'us-east-1']]);
  });

  it('gives exactly the expected verdict for every check, resource and Region of the seeded scenario', () => {
    // sorted on both sides: each part of the catalog adds its rows where its checks sort
    assert.deepEqual(verdictRows(report, ids), [...expectedVerdicts].sort());
  });

  it('collects the queue and repository policies that the resource-policy checks judge', async () => {
    interface Slices {
      sqs: { queues: { ok: boolean; value: Array<{ name: string; attributes: { ok: boolean; value?: { policy: unknown } } }> } };
      ecr: { repositories: { ok: boolean; value: Array<{ name: string; policy: { ok: boolean; value?: unknown } }> } };
    }
    const snap = JSON.parse(gunzipSync(await readFile(saved)).toString('utf8')) as { accounts: Array<{ regional: Record<string, Slices> }> };
    const east = snap.accounts[0]?.regional['us-east-1'];
    // (the secret canaries' CloudFormation stack makes a queue of its own, which is not this test's)
    const queues = east?.sqs.queues.value.filter((q) => q.name.startsWith('e2e-')).sort((a, b) => a.name.localeCompare(b.name));
    const publicQueue = 'arn:aws:sqs:us-east-1:123456789012:e2e-public-queue';
    assert.deepEqual(queues?.map((q) => [q.name, q.attributes]), [
      [
        'e2e-public-queue',
        {
          ok: true,
          value: {
            arn: publicQueue,
            policy: { Version: '2012-10-17', Statement: [{ Sid: 'AnyoneReads', Effect: 'Allow', Principal: '*', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: publicQueue }] },
          },
        },
      ],
      ['e2e-queue', { ok: true, value: { arn: 'arn:aws:sqs:us-east-1:123456789012:e2e-queue', policy: null } }],
    ]);
    assert.deepEqual(east?.ecr.repositories.value.map((r) => [r.name, r.policy]), [['e2e-repo', { ok: true, value: null }]]);
  });

  it('shows no planted secret (policy conditions, tags, user data) in any report format or the -v log', async () => {
    assert.deepEqual(leakedEmulatorSecrets(result.stdout + result.stderr), []);
    for (const format of Object.keys(reportFormats)) {
      const r = await run(['-v', 'scan', '--snapshot', saved, '--format', format, '--show-passed']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(leakedEmulatorSecrets(r.stdout + r.stderr), [], format);
    }
  });

  it('names the public statement, its actions and principal for the open queue and topic', () => {
    const message = (id: string) => (report.findings.find((x) => x.checkId === 'resource-policies-public' && x.resource.id === id) as (ReportFinding & { message?: string }) | undefined)?.message ?? '';
    assert.match(message('arn:aws:sqs:us-east-1:123456789012:e2e-public-queue'), /statement #0 \(Sid "AnyoneReads"\) allows sqs:ReceiveMessage, sqs:DeleteMessage to Principal "\*"/);
    assert.match(message('arn:aws:sns:us-east-1:123456789012:e2e-public-topic'), /statement #0 allows SNS:Publish to Principal\.AWS "\*"/);
    assert.match(message('arn:aws:sqs:us-east-1:123456789012:e2e-queue'), /has no resource policy/);
  });

  it('names the Lambda variable holding a key, never its value', () => {
    const f = report.findings.find((x) => x.checkId === 'lambda-env-secrets' && x.resource.id === 'e2e-leaky') as (ReportFinding & { message?: string }) | undefined;
    assert.match(f?.message ?? '', /DEPLOY_KEY_ID \(aws-access-key-id\) in Environment\.Variables/);
    assert.doesNotMatch(result.stdout + result.stderr, /E2ETESTFAKEKEY00/);
  });

  it('keeps no planted Lambda / user data / CloudFormation / ECS value in the saved snapshot: only the detector verdicts', async () => {
    const text = gunzipSync(await readFile(saved)).toString('utf8');
    assert.match(text, /"DB_PASSWORD"/, 'the verdict names the variable');
    assert.deepEqual(leakedIntoSnapshot(text), []);
  });

  it('called only read-only operations', () => {
    // GET: API Gateway's reads, which IAM names by HTTP verb (apigateway:GET)
    const readOnly = /^(Get|BatchGet|List|Describe|Lookup|Search|Head|GenerateCredentialReport$|GET$)/;
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

/**
 * Every verdict of the seeded scenario: `checkId | Region | resource | status`. A check added, a verdict changed or a
 * Region dropped fails here; update the table only after reading why the verdict changed.
 */
const expectedVerdicts: string[] = [
  // the emulator's DB instances name no DB subnet group, so whether they sit in public subnets is unknown: error
  'rds-private-subnet | eu-west-1 | e2e-private-db | error',
  'rds-private-subnet | us-east-1 | e2e-public-db | error',
  // the emulator has no Access Analyzer: error, never pass
  'access-analyzer-enabled | eu-west-1 | eu-west-1 | error',
  'access-analyzer-enabled | us-east-1 | us-east-1 | error',
  // …so its findings cannot be read either, nor can an unused-access analyzer be shown to exist
  'access-analyzer-external-findings | eu-west-1 | eu-west-1 | error',
  'access-analyzer-external-findings | us-east-1 | us-east-1 | error',
  'access-analyzer-unused-access | eu-west-1 | <account> | error',
  'alternate-contact-security | - | <account> | fail',
  // the emulator has no GetImageBlockPublicAccessState: error, never pass; the AMI of the us-east-1 instance is private
  'ami-public | eu-west-1 | eu-west-1 | error',
  'ami-public | us-east-1 | <image:us-east-1> | pass',
  'ami-public | us-east-1 | us-east-1 | error',
  // each Region has a backup plan (pass); the emulator has no ListProtectedResources, so whether each DB instance and
  // volume is backed up is an error, never a pass or fail
  'backup-plans-cover-data | eu-west-1 | <root-volume:eu-west-1> | error',
  'backup-plans-cover-data | eu-west-1 | <volume:eu-west-1> | error',
  'backup-plans-cover-data | eu-west-1 | e2e-private-db | error',
  'backup-plans-cover-data | eu-west-1 | eu-west-1 | pass',
  'backup-plans-cover-data | us-east-1 | <root-volume:canary> | error',
  'backup-plans-cover-data | us-east-1 | <root-volume:us-east-1> | error',
  'backup-plans-cover-data | us-east-1 | <volume:us-east-1> | error',
  'backup-plans-cover-data | us-east-1 | e2e-public-db | error',
  'backup-plans-cover-data | us-east-1 | us-east-1 | pass',
  // the emulator has no ListProtectedResources / ListRestoreTestingPlans / ListRestoreJobs: error, never pass or fail
  'backup-restore-tested | eu-west-1 | eu-west-1 | error',
  'backup-restore-tested | us-east-1 | us-east-1 | error',
  // vaults are unlocked and the emulator has no GetBackupVaultAccessPolicy: error per vault; the us-east-1 plan
  // copies to account 222222222222 (pass), the eu-west-1 plan copies nowhere (the catalog's WARN)
  'backup-vault-protection | eu-west-1 | e2e-vault | error',
  'backup-vault-protection | eu-west-1 | eu-west-1 | warn',
  'backup-vault-protection | us-east-1 | e2e-vault | error',
  'backup-vault-protection | us-east-1 | us-east-1 | pass',
  // one CIS alarm (4.3 root usage) wired to a subscribed topic; the other fourteen missing
  'cis-monitoring-alarms | us-east-1 | e2e-trail | fail',
  // the trail bucket: no Object Lock, MFA Delete or protective Deny; no lifecycle; private, but Block Public Access
  // is off at both levels (the catalog's WARN); never versioned
  'cloudtrail-bucket-delete-protection | us-east-1 | e2e-trail-logs | fail',
  'cloudtrail-bucket-lifecycle | us-east-1 | e2e-trail-logs | fail',
  'cloudtrail-bucket-not-public | us-east-1 | e2e-trail-logs | warn',
  'cloudtrail-bucket-versioning | us-east-1 | e2e-trail-logs | fail',
  // the emulator's GetTrailStatus has no LatestCloudWatchLogsDeliveryTime: a trail set to deliver that never did
  'cloudtrail-cloudwatch-logs | us-east-1 | single-region | fail',
  // not in an organization
  'account-mgmt-trusted-access | - | <account> | not_applicable',
  // no billing contact (and the emulator has no GetContactInformation: listed as unreadable in the failure)
  'alternate-contacts-billing-ops | - | <account> | fail',
  'cloudtrail-kms | us-east-1 | single-region | fail',
  'cloudtrail-log-validation | us-east-1 | single-region | fail',
  // one single-Region trail only
  'cloudtrail-multi-region | eu-west-1 | eu-west-1 | fail',
  'cloudtrail-multi-region | us-east-1 | us-east-1 | fail',
  // not in an organization
  'cloudtrail-org-trail | - | <account> | not_applicable',
  'config-org-aggregator | - | <account> | not_applicable',
  // no recording recorder anywhere, so global resource types are recorded in no Region: the catalog's WARN
  'config-recorder-all-regions | - | <account> | warn',
  'config-recorder-all-regions | eu-west-1 | eu-west-1 | fail',
  'config-recorder-all-regions | us-east-1 | us-east-1 | fail',
  // every secret counts; RDS passwords not managed by Secrets Manager warn (the emulator records the seeded rotation)
  'db-secrets-rotation | eu-west-1 | e2e-private-db | warn',
  'db-secrets-rotation | eu-west-1 | e2e-rotating | pass',
  'db-secrets-rotation | us-east-1 | e2e-api-key | fail',
  'db-secrets-rotation | us-east-1 | e2e-public-db | warn',
  // not in an organization: only the vendor account 999999999999 is outside, and it has no ExternalId
  'cross-account-trust-externalid | - | canary-role | pass',
  'cross-account-trust-externalid | - | e2e-instance-admin | pass',
  'cross-account-trust-externalid | - | e2e-vendor | fail',
  // restricted-ssh in us-east-1 only (the emulator has no DescribeRemediationConfigurations: a note, not the verdict)
  'config-rule-restricted-ssh | eu-west-1 | eu-west-1 | fail',
  'config-rule-restricted-ssh | us-east-1 | us-east-1 | pass',
  // the emulator's default groups keep the stock rules (self-referencing ingress, all egress): default VPC and the seeded VPC
  'default-sg-closed | eu-west-1 | <default-sg> | fail',
  'default-sg-closed | eu-west-1 | <default-sg> | fail',
  'default-sg-closed | us-east-1 | <default-sg> | fail',
  'default-sg-closed | us-east-1 | <default-sg> | fail',
  // the seeded instances run in the default VPC (no subnet given), so it is in use
  'default-vpc-unused | eu-west-1 | <default-vpc> | pass',
  'default-vpc-unused | us-east-1 | <default-vpc> | pass',
  // turned on in us-east-1 only
  // no alternate contact registered in the emulator account: nothing to judge
  'contact-emails-role-based | - | <account> | not_applicable',
  // tags through the emulator's Tagging API; buckets without tags come from the S3 bucket list
  'data-classification-tags | us-east-1 | canary-bucket | warn',
  'data-classification-tags | us-east-1 | e2e-public-bucket | warn',
  'data-classification-tags | us-east-1 | e2e-tls-only | warn',
  'data-classification-tags | us-east-1 | e2e-trail-logs | pass',
  'delegated-admins | - | <account> | not_applicable',
  'ebs-default-encryption | eu-west-1 | eu-west-1 | fail',
  'ebs-default-encryption | us-east-1 | us-east-1 | pass',
  // the emulator has no GetSnapshotBlockPublicAccessState: error, never pass
  'ebs-snapshot-bpa | eu-west-1 | eu-west-1 | error',
  'ebs-snapshot-bpa | us-east-1 | us-east-1 | error',
  // the seeded snapshot of the unencrypted volume, and the AMI's snapshot of the instance's unencrypted root volume
  'ebs-snapshot-encrypted | eu-west-1 | <snapshot:eu-west-1> | fail',
  'ebs-snapshot-encrypted | us-east-1 | <image-snapshot:us-east-1> | fail',
  // the seeded snapshot has createVolumePermission group "all"
  'ebs-snapshot-public | eu-west-1 | <snapshot:eu-west-1> | fail',
  'ebs-snapshot-public | us-east-1 | <image-snapshot:us-east-1> | pass',
  // the emulator does not apply encryption by default to instance root volumes, even in us-east-1
  'ebs-volume-encrypted | eu-west-1 | <root-volume:eu-west-1> | fail',
  'ebs-volume-encrypted | eu-west-1 | <volume:eu-west-1> | fail',
  'ebs-volume-encrypted | us-east-1 | <root-volume:canary> | fail',
  'ebs-volume-encrypted | us-east-1 | <root-volume:us-east-1> | fail',
  'ebs-volume-encrypted | us-east-1 | <volume:us-east-1> | pass',
  // the emulator has no GetInstanceMetadataDefaults (HTML 500): error, never pass
  'ec2-imdsv2-account-default | eu-west-1 | eu-west-1 | error',
  'ec2-imdsv2-account-default | us-east-1 | us-east-1 | error',
  // IMDSv1 allowed in us-east-1, IMDSv2 required in eu-west-1
  'ec2-imdsv2-required | eu-west-1 | <instance:eu-west-1> | pass',
  // the secret canaries' instance (user data, tags) requires IMDSv2
  'ec2-imdsv2-required | us-east-1 | <instance:canary> | pass',
  'ec2-imdsv2-required | us-east-1 | <instance:us-east-1> | fail',
  // the canaries' instance exports DB_PASSWORD in its user data; the scenario's instances have none
  'ec2-userdata-secrets | eu-west-1 | <instance:eu-west-1> | pass',
  'ec2-userdata-secrets | us-east-1 | <instance:canary> | fail',
  'ec2-userdata-secrets | us-east-1 | <instance:us-east-1> | pass',
  // no instance has a key pair
  'ec2-no-direct-ssh | eu-west-1 | <instance:eu-west-1> | pass',
  'ec2-no-direct-ssh | us-east-1 | <instance:canary> | pass',
  'ec2-no-direct-ssh | us-east-1 | <instance:us-east-1> | pass',
  // the emulator has no SSM DescribeInstanceInformation: error
  'ec2-ssm-managed | eu-west-1 | eu-west-1 | error',
  'ec2-ssm-managed | us-east-1 | us-east-1 | error',
  // not in an organization
  'guardduty-delegated-admin | - | <account> | not_applicable',
  // a detector in us-east-1 only
  // only the us-east-1 instance was launched with a profile, and its role holds AdministratorAccess
  'ec2-instance-profile | eu-west-1 | <instance:eu-west-1> | fail',
  'ec2-instance-profile | us-east-1 | <instance:canary> | fail',
  'ec2-instance-profile | us-east-1 | <instance:us-east-1> | pass',
  'ec2-instance-role-admin | eu-west-1 | eu-west-1 | not_applicable',
  'ec2-instance-role-admin | us-east-1 | <instance:us-east-1> | fail',
  'edge-logs-centralized | eu-west-1 | eu-west-1 | not_applicable',
  // the emulator's DescribeLoadBalancerAttributes carries no access_logs.s3.enabled: a ParseError, never a pass
  'edge-logs-centralized | us-east-1 | e2e-web | error',
  'guardduty-enabled | eu-west-1 | eu-west-1 | fail',
  'guardduty-enabled | us-east-1 | us-east-1 | pass',
  // the emulator has no GuardDuty ListFindings: error where a detector exists
  'guardduty-high-findings | eu-west-1 | eu-west-1 | not_applicable',
  'guardduty-high-findings | us-east-1 | us-east-1 | error',
  'guardduty-org-auto-enable | - | <account> | not_applicable',
  // the us-east-1 detector was created with S3 protection
  'guardduty-protection-plans | eu-west-1 | eu-west-1 | not_applicable',
  'guardduty-protection-plans | us-east-1 | us-east-1 | pass',
  'iam-access-key-age | - | <account> | not_applicable',
  'iam-access-key-unused | - | <account> | not_applicable',
  // AdministratorAccess attached directly to alice
  'iam-admin-sprawl | - | <account> | fail',
  // the canary inline policy grants * on * only under a condition: not full admin
  'iam-full-admin-custom-policy | - | user/alice/canary | pass',
  // Identity Center is in place (the emulator's instance with a permission set), yet alice has a password
  'iam-humans-via-identity-center | - | alice | fail',
  'iam-policies-on-users | - | alice | fail',
  // every role is new: the emulator cannot age one past 90 days
  'iam-unused-roles | - | canary-role | pass',
  'iam-unused-roles | - | e2e-instance-admin | pass',
  'iam-unused-roles | - | e2e-vendor | pass',
  'iam-user-console-mfa | - | alice | fail',
  'iam-user-console-unused | - | alice | pass',
  'iam-user-static-keys | - | <account> | pass',
  'iam-user-two-active-keys | - | alice | pass',
  // Inspector scans EC2 and Lambda in us-east-1, EC2 only in eu-west-1
  'inspector-enabled | eu-west-1 | eu-west-1 | fail',
  'inspector-enabled | us-east-1 | us-east-1 | pass',
  'identity-center-enabled | - | <account> | pass',
  // rotated in us-east-1, never in eu-west-1
  // the us-east-1 key is tagged sensitive and only alice, an administrator, may both encrypt and decrypt with it
  'kms-encrypt-decrypt-separation | eu-west-1 | eu-west-1 | not_applicable',
  'kms-encrypt-decrypt-separation | us-east-1 | <key:us-east-1> | pass',
  'kms-rotation | eu-west-1 | <key:eu-west-1> | fail',
  'kms-rotation | us-east-1 | <key:us-east-1> | pass',
  // a public domain whose policy allows AWS "*", with no encryption
  'opensearch-encrypted | eu-west-1 | eu-west-1 | not_applicable',
  'opensearch-encrypted | us-east-1 | e2e-open-search | fail',
  'opensearch-public | eu-west-1 | eu-west-1 | not_applicable',
  'opensearch-public | us-east-1 | e2e-open-search | fail',
  // e2e-leaky has an access key id in DEPLOY_KEY_ID, canary-fn a literal DB_PASSWORD; e2e-clean holds a Secrets Manager ARN
  'lambda-env-secrets | eu-west-1 | e2e-clean | pass',
  'lambda-env-secrets | us-east-1 | canary-fn | fail',
  'lambda-env-secrets | us-east-1 | e2e-leaky | fail',
  'leaked-key-quarantine | - | <account> | pass',
  'org-exists | - | <account> | fail',
  // the emulator account is in no organization: there is no management account to hold workloads
  'mgmt-account-no-workloads | - | <account> | not_applicable',
  // the canary stack's DbPassword parameter / ApiToken output and the canary task's API_TOKEN; nothing in eu-west-1
  'other-config-secrets | eu-west-1 | eu-west-1 | not_applicable',
  'other-config-secrets | us-east-1 | canary-stack | fail',
  'other-config-secrets | us-east-1 | canary-task:1 | fail',
  // resource-policies-public: the queue anyone may read and the topic anyone may publish to fail; the private queue,
  // the canary stack's queue, the alarm topic (the emulator's default policy pins AWS:SourceOwner), the secrets, the
  // repository and the customer keys (default key policy) pass. The emulator has no ListFunctionUrlConfigs and no
  // GetBackupVaultAccessPolicy, so the functions and the vaults are errors, never pass. No Glacier vault is seeded.
  'resource-policies-public | eu-west-1 | arn:aws:backup:eu-west-1:<account>:backup-vault:e2e-vault | error',
  'resource-policies-public | eu-west-1 | arn:aws:kms:eu-west-1:<account>:key/<key:eu-west-1> | pass',
  'resource-policies-public | eu-west-1 | arn:aws:lambda:eu-west-1:<account>:function:e2e-clean | error',
  'resource-policies-public | eu-west-1 | arn:aws:secretsmanager:eu-west-1:<account>:secret:<secret:e2e-rotating> | pass',
  'resource-policies-public | us-east-1 | arn:aws:backup:us-east-1:<account>:backup-vault:e2e-vault | error',
  'resource-policies-public | us-east-1 | arn:aws:ecr:us-east-1:<account>:repository/e2e-repo | pass',
  'resource-policies-public | us-east-1 | arn:aws:kms:us-east-1:<account>:key/<key:us-east-1> | pass',
  'resource-policies-public | us-east-1 | arn:aws:lambda:us-east-1:<account>:function:canary-fn | error',
  'resource-policies-public | us-east-1 | arn:aws:lambda:us-east-1:<account>:function:e2e-leaky | error',
  'resource-policies-public | us-east-1 | arn:aws:secretsmanager:us-east-1:<account>:secret:<secret:e2e-api-key> | pass',
  'resource-policies-public | us-east-1 | arn:aws:sns:us-east-1:<account>:e2e-public-topic | fail',
  'resource-policies-public | us-east-1 | arn:aws:sns:us-east-1:<account>:e2e-security-alarms | pass',
  'resource-policies-public | us-east-1 | arn:aws:sqs:us-east-1:<account>:<queue:canary:us-east-1> | pass',
  'resource-policies-public | us-east-1 | arn:aws:sqs:us-east-1:<account>:e2e-public-queue | fail',
  'resource-policies-public | us-east-1 | arn:aws:sqs:us-east-1:<account>:e2e-queue | pass',
  'member-root-credentials-removed | - | <account> | not_applicable',
  'org-core-accounts | - | <account> | not_applicable',
  // the seeded ACL allows tcp 22 from 0.0.0.0/0; the emulator's default ACLs (default and seeded VPC) allow everything
  'nacl-open-admin-ports | eu-west-1 | <acl:eu-west-1> | fail',
  'nacl-open-admin-ports | eu-west-1 | <default-acl> | fail',
  'nacl-open-admin-ports | eu-west-1 | <default-acl> | fail',
  'nacl-open-admin-ports | us-east-1 | <acl:us-east-1> | fail',
  'nacl-open-admin-ports | us-east-1 | <default-acl> | fail',
  'nacl-open-admin-ports | us-east-1 | <default-acl> | fail',
  // not required by the (absent) config
  'network-firewall-fms | - | <account> | not_applicable',
  // the emulator lists no opted-in opt-in Region
  'opt-in-regions-disabled | - | <account> | pass',
  'org-ou-structure | - | <account> | not_applicable',
  'password-policy | - | <account> | pass',
  // us-east-1: a public unencrypted MySQL instance, its automated snapshot and a public manual snapshot;
  // eu-west-1: a private encrypted PostgreSQL instance with IAM auth
  'rds-encrypted | eu-west-1 | <auto-snapshot:eu-west-1> | pass',
  'rds-encrypted | eu-west-1 | e2e-private-db | pass',
  'rds-encrypted | us-east-1 | <auto-snapshot:us-east-1> | fail',
  'rds-encrypted | us-east-1 | e2e-public-db | fail',
  'rds-encrypted | us-east-1 | e2e-public-snap | fail',
  'rds-iam-auth | eu-west-1 | e2e-private-db | pass',
  'rds-iam-auth | us-east-1 | e2e-public-db | warn',
  'rds-public | eu-west-1 | e2e-private-db | pass',
  'rds-public | us-east-1 | e2e-public-db | fail',
  // automated snapshots cannot be shared, so eu-west-1 has none to judge
  'rds-snapshot-public | eu-west-1 | eu-west-1 | not_applicable',
  'rds-snapshot-public | us-east-1 | e2e-public-snap | fail',
  'redshift-encrypted | eu-west-1 | e2e-warehouse | fail',
  'redshift-encrypted | us-east-1 | us-east-1 | not_applicable',
  'redshift-public | eu-west-1 | e2e-warehouse | fail',
  'redshift-public | us-east-1 | us-east-1 | not_applicable',
  // any AWS principal may assume it; an sts:ExternalId does not narrow who
  'role-trust-wildcard | - | canary-role | fail',
  'role-trust-wildcard | - | e2e-instance-admin | pass',
  'role-trust-wildcard | - | e2e-vendor | pass',
  // the emulator's credential report has no root row: error
  'root-access-keys | - | <account> | error',
  'root-credentials-centralized | - | <account> | not_applicable',
  // no MFA at all
  'root-hardware-mfa | - | <account> | fail',
  'root-mfa | - | <account> | fail',
  'root-recent-use | - | <account> | error',
  's3-account-bpa | - | <account> | fail',
  // only e2e-tls-only has Object Ownership BucketOwnerEnforced and its own Block Public Access
  's3-acls-disabled | us-east-1 | canary-bucket | fail',
  's3-acls-disabled | us-east-1 | e2e-public-bucket | fail',
  's3-acls-disabled | us-east-1 | e2e-tls-only | pass',
  's3-acls-disabled | us-east-1 | e2e-trail-logs | fail',
  's3-bucket-bpa | us-east-1 | canary-bucket | fail',
  's3-bucket-bpa | us-east-1 | e2e-public-bucket | fail',
  's3-bucket-bpa | us-east-1 | e2e-tls-only | pass',
  's3-bucket-bpa | us-east-1 | e2e-trail-logs | fail',
  // Allow "*" (an aws:Referer condition restricts nothing) fails; the trail bucket has no policy at all: the catalog's WARN
  's3-bucket-policy-least-privilege | us-east-1 | canary-bucket | fail',
  's3-bucket-policy-least-privilege | us-east-1 | e2e-public-bucket | fail',
  's3-bucket-policy-least-privilege | us-east-1 | e2e-tls-only | pass',
  // the trail bucket's policy lets only CloudTrail write (its write statement is pinned to the service)
  's3-bucket-policy-least-privilege | us-east-1 | e2e-trail-logs | pass',
  // the trail bucket has no policy or public ACL
  // the trail bucket's policy only lets CloudTrail write, and it has no public ACL
  // aws:Referer does not restrict who can read: still public
  's3-bucket-public | us-east-1 | canary-bucket | fail',
  's3-bucket-public | us-east-1 | e2e-public-bucket | fail',
  's3-bucket-public | us-east-1 | e2e-tls-only | pass',
  's3-bucket-public | us-east-1 | e2e-trail-logs | pass',
  // canary-bucket has no default encryption in the emulator; SSE-S3 is enough for the public bucket, not for the
  // trail's log bucket; e2e-tls-only uses SSE-KMS
  's3-encryption | us-east-1 | canary-bucket | fail',
  's3-encryption | us-east-1 | e2e-public-bucket | pass',
  's3-encryption | us-east-1 | e2e-tls-only | pass',
  's3-encryption | us-east-1 | e2e-trail-logs | fail',
  // only e2e-tls-only denies requests without TLS
  's3-ssl-only | us-east-1 | canary-bucket | fail',
  's3-ssl-only | us-east-1 | e2e-public-bucket | fail',
  's3-ssl-only | us-east-1 | e2e-tls-only | pass',
  's3-ssl-only | us-east-1 | e2e-trail-logs | fail',
  // not in an organization
  'scp-deny-leave-org | - | <account> | not_applicable',
  'scp-deny-root | - | <account> | not_applicable',
  'scp-enabled | - | <account> | not_applicable',
  // a hub in us-east-1 holding a month-old CRITICAL finding
  'securityhub-critical-findings | eu-west-1 | eu-west-1 | not_applicable',
  'securityhub-critical-findings | us-east-1 | e2e-critical-finding | fail',
  'security-team-permission-sets | - | <account> | not_applicable',
  // GuardDuty findings routed to SNS; nothing for Security Hub; no CloudTrail rule and no bucket notification
  'security-alert-pipeline | - | aws.guardduty | pass',
  'security-alert-pipeline | - | aws.securityhub | fail',
  'security-alert-pipeline | eu-west-1 | eu-west-1 | fail',
  'security-alert-pipeline | us-east-1 | us-east-1 | fail',
  'scp-protect-account-defaults | - | <account> | not_applicable',
  'scp-protect-cloudtrail | - | <account> | not_applicable',
  'scp-protect-security-services | - | <account> | not_applicable',
  'scp-region-deny | - | <account> | not_applicable',
  'scp-suspended-ou | - | <account> | not_applicable',
  'securityhub-enabled | eu-west-1 | eu-west-1 | fail',
  'securityhub-enabled | us-east-1 | us-east-1 | pass',
  'securityhub-org-aggregation | - | <account> | not_applicable',
  // SSH open in us-east-1, RDP open in eu-west-1
  'sg-open-admin-ports | eu-west-1 | <sg:eu-west-1>/<rule> | fail',
  'sg-open-admin-ports | us-east-1 | <sg:us-east-1>/<rule> | fail',
  // the emulator has no SSM ListResourceComplianceSummaries: error
  'ssm-patch-compliance | eu-west-1 | eu-west-1 | error',
  'ssm-patch-compliance | us-east-1 | us-east-1 | error',
  // a REJECT flow log on the seeded VPC in us-east-1 only; the emulator's default VPCs have none
  'vpc-flow-logs | eu-west-1 | <default-vpc> | fail',
  'vpc-flow-logs | eu-west-1 | <vpc:eu-west-1> | fail',
  'vpc-flow-logs | us-east-1 | <default-vpc> | fail',
  'vpc-flow-logs | us-east-1 | <vpc:us-east-1> | pass',
  'sg-open-all-ports | eu-west-1 | eu-west-1 | pass',
  'sg-open-all-ports | us-east-1 | us-east-1 | pass',
  // MySQL open to the world in eu-west-1
  'sg-open-db-ports | eu-west-1 | <sg:db>/<rule> | fail',
  'sg-open-db-ports | us-east-1 | us-east-1 | pass',
  'sg-open-other-ports | eu-west-1 | eu-west-1 | pass',
  'sg-open-other-ports | us-east-1 | us-east-1 | pass',
  'shield-advanced | - | <account> | not_applicable',
  // the emulator's default VPC has no internet gateway, so its auto-assigning default subnets have no IGW route (the
  // inconsistency the row fails); the seeded subnet auto-assigns in a VPC without an IGW; subnet2 does not auto-assign
  'subnet-auto-public-ip | eu-west-1 | <default-subnet> | fail',
  'subnet-auto-public-ip | eu-west-1 | <default-subnet> | fail',
  'subnet-auto-public-ip | eu-west-1 | <default-subnet> | fail',
  'subnet-auto-public-ip | eu-west-1 | <subnet:eu-west-1> | fail',
  'subnet-auto-public-ip | us-east-1 | <default-subnet> | fail',
  'subnet-auto-public-ip | us-east-1 | <default-subnet> | fail',
  'subnet-auto-public-ip | us-east-1 | <default-subnet> | fail',
  'subnet-auto-public-ip | us-east-1 | <default-subnet> | fail',
  'subnet-auto-public-ip | us-east-1 | <default-subnet> | fail',
  'subnet-auto-public-ip | us-east-1 | <default-subnet> | fail',
  'subnet-auto-public-ip | us-east-1 | <subnet2:us-east-1> | pass',
  'subnet-auto-public-ip | us-east-1 | <subnet:us-east-1> | fail',
  // no approved-Region list configured
  'unused-regions-empty | eu-west-1 | eu-west-1 | not_applicable',
  'unused-regions-empty | us-east-1 | us-east-1 | not_applicable',
  'waf-on-internet-facing | eu-west-1 | eu-west-1 | not_applicable',
  // the seeded internet-facing ALB has no web ACL (the emulator lists none)
  'waf-on-internet-facing | us-east-1 | e2e-web | fail',
];
