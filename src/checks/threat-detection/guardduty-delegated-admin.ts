// guardduty-delegated-admin: in every scanned Region the organization delegates GuardDuty administration to an
// enabled administrator, the configured Security Audit account when one is named (controls.md 1.E).
// Judged in the management account's run (only it can list the administrators); other accounts report nothing when
// the management account is in the same scan, and an error naming it otherwise.
import type { CheckResult } from '../../findings/finding.ts';
import { accountIdProblems, defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';
import { elsewhere, orgSide } from './org-admin.ts';

export interface DelegatedAdminOptions {
  /** The Security Audit account that should administer GuardDuty; null accepts any enabled administrator. */
  securityAuditAccountId: string | null;
}

const OP = 'guardduty:ListOrganizationAdminAccounts';

export default defineCheck<DelegatedAdminOptions>({
  meta: {
    id: 'guardduty-delegated-admin',
    title: 'GuardDuty administration delegated to the Security Audit account in every Region',
    severity: 'medium',
    scope: 'org',
    resourceType: 'AwsRegion',
    rationale:
      'A delegated administrator sees and manages the findings of every member account in one place and keeps the security team out of the management account; GuardDuty designates it per Region, so a Region without one is managed account by account or not at all.',
    remediation: {
      text: 'From the management account, designate the Security Audit account as GuardDuty delegated administrator in every Region, then auto-enable GuardDuty for all members from that account (see guardduty-org-auto-enable).',
      cli: 'aws guardduty enable-organization-admin-account --admin-account-id <security-audit-account-id> --region <region>',
      terraform: 'resource "aws_guardduty_organization_admin_account" "this" {\n  admin_account_id = "<security-audit-account-id>"\n}',
    },
    references: ['https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html'],
    compliance: { prowler: ['guardduty_delegated_admin_enabled_all_regions'], sources: ['002'] },
    fixable: true,
    reads: ['organizations.organization', 'regional.*.guardduty.organizationAdminAccounts'],
  },
  defaultOptions: { securityAuditAccountId: null },
  optionProblems: (o) => accountIdProblems(o.securityAuditAccountId),
  evaluate(ctx) {
    const side = orgSide(ctx);
    if (side.kind === 'done') return side.results;
    const { organization, management } = side;
    const self = ctx.account.accountId;
    if (organization.managementAccountId !== self) {
      if (management !== undefined) return [];
      return [
        ctx.error(
          ctx.accountResource(),
          elsewhere(OP, `GuardDuty delegated administrators are listed only in the management account ${organization.managementAccountId}; run with --org`),
          'could not read the GuardDuty delegated administrators',
        ),
      ];
    }
    const wanted = ctx.options.securityAuditAccountId;
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const admins = readInRegion(ctx, data.guardduty.organizationAdminAccounts, 'GuardDuty delegated administrators', region);
      if (!admins.ok) {
        results.push(admins.result);
        continue;
      }
      const resource = regionResource(region);
      const evidence = { adminAccounts: admins.value, securityAuditAccountId: wanted };
      const enabled = admins.value.filter((a) => a.adminStatus === 'ENABLED');
      const fix = { remediationValues: { 'security-audit-account-id': wanted ?? '<security-audit-account-id>' } };
      if (enabled.length === 0) {
        const listed = admins.value.length === 0 ? '' : ` (${admins.value.map((a) => `${a.adminAccountId} is ${a.adminStatus}`).join(', ')})`;
        results.push(ctx.fail(resource, `GuardDuty has no enabled delegated administrator in ${region}${listed}`, { region, evidence, ...fix }));
        continue;
      }
      const ids = enabled.map((a) => a.adminAccountId);
      if (wanted !== null && !ids.includes(wanted)) {
        results.push(
          ctx.fail(resource, `GuardDuty in ${region} is administered by ${ids.join(', ')}, not by the Security Audit account ${wanted}`, { region, evidence, ...fix }),
        );
        continue;
      }
      results.push(ctx.pass(resource, `GuardDuty in ${region} is administered by delegated administrator ${ids.join(', ')}`, { region, evidence }));
    }
    return results;
  },
});
