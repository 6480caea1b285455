// scp-enabled: the SERVICE_CONTROL_POLICY type is enabled on the organization root (controls.md 1.C).
import { defineCheck } from '../define.ts';
import { organizationAccess, scpPolicyTypeEnabled } from './scp-scope.ts';

// Evaluated once per organization, from the account that could read its structure (see organizationAccess).
export default defineCheck({
  meta: {
    id: 'scp-enabled',
    title: 'SCP policy type enabled on the root',
    severity: 'high',
    scope: 'org',
    resourceType: 'AwsOrganization',
    rationale: 'Until the SCP policy type is enabled, no guardrail (deny leaving the organization, deny root, protect CloudTrail…) can be attached or enforced.',
    remediation: {
      text: 'Enable the service control policy type on the organization root from the management account. The AWS-managed FullAWSAccess SCP is attached everywhere automatically, so nothing is blocked until you add deny policies.',
      cli: 'aws organizations enable-policy-type --root-id <r-xxxx> --policy-type SERVICE_CONTROL_POLICY',
      terraform: 'resource "aws_organizations_organization" "this" {\n  feature_set          = "ALL"\n  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]\n}',
    },
    references: ['https://docs.aws.amazon.com/organizations/latest/userguide/enable-policy-type.html'],
    compliance: { cisAws3: [], prowler: [], sources: ['000', '002'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.structure'],
  },
  evaluate(ctx) {
    const access = organizationAccess(ctx);
    if (access.kind === 'done') return access.results;
    const { organization, structure } = access;
    const resource = { type: 'AwsOrganization', id: organization.id, arn: organization.arn };
    const root = structure.roots[0];
    const enabled = scpPolicyTypeEnabled(structure);
    if (root === undefined || enabled === undefined) {
      return [ctx.error(resource, { code: 'ParseError', operation: 'organizations:ListRoots', message: `organization ${organization.id} structure has no root` })];
    }
    const evidence = { rootId: root.id, policyTypes: root.policyTypes, featureSet: organization.featureSet };
    if (enabled) return [ctx.pass(resource, `SCPs are enabled on root ${root.id} of organization ${organization.id}`, { evidence })];
    const why = organization.featureSet !== 'ALL' ? ` (feature set ${organization.featureSet}: enable all features first)` : '';
    return [ctx.fail(resource, `SCPs are not enabled on root ${root.id} of organization ${organization.id}${why}, so no guardrail can be enforced`, { evidence, remediationValues: { 'r-xxxx': root.id } })];
  },
});
