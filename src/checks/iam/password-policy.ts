// password-policy: the account password policy requires length ≥ 14 and prevents reuse of the last 24 (controls.md 1.B).
import { defineCheck, requireData } from '../define.ts';
import { iamUserRows } from '../helpers/identity.ts';

export interface PasswordPolicyOptions {
  /** CIS 1.8 */
  minLength: number;
  /** CIS 1.9 */
  minReusePrevention: number;
}

export default defineCheck<PasswordPolicyOptions>({
  meta: {
    id: 'password-policy',
    title: 'Account password policy: length ≥ 14, reuse prevention ≥ 24',
    severity: 'medium',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'Short or recycled IAM user passwords are guessed and stuffed; the account password policy is the only control over them.',
    remediation: {
      text: 'Set an account password policy with at least 14 characters and reuse prevention of 24. UpdateAccountPasswordPolicy replaces the whole policy, so pass every field you want to keep.',
      cli: 'aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --allow-users-to-change-password',
      terraform:
        'resource "aws_iam_account_password_policy" "this" {\n  minimum_password_length        = 14\n  password_reuse_prevention      = 24\n  require_symbols                = true\n  require_numbers                = true\n  require_uppercase_characters   = true\n  require_lowercase_characters   = true\n  allow_users_to_change_password = true\n}',
    },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html'],
    compliance: {
      cisAws3: ['1.8', '1.9'],
      prowler: ['iam_password_policy_minimum_length_14', 'iam_password_policy_reuse_24'],
      sources: ['000', '001', '004'],
    },
    fixable: true,
    reads: ['iam.passwordPolicy', 'iam.credentialReport'],
  },
  defaultOptions: { minLength: 14, minReusePrevention: 24 },
  evaluate(ctx) {
    const account = ctx.accountResource();
    const policy = requireData(ctx, ctx.account.iam.passwordPolicy, account, 'the account password policy');
    if (!policy.ok) return [policy.result];

    // The catalog lowers severity when no IAM user has a password. That needs the credential report; when it is
    // missing the verdict (from the policy) still stands and only the downgrade is skipped.
    const report = ctx.account.iam.credentialReport;
    const usersWithPassword = report.ok ? iamUserRows(report.value.rows).filter((r) => r.passwordEnabled === true).length : undefined;
    const severity = usersWithPassword === 0 ? 'low' : undefined;
    const context = { usersWithPassword: usersWithPassword ?? 'unknown (credential report not collected)' };

    if (policy.value === null) {
      return [
        ctx.fail(account, `account ${account.id} has no IAM password policy, so IAM user passwords can be as short as 8 characters and reused`, {
          ...(severity ? { severity } : {}),
          evidence: { passwordPolicy: null, ...context },
        }),
      ];
    }
    const { minimumPasswordLength, passwordReusePrevention } = policy.value;
    const problems: string[] = [];
    if (minimumPasswordLength === undefined || minimumPasswordLength < ctx.options.minLength) {
      problems.push(`minimum length is ${minimumPasswordLength ?? 'not set'} (needs ≥ ${ctx.options.minLength})`);
    }
    if (passwordReusePrevention === undefined || passwordReusePrevention < ctx.options.minReusePrevention) {
      problems.push(`reuse prevention is ${passwordReusePrevention ?? 'not set'} (needs ≥ ${ctx.options.minReusePrevention})`);
    }
    const evidence = { minimumPasswordLength: minimumPasswordLength ?? null, passwordReusePrevention: passwordReusePrevention ?? null, ...context };
    if (problems.length > 0) {
      return [ctx.fail(account, `IAM password policy of ${account.id} is weak: ${problems.join('; ')}`, { ...(severity ? { severity } : {}), evidence })];
    }
    return [
      ctx.pass(account, `IAM password policy of ${account.id} requires ${minimumPasswordLength} characters and blocks reuse of the last ${passwordReusePrevention}`, {
        evidence,
      }),
    ];
  },
});
