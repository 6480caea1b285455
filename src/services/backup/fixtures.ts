// AWS Backup fixtures: the empty slice of a fixture Region (Backup never used: no plans, vaults or jobs) and builders.
import { ok } from '../../inventory/collected.ts';
import type { BackupPlan, BackupSlice, BackupVault, ProtectedResource } from './schema.ts';

export function emptyBackup(): BackupSlice {
  return {
    plans: ok([]),
    vaults: ok([]),
    restoreTestingPlans: ok([]),
    completedRestoreJobs: ok({ since: '2026-08-22T12:00:00.000Z', jobs: [] }),
    protectedResources: ok([]),
  };
}

const ACCOUNT = '111111111111';

/** A plan with one daily rule into `vault`; `copyTo` adds copy actions to those vault ARNs. */
export function backupPlan(name: string, opts: { region?: string; vault?: string; copyTo?: string[] } = {}): BackupPlan {
  const { region = 'us-east-1', vault = 'Default', copyTo = [] } = opts;
  return {
    backupPlanId: `plan-${name}`,
    backupPlanArn: `arn:aws:backup:${region}:${ACCOUNT}:backup-plan:plan-${name}`,
    backupPlanName: name,
    rules: ok([{ ruleName: 'daily', targetBackupVaultName: vault, copyDestinationVaultArns: copyTo }]),
    selections: ok([{ selectionId: `sel-${name}`, selectionName: 'tagged' }]),
  };
}

export function backupVault(name: string, opts: { region?: string } & Partial<BackupVault> = {}): BackupVault {
  const { region = 'us-east-1', ...over } = opts;
  return {
    backupVaultName: name,
    backupVaultArn: `arn:aws:backup:${region}:${ACCOUNT}:backup-vault:${name}`,
    vaultType: 'BACKUP_VAULT',
    locked: false,
    minRetentionDays: null,
    lockDate: null,
    accessPolicy: ok(null),
    ...over,
  };
}

export function protectedResource(resourceArn: string, resourceType: string, lastBackupTime: string | null = '2026-11-20T00:00:00.000Z'): ProtectedResource {
  return { resourceArn, resourceType, lastBackupTime };
}

/** A vault access policy that denies deleting recovery points to everyone. */
export const DENY_DELETE_RECOVERY_POINTS = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: '*', Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: '*' }],
};
