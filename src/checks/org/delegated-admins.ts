// delegated-admins: the security services and IAM Identity Center are delegated to the designated accounts, not run
// from the management account, and no other account is a delegated administrator (controls.md 1.C). GuardDuty and
// Security Hub also keep their own organization administrator per Region (read in the management account's
// snapshot): it must exist, not be the management account, and agree with Organizations and the configuration.
import type { CheckResult } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import { accountIdProblems, defineCheck, requireData } from '../define.ts';
import { organizationAccess } from './scp-scope.ts';

type Regional = AccountSnapshot['regional'][string];
type AdminList = { ok: true; value: Array<{ accountId: string; status: string }> } | { ok: false; error: CollectError };

/**
 * The services that keep their own list of organization administrators (ListOrganizationAdminAccounts, per Region,
 * answered only in the management account), next to the one Organizations keeps.
 */
const SERVICE_ADMIN_LISTS: Record<string, { service: string; operation: string; admins: (r: Regional) => AdminList }> = {
  'guardduty.amazonaws.com': { service: 'GuardDuty', operation: 'guardduty:ListOrganizationAdminAccounts', admins: gdAdmins },
  'securityhub.amazonaws.com': { service: 'Security Hub', operation: 'securityhub:ListOrganizationAdminAccounts', admins: shAdmins },
};

function gdAdmins(r: Regional): AdminList {
  const a = r.guardduty.organizationAdminAccounts;
  return a.ok ? { ok: true, value: a.value.map((x) => ({ accountId: x.adminAccountId, status: x.adminStatus })) } : a;
}

function shAdmins(r: Regional): AdminList {
  const a = r.securityhub.organizationAdminAccounts;
  return a.ok ? { ok: true, value: a.value.map((x) => ({ accountId: x.accountId, status: x.status })) } : a;
}

type ServiceVerdict = { kind: 'ok'; detail: string; evidence: Record<string, unknown> } | { kind: 'fail'; problems: string[]; evidence: Record<string, unknown> } | { kind: 'error'; error: CollectError; message: string };

/**
 * The service's own organization administrator in every Region the management account was scanned in: enabled,
 * not the management account, and the same account Organizations names (and the configured one, when set).
 */
function serviceAdmins(
  list: (typeof SERVICE_ADMIN_LISTS)[string],
  management: AccountSnapshot | undefined,
  mgmtId: string,
  holders: string[],
  expected: string | null,
): ServiceVerdict {
  if (management === undefined) {
    return {
      kind: 'error',
      error: { code: 'NotCollected', operation: list.operation, message: `${list.service} organization administrators are listed only in the management account ${mgmtId}, which this scan does not hold; scan with --org from the management account` },
      message: `cannot tell which account administers ${list.service} for the organization`,
    };
  }
  const problems: string[] = [];
  const byRegion: Record<string, string[]> = {};
  for (const [region, data] of Object.entries(management.regional).sort(([a], [b]) => a.localeCompare(b))) {
    const admins = list.admins(data);
    if (!admins.ok) return { kind: 'error', error: admins.error, message: `could not read the ${list.service} organization administrators in ${region}` };
    const enabled = admins.value.filter((a) => a.status === 'ENABLED').map((a) => a.accountId);
    byRegion[region] = enabled;
    if (enabled.length === 0) problems.push(`${list.service} has no organization administrator in ${region}`);
    else if (enabled.includes(mgmtId)) problems.push(`${list.service}'s organization administrator in ${region} is the management account ${mgmtId}`);
    else if (expected !== null && !enabled.includes(expected)) problems.push(`${list.service} in ${region} is administered by ${enabled.join(', ')}, not by the configured account ${expected}`);
    else if (!enabled.some((a) => holders.includes(a))) problems.push(`${list.service} in ${region} is administered by ${enabled.join(', ')}, not by the Organizations delegated administrator ${holders.join(', ') || '(none)'}`);
  }
  const evidence = { serviceAdministrators: byRegion };
  if (problems.length > 0) return { kind: 'fail', problems, evidence };
  return { kind: 'ok', detail: `${list.service} names the same administrator in ${Object.keys(byRegion).length} scanned Region(s)`, evidence };
}

export interface DelegatedAdminOptions {
  /** The Security Audit account that should administer the security services; null: not configured. */
  securityAuditAccountId: string | null;
  /** The account that should administer IAM Identity Center; null: not configured. */
  iamAccountId: string | null;
  /** Further accounts allowed to be delegated administrators (of anything). */
  trustedAdminAccountIds: string[];
  /** Services delegated to the Security Audit account; `a|b` accepts either principal. */
  securityServices: string[];
  /** Services delegated to the IAM account. */
  identityServices: string[];
}

export const defaultDelegatedAdminOptions: DelegatedAdminOptions = {
  securityAuditAccountId: null,
  iamAccountId: null,
  trustedAdminAccountIds: [],
  securityServices: [
    'guardduty.amazonaws.com',
    'securityhub.amazonaws.com',
    'cloudtrail.amazonaws.com',
    'access-analyzer.amazonaws.com',
    'config.amazonaws.com|config-multiaccountsetup.amazonaws.com',
  ],
  identityServices: ['sso.amazonaws.com'],
};

export default defineCheck<DelegatedAdminOptions>({
  meta: {
    id: 'delegated-admins',
    title: 'Security services and Identity Center are delegated to the designated accounts, not run from the management account',
    severity: 'medium',
    scope: 'org',
    resourceType: 'AwsOrganizationsDelegatedAdministrator',
    rationale:
      'Running security services and Identity Center from the management account means everyday security work needs the one account SCPs cannot restrict; delegating them to dedicated accounts keeps the management account for billing and structure only.',
    remediation: {
      text: 'From the management account register the Security Audit account as delegated administrator of GuardDuty, Security Hub, CloudTrail, IAM Access Analyzer and AWS Config, and the IAM account for IAM Identity Center; deregister any other delegated administrator.',
      cli: 'aws organizations register-delegated-administrator --account-id <security-audit-account-id> --service-principal access-analyzer.amazonaws.com\naws guardduty enable-organization-admin-account --admin-account-id <security-audit-account-id>\naws securityhub enable-organization-admin-account --admin-account-id <security-audit-account-id>\naws cloudtrail register-organization-delegated-admin --member-account-id <security-audit-account-id>',
    },
    references: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services_list.html'],
    compliance: {
      cisAws3: [],
      prowler: ['organizations_delegated_administrators', 'guardduty_delegated_admin_enabled_all_regions', 'securityhub_delegated_admin_enabled_all_regions', 'config_delegated_admin_and_org_aggregator_all_regions'],
      sources: ['002'],
    },
    fixable: true,
    reads: [
      'organizations.organization',
      'organizations.structure',
      'organizations.delegatedAdministrators',
      'regional.*.guardduty.organizationAdminAccounts',
      'regional.*.securityhub.organizationAdminAccounts',
    ],
  },
  defaultOptions: defaultDelegatedAdminOptions,
  optionProblems: (o) => [...accountIdProblems(o.securityAuditAccountId), ...accountIdProblems(o.iamAccountId), ...o.trustedAdminAccountIds.flatMap((id) => accountIdProblems(id))],
  evaluate(ctx): CheckResult[] {
    const access = organizationAccess(ctx);
    if (access.kind === 'done') return access.results;
    const { organization } = access;
    const o = ctx.options;
    const orgResource = { type: 'AwsOrganization', id: organization.id, arn: organization.arn };
    const admins = requireData(ctx, ctx.account.organizations.delegatedAdministrators, orgResource, 'the delegated administrators (ListDelegatedAdministrators)');
    if (!admins.ok) return [admins.result];
    const list = admins.value ?? [];
    const mgmt = organization.managementAccountId;
    const management = ctx.snapshot.accounts.find((a) => a.accountId === mgmt);
    const results: CheckResult[] = [];
    const expectations = [
      ...o.securityServices.map((s) => ({ principals: s.split('|'), expected: o.securityAuditAccountId, role: 'Security Audit' })),
      ...o.identityServices.map((s) => ({ principals: s.split('|'), expected: o.iamAccountId, role: 'IAM' })),
    ];
    for (const e of expectations) {
      const name = e.principals[0] ?? '';
      const resource = { type: 'AwsOrganizationsDelegatedAdministrator', id: name };
      const holders = list.filter((a) => a.servicePrincipals.some((p) => e.principals.includes(p))).map((a) => a.accountId);
      const evidence = { servicePrincipals: e.principals, delegatedTo: holders, expected: e.expected };
      const values: Record<string, string> = o.securityAuditAccountId === null ? {} : { 'security-audit-account-id': o.securityAuditAccountId };
      let problem: string | undefined;
      if (holders.length === 0) problem = `${name} has no delegated administrator, so it is run from the management account ${mgmt} (or not at all)`;
      else if (holders.includes(mgmt)) problem = `${name} is delegated to the management account ${mgmt}`;
      else if (e.expected !== null && !holders.includes(e.expected)) problem = `${name} is delegated to ${holders.join(', ')}, not to the configured ${e.role} account ${e.expected}`;
      if (problem !== undefined) {
        results.push(ctx.fail(resource, problem, { evidence, remediationValues: values }));
        continue;
      }
      // GuardDuty and Security Hub keep their own administrator per Region: it must agree with Organizations
      const own = e.principals.map((p) => SERVICE_ADMIN_LISTS[p]).find((l) => l !== undefined);
      const service = own === undefined ? undefined : serviceAdmins(own, management, mgmt, holders, e.expected);
      if (service?.kind === 'error') {
        results.push(ctx.error(resource, service.error, `${name} is delegated to ${holders.join(', ')} in Organizations, but ${service.message}`, { evidence }));
        continue;
      }
      if (service?.kind === 'fail') {
        results.push(ctx.fail(resource, `${name} is delegated to ${holders.join(', ')} in Organizations, but ${service.problems.join('; ')}`, { evidence: { ...evidence, ...service.evidence }, remediationValues: values }));
        continue;
      }
      const note = e.expected === null ? ` (no ${e.role} account is configured, so which account holds it is not judged)` : '';
      const agrees = service === undefined ? '' : `; ${service.detail}`;
      results.push(ctx.pass(resource, `${name} is delegated to ${holders.join(', ')}${note}${agrees}`, { evidence: service === undefined ? evidence : { ...evidence, ...service.evidence } }));
    }
    const trusted = new Set([o.securityAuditAccountId, o.iamAccountId, ...o.trustedAdminAccountIds].filter((x): x is string => x !== null));
    if (trusted.size > 0) {
      for (const a of list) {
        if (trusted.has(a.accountId)) continue;
        results.push(
          ctx.fail({ type: 'AwsAccount', id: a.accountId }, `account ${a.accountId} is a delegated administrator of ${a.servicePrincipals.join(', ')} but is not in the trusted list`, {
            evidence: { servicePrincipals: a.servicePrincipals, trusted: [...trusted] },
            remediation: { cli: `aws organizations deregister-delegated-administrator --account-id ${a.accountId} --service-principal ${a.servicePrincipals[0] ?? '<service-principal>'}` },
          }),
        );
      }
    }
    return results;
  },
});
