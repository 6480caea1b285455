import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allCollectorOperations } from '../collectors/run.ts';
import { runCli } from './testing.ts';

type Policy = { Statement: Array<{ Sid: string; Action: string | string[]; Resource: string }> };

describe('rampart iam-policy', () => {
  it('prints one read-only statement with every operation the collectors declare', async () => {
    const r = await runCli(['iam-policy']);
    assert.equal(r.code, 0, r.stderr);
    const policy = JSON.parse(r.stdout) as Policy;
    assert.equal(policy.Statement.length, 1);
    assert.deepEqual(policy.Statement[0]!.Action, allCollectorOperations());
    assert.ok(!JSON.stringify(policy).includes('sts:AssumeRole'));
  });

  it('--org adds sts:AssumeRole on the member audit role, by name in any account', async () => {
    const policy = JSON.parse((await runCli(['iam-policy', '--org'])).stdout) as Policy;
    assert.deepEqual(policy.Statement[1], { Sid: 'RampartAssumeAuditRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole' });
    const custom = JSON.parse((await runCli(['iam-policy', '--org', '--role-name', 'RampartAudit'])).stdout) as Policy;
    assert.equal(custom.Statement[1]!.Resource, 'arn:aws:iam::*:role/RampartAudit');
  });

  it('--with-export adds the one write a scan can make, BatchImportFindings on the default product', async () => {
    const policy = JSON.parse((await runCli(['iam-policy', '--with-export'])).stdout) as Policy;
    assert.deepEqual(policy.Statement.map((s) => s.Sid), ['RampartReadOnlyAudit', 'RampartSecurityHubExport']);
    assert.deepEqual(policy.Statement[1]!.Action, 'securityhub:BatchImportFindings');
    assert.equal(policy.Statement[1]!.Resource, 'arn:*:securityhub:*:*:product/*/default');
    assert.ok(!(policy.Statement[0]!.Action as string[]).includes('securityhub:BatchImportFindings'), 'the read-only statement stays read-only');
  });

  it('--org --assume-root adds sts:AssumeRoot limited to the audit task policy, and the four root-credential reads', async () => {
    const policy = JSON.parse((await runCli(['iam-policy', '--org', '--assume-root'])).stdout) as Policy & { Statement: Array<{ Condition?: unknown }> };
    assert.deepEqual(policy.Statement.map((s) => s.Sid), ['RampartReadOnlyAudit', 'RampartAssumeAuditRole', 'RampartAuditMemberRootCredentials', 'RampartReadMemberRootCredentials']);
    assert.equal(policy.Statement[2]!.Action, 'sts:AssumeRoot');
    assert.deepEqual(policy.Statement[2]!.Condition, { StringEquals: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' } });
    assert.deepEqual(policy.Statement[3]!.Action, ['iam:GetLoginProfile', 'iam:ListAccessKeys', 'iam:ListMFADevices', 'iam:ListSigningCertificates']);
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
