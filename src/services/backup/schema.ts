// Snapshot slice of AWS Backup (per Region): plans with their rules' copy destinations and selections, vaults with
// their lock fields and access policy, restore testing plans, completed restore jobs of the last 90 days, and the
// protected resources with their last backup time.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date');

export const backupPlanSchema = z.object({
  backupPlanId: z.string(),
  backupPlanArn: z.string(),
  backupPlanName: z.string(),
  /** GetBackupPlan: each rule with the vault ARNs its copy actions send recovery points to. */
  rules: collectedSchema(z.array(z.object({ ruleName: z.string(), targetBackupVaultName: z.string(), copyDestinationVaultArns: z.array(z.string()) }))),
  /** ListBackupSelections (names and ids; the resources a selection matches show in protectedResources). */
  selections: collectedSchema(z.array(z.object({ selectionId: z.string(), selectionName: z.string() }))),
});
export type BackupPlan = z.infer<typeof backupPlanSchema>;

export const backupVaultSchema = z.object({
  backupVaultName: z.string(),
  backupVaultArn: z.string(),
  /** ListBackupVaults `VaultType` (BACKUP_VAULT, LOGICALLY_AIR_GAPPED_BACKUP_VAULT…); null when not returned. */
  vaultType: z.string().nullable(),
  /** ListBackupVaults `Locked`; null: the listing carried no lock flag (Vault Lock never configured). */
  locked: z.boolean().nullable(),
  minRetentionDays: z.number().int().nullable(),
  /** When the lock becomes immutable (end of the compliance-mode grace time); null for governance mode or no lock. */
  lockDate: iso.nullable(),
  /** GetBackupVaultAccessPolicy, parsed; null: the vault has no access policy (ResourceNotFoundException). */
  accessPolicy: collectedSchema(z.unknown()),
});
export type BackupVault = z.infer<typeof backupVaultSchema>;

export const protectedResourceSchema = z.object({
  resourceArn: z.string(),
  resourceType: z.string(),
  lastBackupTime: iso.nullable(),
});
export type ProtectedResource = z.infer<typeof protectedResourceSchema>;

export const backupSchema = z.object({
  plans: collectedSchema(z.array(backupPlanSchema)),
  vaults: collectedSchema(z.array(backupVaultSchema)),
  restoreTestingPlans: collectedSchema(z.array(z.object({ name: z.string(), arn: z.string(), lastExecutionTime: iso.nullable() }))),
  /** ListRestoreJobs with ByStatus COMPLETED and ByCreatedAfter `since` (90 days before collection). */
  completedRestoreJobs: collectedSchema(
    z.object({
      since: iso,
      jobs: z.array(z.object({ restoreJobId: z.string(), resourceType: z.string().nullable(), completionDate: iso.nullable() })),
    }),
  ),
  protectedResources: collectedSchema(z.array(protectedResourceSchema)),
});
export type BackupSlice = z.infer<typeof backupSchema>;
