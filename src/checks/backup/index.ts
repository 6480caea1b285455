// Registry of the backup and recovery checks (explicit; no filesystem discovery), in catalog order.
// backup-plans-cover-data is not registered: its in-scope resources (RDS, DynamoDB, EFS, EBS inventories) are not
// in the snapshot yet; the Backup side it needs (plans, selections, protected resources with their last backup
import type { Check } from '../define.ts';
import backupRestoreTested from './backup-restore-tested.ts';
import backupVaultProtection from './backup-vault-protection.ts';

export const checks: Check[] = [
  backupRestoreTested as Check,
  backupVaultProtection as Check,
];
