// Registry of the backup and recovery checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import backupPlansCoverData from './backup-plans-cover-data.ts';
import backupRestoreTested from './backup-restore-tested.ts';
import backupVaultProtection from './backup-vault-protection.ts';

export const checks: Check[] = [
  backupPlansCoverData as Check,
  backupRestoreTested as Check,
  backupVaultProtection as Check,
];
