// iam-user-static-keys: no long-lived IAM user access keys (controls.md 1.B). Every active key warns; a key of a user
// who also has a console password (a person, CIS 1.11) or AdministratorAccess (see iam-admin-sprawl) fails as high.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { accessKeyResource, accessKeySlots, credentialReportRows, iamUserRows } from '../helpers/identity.ts';
import { userAdministratorAccess } from '../helpers/iam-admin.ts';

export default defineCheck({
  meta: {
    id: 'iam-user-static-keys',
    title: 'No long-lived IAM user access keys (prefer roles / temporary credentials)',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsIamAccessKey',
    rationale:
      'An access key never expires: once copied into a laptop, a repository or a CI variable it works for anyone until someone deletes it. Roles, IAM Identity Center and workload federation hand out temporary credentials instead. A key of a person with a console password, or of an administrator, is the worst case.',
    remediation: {
      text: 'Replace the key with temporary credentials: IAM Identity Center (aws sso login) for people, an instance/task/function role for workloads on AWS, OIDC federation for CI, IAM Roles Anywhere elsewhere. Then deactivate and delete the key.',
      cli: 'aws iam list-access-keys --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <access-key-id> --status Inactive\naws iam delete-access-key --user-name <user> --access-key-id <access-key-id>',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    ],
    compliance: { cisAws3: ['1.11'], prowler: ['iam_user_no_setup_initial_access_key'], sources: ['000', '002', '003'] },
    fixable: false,
    reads: ['iam.credentialReport', 'iam.authorizationDetails'],
  },
  evaluate(ctx) {
    const rows = credentialReportRows(ctx);
    if (!rows.ok) return [rows.result];
    const keys = iamUserRows(rows.value).flatMap((row) => accessKeySlots(row).filter((k) => k.active).map((k) => ({ row, key: k })));
    if (keys.length === 0) return [ctx.pass(ctx.accountResource(), `no IAM user in ${ctx.account.accountId} has an active access key`)];
    const details = ctx.account.iam.authorizationDetails;
    return keys.map(({ row, key }): CheckResult => {
      const resource = accessKeyResource(key);
      const label = `access key ${key.slot} of IAM user ${key.user}`;
      const evidence = { user: key.user, slot: key.slot, lastUsed: key.lastUsed, lastRotated: key.lastRotated, consolePassword: row.passwordEnabled === true };
      const extra = { evidence, remediationValues: { user: key.user } };
      if (row.passwordEnabled === true) {
        const setup = key.lastUsed === null ? ', never used (created with the user, the CIS 1.11 pattern)' : '';
        return ctx.fail(resource, `${label} is a long-lived key of a user who also signs in to the console${setup}`, { ...extra, severity: 'high' });
      }
      if (!details.ok) return ctx.error(resource, details.error, `could not tell whether ${key.user} is an administrator (authorization details)`);
      const user = details.value.users.find((u) => u.userName === key.user);
      if (user === undefined) {
        return ctx.error(resource, {
          code: 'ParseError',
          operation: 'iam:GetAccountAuthorizationDetails',
          message: `IAM user ${key.user} is in the credential report but not in the authorization details (changed between the two reads?); scan again`,
        });
      }
      const admin = userAdministratorAccess(details.value, user);
      if (admin.length > 0) {
        return ctx.fail(resource, `${label} is a long-lived key with AdministratorAccess (${admin.join(', ')})`, {
          ...extra,
          severity: 'high',
          evidence: { ...evidence, administratorAccess: admin },
        });
      }
      return ctx.warn(resource, `${label} is a long-lived credential; replace it with a role or temporary credentials`, extra);
    });
  },
});
