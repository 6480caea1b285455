// iam-humans-via-identity-center: once human access is federated (identity-center-enabled passes), no IAM user keeps
// a console password, except configured break-glass users (controls.md 1.B).
import { defineCheck } from '../define.ts';
import { federationFor } from '../helpers/federation.ts';
import { credentialReportRows, iamUserRows, userResource } from '../helpers/identity.ts';

export interface HumansViaIdentityCenterOptions {
  /** IAM user names kept on purpose for emergencies. */
  breakGlassUsers: string[];
}

export default defineCheck<HumansViaIdentityCenterOptions>({
  meta: {
    id: 'iam-humans-via-identity-center',
    title: 'No IAM users with console passwords once federation exists',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsIamUser',
    rationale:
      'With federation in place, an IAM user with a password is a second way in that skips the identity provider\'s MFA, conditional access and offboarding, and is usually forgotten when its owner leaves.',
    remediation: {
      text: 'Give the person access through IAM Identity Center (or the SAML identity provider), then remove the IAM user\'s console password (and access keys). Keep at most a documented break-glass user and list it in the check options (breakGlassUsers).',
      cli: 'aws iam delete-login-profile --user-name <user>',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp',
      'https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html',
    ],
    compliance: { cisAws3: ['1.21'], prowler: [], sources: ['000', '001', '002'] },
    fixable: false,
    reads: ['iam.credentialReport', 'regional.*.ssoAdmin.instances', 'iam.samlProviders', 'organizations.organization'],
  },
  defaultOptions: { breakGlassUsers: [] },
  evaluate(ctx) {
    const self = ctx.accountResource();
    const fed = federationFor(ctx);
    if (!fed.ok) return [ctx.error(self, fed.error, 'could not tell whether human access is federated (identity-center-enabled)')];
    if (!fed.value.inPlace) {
      return [ctx.notApplicable(self, `human access is not federated yet (identity-center-enabled fails in ${fed.value.judgedIn}), so IAM users are still the way in`)];
    }
    const rows = credentialReportRows(ctx);
    if (!rows.ok) return [rows.result];
    const users = iamUserRows(rows.value);
    if (users.length === 0) return [ctx.notApplicable(self, `account ${self.id} has no IAM users`)];
    const breakGlass = new Set(ctx.options.breakGlassUsers);
    const via = fed.value.identityCenter ? 'IAM Identity Center' : 'SAML federation';
    return users.map((r) => {
      const evidence = { passwordEnabled: r.passwordEnabled, passwordLastUsed: r.passwordLastUsed, federation: via, judgedIn: fed.value.judgedIn };
      if (r.passwordEnabled !== true) return ctx.pass(userResource(r), `IAM user ${r.user} has no console password`, { evidence });
      if (breakGlass.has(r.user)) return ctx.pass(userResource(r), `IAM user ${r.user} has a console password and is a configured break-glass user`, { evidence });
      return ctx.fail(userResource(r), `IAM user ${r.user} has a console password although people sign in through ${via}`, { evidence, remediationValues: { user: r.user } });
    });
  },
});
