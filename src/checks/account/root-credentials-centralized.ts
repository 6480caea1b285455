// root-credentials-centralized: the organization uses centralized root access, i.e. IAM trusted access plus the
// RootCredentialsManagement and RootSessions features (controls.md 1.A).
import { defineCheck } from '../define.ts';
import { organizationAccess } from '../org/scp-scope.ts';
import { centralization } from './org-context.ts';

export default defineCheck({
  meta: {
    id: 'root-credentials-centralized',
    title: 'Organization uses centralized root access (root credentials management + root sessions)',
    severity: 'medium',
    scope: 'org',
    resourceType: 'AwsOrganization',
    rationale:
      'With centralized root access the management account can delete member-account root passwords, keys and MFA devices and run the few root-only tasks through short, scoped sessions, so member root users stop being standing credentials to protect.',
    remediation: {
      text: 'From the management account enable IAM trusted access, then root credentials management and root sessions. Afterwards remove the member root credentials (see member-root-credentials-removed).',
      cli: 'aws organizations enable-aws-service-access --service-principal iam.amazonaws.com\naws iam enable-organizations-root-credentials-management\naws iam enable-organizations-root-sessions',
      terraform:
        'resource "aws_organizations_organization" "this" {\n  aws_service_access_principals = ["iam.amazonaws.com"] # plus the ones already enabled\n  feature_set                   = "ALL"\n}\n\nresource "aws_iam_organizations_features" "this" {\n  enabled_features = ["RootCredentialsManagement", "RootSessions"]\n}',
    },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management'],
    compliance: { cisAws3: [], prowler: ['iam_root_credentials_management_enabled'], sources: ['002'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.structure', 'organizations.serviceAccess', 'iam.organizationsFeatures'],
  },
  evaluate(ctx) {
    const access = organizationAccess(ctx);
    if (access.kind === 'done') return access.results;
    const { organization } = access;
    const resource = { type: 'AwsOrganization', id: organization.id, arn: organization.arn };
    const state = centralization(ctx.account, organization);
    if (!state.ok) return [ctx.error(resource, state.error, `could not read the centralized root access settings of organization ${organization.id}`)];
    const evidence = state.evidence;
    if (state.state === 'on') return [ctx.pass(resource, state.detail, { evidence })];
    if (state.state === 'partial') return [ctx.warn(resource, state.detail, { evidence })];
    return [ctx.fail(resource, `${state.detail}, so every member account keeps a root user with its own credentials to protect`, { evidence })];
  },
});
