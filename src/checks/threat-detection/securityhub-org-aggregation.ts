// securityhub-org-aggregation: Security Hub has an enabled delegated administrator (the Security Audit account when
// configured), auto-enables the organization (AutoEnable or central configuration), and aggregates findings from all
// Regions (controls.md 1.E). One result for the organization, given in the administrator's run of an organization scan
// (the administrators are listed in the management account, the rest is read in the administrator: org-admin.ts).
import type { CheckResult } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import { accountIdProblems, defineCheck, type CheckContext } from '../define.ts';
import { elsewhere, orgSide } from './org-admin.ts';
import type { DelegatedAdminOptions } from './guardduty-delegated-admin.ts';

type Admins = { ok: true; ids: string[]; listed: Array<{ region: string; accountId: string; status: string }> } | { ok: false; error: CollectError };

/** The enabled administrators the management account lists, across its scanned Regions. */
function adminsOf(management: AccountSnapshot): Admins {
  const listed: Array<{ region: string; accountId: string; status: string }> = [];
  for (const [region, data] of Object.entries(management.regional)) {
    const a = data.securityhub.organizationAdminAccounts;
    if (!a.ok) return { ok: false, error: a.error };
    for (const x of a.value) listed.push({ region, ...x });
  }
  return { ok: true, ids: [...new Set(listed.filter((x) => x.status === 'ENABLED').map((x) => x.accountId))].sort(), listed };
}

/** Auto-enable and aggregation, read in the administrator (this account). */
function judgeAdmin<O>(ctx: CheckContext<O>): CheckResult {
  const resource = ctx.accountResource();
  const problems: string[] = [];
  const unknown: CollectError[] = [];
  const regions = ctx.regions();
  // organization configuration: CENTRAL anywhere covers the organization; otherwise AutoEnable in every Region
  const configs = regions.map(([region, d]) => ({ region, c: d.securityhub.organizationConfiguration }));
  const central = configs.some((x) => x.c.ok && x.c.value?.configurationType === 'CENTRAL');
  if (!central) {
    const off = configs.filter((x) => x.c.ok && x.c.value?.autoEnable !== true).map((x) => x.region);
    if (off.length > 0) problems.push(`new accounts are not auto-enabled (no central configuration; AutoEnable off or no hub in ${off.join(', ')})`);
    for (const x of configs) if (!x.c.ok) unknown.push(x.c.error);
  }
  // aggregation: any aggregator linking every scanned Region
  const scanned = regions.map(([r]) => r);
  const aggregators = new Map<string, { aggregationRegion: string; regionLinkingMode: string; regions: string[] } | CollectError>();
  let listedAnywhere = false;
  for (const [, d] of regions) {
    const list = d.securityhub.findingAggregators;
    if (!list.ok) {
      unknown.push(list.error);
      continue;
    }
    listedAnywhere = true;
    for (const a of list.value) {
      if (a.detail.ok) aggregators.set(a.arn, a.detail.value);
      else if (!aggregators.has(a.arn)) aggregators.set(a.arn, a.detail.error);
    }
  }
  const details = [...aggregators.values()];
  const linked = details.filter((d): d is Exclude<typeof d, CollectError> => 'regionLinkingMode' in d);
  const covers = (d: (typeof linked)[number]) => {
    const others = scanned.filter((r) => r !== d.aggregationRegion);
    if (d.regionLinkingMode === 'ALL_REGIONS') return true;
    if (d.regionLinkingMode === 'ALL_REGIONS_EXCEPT_SPECIFIED') return !others.some((r) => d.regions.includes(r));
    if (d.regionLinkingMode === 'SPECIFIED_REGIONS') return others.every((r) => d.regions.includes(r));
    return others.length === 0;
  };
  const good = linked.find(covers);
  if (good === undefined) {
    const pending = details.filter((d): d is CollectError => !('regionLinkingMode' in d));
    if (linked.length > 0) problems.push(`the finding aggregator links ${linked.map((d) => `${d.regionLinkingMode}${d.regions.length > 0 ? ` ${d.regions.join(',')}` : ''}`).join('; ')}, not every scanned Region`);
    else if (pending.length > 0) unknown.push(...pending);
    else if (listedAnywhere && unknown.length === 0) problems.push('no finding aggregator exists, so findings stay in their own Region');
  }
  const evidence = { centralConfiguration: central, aggregators: linked };
  if (problems.length > 0) return ctx.fail(resource, `Security Hub administrator ${resource.id}: ${problems.join('; ')}`, { evidence });
  const first = unknown[0];
  if (first !== undefined) return ctx.error(resource, first, `could not read the Security Hub organization configuration or finding aggregators of administrator ${resource.id}`);
  return ctx.pass(resource, `Security Hub is administered by ${resource.id}, auto-enables the organization${central ? ' (central configuration)' : ''} and aggregates ${good?.regionLinkingMode ?? ''} into ${good?.aggregationRegion ?? ''}`, { evidence });
}

export default defineCheck<DelegatedAdminOptions>({
  meta: {
    id: 'securityhub-org-aggregation',
    title: 'Security Hub delegated admin, org auto-enable and cross-Region aggregation',
    severity: 'low',
    scope: 'org',
    resourceType: 'AwsAccount',
    rationale:
      'A delegated administrator that auto-enables every account and aggregates every Region gives the security team one place to see all findings; without it, findings stay scattered across accounts and Regions where nobody looks.',
    remediation: {
      text: 'From the management account, designate the Security Audit account as Security Hub administrator; there, turn on auto-enable (or central configuration) and create a finding aggregator linking all Regions.',
      cli: 'aws securityhub enable-organization-admin-account --admin-account-id <security-audit-account-id>\n# in the administrator account:\naws securityhub update-organization-configuration --auto-enable\naws securityhub create-finding-aggregator --region-linking-mode ALL_REGIONS',
      terraform: 'resource "aws_securityhub_organization_admin_account" "this" {\n  admin_account_id = "<security-audit-account-id>"\n}\n\nresource "aws_securityhub_finding_aggregator" "this" {\n  linking_mode = "ALL_REGIONS"\n}',
    },
    references: [
      'https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation.html',
    ],
    compliance: { prowler: ['securityhub_delegated_admin_enabled_all_regions'], sources: ['002'] },
    fixable: true,
    reads: [
      'organizations.organization',
      'regional.*.securityhub.organizationAdminAccounts',
      'regional.*.securityhub.organizationConfiguration',
      'regional.*.securityhub.findingAggregators',
    ],
  },
  defaultOptions: { securityAuditAccountId: null },
  optionProblems: (o) => accountIdProblems(o.securityAuditAccountId),
  evaluate(ctx) {
    const side = orgSide(ctx);
    if (side.kind === 'done') return side.results;
    const { organization, management } = side;
    const self = ctx.account.accountId;
    const isManagement = organization.managementAccountId === self;
    const resource = ctx.accountResource();
    if (management === undefined) {
      return [
        ctx.error(
          resource,
          elsewhere('securityhub:ListOrganizationAdminAccounts', `Security Hub delegated administrators are listed only in the management account ${organization.managementAccountId}; run with --org`),
          'could not read the Security Hub delegated administrators',
        ),
      ];
    }
    const admins = adminsOf(management);
    if (!admins.ok) return isManagement ? [ctx.error(resource, admins.error, 'could not read the Security Hub delegated administrators')] : [];
    const wanted = ctx.options.securityAuditAccountId;
    const problem =
      admins.ids.length === 0
        ? 'Security Hub has no enabled delegated administrator'
        : admins.ids.length > 1
          ? `Security Hub has different delegated administrators across Regions (${admins.ids.join(', ')})`
          : wanted !== null && admins.ids[0] !== wanted
            ? `Security Hub is administered by ${admins.ids[0]}, not by the Security Audit account ${wanted}`
            : undefined;
    if (problem !== undefined) {
      // judged once, in the management account's run
      if (!isManagement) return [];
      return [ctx.fail(resource, problem, { evidence: { adminAccounts: admins.listed, securityAuditAccountId: wanted }, remediationValues: { 'security-audit-account-id': wanted ?? '<security-audit-account-id>' } })];
    }
    const admin = admins.ids[0]!;
    if (admin === self) return [judgeAdmin(ctx)];
    if (!isManagement || ctx.snapshot.accounts.some((a) => a.accountId === admin)) return [];
    return [
      ctx.error(
        resource,
        elsewhere('securityhub:DescribeOrganizationConfiguration', `organization configuration is read in the delegated administrator account ${admin}; run with --org so that account is audited in the same run`),
        'could not read the Security Hub organization configuration',
      ),
    ];
  },
});
