// iam-full-admin-custom-policy: no attached customer-managed policy and no inline policy allows "*" on "*" (controls.md 1.B).
import { parsePolicy, fullAdminStatements, PolicyParseError } from '../../policy/index.ts';
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck, requireData } from '../define.ts';

const OPERATION = 'iam:GetAccountAuthorizationDetails';

interface Fix {
  cli: string;
  values: Record<string, string>;
}

// Like ListPolicies(OnlyAttached) in the catalog: an unattached customer-managed policy grants nothing yet, so it
// is skipped. AWS-managed policies (AdministratorAccess) are iam-admin-sprawl's business.
export default defineCheck({
  meta: {
    id: 'iam-full-admin-custom-policy',
    title: 'No customer-managed or inline policy grants "*" on "*"',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsIamPolicy',
    rationale:
      'A home-made "*:*" policy is full administrator access that hides from reviews looking for AdministratorAccess, and usually spreads by copy-paste.',
    remediation: {
      text: 'Replace the statement with the actions and resources the principal needs (IAM Access Analyzer policy generation can draft them from CloudTrail). If full admin is truly needed, use the AWS-managed AdministratorAccess on a role so it is visible.',
      cli: 'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://least-privilege.json --set-as-default\n# inline policy: aws iam put-user-policy --user-name <user> (or put-group-policy --group-name, put-role-policy --role-name) --policy-name <name> --policy-document file://least-privilege.json',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html',
    ],
    compliance: {
      cisAws3: ['1.16'],
      prowler: ['iam_customer_attached_policy_no_administrative_privileges', 'iam_inline_policy_no_administrative_privileges'],
      sources: ['003', '004'],
    },
    fixable: false,
    reads: ['iam.authorizationDetails'],
  },
  evaluate(ctx) {
    const details = requireData(ctx, ctx.account.iam.authorizationDetails, ctx.accountResource(), 'IAM policies (authorization details)');
    if (!details.ok) return [details.result];
    const { users, groups, roles, policies } = details.value;

    // `fix` is the one command for this kind of policy, with its values (the generic remediation lists every kind).
    const judge = (resource: ResourceRef, label: string, document: unknown, evidence: Record<string, unknown>, fix: Fix): CheckResult => {
      let statements: Array<{ index: number; sid?: string }>;
      try {
        statements = fullAdminStatements(parsePolicy(document));
      } catch (e) {
        if (!(e instanceof PolicyParseError)) throw e;
        return ctx.error(resource, { code: 'ParseError', operation: OPERATION, message: `${label} could not be parsed: ${e.message}` });
      }
      if (statements.length === 0) return ctx.pass(resource, `${label} does not grant "*" on "*"`, { evidence });
      const which = statements.map((s) => s.sid ?? `#${s.index}`).join(', ');
      return ctx.fail(resource, `${label} allows every action on every resource with no condition (statement ${which})`, {
        evidence: { ...evidence, adminStatements: statements },
        remediation: { cli: fix.cli },
        remediationValues: fix.values,
      });
    };

    const results: CheckResult[] = [];
    for (const p of policies) {
      if (p.awsManaged || p.attachmentCount === 0) continue;
      results.push(
        judge({ type: 'AwsIamPolicy', id: p.policyName, arn: p.arn }, `customer-managed policy ${p.policyName}`, p.document, {
          kind: 'customer-managed',
          attachmentCount: p.attachmentCount,
          defaultVersionId: p.defaultVersionId,
        }, { cli: 'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://least-privilege.json --set-as-default', values: { 'policy-arn': p.arn } }),
      );
    }
    const inline = [
      ...users.map((u) => ({ kind: 'user', name: u.userName, arn: u.arn, policies: u.inlinePolicies })),
      ...groups.map((g) => ({ kind: 'group', name: g.groupName, arn: g.arn, policies: g.inlinePolicies })),
      ...roles.map((r) => ({ kind: 'role', name: r.roleName, arn: r.arn, policies: r.inlinePolicies })),
    ];
    for (const owner of inline) {
      for (const p of owner.policies) {
        // Inline policies have no ARN; the id names the owner so it is unique and findable.
        results.push(
          judge({ type: 'AwsIamPolicy', id: `${owner.kind}/${owner.name}/${p.policyName}` }, `inline policy ${p.policyName} of IAM ${owner.kind} ${owner.name}`, p.document, {
            kind: 'inline',
            owner: owner.arn,
          }, {
            cli: `aws iam put-${owner.kind}-policy --${owner.kind}-name <owner> --policy-name <name> --policy-document file://least-privilege.json`,
            values: { owner: owner.name, name: p.policyName },
          }),
        );
      }
    }
    if (results.length === 0) {
      return [ctx.notApplicable(ctx.accountResource(), `account ${ctx.account.accountId} has no attached customer-managed or inline IAM policies`)];
    }
    return results;
  },
});
