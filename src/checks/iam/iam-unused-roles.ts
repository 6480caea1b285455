// iam-unused-roles: IAM roles unused for 90 days are reviewed or removed (controls.md 1.B). RoleLastUsed comes from
// GetAccountAuthorizationDetails (ListRoles does not return it); IAM tracks it over a trailing 400-day window.
import { daysSince, defineCheck, formatDays, requireData } from '../define.ts';

export interface IamUnusedRolesOptions {
  /** A role older than this and not used within it fails. */
  unusedDays: number;
}

export default defineCheck<IamUnusedRolesOptions>({
  meta: {
    id: 'iam-unused-roles',
    title: 'IAM roles unused for 90 days are reviewed/removed',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsIamRole',
    rationale:
      'A role nobody uses still carries its permissions and its trust policy: a forgotten cross-account or CI role is a door nobody watches. Removing unused roles shrinks what an attacker can assume.',
    remediation: {
      text: 'Confirm with the owner that the role is no longer needed (check CloudTrail for AssumeRole on it), then delete it: detach its policies, delete inline policies, remove it from instance profiles, delete the role.',
      cli: 'aws iam get-role --role-name <role> --query Role.RoleLastUsed\naws iam list-attached-role-policies --role-name <role>\naws iam list-instance-profiles-for-role --role-name <role>\n# after the review:\naws iam delete-role --role-name <role>',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html',
    ],
    compliance: { cisAws3: [], prowler: [], sources: ['002', '003'] },
    fixable: false,
    reads: ['iam.authorizationDetails'],
  },
  defaultOptions: { unusedDays: 90 },
  optionProblems: (o) => (o.unusedDays > 0 ? [] : [`unusedDays must be positive, got ${o.unusedDays}`]),
  evaluate(ctx) {
    const details = requireData(ctx, ctx.account.iam.authorizationDetails, ctx.accountResource(), 'IAM roles (authorization details)');
    if (!details.ok) return [details.result];
    // AWS creates and deletes these itself (service-linked roles, IAM Identity Center permission-set roles)
    const roles = details.value.roles.filter((r) => !r.path.startsWith('/aws-service-role/') && !r.roleName.startsWith('AWSReservedSSO_'));
    if (roles.length === 0) return [ctx.notApplicable(ctx.accountResource(), `account ${ctx.account.accountId} has no IAM roles of its own (service-linked and Identity Center roles are not judged)`)];
    const limit = ctx.options.unusedDays;
    return roles.map((role) => {
      const resource = { type: 'AwsIamRole', id: role.roleName, arn: role.arn };
      const age = daysSince(ctx.now, role.createDate);
      const idle = role.lastUsedDate === null ? undefined : daysSince(ctx.now, role.lastUsedDate);
      const evidence = { createDate: role.createDate, lastUsedDate: role.lastUsedDate, unusedDays: limit };
      if (age <= limit) return ctx.pass(resource, `IAM role ${role.roleName} was created ${formatDays(age)} days ago (within ${limit})`, { evidence });
      if (idle !== undefined && idle <= limit) return ctx.pass(resource, `IAM role ${role.roleName} was last used ${formatDays(idle)} days ago`, { evidence });
      const when = idle === undefined ? 'has no recorded use in the last 400 days' : `was last used ${formatDays(idle)} days ago`;
      return ctx.fail(resource, `IAM role ${role.roleName} ${when} (created ${formatDays(age)} days ago); review and delete it if it is not needed`, {
        evidence,
        remediationValues: { role: role.roleName },
      });
    });
  },
});
