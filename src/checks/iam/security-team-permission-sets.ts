// security-team-permission-sets: the security team has read-only (ReadOnlyAccess or SecurityAudit) and break-glass
// (AdministratorAccess) permission sets assigned in every ACTIVE account of the organization (controls.md 1.B).
// Judged in the run of the account that reads the organization (the management account), on its Identity Center.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import { fullAdminStatements, parsePolicy, PolicyParseError } from '../../policy/index.ts';
import type { PermissionSet } from '../../services/sso-admin/schema.ts';
import { defineCheck } from '../define.ts';
import { federationIn } from '../helpers/federation.ts';
import { organizationAccess } from '../org/scp-scope.ts';

export interface SecurityTeamPermissionSetsOptions {
  /** Identity Store group ids of the security team; empty: any group assignment counts (and the finding says so). */
  securityGroupIds: string[];
}

const READ_ONLY = /^arn:[^:]+:iam::aws:policy\/(ReadOnlyAccess|SecurityAudit)$/;
const ADMIN = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/;

type Kind = 'read-only' | 'break-glass';

function kinds(ps: PermissionSet): Set<Kind> {
  const out = new Set<Kind>();
  const managed = ps.managedPolicyArns.ok ? ps.managedPolicyArns.value : [];
  if (managed.some((a) => READ_ONLY.test(a))) out.add('read-only');
  if (managed.some((a) => ADMIN.test(a))) out.add('break-glass');
  if (ps.inlinePolicy.ok && ps.inlinePolicy.value !== null) {
    try {
      if (fullAdminStatements(parsePolicy(ps.inlinePolicy.value)).length > 0) out.add('break-glass');
    } catch (e) {
      if (!(e instanceof PolicyParseError)) throw e;
    }
  }
  return out;
}

export default defineCheck<SecurityTeamPermissionSetsOptions>({
  meta: {
    id: 'security-team-permission-sets',
    title: 'Security team has read-only and break-glass access to every account',
    severity: 'low',
    scope: 'org',
    resourceType: 'AwsAccount',
    rationale:
      'During an incident the security team must be able to look into any account at once (read-only) and, when needed, act in it (break-glass admin). Access requested account by account in the middle of an incident costs hours.',
    remediation: {
      text: 'In IAM Identity Center create a read-only permission set (SecurityAudit or ReadOnlyAccess) and a break-glass one (AdministratorAccess, short session), and assign both to the security team group in every account (new accounts included, e.g. by automation on CreateAccount). Set the group ids in the check options (securityGroupIds).',
      cli: 'aws sso-admin create-account-assignment --instance-arn <instance-arn> --target-id <account-id> --target-type AWS_ACCOUNT --permission-set-arn <permission-set-arn> --principal-type GROUP --principal-id <group-id>',
    },
    references: [
      'https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html',
      'https://docs.aws.amazon.com/whitepapers/latest/aws-security-incident-response-guide/access-to-aws-accounts.html',
    ],
    compliance: { cisAws3: [], prowler: ['iam_securityaudit_role_created'], sources: ['002'] },
    fixable: true,
    reads: ['regional.*.ssoAdmin.instances', 'organizations.organization', 'organizations.structure'],
  },
  defaultOptions: { securityGroupIds: [] },
  evaluate(ctx) {
    const access = organizationAccess(ctx);
    if (access.kind === 'done') return access.results;
    const { organization, structure } = access;
    const self = ctx.accountResource();
    const fed = federationIn(ctx.account, organization.managementAccountId, (region, op) => ctx.closedRegion(region, op));
    if (!fed.ok) return [ctx.error(self, fed.error, 'could not read the IAM Identity Center permission sets')];
    const instance = fed.value.instances.find((i) => i.permissionSets !== null);
    const unreadable = fed.value.instances.find((i) => !i.instance.permissionSets.ok)?.instance.permissionSets;
    if (instance === undefined && unreadable !== undefined && !unreadable.ok) {
      return [ctx.error(self, unreadable.error, 'could not list the permission sets of the IAM Identity Center instance')];
    }
    if (instance === undefined || !instance.instance.permissionSets.ok) {
      return [ctx.fail(self, `organization ${organization.id} has no active IAM Identity Center instance with permission sets (identity-center-enabled), so the security team has no federated access`)];
    }
    const groups = new Set(ctx.options.securityGroupIds);
    const anyGroup = groups.size === 0;
    const sets = instance.instance.permissionSets.value;
    // a permission set whose policies could not be read might be the one that grants access: no fail on its account
    const policiesUnread = sets.flatMap((ps) => (!ps.managedPolicyArns.ok ? [ps.managedPolicyArns.error] : !ps.inlinePolicy.ok ? [ps.inlinePolicy.error] : []))[0];
    const judged = sets.map((ps) => ({ ps, kinds: kinds(ps) })).filter((j) => j.kinds.size > 0);
    const results: CheckResult[] = [];
    for (const account of structure.accounts) {
      const resource: ResourceRef = { type: 'AwsAccount', id: account.id, arn: account.arn };
      if (account.status !== 'ACTIVE') {
        results.push(ctx.notApplicable(resource, `account ${account.id} (${account.name}) is ${account.status}`));
        continue;
      }
      const covered = new Map<Kind, string>();
      let unknown: CollectError | undefined = policiesUnread;
      for (const { ps, kinds: k } of judged) {
        if (!ps.assignments.ok) {
          unknown ??= ps.assignments.error;
          continue;
        }
        const hit = (ps.assignments.value ?? []).find((a) => a.accountId === account.id && a.principalType === 'GROUP' && (anyGroup || groups.has(a.principalId)));
        if (hit !== undefined) for (const kind of k) if (!covered.has(kind)) covered.set(kind, `${ps.name} → group ${hit.principalId}`);
      }
      const missing = (['read-only', 'break-glass'] as const).filter((k) => !covered.has(k));
      const evidence = { covered: Object.fromEntries(covered), missing, securityGroupIds: [...groups], instanceArn: instance.instance.instanceArn };
      const who = anyGroup ? 'a group (set securityGroupIds to name the security team)' : 'the security team group';
      if (missing.length === 0) {
        results.push(ctx.pass(resource, `account ${account.id} (${account.name}) has read-only and break-glass permission sets assigned to ${who}: ${[...covered.values()].join('; ')}`, { evidence }));
      } else if (unknown !== undefined) {
        results.push(ctx.error(resource, unknown, `could not read the assignments of every judged permission set for account ${account.id}`));
      } else {
        results.push(ctx.fail(resource, `account ${account.id} (${account.name}) lacks a ${missing.join(' and a ')} permission set assigned to ${who}`, { evidence, remediationValues: { 'account-id': account.id } }));
      }
    }
    return results;
  },
});
