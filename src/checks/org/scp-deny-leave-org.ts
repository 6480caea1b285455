// scp-deny-leave-org: an SCP denies organizations:LeaveOrganization to every non-exempt member account (controls.md 1.C, T1).
import { scpDeniesAction } from '../../policy/index.ts';
import { defineCheck } from '../define.ts';
import { defaultScpScopeOptions, forEachMemberAccount, unparsedScpError, type ScpScopeOptions } from './scp-scope.ts';

const ACTION = 'organizations:LeaveOrganization';

export default defineCheck<ScpScopeOptions>({
  meta: {
    id: 'scp-deny-leave-org',
    title: 'SCP denies organizations:LeaveOrganization',
    severity: 'high',
    scope: 'org',
    resourceType: 'AwsAccount',
    rationale:
      'An account that leaves the organization drops every guardrail at once: SCPs, the organization trail and delegated security services. An attacker with admin in a member account can otherwise walk it out.',
    remediation: {
      text: 'Attach an SCP with a Deny on organizations:LeaveOrganization (template T1) to the root, or to every top-level OU except the Exception OU.',
      cli: 'aws organizations create-policy --type SERVICE_CONTROL_POLICY --name DenyLeaveOrganization --description "Members cannot leave the organization" --content \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyLeaveOrganization","Effect":"Deny","Action":["organizations:LeaveOrganization"],"Resource":"*"}]}\'\naws organizations attach-policy --policy-id <p-xxxx> --target-id <r-xxxx>',
      terraform:
        'resource "aws_organizations_policy" "deny_leave" {\n  name    = "DenyLeaveOrganization"\n  type    = "SERVICE_CONTROL_POLICY"\n  content = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "DenyLeaveOrganization", Effect = "Deny", Action = ["organizations:LeaveOrganization"], Resource = "*" }] })\n}\n\nresource "aws_organizations_policy_attachment" "deny_leave_root" {\n  policy_id = aws_organizations_policy.deny_leave.id\n  target_id = "<r-xxxx>"\n}',
    },
    references: [
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html',
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_remove.html',
    ],
    compliance: { cisAws3: [], prowler: [], sources: ['002'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.structure'],
  },
  defaultOptions: defaultScpScopeOptions,
  evaluate(ctx) {
    return forEachMemberAccount(ctx, `a deny on ${ACTION}`, (member) => {
      const coverage = scpDeniesAction(member.scps, ACTION, { allowedExemptionPrincipalPatterns: ctx.options.allowedExemptionPrincipalPatterns });
      const evidence = {
        ouPath: member.ouPath,
        scps: member.scps.map((s) => s.name),
        via: coverage.via,
        gaps: coverage.gaps,
        ...(member.unparsed.length > 0 ? { unparsedScps: member.unparsed.map((u) => u.name) } : {}),
      };
      // A Deny found in a parsed SCP cannot be undone by another SCP, so an unreadable one only blocks a failure.
      if (coverage.covered) {
        const via = coverage.via.map((v) => `"${v.name}"${v.sid ? ` (${v.sid})` : ''}`).join(', ');
        return ctx.pass(member.resource, `account ${member.resource.id} cannot leave the organization: ${ACTION} denied by ${via}`, { evidence });
      }
      if (member.unparsed.length > 0) return unparsedScpError(ctx, member);
      const gaps = coverage.gaps.length > 0 ? `; near misses: ${coverage.gaps.join(' | ')}` : '';
      return ctx.fail(member.resource, `no SCP reaching account ${member.resource.id} denies ${ACTION}, so the account can leave the organization and shed its guardrails${gaps}`, {
        evidence,
      });
    });
  },
});
