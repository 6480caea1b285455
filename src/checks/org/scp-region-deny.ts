// scp-region-deny: an SCP denies requests outside the approved Regions, with a NotAction list of global services
// (controls.md 1.C, T3). Only the Deny + StringNotEquals aws:RequestedRegion form is recognised; an allow-list
// written as Allow + StringEquals at every level is not (it reports as a failure naming what was looked for).
import { actionPatternCovers, conditionEntries, exemptionProblem, scopeProblems, type ScpDocument } from '../../policy/index.ts';
import { defineCheck } from '../define.ts';
import { defaultScpScopeOptions, forEachMemberAccount, unparsedScpError, type ScpScopeOptions } from './scp-scope.ts';

/** Template T3's NotAction list (seed 002, verbatim). */
export const T3_NOT_ACTION = [
  'a4b:*', 'acm:*', 'aws-marketplace-management:*', 'aws-marketplace:*', 'aws-portal:*', 'budgets:*', 'ce:*', 'chime:*', 'cloudfront:*',
  'config:*', 'cur:*', 'directconnect:*', 'ec2:DescribeRegions', 'ec2:DescribeTransitGateways', 'ec2:DescribeVpnGateways', 'fms:*',
  'globalaccelerator:*', 'health:*', 'iam:*', 'importexport:*', 'kms:*', 'mobileanalytics:*', 'networkmanager:*', 'organizations:*',
  'pricing:*', 'route53:*', 'route53domains:*', 'route53-recovery-cluster:*', 'route53-recovery-control-config:*',
  'route53-recovery-readiness:*', 's3:GetAccountPublic*', 's3:ListAllMyBuckets', 's3:ListMultiRegionAccessPoints', 's3:PutAccountPublic*',
  'shield:*', 'sts:*', 'support:*', 'trustedadvisor:*', 'waf-regional:*', 'waf:*', 'wafv2:*', 'wellarchitected:*',
];

export interface RegionDenyOptions extends ScpScopeOptions {
  /** Regions the organization approves; the SCP's allowed list must be within them. Empty: any list the SCP sets is accepted. */
  allowedRegions: string[];
}

interface RegionDeny {
  scp: string;
  sid: string | undefined;
  allowed: string[];
  missingGlobal: string[];
}

const REGION_KEY = 'aws:requestedregion';

function regionDenies(scps: ScpDocument[], exemptions: string[]): { denies: RegionDeny[]; nearMisses: string[] } {
  const denies: RegionDeny[] = [];
  const nearMisses: string[] = [];
  for (const scp of scps) {
    scp.document.statements.forEach((st, i) => {
      if (st.effect !== 'Deny') return;
      const entries = conditionEntries(st);
      const region = entries.find((e) => e.key.toLowerCase() === REGION_KEY && e.base === 'stringnotequals' && e.set === undefined && !e.ifExists);
      if (region === undefined) return;
      const where = `SCP "${scp.name}" (${scp.policyId}) statement ${st.sid ?? `#${i}`}`;
      const problems = [...scopeProblems(st), ...entries.filter((e) => e !== region).flatMap((e) => exemptionProblem(e, exemptions) ?? [])];
      if (st.notAction === undefined) problems.push('uses Action instead of a NotAction list of global services');
      if (problems.length > 0) {
        nearMisses.push(`${where}: ${problems.join('; ')}`);
        return;
      }
      const notAction = st.notAction ?? [];
      const missingGlobal = T3_NOT_ACTION.filter((g) => !notAction.some((n) => actionPatternCovers(n, g)));
      denies.push({ scp: scp.name, sid: st.sid, allowed: [...region.values].sort(), missingGlobal });
    });
  }
  return { denies, nearMisses };
}

export default defineCheck<RegionDenyOptions>({
  meta: {
    id: 'scp-region-deny',
    title: 'SCP denies unapproved Regions with a global-service NotAction list',
    severity: 'medium',
    scope: 'org',
    resourceType: 'AwsAccount',
    rationale:
      'Regions nobody uses are where crypto-mining and hidden resources go unnoticed; denying them with an SCP removes that space for every principal of the member account while global services keep working.',
    remediation: {
      text: 'Attach an SCP that denies every action outside the approved Regions (Condition StringNotEquals aws:RequestedRegion) with the template T3 NotAction list of global services, to the root or every top-level OU except the Exception OU. Keep the IAM Identity Center home Region in the list and exempt the security automation role if it must reach every Region.',
      cli: 'aws organizations create-policy --type SERVICE_CONTROL_POLICY --name DenyAllOutsideRegions --description "Deny unapproved Regions" --content file://deny-regions.json\naws organizations attach-policy --policy-id <p-xxxx> --target-id <r-xxxx>',
    },
    references: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region'],
    compliance: { cisAws3: [], prowler: ['organizations_scp_check_deny_regions'], sources: ['001', '002'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.structure'],
  },
  defaultOptions: { ...defaultScpScopeOptions, allowedRegions: [] },
  evaluate(ctx) {
    const approved = ctx.options.allowedRegions;
    return forEachMemberAccount(ctx, 'a Region deny', (member) => {
      const { denies, nearMisses } = regionDenies(member.scps, ctx.options.allowedExemptionPrincipalPatterns);
      const id = member.resource.id;
      const within = denies.filter((d) => approved.length === 0 || d.allowed.every((r) => approved.includes(r)));
      const evidence = {
        ouPath: member.ouPath,
        scps: member.scps.map((s) => s.name),
        regionDenies: denies,
        approvedRegions: approved,
        nearMisses,
      };
      const label = (d: RegionDeny) => `"${d.scp}"${d.sid ? ` (${d.sid})` : ''}`;
      // Any qualifying deny keeps the account in its Regions; judge the NotAction list of the closest to the template.
      const best = within.sort((a, b) => a.missingGlobal.length - b.missingGlobal.length)[0];
      if (best !== undefined) {
        if (best.missingGlobal.length === 0) {
          return ctx.pass(member.resource, `account ${id} is limited to ${best.allowed.join(', ')} by ${label(best)}`, { evidence });
        }
        return ctx.warn(
          member.resource,
          `account ${id} is limited to ${best.allowed.join(', ')} by ${label(best)}, but its NotAction list lacks template entries ${best.missingGlobal.join(', ')}, so those global services are blocked too`,
          { evidence },
        );
      }
      if (member.unparsed.length > 0) return unparsedScpError(ctx, member);
      const wider = denies.map((d) => `${label(d)} allows ${d.allowed.filter((r) => !approved.includes(r)).join(', ')} beyond the approved ${approved.join(', ')}`);
      const why = [...wider, ...nearMisses.map((n) => `near miss: ${n}`)];
      return ctx.fail(member.resource, `no SCP reaching account ${id} denies requests outside the approved Regions${why.length > 0 ? `: ${why.join(' | ')}` : ''}`, { evidence });
    });
  },
});
