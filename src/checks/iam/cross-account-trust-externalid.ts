// cross-account-trust-externalid: a role that accounts outside the organization may assume requires sts:ExternalId;
// a role that people of another account (IAM users, an account root) may assume requires MFA (controls.md 1.B).
// The organization's accounts come from the organizations slice (helpers/org-accounts.ts).
import type { CheckResult } from '../../findings/finding.ts';
import { parsePolicy, PolicyParseError, statementAppliesToAction, type PolicyStatement } from '../../policy/index.ts';
import { conditionEntries, keyIs, pinsToFixedValues } from '../../policy/conditions.ts';
import { accountIdProblems, defineCheck, requireData } from '../define.ts';
import { organizationAccountIds } from '../helpers/org-accounts.ts';

export interface CrossAccountTrustOptions {
  /** Accounts outside the organization trusted without an ExternalId (e.g. your own other organization). */
  trustedAccountIds: string[];
}

const OPERATION = 'iam:GetAccountAuthorizationDetails';

type Kind = 'account' | 'user' | 'role';

/** The account and kind of a Principal.AWS entry; undefined for `*`, wildcard ARNs (role-trust-wildcard) and unique ids of deleted principals. */
function principalAccount(p: string): { account: string; kind: Kind } | undefined {
  if (/^\d{12}$/.test(p)) return { account: p, kind: 'account' };
  const m = /^arn:[^:]+:(?:iam|sts)::(\d{12}):(root|user\/|role\/|assumed-role\/|federated-user\/)/.exec(p);
  if (m === null) return undefined;
  const [, account = '', what = ''] = m;
  const kind: Kind = what === 'root' ? 'account' : what === 'user/' || what === 'federated-user/' ? 'user' : 'role';
  return { account, kind };
}

const EXTERNAL_ID_OPERATORS: ReadonlySet<string> = new Set(['stringequals']);

function requiresExternalId(st: PolicyStatement): boolean {
  return conditionEntries(st).some((e) => keyIs(e, 'sts:ExternalId') && pinsToFixedValues(e, (v) => v.length > 0 && !v.includes('*') && !v.includes('?'), EXTERNAL_ID_OPERATORS));
}

function requiresMfa(st: PolicyStatement): boolean {
  return conditionEntries(st).some((e) => keyIs(e, 'aws:MultiFactorAuthPresent') && e.base === 'bool' && !e.ifExists && e.values.length > 0 && e.values.every((v) => v.toLowerCase() === 'true'));
}

export default defineCheck<CrossAccountTrustOptions>({
  meta: {
    id: 'cross-account-trust-externalid',
    title: 'Third-party cross-account roles require sts:ExternalId; human cross-account roles require MFA',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsIamRole',
    rationale:
      'A vendor that assumes roles in many customers\' accounts can be tricked into using its access on your role for someone else (the confused deputy); a unique sts:ExternalId per customer stops that. People of another account who assume a role without MFA turn one stolen password or key into access here.',
    remediation: {
      text: 'For a vendor (outside the organization), add a StringEquals condition on sts:ExternalId with the unique value the vendor gives you. For people in another account, add a Bool condition aws:MultiFactorAuthPresent = true. Accounts you trust outside the organization can be listed in the check options (trustedAccountIds).',
      cli: 'aws iam get-role --role-name <role> --query Role.AssumeRolePolicyDocument\naws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
    ],
    compliance: { cisAws3: [], prowler: [], sources: ['002'] },
    fixable: false,
    reads: ['iam.authorizationDetails', 'organizations.organization', 'organizations.structure'],
  },
  defaultOptions: { trustedAccountIds: [] },
  optionProblems: (o) => o.trustedAccountIds.flatMap(accountIdProblems),
  evaluate(ctx) {
    const details = requireData(ctx, ctx.account.iam.authorizationDetails, ctx.accountResource(), 'IAM roles (authorization details)');
    if (!details.ok) return [details.result];
    const roles = details.value.roles;
    if (roles.length === 0) return [ctx.notApplicable(ctx.accountResource(), `account ${ctx.account.accountId} has no IAM roles`)];
    const self = ctx.account.accountId;
    const trusted = new Set(ctx.options.trustedAccountIds);
    const orgIds = organizationAccountIds(ctx);

    return roles.map((role): CheckResult => {
      const resource = { type: 'AwsIamRole', id: role.roleName, arn: role.arn };
      let statements: PolicyStatement[];
      try {
        statements = parsePolicy(role.assumeRolePolicyDocument).statements;
      } catch (e) {
        if (!(e instanceof PolicyParseError)) throw e;
        return ctx.error(resource, { code: 'ParseError', operation: OPERATION, message: `trust policy of IAM role ${role.roleName} could not be parsed: ${e.message}` });
      }
      const foreign: Array<{ principal: string; account: string; kind: Kind; externalId: boolean; mfa: boolean }> = [];
      for (const st of statements) {
        if (st.effect !== 'Allow' || !statementAppliesToAction(st, 'sts:AssumeRole') || st.principal === undefined || st.principal === '*') continue;
        for (const p of st.principal.AWS ?? []) {
          const who = principalAccount(p);
          if (who === undefined || who.account === self) continue;
          foreign.push({ principal: p, ...who, externalId: requiresExternalId(st), mfa: requiresMfa(st) });
        }
      }
      if (foreign.length === 0) return ctx.pass(resource, `IAM role ${role.roleName} trusts no principal of another account`);
      if (!orgIds.ok) return ctx.error(resource, orgIds.error, `IAM role ${role.roleName} trusts other accounts, and the organization's accounts could not be read`);
      const outside = foreign.filter((f) => !orgIds.ids.has(f.account) && !trusted.has(f.account));
      const evidence = {
        principals: foreign.map((f) => ({ ...f, inOrganization: orgIds.ids.has(f.account), trusted: trusted.has(f.account) })),
        organizationId: orgIds.organizationId,
      };
      const extra = { evidence, remediationValues: { role: role.roleName } };
      const noExternalId = outside.filter((f) => !f.externalId);
      if (noExternalId.length > 0) {
        return ctx.fail(resource, `IAM role ${role.roleName} can be assumed from outside the organization without sts:ExternalId by ${noExternalId.map((f) => f.principal).join(', ')}`, extra);
      }
      // ExternalId marks a vendor's service trust: MFA applies to people, and role-chained sessions never carry it
      const humans = foreign.filter((f) => (f.kind === 'user' || f.kind === 'account') && !f.externalId && !f.mfa);
      if (humans.length > 0) {
        return ctx.warn(resource, `IAM role ${role.roleName} can be assumed by users of another account without MFA: ${humans.map((f) => f.principal).join(', ')}`, {
          ...extra,
          severity: 'low',
        });
      }
      const what = outside.length > 0 ? 'requires sts:ExternalId from accounts outside the organization' : 'is trusted only by accounts of the organization or configured trusted accounts';
      return ctx.pass(resource, `IAM role ${role.roleName} ${what}`, { evidence });
    });
  },
});
