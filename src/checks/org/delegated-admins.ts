// delegated-admins: the security services and IAM Identity Center are delegated to the designated accounts, not run
// from the management account, and no other account is a delegated administrator (controls.md 1.C).
import type { CheckResult } from '../../findings/finding.ts';
import { accountIdProblems, defineCheck, requireData } from '../define.ts';
import { organizationAccess } from './scp-scope.ts';

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
    reads: ['organizations.organization', 'organizations.structure', 'organizations.delegatedAdministrators'],
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
      if (holders.length === 0) {
        results.push(ctx.fail(resource, `${name} has no delegated administrator, so it is run from the management account ${mgmt} (or not at all)`, { evidence, remediationValues: values }));
      } else if (holders.includes(mgmt)) {
        results.push(ctx.fail(resource, `${name} is delegated to the management account ${mgmt}`, { evidence, remediationValues: values }));
      } else if (e.expected !== null && !holders.includes(e.expected)) {
        results.push(ctx.fail(resource, `${name} is delegated to ${holders.join(', ')}, not to the configured ${e.role} account ${e.expected}`, { evidence, remediationValues: values }));
      } else {
        const note = e.expected === null ? ` (no ${e.role} account is configured, so which account holds it is not judged)` : '';
        results.push(ctx.pass(resource, `${name} is delegated to ${holders.join(', ')}${note}`, { evidence }));
      }
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
