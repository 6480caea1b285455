// iam-admin-sprawl: AdministratorAccess is held by few principals and never attached directly to a user (controls.md 1.B).
// The holders come from GetAccountAuthorizationDetails, which carries what ListEntitiesForPolicy and GetGroup would say.
import { defineCheck, requireData, shellArg } from '../define.ts';
import { groupMembers, isAdministratorAccess } from '../helpers/iam-admin.ts';
import type { IamRole } from '../../services/iam/schema.ts';

export interface IamAdminSprawlOptions {
  /** More distinct holders than this warns. */
  maxPrincipals: number;
  /** Break-glass role names not counted. */
  breakGlassRoles: string[];
}

/** Roles AWS or the organization creates and manages, which are not the account owner's choice. */
function excludedRole(role: IamRole, breakGlass: ReadonlySet<string>): string | undefined {
  if (role.path.startsWith('/aws-service-role/')) return 'service-linked role';
  if (role.roleName.startsWith('AWSReservedSSO_')) return 'IAM Identity Center role';
  if (role.roleName === 'OrganizationAccountAccessRole') return 'organization access role';
  if (breakGlass.has(role.roleName)) return 'configured break-glass role';
  return undefined;
}

export default defineCheck<IamAdminSprawlOptions>({
  meta: {
    id: 'iam-admin-sprawl',
    title: 'AdministratorAccess is held by few principals and never attached directly to users',
    severity: 'high',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'Every holder of AdministratorAccess is a full takeover path if its credentials leak. A policy attached straight to a user escapes group-based review, and many admins make it impossible to tell intended from forgotten access.',
    remediation: {
      text: 'Detach AdministratorAccess from users and grant it through a group or, better, an IAM Identity Center permission set or a role assumed with MFA. Reduce the holders to the few people and roles that need it; configure break-glass roles in the check options so they are not counted.',
      cli: 'aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess\naws iam detach-user-policy --user-name <user> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html',
    ],
    compliance: {
      cisAws3: ['1.16'],
      prowler: ['iam_user_administrator_access_policy', 'iam_group_administrator_access_policy', 'iam_role_administratoraccess_policy'],
      sources: ['000', '004'],
    },
    fixable: false,
    reads: ['iam.authorizationDetails'],
  },
  defaultOptions: { maxPrincipals: 2, breakGlassRoles: [] },
  optionProblems: (o) => (Number.isInteger(o.maxPrincipals) && o.maxPrincipals >= 0 ? [] : [`maxPrincipals must be a non-negative integer, got ${o.maxPrincipals}`]),
  evaluate(ctx) {
    const self = ctx.accountResource();
    const details = requireData(ctx, ctx.account.iam.authorizationDetails, self, 'IAM users, groups and roles (authorization details)');
    if (!details.ok) return [details.result];
    const d = details.value;
    const holds = (attached: Array<{ policyArn: string }>) => attached.some((p) => isAdministratorAccess(p.policyArn));

    const directUsers = d.users.filter((u) => holds(u.attachedManagedPolicies)).map((u) => u.userName);
    const adminGroups = d.groups.filter((g) => holds(g.attachedManagedPolicies)).map((g) => g.groupName);
    const viaGroups = adminGroups.flatMap((g) => groupMembers(d, g).map((u) => u.userName));
    const users = [...new Set([...directUsers, ...viaGroups])].sort();
    const breakGlass = new Set(ctx.options.breakGlassRoles);
    const adminRoles = d.roles.filter((r) => holds(r.attachedManagedPolicies));
    const counted = adminRoles.filter((r) => excludedRole(r, breakGlass) === undefined).map((r) => r.roleName).sort();
    const notCounted = adminRoles.flatMap((r) => {
      const why = excludedRole(r, breakGlass);
      return why === undefined ? [] : [`${r.roleName} (${why})`];
    });
    const principals = users.length + counted.length;
    const evidence = { usersAttachedDirectly: directUsers, groups: adminGroups, users, roles: counted, notCounted, principals, maxPrincipals: ctx.options.maxPrincipals };
    const holders = [...users.map((u) => `user ${u}`), ...counted.map((r) => `role ${r}`)].join(', ');

    if (directUsers.length > 0) {
      const cli = directUsers.map((u) => `aws iam detach-user-policy --user-name ${shellArg(u)} --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`).join('\n');
      return [
        ctx.fail(self, `AdministratorAccess is attached directly to IAM user(s) ${directUsers.join(', ')} in ${self.id}; grant it through a group or a role instead`, {
          evidence,
          remediation: { cli: `# grant it through a group or role first, then:\n${cli}` },
        }),
      ];
    }
    if (principals > ctx.options.maxPrincipals) {
      return [ctx.warn(self, `${principals} principals hold AdministratorAccess in ${self.id} (more than ${ctx.options.maxPrincipals}): ${holders}`, { evidence })];
    }
    const summary = principals === 0 ? 'no IAM user or role holds AdministratorAccess' : `AdministratorAccess is held by ${principals} principal(s) (${holders}), none attached directly to a user`;
    return [ctx.pass(self, `${summary} in ${self.id}${notCounted.length > 0 ? `; not counted: ${notCounted.join(', ')}` : ''}`, { evidence })];
  },
});
