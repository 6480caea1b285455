// iam-user-console-mfa: every IAM user with a console password has MFA (controls.md 1.B), from the credential report.
import { defineCheck } from '../define.ts';
import type { CheckContext } from '../define.ts';
import { credentialReportRows, iamUserRows, userResource } from '../helpers/identity.ts';

export default defineCheck({
  meta: {
    id: 'iam-user-console-mfa',
    title: 'Every IAM user with a console password has MFA',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsIamUser',
    rationale: 'A console password without MFA is one phished or reused password away from a session with all of the user\'s permissions.',
    remediation: {
      text: 'Have the user enrol an MFA device (a FIDO security key or passkey resists phishing; an authenticator app is the minimum). If the user no longer needs the console, delete the login profile instead.',
      cli: 'aws iam delete-login-profile --user-name <user>  # only if console access is not needed; MFA enrolment is done by the user',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html',
    ],
    compliance: { cisAws3: ['1.10'], prowler: ['iam_user_mfa_enabled_console_access'], sources: ['002', '003', '004', '000'] },
    fixable: false,
    reads: ['iam.credentialReport', 'iam.virtualMfaDevices', 'iam.accountSummary'],
  },
  evaluate(ctx) {
    const rows = credentialReportRows(ctx);
    if (!rows.ok) return [rows.result];
    const consoleUsers = iamUserRows(rows.value).filter((r) => r.passwordEnabled === true);
    if (consoleUsers.length === 0) {
      return [ctx.notApplicable(ctx.accountResource(), `no IAM user in ${ctx.account.accountId} has a console password`)];
    }
    const allVirtual = allUserMfaVirtual(ctx);
    return consoleUsers.map((r) => {
      const resource = userResource(r);
      if (!r.mfaActive) {
        return ctx.fail(resource, `IAM user ${r.user} has a console password but no MFA device`, {
          evidence: { passwordEnabled: true, mfaActive: false },
          remediationValues: { user: r.user },
        });
      }
      const onlyVirtual = allVirtual(r.arn);
      return ctx.pass(
        resource,
        `IAM user ${r.user} has MFA${onlyVirtual === true ? '; all of the user\'s MFA devices are virtual (authenticator apps): a FIDO security key or passkey resists phishing' : ''}`,
        { evidence: { passwordEnabled: true, mfaActive: true, allMfaDevicesVirtual: onlyVirtual ?? null } },
      );
    });
  },
});

/**
 * The catalog's note, "all devices are virtual", for a user with MFA: true, false, or undefined when it cannot be
 * told. ListVirtualMFADevices names the owner of every virtual device, but FIDO and hardware devices are only
 * counted (GetAccountSummary MFADevicesInUse: devices assigned to IAM users or root). When that count equals the
 * assigned virtual devices, every assigned device is virtual. A user with MFA and no virtual device has none.
 * Anything else (a non-virtual device somewhere in the account, or data missing) is undefined: no note.
 */
function allUserMfaVirtual(ctx: CheckContext<Record<string, never>>): (userArn: string) => boolean | undefined {
  const virtual = ctx.account.iam.virtualMfaDevices;
  const summary = ctx.account.iam.accountSummary;
  if (!virtual.ok) return () => undefined;
  const owners = virtual.value.map((d) => d.userArn).filter((a) => a !== null);
  const inUse = summary.ok ? summary.value.MFADevicesInUse : undefined;
  const everyDeviceVirtual = inUse !== undefined && inUse === owners.length;
  return (userArn) => {
    if (!owners.includes(userArn)) return false;
    return everyDeviceVirtual ? true : undefined;
  };
}
