// scp-protect-cloudtrail: an SCP keeps member accounts from stopping, deleting or narrowing CloudTrail (controls.md 1.C, T4).
import { defineCheck } from '../define.ts';
import { actionSetCoverage, refs } from './scp-actions.ts';
import { defaultScpScopeOptions, forEachMemberAccount, unparsedScpError, type ScpScopeOptions } from './scp-scope.ts';

export const T4_REQUIRED = ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors'] as const;
export const T4_RECOMMENDED = ['cloudtrail:PutInsightSelectors', 'cloudtrail:DeleteEventDataStore', 'cloudtrail:StopEventDataStoreIngestion'] as const;

const T4 = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'ProtectCloudTrail', Effect: 'Deny', Action: [...T4_REQUIRED, ...T4_RECOMMENDED], Resource: '*' }],
};

export default defineCheck<ScpScopeOptions>({
  meta: {
    id: 'scp-protect-cloudtrail',
    title: 'SCP prevents disabling or altering CloudTrail',
    severity: 'high',
    scope: 'org',
    resourceType: 'AwsAccount',
    rationale:
      'Stopping or narrowing a trail is the first thing an intruder does to work unseen; an SCP denying it binds every principal of the member account, admins included.',
    remediation: {
      text: 'Attach an SCP denying cloudtrail:StopLogging, DeleteTrail, UpdateTrail and PutEventSelectors (template T4, with the recommended extras) to the root or every top-level OU except the Exception OU.',
      cli: `aws organizations create-policy --type SERVICE_CONTROL_POLICY --name ProtectCloudTrail --description "Members cannot stop or alter CloudTrail" --content '${JSON.stringify(T4)}'\naws organizations attach-policy --policy-id <p-xxxx> --target-id <r-xxxx>`,
      terraform: `resource "aws_organizations_policy" "protect_cloudtrail" {\n  name    = "ProtectCloudTrail"\n  type    = "SERVICE_CONTROL_POLICY"\n  content = jsonencode(${JSON.stringify(T4)})\n}`,
    },
    references: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html'],
    compliance: { cisAws3: [], prowler: [], sources: ['000', '002'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.structure'],
  },
  defaultOptions: defaultScpScopeOptions,
  evaluate(ctx) {
    return forEachMemberAccount(ctx, 'a deny on CloudTrail changes', (member) => {
      const c = actionSetCoverage(member.scps, T4_REQUIRED, ctx.options.allowedExemptionPrincipalPatterns);
      const extras = actionSetCoverage(member.scps, T4_RECOMMENDED, ctx.options.allowedExemptionPrincipalPatterns);
      const evidence = { ouPath: member.ouPath, scps: member.scps.map((s) => s.name), denied: c.denied, open: c.open, recommendedOpen: extras.open, gaps: c.gaps };
      const id = member.resource.id;
      if (c.open.length === 0) {
        const note = extras.open.length > 0 ? `; recommended but open: ${extras.open.join(', ')}` : '';
        return ctx.pass(member.resource, `account ${id} cannot stop or alter CloudTrail: denied by ${refs(c.via)}${note}`, { evidence });
      }
      if (member.unparsed.length > 0) return unparsedScpError(ctx, member);
      const gaps = c.gaps.length > 0 ? `; near misses: ${c.gaps.join(' | ')}` : '';
      return ctx.fail(member.resource, `no SCP reaching account ${id} denies ${c.open.join(', ')}, so its admins can blind CloudTrail${gaps}`, { evidence });
    });
  },
});
