// root-hardware-mfa: the root user's MFA is a hardware/FIDO device, not a virtual app (controls.md 1.A). FIDO
// security keys and passkeys do not appear in ListVirtualMFADevices, so an MFA-enabled root with no virtual device
// assigned to it counts as hardware.
import { defineCheck, requireData } from '../define.ts';
import { membership, memberRootCredentials } from './org-context.ts';

export default defineCheck({
  meta: {
    id: 'root-hardware-mfa',
    title: 'Root MFA is a hardware/FIDO device, not a virtual app',
    severity: 'high',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'A virtual MFA code can be phished along with the password, and the seed lives on a phone that can be lost or cloned; a FIDO security key is bound to the sign-in page and cannot be replayed.',
    remediation: {
      text: 'Sign in as root, register a FIDO security key (and a second one as a backup), then remove the virtual MFA device. For member accounts prefer removing root credentials altogether (see member-root-credentials-removed).',
      cli: 'Console only: IAM → Security credentials (as root) → Assign MFA device → Security key; then remove the authenticator app device.',
    },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-fido-mfa-for-root.html'],
    compliance: { cisAws3: ['1.6'], prowler: ['iam_root_hardware_mfa_enabled'], sources: ['000', '004'] },
    fixable: false,
    reads: ['iam.accountSummary', 'iam.virtualMfaDevices', 'iam.rootCredentials'],
  },
  evaluate(ctx) {
    const account = ctx.accountResource();
    const m = membership(ctx);
    if (!m.ok) return [m.result];
    // Skip when the root user is shown to have no credentials at all (nothing to sign in with).
    if (m.value.kind === 'member') {
      const creds = memberRootCredentials(ctx, m.value.organization);
      if (creds.ok && creds.removed) {
        return [ctx.notApplicable(account, `root user of member account ${account.id} has no credentials (centralized root access), so there is no MFA to judge`)];
      }
    }
    const summary = requireData(ctx, ctx.account.iam.accountSummary, account, 'the IAM account summary');
    if (!summary.ok) return [summary.result];
    const enabled = summary.value.AccountMFAEnabled;
    if (enabled === undefined) {
      return [ctx.error(account, { code: 'ParseError', operation: 'iam:GetAccountSummary', message: 'GetAccountSummary returned no AccountMFAEnabled field' })];
    }
    if (enabled !== 1) return [ctx.fail(account, `root user of ${account.id} has no MFA device at all (see root-mfa)`, { evidence: { AccountMFAEnabled: enabled } })];
    const devices = requireData(ctx, ctx.account.iam.virtualMfaDevices, account, 'the virtual MFA devices');
    if (!devices.ok) return [devices.result];
    const rootArn = new RegExp(`^arn:aws[a-z-]*:iam::${account.id}:root$`);
    const virtual = devices.value.filter((d) => d.userArn !== null && rootArn.test(d.userArn)).map((d) => d.serialNumber);
    const evidence = { AccountMFAEnabled: enabled, rootVirtualMfaDevices: virtual };
    if (virtual.length > 0) {
      return [ctx.fail(account, `root user of ${account.id} uses a virtual MFA device (${virtual.join(', ')}), which can be phished; use a FIDO security key`, { evidence })];
    }
    return [ctx.pass(account, `root user of ${account.id} has MFA and no virtual MFA device, so it is a hardware or FIDO device`, { evidence })];
  },
});
