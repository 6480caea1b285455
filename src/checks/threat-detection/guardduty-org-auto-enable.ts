// guardduty-org-auto-enable: in every Region the GuardDuty delegated administrator auto-enables ALL organization
// accounts, and every ACTIVE account is an Enabled member (controls.md 1.E). WARN when only NEW accounts are.
// The administrator is listed in the management account and the configuration is read in the administrator, so the
// verdict is given in the administrator's run of an organization scan (org-admin.ts); a run holding only one side
// says `error` naming the account to scan.
import type { CheckResult } from '../../findings/finding.ts';
import type { AccountSnapshot, RegionalSnapshot } from '../../inventory/snapshot.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';
import { elsewhere, orgAccounts, orgSide } from './org-admin.ts';

const CONFIG_OP = 'guardduty:DescribeOrganizationConfiguration';

function judge<O>(ctx: CheckContext<O>, region: string, data: RegionalSnapshot, organizationId: string, accounts: ReturnType<typeof orgAccounts>): CheckResult {
  const resource = regionResource(region);
  const config = readInRegion(ctx, data.guardduty.organizationConfiguration, 'the GuardDuty organization configuration', region);
  if (!config.ok) return config.result;
  if (config.value === null) {
    return ctx.fail(resource, `the GuardDuty delegated administrator ${ctx.account.accountId} has no detector in ${region}, so no organization account is auto-enabled there`, { region });
  }
  const c = config.value;
  const mode = c.autoEnableOrganizationMembers ?? (c.autoEnable === true ? 'NEW' : c.autoEnable === false ? 'NONE' : null);
  if (mode === null) {
    return ctx.error(resource, { code: 'ParseError', operation: CONFIG_OP, region, message: 'DescribeOrganizationConfiguration returned neither AutoEnableOrganizationMembers nor AutoEnable' }, undefined, { region });
  }
  const members = readInRegion(ctx, data.guardduty.members, 'the GuardDuty members', region);
  if (!members.ok) return members.result;
  if (!accounts.ok) return ctx.error(resource, accounts.error, `could not read the accounts of organization ${organizationId}`, { region });
  const status = new Map(members.value.map((m) => [m.accountId, m.relationshipStatus]));
  const uncovered = accounts.value
    .filter((a) => a.status === 'ACTIVE' && a.id !== ctx.account.accountId)
    .filter((a) => status.get(a.id)?.toLowerCase() !== 'enabled')
    .map((a) => ({ accountId: a.id, name: a.name, relationshipStatus: status.get(a.id) ?? null }));
  const evidence = { detectorId: c.detectorId, autoEnableOrganizationMembers: mode, uncovered };
  const fix = { remediationValues: { 'detector-id': c.detectorId } };
  if (uncovered.length > 0 || mode === 'NONE') {
    const parts = [
      ...(mode === 'NONE' ? ['auto-enable is off (NONE)'] : []),
      ...(uncovered.length > 0
        ? [`${uncovered.length} ACTIVE account(s) are not Enabled members: ${uncovered.slice(0, 5).map((u) => `${u.accountId} (${u.relationshipStatus ?? 'not a member'})`).join(', ')}${uncovered.length > 5 ? ', …' : ''}`]
        : []),
    ];
    return ctx.fail(resource, `GuardDuty in ${region} does not cover the whole organization: ${parts.join('; ')}`, { region, evidence, ...fix });
  }
  if (mode === 'NEW') {
    return ctx.warn(resource, `GuardDuty in ${region} auto-enables only NEW organization accounts (every current account is an Enabled member today, but an account removed as member is not re-enabled)`, { region, evidence, ...fix });
  }
  return ctx.pass(resource, `GuardDuty in ${region} auto-enables ALL organization accounts and every ACTIVE account is an Enabled member`, { region, evidence });
}

/** The enabled administrator of the Region per the management account, or why it is not known. */
function adminOf(management: AccountSnapshot, region: string): { ok: true; admin: string | null } | { ok: false } {
  const admins = management.regional[region]?.guardduty.organizationAdminAccounts;
  if (admins === undefined || !admins.ok) return { ok: false };
  return { ok: true, admin: admins.value.find((a) => a.adminStatus === 'ENABLED')?.adminAccountId ?? null };
}

export default defineCheck({
  meta: {
    id: 'guardduty-org-auto-enable',
    title: 'GuardDuty auto-enables for all org accounts; every account is an enabled member',
    severity: 'medium',
    scope: 'org',
    resourceType: 'AwsRegion',
    rationale:
      'With auto-enable set to ALL, every current and future account of the organization gets GuardDuty from the delegated administrator, so no account is left without threat detection because someone forgot to enable it.',
    remediation: {
      text: 'In the GuardDuty delegated administrator account, set the organization configuration to auto-enable ALL accounts in every Region, and add the accounts that are not members yet.',
      cli: 'aws guardduty update-organization-configuration --detector-id <detector-id> --auto-enable-organization-members ALL --region <region>\naws guardduty create-members --detector-id <detector-id> --account-details AccountId=<account-id>,Email=<email> --region <region>',
      terraform: 'resource "aws_guardduty_organization_configuration" "this" {\n  detector_id                      = "<detector-id>"\n  auto_enable_organization_members = "ALL"\n}',
    },
    references: [
      'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html',
      'https://docs.aws.amazon.com/guardduty/latest/APIReference/API_DescribeOrganizationConfiguration.html',
    ],
    compliance: { prowler: ['guardduty_centrally_managed'], sources: ['002'] },
    fixable: true,
    reads: [
      'organizations.organization',
      'organizations.structure',
      'regional.*.guardduty.organizationAdminAccounts',
      'regional.*.guardduty.organizationConfiguration',
      'regional.*.guardduty.members',
    ],
  },
  evaluate(ctx) {
    const side = orgSide(ctx);
    if (side.kind === 'done') return side.results;
    const { organization, management } = side;
    const self = ctx.account.accountId;
    const isManagement = organization.managementAccountId === self;
    const accounts = orgAccounts(ctx, organization);
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const resource = regionResource(region);
      if (management === undefined) {
        // no management account in this run: only an account that could read the configuration is the administrator
        const own = data.guardduty.organizationConfiguration;
        if (own.ok && own.value !== null) {
          results.push(judge(ctx, region, data, organization.id, accounts));
          continue;
        }
        const cause = own.ok
          ? elsewhere(CONFIG_OP, `account ${self} has no GuardDuty detector in ${region}, and the delegated administrator is listed only in the management account ${organization.managementAccountId}; run with --org`)
          : own.error;
        results.push(
          ctx.error(resource, cause, `the GuardDuty organization configuration is read in the delegated administrator account, which the management account ${organization.managementAccountId} names; run with --org`, { region }),
        );
        continue;
      }
      const admin = adminOf(management, region);
      if (!admin.ok) {
        // the management account's run reports the unreadable list (guardduty-delegated-admin); judge it here once
        if (isManagement) {
          const list = data.guardduty.organizationAdminAccounts;
          if (!list.ok) results.push(ctx.error(resource, list.error, 'could not read the GuardDuty delegated administrators', { region }));
        }
        continue;
      }
      if (admin.admin === self) {
        results.push(judge(ctx, region, data, organization.id, accounts));
        continue;
      }
      if (!isManagement) continue;
      if (admin.admin === null) {
        results.push(ctx.fail(resource, `GuardDuty has no delegated administrator in ${region}, so no organization configuration auto-enables the accounts (see guardduty-delegated-admin)`, { region }));
        continue;
      }
      if (ctx.snapshot.accounts.some((a) => a.accountId === admin.admin)) continue; // judged in the administrator's run
      results.push(
        ctx.error(
          resource,
          elsewhere(CONFIG_OP, `organization configuration is read in the delegated administrator account ${admin.admin}; run with --org so that account is audited in the same run`),
          `could not read the GuardDuty organization configuration of ${region}`,
          { region },
        ),
      );
    }
    return results;
  },
});
