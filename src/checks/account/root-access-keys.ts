// root-access-keys: the root user has no access keys (controls.md 1.A). Reads AccountAccessKeysPresent and the root row.
import { defineCheck } from '../define.ts';
import { rootRow } from '../helpers/identity.ts';

// Two independent sources. Either one showing a key is a collected fact, so it fails even when the other
// source is missing; a pass needs both sources read and both clean.
export default defineCheck({
  meta: {
    id: 'root-access-keys',
    title: 'Root user has no access keys',
    severity: 'critical',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'A root access key is a permanent credential with unrestricted power over the account that no IAM policy or SCP can limit; a leaked one means a full takeover.',
    remediation: {
      text: 'Sign in as root, delete every root access key (IAM → Security credentials), and use IAM roles instead. In a member account with centralized root access, delete it from the management account with an sts:AssumeRoot session.',
      cli: 'aws sts assume-root --target-principal <member-account-id> --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials  # then, with that session: aws iam delete-access-key --access-key-id <access-key-id>',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user-privileged-task.html',
    ],
    compliance: { cisAws3: ['1.4'], prowler: ['iam_no_root_access_key'], sources: ['001', '002', '000'] },
    // Fixable for member accounts with centralized root access (AssumeRoot); management/standalone stay manual.
    fixable: true,
    reads: ['iam.accountSummary', 'iam.credentialReport'],
  },
  evaluate(ctx) {
    const account = ctx.accountResource();
    const summary = ctx.account.iam.accountSummary;
    const present = summary.ok ? summary.value.AccountAccessKeysPresent : undefined;
    const row = rootRow(ctx);
    const activeSlots: number[] = [];
    if (row.ok && row.value.accessKey1Active) activeSlots.push(1);
    if (row.ok && row.value.accessKey2Active) activeSlots.push(2);
    const evidence = {
      AccountAccessKeysPresent: present ?? null,
      ...(row.ok ? { accessKey1Active: row.value.accessKey1Active, accessKey2Active: row.value.accessKey2Active } : {}),
    };

    if ((present !== undefined && present !== 0) || activeSlots.length > 0) {
      const what =
        activeSlots.length > 0
          ? `${activeSlots.length} active access key${activeSlots.length > 1 ? 's' : ''} (slot ${activeSlots.join(' and ')})`
          : 'an access key (GetAccountSummary AccountAccessKeysPresent ≠ 0)';
      return [ctx.fail(account, `root user of ${account.id} has ${what}; root keys cannot be limited by any policy`, { evidence, remediationValues: { 'member-account-id': account.id } })];
    }
    if (!summary.ok) return [ctx.error(account, summary.error, 'could not read the IAM account summary')];
    if (present === undefined) {
      return [
        ctx.error(account, {
          code: 'ParseError',
          operation: 'iam:GetAccountSummary',
          message: 'GetAccountSummary returned no AccountAccessKeysPresent field',
        }),
      ];
    }
    if (!row.ok) return [row.result];
    return [ctx.pass(account, `root user of ${account.id} has no access keys`, { evidence })];
  },
});
