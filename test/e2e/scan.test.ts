// End to end: the built CLI as a child process — the demo, bad input, and a real scan of an insecure account
// seeded into the local AWS emulator. Nothing leaves loopback: fake credentials, no instance metadata.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertFreshBuild, runCli, type RunResult } from '../support/built-cli.ts';
import { fakeAwsEnv, MOTO_SKIP_REASON, motoAvailable, startMoto, type Moto } from '../support/moto.ts';
import { leakedEmulatorSecrets, seedTwoRegions, verdictRows, type SeededIds } from '../support/scenario.ts';
import { reportFormats } from '../support/secret-fields.ts';


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
    assert.deepEqual(verdictRows(report, ids), expectedVerdicts);
  });

  it('shows no planted secret (policy conditions, tags, user data) in any report format or the -v log', async () => {
    assert.deepEqual(leakedEmulatorSecrets(result.stdout + result.stderr), []);
    for (const format of Object.keys(reportFormats)) {
      const r = await run(['-v', 'scan', '--snapshot', saved, '--format', format, '--show-passed']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(leakedEmulatorSecrets(r.stdout + r.stderr), [], format);
    }
  });

  it('called only read-only operations', () => {
    // GET: API Gateway's reads, which IAM names by HTTP verb (apigateway:GET)
    const readOnly = /^(Get|List|Describe|Lookup|Search|Head|GenerateCredentialReport$|GET$)/;
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
  // the emulator has no Access Analyzer: error, never pass
  'access-analyzer-enabled | eu-west-1 | eu-west-1 | error',
  'access-analyzer-enabled | us-east-1 | us-east-1 | error',
  'alternate-contact-security | - | <account> | fail',
  'cloudtrail-kms | us-east-1 | single-region | fail',
  'cloudtrail-log-validation | us-east-1 | single-region | fail',
  // one single-Region trail only
  'cloudtrail-multi-region | eu-west-1 | eu-west-1 | fail',
  'cloudtrail-multi-region | us-east-1 | us-east-1 | fail',
  // no recording recorder anywhere, so global resource types are recorded in no Region: the catalog's WARN
  'config-recorder-all-regions | - | <account> | warn',
  'config-recorder-all-regions | eu-west-1 | eu-west-1 | fail',
  'config-recorder-all-regions | us-east-1 | us-east-1 | fail',
  // the emulator's default groups keep the stock rules (self-referencing ingress, all egress): default VPC and the seeded VPC
  'default-sg-closed | eu-west-1 | <default-sg> | fail',
  'default-sg-closed | eu-west-1 | <default-sg> | fail',
  'default-sg-closed | us-east-1 | <default-sg> | fail',
  'default-sg-closed | us-east-1 | <default-sg> | fail',
  // the seeded instances run in the default VPC (no subnet given), so it is in use
  'default-vpc-unused | eu-west-1 | <default-vpc> | pass',
  'default-vpc-unused | us-east-1 | <default-vpc> | pass',
  // turned on in us-east-1 only
  'ebs-default-encryption | eu-west-1 | eu-west-1 | fail',
  'ebs-default-encryption | us-east-1 | us-east-1 | pass',
  // IMDSv1 allowed in us-east-1, IMDSv2 required in eu-west-1
  'ec2-imdsv2-required | eu-west-1 | <instance:eu-west-1> | pass',
  // the secret canaries' instance (user data, tags) requires IMDSv2
  'ec2-imdsv2-required | us-east-1 | <instance:canary> | pass',
  'ec2-imdsv2-required | us-east-1 | <instance:us-east-1> | fail',
  'edge-logs-centralized | eu-west-1 | eu-west-1 | not_applicable',
  // the emulator's DescribeLoadBalancerAttributes carries no access_logs.s3.enabled: a ParseError, never a pass
  'edge-logs-centralized | us-east-1 | e2e-web | error',
  'guardduty-enabled | eu-west-1 | eu-west-1 | fail',
  'guardduty-enabled | us-east-1 | us-east-1 | fail',
  'iam-access-key-age | - | <account> | not_applicable',
  'iam-access-key-unused | - | <account> | not_applicable',
  // the canary inline policy grants * on * only under a condition: not full admin
  'iam-full-admin-custom-policy | - | user/alice/canary | pass',
  'iam-policies-on-users | - | alice | fail',
  'iam-user-console-mfa | - | alice | fail',
  'iam-user-console-unused | - | alice | pass',
  'iam-user-two-active-keys | - | alice | pass',
  // rotated in us-east-1, never in eu-west-1
  'kms-rotation | eu-west-1 | <key:eu-west-1> | fail',
  'kms-rotation | us-east-1 | <key:us-east-1> | pass',
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
  'org-exists | - | <account> | fail',
  'password-policy | - | <account> | pass',
  // any AWS principal may assume it; an sts:ExternalId does not narrow who
  'role-trust-wildcard | - | canary-role | fail',
  // the emulator's credential report has no root row: error
  'root-access-keys | - | <account> | error',
  'root-mfa | - | <account> | fail',
  'root-recent-use | - | <account> | error',
  's3-account-bpa | - | <account> | fail',
  // the trail bucket has no policy or public ACL
  // aws:Referer does not restrict who can read: still public
  's3-bucket-public | us-east-1 | canary-bucket | fail',
  's3-bucket-public | us-east-1 | e2e-public-bucket | fail',
  's3-bucket-public | us-east-1 | e2e-trail-logs | pass',
  // not in an organization
  'scp-deny-leave-org | - | <account> | not_applicable',
  'scp-deny-root | - | <account> | not_applicable',
  'scp-enabled | - | <account> | not_applicable',
  'securityhub-enabled | eu-west-1 | eu-west-1 | fail',
  'securityhub-enabled | us-east-1 | us-east-1 | fail',
  // SSH open in us-east-1, RDP open in eu-west-1
  'sg-open-admin-ports | eu-west-1 | <sg:eu-west-1>/<rule> | fail',
  'sg-open-admin-ports | us-east-1 | <sg:us-east-1>/<rule> | fail',
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
