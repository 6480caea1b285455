// org-ou-structure: the OU layout follows the recommended baseline (controls.md 1.C): Security, Infrastructure and
// Workloads OUs (or Prod/Non-Prod), the special-case OUs, and no member account left directly under the root.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { organizationAccess } from './scp-scope.ts';

export interface OuStructureOptions {
  /** Names (case-insensitive) accepted for each required OU. */
  securityOuNames: string[];
  infrastructureOuNames: string[];
  workloadsOuNames: string[];
  /** Special-case OUs; each group is one OU the baseline expects, `|` separating accepted names. A missing one is a WARN. */
  specialOuGroups: string[];
}

export const defaultOuStructureOptions: OuStructureOptions = {
  securityOuNames: ['Security'],
  infrastructureOuNames: ['Infrastructure', 'Infra'],
  workloadsOuNames: ['Workloads', 'Prod', 'Production', 'Non-Prod', 'NonProd', 'Non-Production'],
  specialOuGroups: [
    'Exceptions|Exception',
    'Suspended',
    'Onboarding|Nursery',
    'Sandbox|Sandboxes',
    'Incident-Response|IncidentResponse|Incident Response',
    'Deprovisioning|Transitional|Deprovisioned',
  ],
};

const MOVE_ACCOUNT = 'aws organizations move-account --account-id <member-account-id> --source-parent-id <r-xxxx> --destination-parent-id <ou-xxxx>';

export default defineCheck<OuStructureOptions>({
  meta: {
    id: 'org-ou-structure',
    title: 'OU layout follows the recommended baseline',
    severity: 'low',
    scope: 'org',
    resourceType: 'AwsOrganization',
    rationale:
      'Guardrails attach to OUs: with security, infrastructure and workload accounts in their own OUs (and places for exceptions, suspended and new accounts) each gets the policies it needs, and nothing sits under the root where only root-level policies reach it.',
    remediation: {
      text: 'Create the Security, Infrastructure and Workloads OUs (plus Exceptions, Suspended, Onboarding, Sandbox as needed) under the root and move every member account into one of them.',
      cli: 'aws organizations create-organizational-unit --parent-id <r-xxxx> --name Security',
    },
    references: ['https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/recommended-ous-and-accounts.html'],
    compliance: { cisAws3: [], prowler: [], sources: ['002', '000'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.structure'],
  },
  defaultOptions: defaultOuStructureOptions,
  evaluate(ctx): CheckResult[] {
    const access = organizationAccess(ctx);
    if (access.kind === 'done') return access.results;
    const { organization, structure } = access;
    const resource = { type: 'AwsOrganization', id: organization.id, arn: organization.arn };
    const root = structure.roots[0];
    if (root === undefined) {
      return [ctx.error(resource, { code: 'ParseError', operation: 'organizations:ListRoots', message: `organization ${organization.id} structure has no root` })];
    }
    const names = new Set(structure.organizationalUnits.map((ou) => ou.name.toLowerCase()));
    const has = (accepted: string[]) => accepted.some((n) => names.has(n.toLowerCase()));
    const o = ctx.options;
    const missingRequired = [
      ...(has(o.securityOuNames) ? [] : [o.securityOuNames[0] ?? 'Security']),
      ...(has(o.infrastructureOuNames) ? [] : [o.infrastructureOuNames[0] ?? 'Infrastructure']),
      ...(has(o.workloadsOuNames) ? [] : [o.workloadsOuNames[0] ?? 'Workloads']),
    ];
    const missingSpecial = o.specialOuGroups.filter((g) => !has(g.split('|'))).map((g) => g.split('|')[0] ?? g);
    const underRoot = structure.accounts.filter((a) => a.parentId === root.id && a.id !== organization.managementAccountId);
    const evidence = { organizationalUnits: structure.organizationalUnits.map((ou) => ou.name).sort(), missingRequired, missingSpecial };

    const results: CheckResult[] = [];
    if (missingRequired.length > 0) {
      results.push(ctx.fail(resource, `organization ${organization.id} lacks the baseline OU(s) ${missingRequired.join(', ')}`, { evidence, remediationValues: { 'r-xxxx': root.id } }));
    } else if (missingSpecial.length > 0) {
      results.push(ctx.warn(resource, `organization ${organization.id} has the baseline OUs but no ${missingSpecial.join(', ')} OU`, { evidence }));
    } else {
      results.push(ctx.pass(resource, `organization ${organization.id} has the baseline and special-case OUs`, { evidence }));
    }
    for (const a of underRoot) {
      results.push(
        ctx.fail({ type: 'AwsAccount', id: a.id, arn: a.arn }, `account ${a.id} (${a.name}) sits directly under the root; move it into an OU so OU guardrails reach it`, {
          evidence: { parentId: a.parentId },
          remediation: { cli: MOVE_ACCOUNT },
          remediationValues: { 'r-xxxx': root.id, 'member-account-id': a.id },
        }),
      );
    }
    return results;
  },
});
