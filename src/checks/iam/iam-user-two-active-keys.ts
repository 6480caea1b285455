// iam-user-two-active-keys: no IAM user has two active access keys at once (controls.md 1.B).
import { defineCheck } from '../define.ts';
import { credentialReportRows, iamUserRows, userResource } from '../helpers/identity.ts';

export default defineCheck({
  meta: {
    id: 'iam-user-two-active-keys',
    title: 'No IAM user has two active access keys',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsIamUser',
    rationale: 'Two active keys are normal only for the minutes of a rotation; left in place, the forgotten one is an unwatched credential.',
    remediation: {
      text: 'Find which key is still in use (last-used date), then deactivate and delete the other one.',
      cli: 'aws iam list-access-keys --user-name <user>\naws iam get-access-key-last-used --access-key-id <access-key-id>\naws iam update-access-key --user-name <user> --access-key-id <unused-key-id> --status Inactive',
    },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html'],
    compliance: { cisAws3: ['1.13'], prowler: ['iam_user_two_active_access_key'], sources: ['003'] },
    fixable: false,
    reads: ['iam.credentialReport'],
  },
  evaluate(ctx) {
    const rows = credentialReportRows(ctx);
    if (!rows.ok) return [rows.result];
    const users = iamUserRows(rows.value);
    if (users.length === 0) return [ctx.notApplicable(ctx.accountResource(), `account ${ctx.account.accountId} has no IAM users`)];
    return users.map((r) => {
      const evidence = { accessKey1Active: r.accessKey1Active, accessKey2Active: r.accessKey2Active };
      return r.accessKey1Active && r.accessKey2Active
        ? ctx.fail(userResource(r), `IAM user ${r.user} has two active access keys`, { evidence, remediationValues: { user: r.user } })
        : ctx.pass(userResource(r), `IAM user ${r.user} has at most one active access key`, { evidence });
    });
  },
});
