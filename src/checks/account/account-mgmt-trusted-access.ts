// account-mgmt-trusted-access: trusted access for AWS Account Management is enabled, so contacts and Regions of every
// member can be managed centrally (controls.md 1.A).
import { defineCheck, requireData } from '../define.ts';
import { organizationAccess } from '../org/scp-scope.ts';

const PRINCIPAL = 'account.amazonaws.com';

export default defineCheck({
  meta: {
    id: 'account-mgmt-trusted-access',
    title: 'Trusted access for AWS Account Management enabled (central contact management)',
    severity: 'low',
    scope: 'org',
    resourceType: 'AwsOrganization',
    rationale:
      'Without trusted access for AWS Account Management, alternate contacts and Regions of member accounts can only be set from inside each account, so contacts drift and new accounts start without them.',
    remediation: {
      text: 'From the management account enable trusted access for account.amazonaws.com; then set the alternate contacts of every member with --account-id.',
      cli: 'aws organizations enable-aws-service-access --service-principal account.amazonaws.com',
      terraform: 'resource "aws_organizations_organization" "this" {\n  aws_service_access_principals = ["account.amazonaws.com"] # plus the ones already enabled\n  feature_set                   = "ALL"\n}',
    },
    references: ['https://docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-account.html'],
    compliance: { cisAws3: [], prowler: [], sources: ['002'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.structure', 'organizations.serviceAccess'],
  },
  evaluate(ctx) {
    const access = organizationAccess(ctx);
    if (access.kind === 'done') return access.results;
    const { organization } = access;
    const resource = { type: 'AwsOrganization', id: organization.id, arn: organization.arn };
    const list = requireData(ctx, ctx.account.organizations.serviceAccess, resource, 'the services with trusted access (ListAWSServiceAccessForOrganization)');
    if (!list.ok) return [list.result];
    const principals = (list.value ?? []).map((s) => s.servicePrincipal);
    const evidence = { enabledServicePrincipals: principals };
    if (principals.includes(PRINCIPAL)) return [ctx.pass(resource, `trusted access for ${PRINCIPAL} is enabled in organization ${organization.id}`, { evidence })];
    return [
      ctx.fail(resource, `trusted access for ${PRINCIPAL} is not enabled in organization ${organization.id}, so member contacts cannot be managed centrally`, {
        evidence,
      }),
    ];
  },
});
