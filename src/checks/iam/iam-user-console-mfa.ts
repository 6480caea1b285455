// iam-user-console-mfa: every IAM user with a console password has MFA (controls.md 1.B), from the credential report.
import { defineCheck } from '../define.ts';
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
    reads: ['iam.credentialReport', 'iam.virtualMfaDevices'],
  },
  evaluate(ctx) {
    const rows = credentialReportRows(ctx);
    if (!rows.ok) return [rows.result];
    const consoleUsers = iamUserRows(rows.value).filter((r) => r.passwordEnabled === true);
    if (consoleUsers.length === 0) {
      return [ctx.notApplicable(ctx.accountResource(), `no IAM user in ${ctx.account.accountId} has a console password`)];
    }
    // Virtual devices are listed account-wide; FIDO and hardware tokens are not, so this can only say that a user
    // has a virtual device, not that all of the user's devices are virtual. Missing data just drops the note.
    const virtual = ctx.account.iam.virtualMfaDevices;
    const virtualUsers = virtual.ok ? new Set(virtual.value.map((d) => d.userArn).filter((a) => a !== null)) : undefined;
    return consoleUsers.map((r) => {
      const resource = userResource(r);
      if (!r.mfaActive) {
        return ctx.fail(resource, `IAM user ${r.user} has a console password but no MFA device`, {
          evidence: { passwordEnabled: true, mfaActive: false },
        });
      }
      const hasVirtual = virtualUsers?.has(r.arn);
      return ctx.pass(
        resource,
        `IAM user ${r.user} has MFA${hasVirtual ? ' (a virtual authenticator app; a FIDO security key resists phishing better)' : ''}`,
        { evidence: { passwordEnabled: true, mfaActive: true, ...(hasVirtual === undefined ? {} : { virtualMfaAssigned: hasVirtual }) } },
      );
    });
  },
});
