// Who holds administrator rights, from GetAccountAuthorizationDetails: shared by iam-admin-sprawl, iam-user-static-keys
// and ec2-instance-role-admin so that "admin" means the same thing everywhere (AdministratorAccess, or for roles any
// attached or inline policy that allows "*" on "*", as src/policy decides).
import type { IamGroup, IamManagedPolicy, IamRole, IamUser } from '../../services/iam/schema.ts';
import { fullAdminStatements, parsePolicy, PolicyParseError } from '../../policy/index.ts';

const ADMINISTRATOR_ACCESS = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/;

export function isAdministratorAccess(policyArn: string): boolean {
  return ADMINISTRATOR_ACCESS.test(policyArn);
}

export interface AuthDetails {
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  policies: IamManagedPolicy[];
}

/** How a user holds AdministratorAccess: `attached directly` and/or `via group <name>`; empty when it does not. */
export function userAdministratorAccess(details: AuthDetails, user: IamUser): string[] {
  const via: string[] = [];
  if (user.attachedManagedPolicies.some((p) => isAdministratorAccess(p.policyArn))) via.push('attached directly');
  for (const name of user.groups) {
    const group = details.groups.find((g) => g.groupName === name);
    if (group?.attachedManagedPolicies.some((p) => isAdministratorAccess(p.policyArn))) via.push(`via group ${name}`);
  }
  return via;
}

/** Users who belong to a group (GetAccountAuthorizationDetails lists each user's groups; this is GetGroup's answer). */
export function groupMembers(details: AuthDetails, groupName: string): IamUser[] {
  return details.users.filter((u) => u.groups.includes(groupName));
}

export type RoleAdmin =
  | { admin: true; via: string[] }
  | { admin: false }
  /** A policy of the role could not be read or parsed, and the others do not make it admin. */
  | { admin: 'unknown'; problems: string[] };

/** Whether a role is an administrator: AdministratorAccess, or an attached/inline policy allowing "*" on "*" with no condition. */
export function roleAdministrator(details: AuthDetails, role: IamRole): RoleAdmin {
  const via: string[] = [];
  const problems: string[] = [];
  const judge = (label: string, document: unknown) => {
    try {
      if (fullAdminStatements(parsePolicy(document)).length > 0) via.push(label);
    } catch (e) {
      if (!(e instanceof PolicyParseError)) throw e;
      problems.push(`${label} could not be parsed: ${e.message}`);
    }
  };
  for (const p of role.attachedManagedPolicies) {
    if (isAdministratorAccess(p.policyArn)) {
      via.push('AdministratorAccess');
      continue;
    }
    const policy = details.policies.find((m) => m.arn === p.policyArn);
    if (policy === undefined) problems.push(`attached policy ${p.policyArn} is not in the authorization details`);
    else judge(`managed policy ${p.policyName}`, policy.document);
  }
  for (const p of role.inlinePolicies) judge(`inline policy ${p.policyName}`, p.document);
  if (via.length > 0) return { admin: true, via };
  return problems.length > 0 ? { admin: 'unknown', problems } : { admin: false };
}
