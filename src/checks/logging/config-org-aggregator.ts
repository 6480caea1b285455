// config-org-aggregator: an organization-wide AWS Config aggregator over all Regions lives in the Config delegated
// administrator account (controls.md 1.D). Judged once per organization, by the account that reads its delegated
// administrators (the management account); the aggregator is looked for in the administrator's snapshot.
import type { CheckResult } from '../../findings/finding.ts';
import type { ConfigAggregator } from '../../services/config/schema.ts';
import { defineCheck, requireData } from '../define.ts';
import { organizationOnce, organizationResource } from '../helpers/logging.ts';
import { readInRegion } from '../helpers/regional.ts';

/** Aggregators are delegated under config.amazonaws.com; organization rules and packs under config-multiaccountsetup. */
const CONFIG_PRINCIPALS = ['config.amazonaws.com', 'config-multiaccountsetup.amazonaws.com'];

export default defineCheck({
  meta: {
    id: 'config-org-aggregator',
    title: 'Organization-wide Config aggregator in the delegated admin',
    severity: 'low',
    scope: 'org',
    resourceType: 'AwsAccount',
    rationale:
      'An organization aggregator gives the security team one view of every account’s configuration and compliance, including accounts created later, from an account that is not the management account.',
    remediation: {
      text: 'Register the Security Audit account as delegated administrator for config.amazonaws.com, then create an aggregator there with an organization source over all Regions.',
      cli: 'aws organizations register-delegated-administrator --account-id <audit-account-id> --service-principal config.amazonaws.com\n# in the delegated administrator account:\naws configservice put-configuration-aggregator --configuration-aggregator-name org --organization-aggregation-source RoleArn=<aggregator-role-arn>,AllAwsRegions=true',
      terraform:
        'resource "aws_config_configuration_aggregator" "org" {\n  name = "org"\n  organization_aggregation_source {\n    all_regions = true\n    role_arn    = aws_iam_role.config_aggregator.arn\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/set-up-aggregator-cli.html',
    ],
    compliance: { cisAws3: [], prowler: ['config_delegated_admin_and_org_aggregator_all_regions'], sources: ['000', '002'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.delegatedAdministrators', 'regional.*.config.aggregators'],
  },
  evaluate(ctx) {
    const once = organizationOnce(ctx, 'an aggregator needs an organization');
    if (once.kind === 'done') return once.results;
    const org = once.organization;
    const self = ctx.accountResource();
    const admins = requireData(ctx, ctx.account.organizations.delegatedAdministrators, self, 'the delegated administrators (ListDelegatedAdministrators)');
    if (!admins.ok) {
      const r = admins.result;
      return [{ ...r, message: `${r.message}; scan from the management account ${org.managementAccountId} (or with --org) to evaluate the Config aggregator` }];
    }
    const delegated = (admins.value ?? []).find((d) => d.servicePrincipals.some((p) => CONFIG_PRINCIPALS.includes(p)));
    if (!delegated) {
      return [
        ctx.fail(organizationResource(org), `organization ${org.id} has no delegated administrator for AWS Config, so any aggregator runs from the management account or not at all`, {
          evidence: { delegatedAdministrators: (admins.value ?? []).map((d) => d.accountId) },
        }),
      ];
    }
    const adminResource = { type: 'AwsAccount', id: delegated.accountId };
    const admin = ctx.snapshot.accounts.find((a) => a.accountId === delegated.accountId);
    if (!admin) {
      return [
        ctx.error(
          adminResource,
          {
            code: 'NotCollected',
            operation: 'config:DescribeConfigurationAggregators',
            message: `the Config delegated administrator ${delegated.accountId} is not part of this scan`,
          },
          `the aggregators live in the delegated administrator ${delegated.accountId}, which this scan did not read; scan the organization (--org) to include it`,
        ),
      ];
    }
    // the administrator's Regions; Region closure is judged with this run's account context, an approximation for another account
    const unreadable: CheckResult[] = [];
    const found: Array<{ region: string; a: ConfigAggregator }> = [];
    const regions = admin.regional;
    for (const region of Object.keys(regions).sort()) {
      const data = regions[region]!;
      const listed = readInRegion(ctx, data.config.aggregators, `AWS Config aggregators of ${delegated.accountId}`, region, adminResource);
      if (!listed.ok) {
        unreadable.push(listed.result);
        continue;
      }
      for (const a of listed.value) found.push({ region, a });
    }
    const evidence = {
      delegatedAdministrator: delegated.accountId,
      aggregators: found.map(({ region, a }) => ({ region, name: a.name, organization: a.organizationSource !== null, allAwsRegions: a.organizationSource?.allAwsRegions ?? false })),
    };
    const good = found.find(({ a }) => a.organizationSource?.allAwsRegions === true);
    if (good) {
      return [ctx.pass(adminResource, `delegated administrator ${delegated.accountId} has organization aggregator ${good.a.name} (${good.region}) over all Regions`, { region: good.region, evidence })];
    }
    if (unreadable.some((r) => r.status === 'error')) return unreadable.filter((r) => r.status === 'error');
    const partial = found.filter(({ a }) => a.organizationSource !== null);
    return [
      ctx.fail(
        adminResource,
        partial.length > 0
          ? `delegated administrator ${delegated.accountId} has organization aggregator(s) ${partial.map(({ a, region }) => `${a.name} (${region})`).join(', ')}, but none covers all Regions`
          : `delegated administrator ${delegated.accountId} has no organization-wide Config aggregator`,
        { evidence },
      ),
    ];
  },
});
