// scp-suspended-ou: the Suspended OU carries a deny-all SCP (controls.md 1.C, T7), so an account parked there can do
// nothing but billing and support.
import type { CheckResult } from '../../findings/finding.ts';
import { actionPatternCovers, conditionEntries, exemptionProblem, parsePolicy, patternCoversAllActions, PolicyParseError, scopeProblems } from '../../policy/index.ts';
import { defineCheck } from '../define.ts';
import { defaultScpScopeOptions, organizationAccess, scpPolicyTypeEnabled, type ScpScopeOptions } from './scp-scope.ts';

/** What T7 leaves open (its NotAction list); a deny-all may leave open these and nothing else. */
export const T7_NOT_ACTION = ['support:*', 'ce:*', 'aws-portal:ViewBilling', 'budgets:*'];

export interface SuspendedOuOptions extends ScpScopeOptions {
  suspendedOuNames: string[];
}

const T7 = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyAllSuspended', Effect: 'Deny', NotAction: T7_NOT_ACTION, Resource: '*' }],
};

export default defineCheck<SuspendedOuOptions>({
  meta: {
    id: 'scp-suspended-ou',
    title: 'Suspended OU is locked down',
    severity: 'low',
    scope: 'org',
    resourceType: 'AwsOrganizationsOrganizationalUnit',
    rationale:
      'Accounts waiting for closure or under investigation are parked in the Suspended OU; without a deny-all SCP there, anyone holding their credentials keeps full use of them.',
    remediation: {
      text: 'Attach an SCP that denies everything except support, billing views and budgets (template T7, with the automation/break-glass exemption) to the Suspended OU.',
      cli: `aws organizations create-policy --type SERVICE_CONTROL_POLICY --name DenyAllSuspended --description "Suspended accounts can do nothing" --content '${JSON.stringify(T7)}'\naws organizations attach-policy --policy-id <p-xxxx> --target-id <ou-xxxx>`,
    },
    references: ['https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/suspended-ou.html'],
    compliance: { cisAws3: [], prowler: [], sources: ['002'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.structure'],
  },
  defaultOptions: { ...defaultScpScopeOptions, suspendedOuNames: ['Suspended'] },
  evaluate(ctx): CheckResult[] {
    const access = organizationAccess(ctx);
    if (access.kind === 'done') return access.results;
    const { organization, structure } = access;
    const orgResource = { type: 'AwsOrganization', id: organization.id, arn: organization.arn };
    const root = structure.roots[0];
    if (root === undefined) {
      return [ctx.error(orgResource, { code: 'ParseError', operation: 'organizations:ListRoots', message: `organization ${organization.id} structure has no root` })];
    }
    const names = new Set(ctx.options.suspendedOuNames.map((n) => n.toLowerCase()));
    const suspended = structure.organizationalUnits.filter((ou) => names.has(ou.name.toLowerCase()));
    if (suspended.length === 0) {
      return [ctx.notApplicable(orgResource, `organization ${organization.id} has no ${ctx.options.suspendedOuNames.join('/')} OU; see org-ou-structure`)];
    }
    const ous = new Map(structure.organizationalUnits.map((ou) => [ou.id, ou]));
    const scpsOn = structure.policies.filter((p) => p.type === 'SERVICE_CONTROL_POLICY');
    const exemptions = ctx.options.allowedExemptionPrincipalPatterns;
    return suspended.map((ou) => {
      const resource = { type: 'AwsOrganizationsOrganizationalUnit', id: ou.id, arn: ou.arn };
      const active = structure.accounts.filter((a) => a.parentId === ou.id && a.status === 'ACTIVE').map((a) => a.id);
      const evidence: Record<string, unknown> = { name: ou.name, activeAccounts: active };
      if (organization.featureSet !== 'ALL' || scpPolicyTypeEnabled(structure) !== true) {
        return ctx.fail(resource, `OU ${ou.name} (${ou.id}) cannot be locked down: SCPs are not available or not enabled in organization ${organization.id}; see scp-enabled`, { evidence });
      }
      const targets = new Set([ou.id, root.id]);
      for (let p = ou.parentId; ous.has(p) && !targets.has(p); p = ous.get(p)?.parentId ?? root.id) targets.add(p);
      const unparsed: string[] = [];
      const nearMisses: string[] = [];
      for (const p of scpsOn.filter((x) => x.targets.some((t) => targets.has(t.targetId)))) {
        let doc;
        try {
          doc = parsePolicy(p.content);
        } catch (e) {
          if (!(e instanceof PolicyParseError)) throw e;
          unparsed.push(`"${p.name}" (${p.id}): ${e.message}`);
          continue;
        }
        for (const st of doc.statements) {
          if (st.effect !== 'Deny') continue;
          const problems = [...scopeProblems(st), ...conditionEntries(st).flatMap((e) => exemptionProblem(e, exemptions) ?? [])];
          const leftOpen = st.notAction?.filter((n) => !T7_NOT_ACTION.some((t) => actionPatternCovers(t, n))) ?? [];
          const all = st.action?.some(patternCoversAllActions) === true || (st.notAction !== undefined && leftOpen.length === 0);
          if (!all) {
            if (st.notAction !== undefined) nearMisses.push(`"${p.name}" leaves open ${leftOpen.join(', ')}`);
            continue;
          }
          if (problems.length > 0) {
            nearMisses.push(`"${p.name}": ${problems.join('; ')}`);
            continue;
          }
          evidence.denyAll = p.name;
          return ctx.pass(resource, `OU ${ou.name} (${ou.id}) is locked down by the deny-all SCP "${p.name}" (${p.id})`, { evidence });
        }
      }
      if (unparsed.length > 0) {
        return ctx.error(resource, { code: 'ParseError', operation: 'organizations:DescribePolicy', message: `cannot tell whether OU ${ou.name} is locked down: ${unparsed.join('; ')}` });
      }
      evidence.nearMisses = nearMisses;
      const near = nearMisses.length > 0 ? `; near misses: ${nearMisses.join(' | ')}` : '';
      const parked = active.length > 0 ? ` while ${active.length} active account(s) sit in it` : '';
      return ctx.fail(resource, `OU ${ou.name} (${ou.id}) has no deny-all SCP${parked}${near}`, { evidence, remediationValues: { 'ou-xxxx': ou.id } });
    });
  },
});
