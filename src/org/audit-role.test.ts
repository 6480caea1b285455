// The audit-role templates: the CloudFormation StackSet (and the member template it deploys) pass cfn-lint, the
// Terraform parses as HCL, and both grant exactly the collectors' declared read-only operations.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from '@cdktf/hcl2json';
import { allCollectorOperations } from '../collectors/run.ts';
import { cloudFormationTemplate, terraformTemplate } from './audit-role.ts';

const cfnLint = spawnSync('cfn-lint', ['--version'], { stdio: 'ignore' }).status === 0;
const opts = { roleName: 'RampartAudit', trustedAccountId: '111111111111', externalId: 'ext-42', organizationalUnitIds: ['r-ab12'], region: 'us-east-1' };

interface Role {
  Properties: {
    AssumeRolePolicyDocument: { Statement: Array<{ Principal: { AWS: unknown }; Condition: unknown }> };
    Policies: Array<{ PolicyDocument: { Statement: Array<{ Action: string[] }> } }>;
  };
}
interface Member {
  Resources: { AuditRole: Role };
}

function memberOf(template: string): Member {
  const outer = JSON.parse(template) as { Resources: { AuditRoleStackSet: { Properties: { TemplateBody: string; PermissionModel: string; AutoDeployment: { Enabled: boolean } } } } };
  return JSON.parse(outer.Resources.AuditRoleStackSet.Properties.TemplateBody) as Member;
}

describe('audit-role templates', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-audit-role-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('CloudFormation: a service-managed, auto-deploying StackSet whose member role trusts the scanner and grants the declared operations', () => {
    const template = cloudFormationTemplate(opts);
    const outer = JSON.parse(template) as { Resources: { AuditRoleStackSet: { Properties: { PermissionModel: string; AutoDeployment: { Enabled: boolean } } } } };
    assert.equal(outer.Resources.AuditRoleStackSet.Properties.PermissionModel, 'SERVICE_MANAGED');
    assert.equal(outer.Resources.AuditRoleStackSet.Properties.AutoDeployment.Enabled, true);
    const role = memberOf(template).Resources.AuditRole.Properties;
    assert.deepEqual(role.Policies[0]?.PolicyDocument.Statement[0]?.Action, allCollectorOperations());
    assert.deepEqual(role.AssumeRolePolicyDocument.Statement[0]?.Principal.AWS, { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${TrustedAccountId}:root' });
  });

  it('CloudFormation: the StackSet template and the member template it deploys pass cfn-lint', { skip: cfnLint ? false : 'cfn-lint is not installed' }, async () => {
    const outer = join(dir, 'stackset.json');
    const member = join(dir, 'member.json');
    const template = cloudFormationTemplate(opts);
    await writeFile(outer, template);
    await writeFile(member, JSON.stringify(memberOf(template)));
    const r = spawnSync('cfn-lint', [outer, member], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });

  it('Terraform: parses as HCL, with the same StackSet, parameters and member template', async () => {
    const hcl = terraformTemplate(opts);
    const parsed = (await parse('audit-role.tf', hcl)) as {
      variable: Record<string, Array<{ default?: unknown }>>;
      resource: {
        aws_cloudformation_stack_set: { rampart_audit_role: Array<{ permission_model: string; template_body: string; auto_deployment: Array<{ enabled: boolean }> }> };
        aws_cloudformation_stack_set_instance: { rampart_audit_role: Array<{ deployment_targets: Array<{ organizational_unit_ids: string }> }> };
      };
    };
    assert.equal(parsed.variable.trusted_account_id?.[0]?.default, '111111111111');
    assert.deepEqual(parsed.variable.organizational_unit_ids?.[0]?.default, ['r-ab12']);
    const stackSet = parsed.resource.aws_cloudformation_stack_set.rampart_audit_role[0]!;
    assert.equal(stackSet.permission_model, 'SERVICE_MANAGED');
    assert.equal(stackSet.auto_deployment[0]?.enabled, true);
    // hcl2json keeps expressions as strings: the member template is inside jsonencode, with `$${` kept literal
    assert.match(stackSet.template_body, /^\$\{jsonencode\(/);
    for (const op of allCollectorOperations()) assert.ok(stackSet.template_body.includes(`"${op}"`), op);
    assert.ok(stackSet.template_body.includes('$${TrustedAccountId}'));
    assert.equal(parsed.resource.aws_cloudformation_stack_set_instance.rampart_audit_role[0]?.deployment_targets[0]?.organizational_unit_ids, '${var.organizational_unit_ids}');
  });

  it('leaves the trusted account and the OUs as required parameters when not given', () => {
    const cfn = JSON.parse(cloudFormationTemplate({ roleName: 'R', region: 'us-east-1' })) as { Parameters: Record<string, { Default?: unknown }> };
    assert.equal(cfn.Parameters.TrustedAccountId?.Default, undefined);
    assert.equal(cfn.Parameters.OrganizationalUnitIds?.Default, undefined);
    assert.doesNotMatch(terraformTemplate({ roleName: 'R', region: 'us-east-1' }), /default\s+=\s+"\d{12}"/);
  });
});
