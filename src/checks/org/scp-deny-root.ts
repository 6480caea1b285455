// scp-deny-root: an SCP denies every action to member-account root users (controls.md 1.C, T2).
import { scpDeniesRootUser } from '../../policy/index.ts';
import { defineCheck } from '../define.ts';
import { defaultScpScopeOptions, forEachMemberAccount, unparsedScpError, type ScpScopeOptions } from './scp-scope.ts';

// The catalog's WARN for a root deny written with NotAction is a `warn` naming the actions it leaves open.
export default defineCheck<ScpScopeOptions>({
  meta: {
    id: 'scp-deny-root',
    title: 'SCP denies all actions by member-account root users',
    severity: 'high',
    scope: 'org',
    resourceType: 'AwsAccount',
    rationale:
      'Member-account root users are rarely needed and rarely watched; a recovered or phished root password otherwise gives unrestricted access. An SCP is the one control that binds them.',
    remediation: {
      text: 'Attach an SCP that denies Action "*" on Resource "*" when aws:PrincipalArn is like arn:aws:iam::*:root (template T2; use Action, not NotAction) to the root or every top-level OU except the Exception OU. For the rare root-only task, move the account to the Exception OU temporarily or use centralized root access (sts:AssumeRoot).',
      cli: 'aws organizations create-policy --type SERVICE_CONTROL_POLICY --name DenyRootUser --description "Member-account root users can do nothing" --content \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyRootUser","Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":["arn:aws:iam::*:root"]}}}]}\'\naws organizations attach-policy --policy-id <p-xxxx> --target-id <r-xxxx>',
      terraform:
        'resource "aws_organizations_policy" "deny_root" {\n  name    = "DenyRootUser"\n  type    = "SERVICE_CONTROL_POLICY"\n  content = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "DenyRootUser", Effect = "Deny", Action = "*", Resource = "*", Condition = { StringLike = { "aws:PrincipalArn" = ["arn:aws:iam::*:root"] } } }] })\n}\n\nresource "aws_organizations_policy_attachment" "deny_root_root" {\n  policy_id = aws_organizations_policy.deny_root.id\n  target_id = "<r-xxxx>"\n}',
    },
    references: [
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
    ],
    compliance: { cisAws3: [], prowler: [], sources: ['002', '000', '004'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.structure'],
  },
  defaultOptions: defaultScpScopeOptions,
  evaluate(ctx) {
    return forEachMemberAccount(ctx, 'a deny on the root user', (member) => {
      const coverage = scpDeniesRootUser(member.scps, { allowedExemptionPrincipalPatterns: ctx.options.allowedExemptionPrincipalPatterns });
      const evidence = {
        ouPath: member.ouPath,
        scps: member.scps.map((s) => s.name),
        coverage: coverage.coverage,
        via: coverage.via,
        detail: coverage.detail,
        ...(member.unparsed.length > 0 ? { unparsedScps: member.unparsed.map((u) => u.name) } : {}),
      };
      const id = member.resource.id;
      if (coverage.coverage === 'full') return ctx.pass(member.resource, `root user of account ${id} is denied every action: ${coverage.detail}`, { evidence });
      // An unreadable SCP could hold the full deny, so neither the WARN nor the FAIL can be asserted.
      if (member.unparsed.length > 0) return unparsedScpError(ctx, member);
      if (coverage.coverage === 'notaction') {
        return ctx.warn(member.resource, `root user of account ${id} is only partly denied, which leaves gaps: ${coverage.detail}`, { evidence });
      }
      return ctx.fail(member.resource, `no SCP reaching account ${id} denies its root user: ${coverage.detail}`, { evidence });
    });
  },
});
