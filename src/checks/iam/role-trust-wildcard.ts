// role-trust-wildcard: no role trust policy lets any principal, or any identity of a web-identity or OIDC provider,
// assume the role (controls.md 1.B).
import { analyzeTrustPolicy, parsePolicy, PolicyParseError, type TrustFinding } from '../../policy/index.ts';
import { defineCheck, requireData } from '../define.ts';

export default defineCheck({
  meta: {
    id: 'role-trust-wildcard',
    title: 'No role trust policy allows any principal',
    severity: 'critical',
    scope: 'resource',
    resourceType: 'AwsIamRole',
    rationale:
      'A trust policy with Principal "*" or a wildcard ARN (without an organization/account pin), a web-identity provider (Cognito, Google, Facebook, Amazon) without its audience pinned, or an OIDC trust whose sub does not fix the owner lets anyone on the internet, any identity pool, or any repository on GitHub take the role\'s permissions.',
    remediation: {
      text: 'Name the exact principals allowed to assume the role, or pin a wildcard principal with aws:PrincipalOrgID / aws:PrincipalAccount / aws:PrincipalArn. For Cognito, pin cognito-identity.amazonaws.com:aud to your identity pool id; for Google, Facebook or Login with Amazon, pin accounts.google.com:aud / graph.facebook.com:app_id / www.amazon.com:app_id to your app. For OIDC (e.g. GitHub Actions), add a StringEquals/StringLike condition on <provider>:sub that fixes the owner and the "/" after it, best the repository and branch or environment (repo:acme/app:ref:refs/heads/main; never repo:acme*).',
      cli: 'aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
      'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif',
    ],
    compliance: { cisAws3: [], prowler: [], sources: ['002'] },
    fixable: false,
    reads: ['iam.authorizationDetails'],
  },
  evaluate(ctx) {
    const details = requireData(ctx, ctx.account.iam.authorizationDetails, ctx.accountResource(), 'IAM roles (authorization details)');
    if (!details.ok) return [details.result];
    const roles = details.value.roles;
    if (roles.length === 0) return [ctx.notApplicable(ctx.accountResource(), `account ${ctx.account.accountId} has no IAM roles`)];
    return roles.map((role) => {
      const resource = { type: 'AwsIamRole', id: role.roleName, arn: role.arn };
      let findings: TrustFinding[];
      try {
        findings = analyzeTrustPolicy(parsePolicy(role.assumeRolePolicyDocument)).findings;
      } catch (e) {
        if (!(e instanceof PolicyParseError)) throw e;
        return ctx.error(resource, {
          code: 'ParseError',
          operation: 'iam:GetAccountAuthorizationDetails',
          message: `trust policy of IAM role ${role.roleName} could not be parsed: ${e.message}`,
        });
      }
      if (findings.length === 0) return ctx.pass(resource, `trust policy of IAM role ${role.roleName} names specific principals`);
      const evidence = { findings: findings.map((f) => ({ statement: f.sid ?? `#${f.index}`, kind: f.kind, detail: f.detail })) };
      return ctx.fail(resource, `IAM role ${role.roleName} can be assumed by anyone: ${findings.map((f) => f.detail).join('; ')}`, {
        evidence,
        remediationValues: { role: role.roleName },
      });
    });
  },
});
