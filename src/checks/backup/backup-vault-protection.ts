// backup-vault-protection: backup vaults are locked or their access policy denies deleting recovery points, and
// some backup plan copies recovery points to another account (controls.md 1.I). Both are the catalog's WARN.
// One result per vault, plus one per Region for the cross-account copy; a Region with no vault and no plan gets
// one not_applicable.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { parsePolicy, PolicyParseError } from '../../policy/parse.ts';
import { statementAppliesToAction } from '../../policy/actions.ts';
import type { BackupVault } from '../../services/backup/schema.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { arnAccountId, noneInRegion, readInRegion, regionResource } from '../helpers/regional.ts';

const DELETE = 'backup:DeleteRecoveryPoint';
const LOCK_CLI = '# governance mode first; compliance mode (with --changeable-for-days) becomes irreversible after the grace time\naws backup put-backup-vault-lock-configuration --backup-vault-name <vault> --min-retention-days 7 --region <region>';
const COPY_CLI = '# add a copy action to a vault in a separate backup account to the plan\'s rules\naws backup update-backup-plan --backup-plan-id <plan-id> --backup-plan file://plan-with-copy-action.json --region <region>';

function judgeVault<O>(ctx: CheckContext<O>, v: BackupVault, region: string): CheckResult {
  const resource: ResourceRef = { type: 'AwsBackupBackupVault', id: v.backupVaultName, arn: v.backupVaultArn };
  const evidence = { locked: v.locked, minRetentionDays: v.minRetentionDays, lockDate: v.lockDate, vaultType: v.vaultType };
  if (v.locked === true) {
    const mode = v.lockDate === null ? 'governance-mode or not yet immutable' : `immutable from ${v.lockDate}`;
    return ctx.pass(resource, `backup vault ${v.backupVaultName} is locked with AWS Backup Vault Lock (${mode})`, { region, evidence });
  }
  if (!v.accessPolicy.ok) return ctx.error(resource, v.accessPolicy.error, `could not read the access policy of backup vault ${v.backupVaultName}`, { region });
  if (v.accessPolicy.value !== null) {
    let denies: boolean;
    try {
      denies = parsePolicy(v.accessPolicy.value).statements.some((st) => st.effect === 'Deny' && statementAppliesToAction(st, DELETE));
    } catch (e) {
      if (!(e instanceof PolicyParseError)) throw e;
      return ctx.error(resource, { code: 'ParseError', operation: 'backup:GetBackupVaultAccessPolicy', message: `the access policy of backup vault ${v.backupVaultName} does not parse: ${e.message}`, region }, undefined, { region });
    }
    if (denies) return ctx.pass(resource, `backup vault ${v.backupVaultName} is not locked, but its access policy denies ${DELETE}`, { region, evidence });
  }
  const policy = v.accessPolicy.value === null ? 'has no access policy' : `has an access policy that does not deny ${DELETE}`;
  return ctx.warn(resource, `backup vault ${v.backupVaultName} is not locked and ${policy}, so anyone with backup permissions in the account (or ransomware using them) can delete its recovery points`, {
    region,
    evidence,
    remediation: { cli: LOCK_CLI },
    remediationValues: { vault: v.backupVaultName },
  });
}

export default defineCheck({
  meta: {
    id: 'backup-vault-protection',
    title: 'Backup vaults locked / not deletable; copies leave the workload account',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsBackupBackupVault',
    rationale:
      'Whoever takes over the workload account can delete its backups before encrypting or destroying the data. Vault Lock (or a policy denying backup:DeleteRecoveryPoint) stops deletion inside the account, and a copy in another account survives the account itself.',
    remediation: {
      text: 'Turn on AWS Backup Vault Lock for the vault (governance mode first; compliance mode cannot be undone after its grace time, so plan it), or at least attach a vault access policy that denies backup:DeleteRecoveryPoint. Add a copy action to the backup plans that sends recovery points to a vault in a separate backup account of the organization.',
      cli: `${LOCK_CLI}\n${COPY_CLI}`,
      terraform:
        'resource "aws_backup_vault_lock_configuration" "this" {\n  backup_vault_name  = aws_backup_vault.this.name\n  min_retention_days = 7\n}\n\nresource "aws_backup_plan" "this" {\n  # ...\n  rule {\n    # ...\n    copy_action {\n      destination_vault_arn = "arn:aws:backup:<region>:<backup-account-id>:backup-vault:<vault>"\n    }\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html',
      'https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html',
    ],
    compliance: { prowler: ['backup_vaults_exist'], sources: ['002', '003'] },
    fixable: true,
    reads: ['regional.*.backup.vaults', 'regional.*.backup.plans'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const vaults = readInRegion(ctx, data.backup.vaults, 'the backup vaults', region);
      const plans = readInRegion(ctx, data.backup.plans, 'the backup plans', region);
      if (!vaults.ok) results.push(vaults.result);
      if (!plans.ok && (vaults.ok || vaults.result.status !== 'not_applicable' || plans.result.status !== 'not_applicable')) results.push(plans.result);
      if (vaults.ok && plans.ok && vaults.value.length === 0 && plans.value.length === 0) {
        results.push(noneInRegion(ctx, region, 'backup vaults or backup plans'));
        continue;
      }
      for (const v of vaults.ok ? vaults.value : []) results.push(judgeVault(ctx, v, region));
      if (!plans.ok || plans.value.length === 0) continue;
      const resource = regionResource(region);
      const copies: string[] = [];
      const unreadable = plans.value.flatMap((p) => (p.rules.ok ? [] : [{ plan: p, error: p.rules.error }]));
      for (const p of plans.value) {
        if (!p.rules.ok) continue;
        for (const r of p.rules.value) {
          for (const dest of r.copyDestinationVaultArns) {
            const account = arnAccountId(dest);
            if (account !== undefined && account !== ctx.account.accountId) copies.push(`${p.backupPlanName}/${r.ruleName} → ${dest}`);
          }
        }
      }
      const evidence = { crossAccountCopies: copies, plans: plans.value.map((p) => p.backupPlanName) };
      if (copies.length > 0) {
        results.push(ctx.pass(resource, `backup plans in ${region} copy recovery points to another account: ${copies.join('; ')}`, { region, evidence }));
      } else if (unreadable[0] !== undefined) {
        const first = unreadable[0];
        results.push(ctx.error(resource, first.error, `could not read the rules of backup plan ${first.plan.backupPlanName}, so whether any plan copies to another account is unknown`, { region }));
      } else {
        results.push(
          ctx.warn(resource, `no backup plan in ${region} copies recovery points to another account (${plans.value.map((p) => p.backupPlanName).join(', ')}): a compromise of this account can take the backups with it`, {
            region,
            evidence,
            remediation: { cli: COPY_CLI },
            remediationValues: { 'plan-id': plans.value[0]?.backupPlanId ?? '<plan-id>' },
          }),
        );
      }
    }
    return results;
  },
});
