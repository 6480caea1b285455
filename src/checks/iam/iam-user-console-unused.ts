// iam-user-console-unused: console passwords unused for more than 45 days are disabled (controls.md 1.B).
import { daysSince, defineCheck, formatDays, thresholdsInOrder } from '../define.ts';
import { reportRowIncomplete, credentialReportRows, iamUserRows, staleSeverity, userResource, type StalenessOptions } from '../helpers/identity.ts';

export default defineCheck<StalenessOptions>({
  meta: {
    id: 'iam-user-console-unused',
    title: 'Console passwords unused ≥ 45 days are disabled',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsIamUser',
    rationale: 'A password nobody uses is a credential nobody watches: it can be guessed or leaked and used long before anyone notices.',
    remediation: {
      text: 'Remove the console password of users who no longer sign in (they can be given one again later). Better still, move people to IAM Identity Center.',
      cli: 'aws iam delete-login-profile --user-name <user>',
    },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html'],
    compliance: { cisAws3: ['1.12'], prowler: ['iam_user_console_access_unused'], sources: ['002', '003'] },
    fixable: true,
    reads: ['iam.credentialReport'],
  },
  defaultOptions: { unusedDays: 45, highDays: 90 },
  optionProblems: thresholdsInOrder('unusedDays', 'highDays'),
  evaluate(ctx) {
    const rows = credentialReportRows(ctx);
    if (!rows.ok) return [rows.result];
    const consoleUsers = iamUserRows(rows.value).filter((r) => r.passwordEnabled === true);
    if (consoleUsers.length === 0) {
      return [ctx.notApplicable(ctx.accountResource(), `no IAM user in ${ctx.account.accountId} has a console password`)];
    }
    return consoleUsers.map((r) => {
      const resource = userResource(r);
      // A password never used counts from the user's creation, not from "now".
      const ref = r.passwordLastUsed ?? r.userCreationTime;
      if (ref === null) {
        return reportRowIncomplete(ctx, resource, `credential report row of ${r.user} has neither password_last_used nor user_creation_time`);
      }
      const days = daysSince(ctx.now, ref);
      const age = formatDays(days);
      const basis = r.passwordLastUsed === null ? 'created' : 'last used';
      const evidence = { passwordLastUsed: r.passwordLastUsed, userCreationTime: r.userCreationTime, daysUnused: Number(age) };
      const severity = staleSeverity(days, ctx.options);
      if (severity !== undefined) {
        const never = r.passwordLastUsed === null ? ' and never used' : '';
        return ctx.fail(resource, `IAM user ${r.user} has a console password ${basis} ${age} days ago${never} (limit ${ctx.options.unusedDays})`, {
          severity,
          evidence,
          remediationValues: { user: r.user },
        });
      }
      return ctx.pass(resource, `IAM user ${r.user} console password ${basis} ${age} days ago`, { evidence });
    });
  },
});
