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

const CREATE_OU = 'aws organizations create-organizational-unit --parent-id <r-xxxx> --name Security';
// <account-to-move> is the reader's: the message names the accounts under the root
const MOVE_ACCOUNT = 'aws organizations move-account --account-id <account-to-move> --source-parent-id <r-xxxx> --destination-parent-id <ou-xxxx>';

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
      cli: CREATE_OU,
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
    // one result about the organization (a misplaced account is a fact of the layout, not of that account's settings)
    const underRoot = structure.accounts.filter((a) => a.parentId === root.id && a.id !== organization.managementAccountId && a.status === 'ACTIVE');
    const evidence = {
      organizationalUnits: structure.organizationalUnits.map((ou) => ou.name).sort(),
      missingRequired,
      missingSpecial,
      accountsUnderRoot: underRoot.map((a) => a.id),
    };
    const problems = [
      ...(missingRequired.length > 0 ? [`lacks the baseline OU(s) ${missingRequired.join(', ')}`] : []),
      ...(underRoot.length > 0 ? [`has ${underRoot.map((a) => `${a.id} (${a.name})`).join(', ')} directly under the root, where only root-level policies reach them`] : []),
    ];
    const results: CheckResult[] = [];
    if (problems.length > 0) {
      const move = underRoot.length > 0 ? { remediation: { cli: `${CREATE_OU}\n${MOVE_ACCOUNT}` } } : {};
      results.push(ctx.fail(resource, `organization ${organization.id} ${problems.join('; ')}`, { evidence, remediationValues: { 'r-xxxx': root.id }, ...move }));
    } else if (missingSpecial.length > 0) {
      results.push(ctx.warn(resource, `organization ${organization.id} has the baseline OUs but no ${missingSpecial.join(', ')} OU`, { evidence }));
    } else {
      results.push(ctx.pass(resource, `organization ${organization.id} has the baseline and special-case OUs, and no member account under the root`, { evidence }));
    }
    return results;
  },
});
