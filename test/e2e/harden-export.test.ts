// `rampart harden export`: Terraform that parses as HCL (and passes `terraform fmt -check` when terraform is
// installed), CloudFormation that passes cfn-lint, both carrying exactly the plan's SCPs — and no AWS call.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { baselineSchema } from '../../src/harden/baseline.ts';
import type { Plan } from '../../src/harden/plan-schema.ts';
import { planHardening } from '../../src/harden/planner.ts';
import { snapshot } from '../../src/inventory/fixtures.ts';
import { evaluateSnapshot } from '../../src/scan.ts';
import { rampart, recordingEndpoint, type RecordingEndpoint } from './harden-cli.ts';

const has = (bin: string, arg = '--version') => spawnSync(bin, [arg], { stdio: 'ignore' }).status === 0;

describe('rampart harden export', () => {
  let dir: string;
  let plan: Plan;
  let aws: RecordingEndpoint;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-export-'));
    aws = await recordingEndpoint();
    // opt into paid services and contacts so every exportable kind appears
    await writeFile(
      join(dir, 'baseline.yaml'),
      'organization:\n  logArchiveAccount: "444444444444"\n  securityAuditAccount: "333333333333"\npaid:\n  guardduty: true\n  guarddutyFeatures: [S3_DATA_EVENTS]\n  securityHub: true\n  securityHubStandards: [aws-foundational-security-best-practices/v/1.0.0]\n  inspector: [EC2, ECR]\n  macie: true\n  unusedAccessAnalyzer: true\ncontacts:\n  security:\n    name: Security\n    title: Security\n    emailAddress: aws-security@example.com\n    phoneNumber: "+1 555 0100"\n',
    );
    // planning with every organization service and paid opt-in on still makes no AWS call
    const r = await rampart(['harden', 'plan', '--demo', '--baseline', join(dir, 'baseline.yaml'), '--format', 'json', '-o', join(dir, 'plan.json')], { AWS_ENDPOINT_URL: aws.url });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(aws.requests(), 0, 'plan must not call AWS');
    plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as Plan;
  });
  after(() => aws.close());

  it('writes Terraform that parses as HCL and carries the plan exactly, without calling AWS', async () => {
    const out = join(dir, 'tf');
    aws.reset();
    const r = await rampart(['harden', 'export', join(dir, 'plan.json'), '--format', 'terraform', '-o', out], { AWS_ENDPOINT_URL: aws.url });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(aws.requests(), 0, 'export must not call AWS');
    assert.deepEqual((await readdir(out)).sort(), ['NOT-EXPORTED.md', 'main.tf', 'providers.tf', 'versions.tf']);
    const main = (await parseHcl('main.tf', await readFile(join(out, 'main.tf'), 'utf8'))) as { resource: Record<string, Record<string, Array<Record<string, unknown>>>> };
    const policies = main.resource['aws_organizations_policy'] ?? {};
    const scps = plan.actions.filter((a) => a.kind === 'org.scp');
    assert.equal(Object.keys(policies).length, scps.length);
    for (const a of scps) {
      const tf = Object.values(policies).map((p) => p[0]!).find((p) => p['name'] === a.details['name']);
      assert.ok(tf, `policy ${String(a.details['name'])}`);
      assert.deepEqual(JSON.parse(String(tf['content'])), JSON.parse(String(a.details['content'])), 'same SCP document');
    }
    const targets = scps.reduce((n, a) => n + (a.details['targets'] as unknown[]).length, 0);
    assert.equal(Object.keys(main.resource['aws_organizations_policy_attachment'] ?? {}).length, targets);
    assert.equal(Object.keys(main.resource['aws_organizations_organizational_unit'] ?? {}).length, plan.actions.filter((a) => a.kind === 'org.create-ou').length);
    assert.ok(main.resource['aws_iam_account_password_policy']);
    assert.ok(main.resource['aws_guardduty_detector']);
    const delegated = Object.values(main.resource['aws_organizations_delegated_administrator'] ?? {}).map((d) => d[0]!['service_principal']).sort();
    assert.deepEqual(delegated, ['access-analyzer.amazonaws.com', 'config.amazonaws.com']);
    assert.ok(main.resource['aws_guardduty_organization_admin_account'] && main.resource['aws_securityhub_organization_admin_account']);
    // paid opt-ins
    for (const t of ['aws_securityhub_standards_subscription', 'aws_inspector2_enabler', 'aws_macie2_account', 'aws_guardduty_detector_feature']) assert.ok(main.resource[t], t);
    const unused = Object.values(main.resource['aws_accessanalyzer_analyzer'] ?? {}).map((x) => x[0]!).find((x) => x['type'] === 'ACCOUNT_UNUSED_ACCESS');
    assert.deepEqual(unused?.['configuration'], [{ unused_access: [{ unused_access_age: 90 }] }]);
    assert.ok(Object.values(main.resource['aws_accessanalyzer_analyzer'] ?? {}).some((x) => x[0]!['type'] === 'ORGANIZATION'));
    const providers = (await parseHcl('providers.tf', await readFile(join(out, 'providers.tf'), 'utf8'))) as { provider: { aws: Array<Record<string, unknown>> } };
    const member = providers.provider.aws.find((p) => String(p['alias']).startsWith('a222222222222'));
    assert.match(JSON.stringify(member?.['assume_role']), /arn:aws:iam::222222222222:role\/OrganizationAccountAccessRole/);
    const mgmt = providers.provider.aws.find((p) => String(p['alias']).startsWith('a111111111111'));
    assert.equal(mgmt?.['assume_role'], undefined, 'the caller account needs no assumed role');
    assert.match(await readFile(join(out, 'NOT-EXPORTED.md'), 'utf8'), /kms\.key-rotation/);
  });

  it('passes terraform fmt -check', { skip: has('terraform', 'version') ? false : 'terraform is not installed' }, () => {
    const r = spawnSync('terraform', ['fmt', '-check', '-diff', join(dir, 'tf')], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('writes CloudFormation templates per account and Region that pass cfn-lint', { skip: has('cfn-lint') ? false : 'cfn-lint is not installed' }, async () => {
    const out = join(dir, 'cfn');
    aws.reset();
    const r = await rampart(['harden', 'export', join(dir, 'plan.json'), '--format', 'cloudformation', '-o', out], { AWS_ENDPOINT_URL: aws.url });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(aws.requests(), 0);
    const files = (await readdir(out)).filter((f) => f.endsWith('.template.json'));
    assert.ok(files.includes('111111111111-us-east-1.template.json'));
    const org = JSON.parse(await readFile(join(out, '111111111111-us-east-1.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const policies = Object.values(org.Resources).filter((x) => x.Type === 'AWS::Organizations::Policy');
    assert.equal(policies.length, plan.actions.filter((a) => a.kind === 'org.scp').length);
    for (const p of policies) {
      for (const t of p.Properties['TargetIds'] as Array<string | { Ref: string }>) {
        if (typeof t !== 'string') assert.equal(org.Resources[t.Ref]?.Type, 'AWS::Organizations::OrganizationalUnit', `${t.Ref} is an OU of the template`);
      }
    }
    assert.match(await readFile(join(out, 'NOT-EXPORTED.md'), 'utf8'), /iam\.password-policy.*no resource for the account password policy/);
    const lint = spawnSync('cfn-lint', files.map((f) => join(out, f)), { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stdout + lint.stderr);
  });

  it('exports the organization trail with its bucket and key in the Log Archive account, in both formats', { skip: has('cfn-lint') ? false : 'cfn-lint is not installed' }, async () => {
    const s = snapshot({ regions: ['us-east-1'] })
      .account('111111111111', (a) => a.org((o) => o.memberAccount('444444444444', 'log-archive')).everyRegion((r) => r.noTrails().configRecorder(null)))
      .build();
    const trailPlan = planHardening(s, evaluateSnapshot(s).findings, baselineSchema.parse({ organization: { ous: [], logArchiveAccount: '444444444444' }, principals: { breakGlass: ['arn:aws:iam::*:role/BreakGlass'] }, paid: { config: { bucket: 'org-config-logs' } } }));
    await writeFile(join(dir, 'trail-plan.json'), JSON.stringify(trailPlan));
    const bucketAction = trailPlan.actions.find((a) => a.kind === 'org.trail-bucket')!;

    const tf = join(dir, 'trail-tf');
    assert.equal((await rampart(['harden', 'export', join(dir, 'trail-plan.json'), '--format', 'terraform', '-o', tf])).code, 0);
    const main = (await parseHcl('main.tf', await readFile(join(tf, 'main.tf'), 'utf8'))) as { resource: Record<string, Record<string, Array<Record<string, unknown>>>> };
    const trail = Object.values(main.resource['aws_cloudtrail'] ?? {})[0]?.[0];
    assert.equal(trail?.['is_organization_trail'], true);
    assert.equal(trail?.['kms_key_id'], 'arn:aws:kms:us-east-1:444444444444:alias/rampart-organization-trail');
    assert.equal(trail?.['provider'], '${aws.a111111111111_us_east_1}');
    const bucketPolicy = Object.values(main.resource['aws_s3_bucket_policy'] ?? {})[0]?.[0];
    assert.equal(bucketPolicy?.['provider'], '${aws.a444444444444_us_east_1}');
    assert.deepEqual(JSON.parse(String(bucketPolicy?.['policy'])), bucketAction.details['policy'], 'the same bucket policy');
    for (const t of ['aws_s3_bucket', 'aws_s3_bucket_versioning', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_ownership_controls', 'aws_kms_key', 'aws_kms_alias', 'aws_config_configuration_recorder', 'aws_config_delivery_channel', 'aws_config_configuration_recorder_status']) assert.ok(main.resource[t], t);
    assert.match(await readFile(join(tf, 'NOT-EXPORTED.md'), 'utf8'), /org\.service-access.*aws_service_access_principals/);
    if (has('terraform', 'version')) {
      const fmt = spawnSync('terraform', ['fmt', '-check', '-diff', tf], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
      assert.equal(fmt.status, 0, fmt.stdout + fmt.stderr);
    }

    const cfn = join(dir, 'trail-cfn');
    assert.equal((await rampart(['harden', 'export', join(dir, 'trail-plan.json'), '--format', 'cloudformation', '-o', cfn])).code, 0);
    const logs = JSON.parse(await readFile(join(cfn, '444444444444-us-east-1.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    assert.deepEqual(Object.values(logs.Resources).map((x) => x.Type).sort(), ['AWS::KMS::Alias', 'AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy']);
    const mgmt = JSON.parse(await readFile(join(cfn, '111111111111-us-east-1.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    assert.ok(Object.values(mgmt.Resources).some((x) => x.Type === 'AWS::CloudTrail::Trail' && x.Properties['IsOrganizationTrail'] === true));
    assert.ok(Object.values(mgmt.Resources).some((x) => x.Type === 'AWS::Config::ConfigurationRecorder'));
    const files = (await readdir(cfn)).filter((f) => f.endsWith('.template.json')).map((f) => join(cfn, f));
    const lint = spawnSync('cfn-lint', files, { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stdout + lint.stderr);
  });

  it('rejects bad usage with exit 2', async () => {
    assert.equal((await rampart(['harden', 'export', '--demo', '-o', join(dir, 'x')])).code, 2, 'needs --format');
    assert.equal((await rampart(['harden', 'export', '--demo', '--format', 'pulumi', '-o', join(dir, 'x')])).code, 2);
    assert.equal((await rampart(['harden', 'export', '--format', 'terraform', '-o', join(dir, 'x')])).code, 2, 'needs an input');
    assert.equal((await rampart(['harden', 'export', join(dir, 'missing.json'), '--format', 'terraform', '-o', join(dir, 'x')])).code, 2);
  });
});
