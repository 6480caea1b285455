import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allCollectorOperations } from '../collectors/run.ts';
import { runCli } from './testing.ts';

type Statement = { Sid: string; Action: string | string[]; Resource: string | string[] };
type Policy = { Statement: Statement[] };
const bySid = (p: Policy, sid: string): Statement | undefined => p.Statement.find((s) => s.Sid === sid);

describe('rampart iam-policy', () => {
  it('prints the read-only statements with every operation the collectors declare, and nothing else', async () => {
    const r = await runCli(['iam-policy']);
    assert.equal(r.code, 0, r.stderr);
    const policy = JSON.parse(r.stdout) as Policy;
    assert.deepEqual(policy.Statement.map((s) => s.Sid), ['RampartReadOnlyAudit', 'RampartApiGatewayListings']);
    const granted = policy.Statement.flatMap((s) => s.Action);
    assert.deepEqual([...granted].sort(), [...allCollectorOperations()].sort());
    assert.ok(!JSON.stringify(policy).includes('sts:AssumeRole'));
  });

  it('grants apigateway:GET only on the API and stage listings, never on * (it would read API key values)', async () => {
    const policy = JSON.parse((await runCli(['iam-policy'])).stdout) as Policy;
    assert.ok(!(bySid(policy, 'RampartReadOnlyAudit')!.Action as string[]).includes('apigateway:GET'));
    const listings = bySid(policy, 'RampartApiGatewayListings')!;
    assert.equal(listings.Action, 'apigateway:GET');
    assert.deepEqual(listings.Resource, [
      'arn:aws:apigateway:*::/restapis',
      'arn:aws:apigateway:*::/restapis/*/stages',
      'arn:aws:apigateway:*::/apis',
      'arn:aws:apigateway:*::/apis/*/stages',
    ]);
    assert.ok(!(listings.Resource as string[]).some((r) => r.includes('apikeys')));
  });

  it('--org adds sts:AssumeRole on the member audit role, by name in any account', async () => {
    const policy = JSON.parse((await runCli(['iam-policy', '--org'])).stdout) as Policy;
    assert.deepEqual(bySid(policy, 'RampartAssumeAuditRole'), { Sid: 'RampartAssumeAuditRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole' });
    const custom = JSON.parse((await runCli(['iam-policy', '--org', '--role-name', 'RampartAudit'])).stdout) as Policy;
    assert.equal(bySid(custom, 'RampartAssumeAuditRole')!.Resource, 'arn:aws:iam::*:role/RampartAudit');
  });

  it('--with-export adds the one write a scan can make, BatchImportFindings on the default product', async () => {
    const policy = JSON.parse((await runCli(['iam-policy', '--with-export'])).stdout) as Policy;
    assert.deepEqual(policy.Statement.map((s) => s.Sid), ['RampartReadOnlyAudit', 'RampartApiGatewayListings', 'RampartSecurityHubExport']);
    assert.deepEqual(bySid(policy, 'RampartSecurityHubExport')!.Action, 'securityhub:BatchImportFindings');
    assert.equal(bySid(policy, 'RampartSecurityHubExport')!.Resource, 'arn:*:securityhub:*:*:product/*/default');
    assert.ok(!(policy.Statement[0]!.Action as string[]).includes('securityhub:BatchImportFindings'), 'the read-only statement stays read-only');
  });

  it('--org --assume-root adds sts:AssumeRoot limited to the audit task policy, and the four root-credential reads', async () => {
    const policy = JSON.parse((await runCli(['iam-policy', '--org', '--assume-root'])).stdout) as Policy & { Statement: Array<{ Condition?: unknown }> };
    assert.deepEqual(policy.Statement.map((s) => s.Sid), ['RampartReadOnlyAudit', 'RampartApiGatewayListings', 'RampartAssumeAuditRole', 'RampartAuditMemberRootCredentials', 'RampartReadMemberRootCredentials']);
    const assumeRoot = bySid(policy, 'RampartAuditMemberRootCredentials') as Statement & { Condition?: unknown };
    assert.equal(assumeRoot.Action, 'sts:AssumeRoot');
    assert.deepEqual(assumeRoot.Condition, { StringEquals: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' } });
    assert.deepEqual(bySid(policy, 'RampartReadMemberRootCredentials')!.Action, ['iam:GetLoginProfile', 'iam:ListAccessKeys', 'iam:ListMFADevices', 'iam:ListSigningCertificates']);
    const plain = JSON.parse((await runCli(['iam-policy', '--org'])).stdout) as Policy;
    assert.ok(!JSON.stringify(plain).includes('sts:AssumeRoot'), 'only with the flag');
    const alone = await runCli(['iam-policy', '--assume-root']);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--assume-root only applies with --org/);
  });

  it('rejects --role-name without --org, and a name IAM would refuse', async () => {
    const alone = await runCli(['iam-policy', '--role-name', 'RampartAudit']);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--role-name only applies with --org/);
    const bad = await runCli(['iam-policy', '--org', '--role-name', 'no spaces']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /is not an IAM role name/);
  });
});
