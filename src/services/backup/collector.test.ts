// Unit tests for the AWS Backup collector, with the SDK mocked: plans with copy destinations and selections, vaults
// with lock fields and policies ("no policy" as a value), the 90-day restore-job window, pagination, errors as data.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  BackupClient,
  GetBackupPlanCommand,
  GetBackupVaultAccessPolicyCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListBackupVaultsCommand,
  ListProtectedResourcesCommand,
  ListRestoreJobsCommand,
  ListRestoreTestingPlansCommand,
} from '@aws-sdk/client-backup';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { backupCollector } from './collector.ts';

const backup = mockClient(BackupClient);
const vaultArn = (account: string, name: string) => `arn:aws:backup:eu-west-1:${account}:backup-vault:${name}`;

describe('backup collector', () => {
  beforeEach(() => backup.reset());
  afterEach(() => backup.reset());

  it('collects plans, vaults, restore testing plans, restore jobs and protected resources across pages', async () => {
    backup.on(ListBackupPlansCommand).resolves({ BackupPlansList: [{ BackupPlanId: 'p1', BackupPlanArn: 'arn:p1', BackupPlanName: 'daily' }], NextToken: 'n' });
    backup.on(ListBackupPlansCommand, { NextToken: 'n' }).resolves({ BackupPlansList: [{ BackupPlanId: 'p2', BackupPlanArn: 'arn:p2', BackupPlanName: 'weekly' }] });
    backup.on(GetBackupPlanCommand, { BackupPlanId: 'p1' }).resolves({
      BackupPlan: { BackupPlanName: 'daily', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'Default', CopyActions: [{ DestinationBackupVaultArn: vaultArn('222222222222', 'dr') }] }] },
    });
    backup.on(GetBackupPlanCommand, { BackupPlanId: 'p2' }).rejects(awsError('AccessDeniedException', 'denied', 403));
    backup.on(ListBackupSelectionsCommand).resolves({ BackupSelectionsList: [{ SelectionId: 's1', SelectionName: 'tagged' }] });
    backup.on(ListBackupVaultsCommand).resolves({
      BackupVaultList: [
        { BackupVaultName: 'Default', BackupVaultArn: vaultArn('111111111111', 'Default'), VaultType: 'BACKUP_VAULT' },
        { BackupVaultName: 'locked', BackupVaultArn: vaultArn('111111111111', 'locked'), Locked: true, MinRetentionDays: 7, LockDate: new Date('2026-01-01T00:00:00Z') },
      ],
    });
    backup.on(GetBackupVaultAccessPolicyCommand, { BackupVaultName: 'Default' }).rejects(awsError('ResourceNotFoundException', 'no policy', 404));
    backup.on(GetBackupVaultAccessPolicyCommand, { BackupVaultName: 'locked' }).resolves({ Policy: '{"Statement":[{"Effect":"Deny","Principal":"*","Action":"backup:DeleteRecoveryPoint","Resource":"*"}]}' });
    backup.on(ListRestoreTestingPlansCommand).resolves({ RestoreTestingPlans: [{ RestoreTestingPlanName: 'monthly', RestoreTestingPlanArn: 'arn:rtp', CreationTime: new Date(), ScheduleExpression: 'cron(0 1 1 * ? *)' }] });
    backup.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [{ RestoreJobId: 'j1', ResourceType: 'EBS', CompletionDate: new Date('2026-11-01T00:00:00Z') }] });
    backup.on(ListProtectedResourcesCommand).resolves({ Results: [{ ResourceArn: 'arn:aws:ec2:eu-west-1:111111111111:volume/vol-1', ResourceType: 'EBS', LastBackupTime: new Date('2026-11-19T00:00:00Z') }], NextToken: 'r2' });
    backup.on(ListProtectedResourcesCommand, { NextToken: 'r2' }).resolves({ Results: [{ ResourceArn: 'arn:aws:rds:eu-west-1:111111111111:db:orders', ResourceType: 'RDS' }] });

    const out = assertSlice('backup', await backupCollector.collect(testContext()));
    assert.ok(out.plans.ok);
    assert.deepEqual(out.plans.value[0], {
      backupPlanId: 'p1',
      backupPlanArn: 'arn:p1',
      backupPlanName: 'daily',
      rules: { ok: true, value: [{ ruleName: 'r', targetBackupVaultName: 'Default', copyDestinationVaultArns: [vaultArn('222222222222', 'dr')] }] },
      selections: { ok: true, value: [{ selectionId: 's1', selectionName: 'tagged' }] },
    });
    const p2rules = out.plans.value[1]?.rules;
    assert.ok(p2rules && !p2rules.ok && p2rules.error.operation === 'backup:GetBackupPlan');
    assert.ok(out.vaults.ok);
    assert.deepEqual(out.vaults.value.map((v) => [v.backupVaultName, v.locked, v.minRetentionDays, v.lockDate, v.accessPolicy.ok && v.accessPolicy.value !== null]), [
      ['Default', null, null, null, false],
      ['locked', true, 7, '2026-01-01T00:00:00.000Z', true],
    ]);
    assert.deepEqual(out.vaults.value[0]?.accessPolicy, { ok: true, value: null });
    assert.deepEqual(out.restoreTestingPlans, { ok: true, value: [{ name: 'monthly', arn: 'arn:rtp', lastExecutionTime: null }] });
    assert.ok(out.completedRestoreJobs.ok);
    assert.deepEqual(out.completedRestoreJobs.value.jobs, [{ restoreJobId: 'j1', resourceType: 'EBS', completionDate: '2026-11-01T00:00:00.000Z' }]);
    const input = backup.commandCalls(ListRestoreJobsCommand)[0]?.args[0].input;
    assert.equal(input?.ByStatus, 'COMPLETED');
    const windowDays = (Date.now() - (input?.ByCreatedAfter?.getTime() ?? 0)) / 86_400_000;
    assert.ok(Math.abs(windowDays - 90) < 0.01, `window ${windowDays}`);
    assert.equal(out.completedRestoreJobs.value.since, input?.ByCreatedAfter?.toISOString());
    assert.deepEqual(out.protectedResources, {
      ok: true,
      value: [
        { resourceArn: 'arn:aws:ec2:eu-west-1:111111111111:volume/vol-1', resourceType: 'EBS', lastBackupTime: '2026-11-19T00:00:00.000Z' },
        { resourceArn: 'arn:aws:rds:eu-west-1:111111111111:db:orders', resourceType: 'RDS', lastBackupTime: null },
      ],
    });
  });

  it('records unimplemented (HTML 500) and denied listings as errors, never as empty lists, and makes no per-item calls after them', async () => {
    backup.on(ListBackupPlansCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    backup.on(ListBackupVaultsCommand).rejects(htmlServerError());
    backup.on(ListRestoreTestingPlansCommand).rejects(htmlServerError());
    backup.on(ListRestoreJobsCommand).rejects(htmlServerError());
    backup.on(ListProtectedResourcesCommand).rejects(htmlServerError());
    const out = assertSlice('backup', await backupCollector.collect(testContext()));
    for (const [field, code, op] of [
      [out.plans, 'AccessDenied', 'backup:ListBackupPlans'],
      [out.vaults, 'Unsupported', 'backup:ListBackupVaults'],
      [out.restoreTestingPlans, 'Unsupported', 'backup:ListRestoreTestingPlans'],
      [out.completedRestoreJobs, 'Unsupported', 'backup:ListRestoreJobs'],
      [out.protectedResources, 'Unsupported', 'backup:ListProtectedResources'],
    ] as const) {
      assert.ok(!field.ok);
      assert.deepEqual([field.error.code, field.error.operation], [code, op]);
    }
    assert.equal(backup.commandCalls(GetBackupPlanCommand).length + backup.commandCalls(GetBackupVaultAccessPolicyCommand).length, 0);
  });
});
