// org-exists: the account belongs to an AWS Organization with all features enabled (controls.md 1.C).
import { defineCheck, requireData } from '../define.ts';

export default defineCheck({
  meta: {
    id: 'org-exists',
    title: 'Account belongs to an AWS Organization with all features',
    severity: 'high',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'An organization with all features is what makes guardrails possible: SCPs, organization trails, delegated security services and central root-credential management. A standalone account, or an organization with consolidated billing only, has none of them.',
    remediation: {
      text: 'Create an organization from a dedicated management account (no workloads) and invite this account, or, for an existing consolidated-billing organization, enable all features (every member account must approve). Both are one-way decisions, so Rampart proposes them and does not apply them.',
      cli: 'aws organizations create-organization --feature-set ALL\n# existing organization with consolidated billing only:\naws organizations enable-all-features',
    },
    references: [
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_org_create.html',
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_org_support-all-features.html',
    ],
    compliance: { cisAws3: ['1.21'], prowler: ['organizations_account_part_of_organizations'], sources: ['000', '002', '001', '003'] },
    fixable: false,
    reads: ['organizations.organization'],
  },
  evaluate(ctx) {
    const account = ctx.accountResource();
    const org = requireData(ctx, ctx.account.organizations.organization, account, 'the organization (DescribeOrganization)');
    if (!org.ok) return [org.result];
    if (org.value === null) {
      return [
        ctx.fail(account, `account ${account.id} is not in an AWS Organization, so no SCP, organization trail or delegated security service can protect it`, {
          evidence: { organization: null },
        }),
      ];
    }
    const { id, featureSet, managementAccountId } = org.value;
    const evidence = { organizationId: id, featureSet, managementAccountId };
    if (featureSet !== 'ALL') {
      return [
        ctx.fail(account, `organization ${id} of account ${account.id} has feature set ${featureSet} (consolidated billing only), so SCPs are unavailable`, {
          evidence,
        }),
      ];
    }
    return [ctx.pass(account, `account ${account.id} is in organization ${id} with all features`, { evidence })];
  },
});
