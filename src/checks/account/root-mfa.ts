// root-mfa: the root user has MFA (controls.md 1.A). Reads GetAccountSummary's AccountMFAEnabled. A member account
// whose root user is shown to have no credentials (centralized root access, credentials removed) passes with a note:
// there is nothing for MFA to protect.
import { defineCheck, requireData } from '../define.ts';
import { membership, memberRootCredentials } from './org-context.ts';

export default defineCheck({
  meta: {
    id: 'root-mfa',
    title: 'Root user has MFA',
    severity: 'critical',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale: 'Root can do anything in the account, including closing it; a password alone is one phishing email from a takeover.',
    remediation: {
      text: 'Sign in as root and register an MFA device (a FIDO security key is best), then register a second one as a backup. For member accounts of an organization, prefer removing root credentials with centralized root access.',
      cli: 'Console only: IAM → Security credentials (as root) → Assign MFA device.',
    },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html'],
    compliance: { cisAws3: ['1.5'], prowler: ['iam_root_mfa_enabled'], sources: ['000', '001', '002', '003', '004'] },
    fixable: false,
    reads: ['iam.accountSummary', 'organizations.organization', 'iam.rootCredentials', 'iam.organizationsFeatures', 'organizations.serviceAccess'],
  },
  evaluate(ctx) {
    const account = ctx.accountResource();
    const summary = requireData(ctx, ctx.account.iam.accountSummary, account, 'the IAM account summary');
    if (!summary.ok) return [summary.result];
    const enabled = summary.value.AccountMFAEnabled;
    if (enabled === undefined) {
      return [
        ctx.error(account, {
          code: 'ParseError',
          operation: 'iam:GetAccountSummary',
          message: 'GetAccountSummary returned no AccountMFAEnabled field',
        }),
      ];
    }
    if (enabled === 1) return [ctx.pass(account, `root user of ${account.id} has MFA enabled`, { evidence: { AccountMFAEnabled: enabled } })];
    // Without MFA, a member root user with no credentials at all (root-credentials-centralized and
    // member-root-credentials-removed both hold) has nothing to protect. Anything short of that proof stays a failure.
    const m = membership(ctx);
    let unproven = '';
    if (m.ok && m.value.kind === 'member') {
      const creds = memberRootCredentials(ctx, m.value.organization);
      if (creds.ok && creds.removed) {
        return [
          ctx.pass(account, `root user of member account ${account.id} has no MFA, but also no credentials to protect: ${creds.detail} (centralized root access)`, {
            evidence: { AccountMFAEnabled: enabled, rootCredentialsRemoved: true, note: 'nothing to protect' },
          }),
        ];
      }
      unproven = creds.ok ? `; ${creds.detail}` : `; removing its root credentials would also settle this (${creds.why})`;
    }
    return [ctx.fail(account, `root user of ${account.id} has no MFA device${unproven}`, { evidence: { AccountMFAEnabled: enabled } })];
  },
});
