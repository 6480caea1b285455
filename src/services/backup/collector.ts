// AWS Backup collector (per Region): ListBackupPlans + GetBackupPlan + ListBackupSelections per plan,
// ListBackupVaults (which carries the lock fields) + GetBackupVaultAccessPolicy per vault, ListRestoreTestingPlans,
// ListRestoreJobs (completed, last 90 days) and ListProtectedResources — five listings plus three calls per plan/vault.
import {
  BackupClient,
  GetBackupPlanCommand,
  GetBackupVaultAccessPolicyCommand,
  paginateListBackupPlans,
  paginateListBackupSelections,
  paginateListBackupVaults,
  paginateListProtectedResources,
  paginateListRestoreJobs,
  paginateListRestoreTestingPlans,
} from '@aws-sdk/client-backup';
import { drain } from '../../collectors/collect.ts';
import { need, read, readOrAbsent, regionalClient } from '../../collectors/regional/shared.ts';
import { isoOrNull, parsePolicyDocument } from '../../collectors/shape.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok } from '../../inventory/collected.ts';
import type { BackupSlice } from './schema.ts';

const OPS = {
  plans: 'backup:ListBackupPlans',
  plan: 'backup:GetBackupPlan',
  selections: 'backup:ListBackupSelections',
  vaults: 'backup:ListBackupVaults',
  vaultPolicy: 'backup:GetBackupVaultAccessPolicy',
  restoreTestingPlans: 'backup:ListRestoreTestingPlans',
  restoreJobs: 'backup:ListRestoreJobs',
  protectedResources: 'backup:ListProtectedResources',
} as const;

/** The restore-job window of backup-restore-tested (controls.md: now − 90 days). */
export const RESTORE_WINDOW_DAYS = 90;

export const backupCollector: RegionalCollector<'backup'> = {
  key: 'backup',
  operations: Object.values(OPS),
  async collect(ctx): Promise<BackupSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, BackupClient);

    const listedPlans = await read(OPS.plans, region, () =>
      limiter.run(async () =>
        (await drain(paginateListBackupPlans({ client, pageSize: 100 }, {}), (p) => p.BackupPlansList)).map((p) => ({
          backupPlanId: need(p.BackupPlanId, 'BackupPlansList.BackupPlanId'),
          backupPlanArn: need(p.BackupPlanArn, 'BackupPlansList.BackupPlanArn'),
          backupPlanName: need(p.BackupPlanName, 'BackupPlansList.BackupPlanName'),
        })),
      ),
    );
    const plans = listedPlans.ok
      ? ok(
          await Promise.all(
            listedPlans.value.map(async (p) => ({
              ...p,
              rules: await read(OPS.plan, region, () =>
                limiter.run(async () =>
                  (need((await client.send(new GetBackupPlanCommand({ BackupPlanId: p.backupPlanId }))).BackupPlan, 'BackupPlan').Rules ?? []).map((r) => ({
                    ruleName: need(r.RuleName, 'Rules.RuleName'),
                    targetBackupVaultName: need(r.TargetBackupVaultName, 'Rules.TargetBackupVaultName'),
                    copyDestinationVaultArns: (r.CopyActions ?? []).map((c) => need(c.DestinationBackupVaultArn, 'CopyActions.DestinationBackupVaultArn')),
                  })),
                ),
              ),
              selections: await read(OPS.selections, region, () =>
                limiter.run(async () =>
                  (await drain(paginateListBackupSelections({ client, pageSize: 100 }, { BackupPlanId: p.backupPlanId }), (pg) => pg.BackupSelectionsList)).map((s) => ({
                    selectionId: need(s.SelectionId, 'BackupSelectionsList.SelectionId'),
                    selectionName: need(s.SelectionName, 'BackupSelectionsList.SelectionName'),
                  })),
                ),
              ),
            })),
          ),
        )
      : listedPlans;

    const listedVaults = await read(OPS.vaults, region, () =>
      limiter.run(async () =>
        (await drain(paginateListBackupVaults({ client, pageSize: 100 }, {}), (p) => p.BackupVaultList)).map((v) => ({
          backupVaultName: need(v.BackupVaultName, 'BackupVaultList.BackupVaultName'),
          backupVaultArn: need(v.BackupVaultArn, 'BackupVaultList.BackupVaultArn'),
          vaultType: v.VaultType ?? null,
          locked: v.Locked ?? null,
          minRetentionDays: v.MinRetentionDays ?? null,
          lockDate: isoOrNull(v.LockDate),
        })),
      ),
    );
    const vaults = listedVaults.ok
      ? ok(
          await Promise.all(
            listedVaults.value.map(async (v) => ({
              ...v,
              accessPolicy: await readOrAbsent(OPS.vaultPolicy, region, ['ResourceNotFoundException'], () =>
                limiter.run(async () => parsePolicyDocument((await client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: v.backupVaultName }))).Policy)),
              ),
            })),
          ),
        )
      : listedVaults;

    const restoreTestingPlans = await read(OPS.restoreTestingPlans, region, () =>
      limiter.run(async () =>
        (await drain(paginateListRestoreTestingPlans({ client, pageSize: 100 }, {}), (p) => p.RestoreTestingPlans)).map((p) => ({
          name: need(p.RestoreTestingPlanName, 'RestoreTestingPlans.RestoreTestingPlanName'),
          arn: need(p.RestoreTestingPlanArn, 'RestoreTestingPlans.RestoreTestingPlanArn'),
          lastExecutionTime: isoOrNull(p.LastExecutionTime),
        })),
      ),
    );

    const since = new Date(Date.now() - RESTORE_WINDOW_DAYS * 86_400_000);
    const completedRestoreJobs = await read(OPS.restoreJobs, region, () =>
      limiter.run(async () => ({
        since: since.toISOString(),
        jobs: (await drain(paginateListRestoreJobs({ client, pageSize: 100 }, { ByStatus: 'COMPLETED', ByCreatedAfter: since }), (p) => p.RestoreJobs)).map((j) => ({
          restoreJobId: need(j.RestoreJobId, 'RestoreJobs.RestoreJobId'),
          resourceType: j.ResourceType ?? null,
          completionDate: isoOrNull(j.CompletionDate),
        })),
      })),
    );

    const protectedResources = await read(OPS.protectedResources, region, () =>
      limiter.run(async () =>
        (await drain(paginateListProtectedResources({ client, pageSize: 100 }, {}), (p) => p.Results)).map((r) => ({
          resourceArn: need(r.ResourceArn, 'Results.ResourceArn'),
          resourceType: need(r.ResourceType, 'Results.ResourceType'),
          lastBackupTime: isoOrNull(r.LastBackupTime),
        })),
      ),
    );

    return { plans, vaults, restoreTestingPlans, completedRestoreJobs, protectedResources };
  },
};
