// identity-center-enabled: human access goes through IAM Identity Center (an ACTIVE organization instance with
// permission sets) or another IdP federated by SAML (controls.md 1.B). Judged once per organization, in the management
// account's run when it is scanned (helpers/federation.ts); a standalone account is judged on its own.
import { defineCheck } from '../define.ts';
import { federationFor, reportsFederation } from '../helpers/federation.ts';

export default defineCheck({
  meta: {
    id: 'identity-center-enabled',
    title: 'Human access goes through IAM Identity Center (or another IdP federation)',
    severity: 'medium',
    scope: 'org',
    resourceType: 'AwsAccount',
    rationale:
      'With federation people sign in once, with the company identity provider\'s MFA and offboarding, and get short-lived role credentials in each account; without it every account grows its own IAM users with passwords and keys that outlive the people who had them.',
    remediation: {
      text: 'Enable IAM Identity Center for the organization from the management account console (Settings → Enable, in the Region you want as home), connect your identity provider or use its directory, create permission sets and assign groups to accounts. Then move people off IAM users (iam-humans-via-identity-center).',
      cli: '# in the Identity Center home Region\naws sso-admin list-instances --region <home-region>\naws sso-admin list-permission-sets --instance-arn <instance-arn> --region <home-region>',
    },
    references: [
      'https://docs.aws.amazon.com/singlesignon/latest/userguide/get-set-up-for-idc.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_saml.html',
    ],
    compliance: { cisAws3: ['1.21'], prowler: ['iam_check_saml_providers_sts'], sources: ['000', '001', '002', '003'] },
    fixable: false,
    reads: ['regional.*.ssoAdmin.instances', 'iam.samlProviders', 'iam.oidcProviders', 'organizations.organization'],
  },
  evaluate(ctx) {
    if (!reportsFederation(ctx)) return [];
    const self = ctx.accountResource();
    const fed = federationFor(ctx);
    if (!fed.ok) return [ctx.error(self, fed.error, 'could not tell whether human access is federated')];
    const f = fed.value;
    const oidc = ctx.account.iam.oidcProviders;
    const evidence = {
      judgedIn: f.judgedIn,
      identityCenterInstances: f.instances.map((i) => ({ region: i.region, instanceArn: i.instance.instanceArn, ownerAccountId: i.instance.ownerAccountId, permissionSets: i.permissionSets })),
      samlProviders: f.samlProviders,
      oidcProviders: oidc.ok ? oidc.value.map((p) => p.arn) : null,
    };
    if (f.identityCenter) {
      const i = f.instances.find((x) => (x.permissionSets ?? 0) > 0);
      return [ctx.pass(self, `IAM Identity Center is active (${i?.instance.instanceArn} in ${i?.region}) with ${i?.permissionSets} permission set(s)`, { evidence })];
    }
    if (f.inPlace) return [ctx.pass(self, `human access is federated through IAM SAML provider(s) ${f.samlProviders.join(', ')}`, { evidence })];
    const why =
      f.instances.length > 0
        ? `IAM Identity Center instance ${f.instances[0]?.instance.instanceArn} has no permission set, and no IAM SAML provider exists`
        : `no active IAM Identity Center ${f.managementAccountId === null ? 'instance' : 'organization instance'} and no IAM SAML provider was found`;
    return [ctx.fail(self, `${why} in ${f.judgedIn}, so people need IAM users to get in`, { evidence })];
  },
});
