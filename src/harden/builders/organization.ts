// Organization guardrails (controls.md §2 and §4.1 item 1): the SCP policy type, the OU layout, the member
// guardrail SCPs T1/T2/T4/T5/T6 (+T3 when opted in) packed into few documents, and T7 on the Suspended OU.
// Attachment follows the Exception OU rule: on the root when there is no Exception OU, else on every top-level OU
// except it (and on accounts that sit directly under the root).
import { makeContext } from '../../checks/engine.ts';
import { defaultScpScopeOptions, forEachMemberAccount, organizationEvaluator, scpPolicyTypeEnabled, type MemberScope } from '../../checks/org/scp-scope.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { Organization, OrgStructure } from '../../services/organizations/schema.ts';
import { scpDeniesAction, scpDeniesRootUser } from '../../policy/index.ts';
import { SCP_TYPE, scpDocumentsOn } from '../org-scps.ts';
import { exemptPrincipals, type Baseline } from '../baseline.ts';
import { emptyOutput, makeAction, type BuildOutput, type PlanContext } from '../plan-context.ts';
import { denyingStatement } from '../scp-eval.ts';
import { packStatements, perTargetProblem, ScpPackingError } from '../scp-packing.ts';
import {
  memberGuardrailTemplates,
  t3DenyOutsideRegions,
  t7SuspendedDenyAll,
  type ScpTemplate,
  type TemplateId,
} from '../scp-templates.ts';

/** Check ids each template satisfies (some are not implemented yet; the mapping is ready for them). */
export const TEMPLATE_CHECKS: Record<TemplateId, string[]> = {
  T1: ['scp-deny-leave-org'],
  T2: ['scp-deny-root'],
  T3: ['scp-region-deny'],
  T4: ['scp-protect-cloudtrail'],
  T5: ['scp-protect-security-services'],
  T6: ['scp-protect-account-defaults'],
  T7: ['scp-suspended-ou'],
};

/** The minimum actions of each deny-list template, as the scp-* checks of controls.md §1.C test them. */
const REQUIRED_DENIES: Partial<Record<TemplateId, string[]>> = {
  T1: ['organizations:LeaveOrganization'],
  T4: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors'],
  T5: ['guardduty:DeleteDetector', 'securityhub:DisableSecurityHub', 'config:StopConfigurationRecorder', 'access-analyzer:DeleteAnalyzer'],
  T6: ['s3:PutAccountPublicAccessBlock', 'ec2:DisableEbsEncryptionByDefault', 'ec2:DisableSnapshotBlockPublicAccess'],
};

/** A principal no exemption lists: what "an ordinary user of the member account" looks like to an SCP. */
const ORDINARY_PRINCIPAL = 'arn:aws:iam::000000000000:role/rampart-probe-ordinary-user';

export interface OrgView {
  evaluator: AccountSnapshot;
  organization: Organization;
  structure: OrgStructure;
  rootId: string;
}

/** The organization as the management account (or delegated admin) recorded it, if any scanned account could. */
export function orgView(ctx: PlanContext): OrgView | { blocked: string } | undefined {
  const withOrg = ctx.snapshot.accounts.find((a) => a.organizations.organization.ok && a.organizations.organization.value !== null);
  if (!withOrg || !withOrg.organizations.organization.ok) return undefined;
  const organization = withOrg.organizations.organization.value!;
  const evaluatorId = organizationEvaluator(ctx.snapshot, organization.id);
  const evaluator = ctx.snapshot.accounts.find((a) => a.accountId === evaluatorId);
  const structure = evaluator?.organizations.structure;
  if (!evaluator || !structure?.ok || structure.value === null) {
    return { blocked: `the structure of organization ${organization.id} was not readable: scan from the management account ${organization.managementAccountId} to plan SCPs and OUs` };
  }
  const rootId = structure.value.roots[0]?.id;
  if (!rootId) return { blocked: `organization ${organization.id} has no root in the snapshot` };
  return { evaluator, organization, structure: structure.value, rootId };
}

interface Target {
  type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
  /** null for an OU the plan creates: apply looks it up by name under the root. */
  id: string | null;
  name: string;
  /** SCPs attached today (a new OU comes with FullAWSAccess). */
  existing: number;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function attachedCount(structure: OrgStructure, targetId: string): number {
  return structure.policies.filter((p) => p.type === SCP_TYPE && p.targets.some((t) => t.targetId === targetId)).length;
}

/**
 * The SCPs reaching each non-exempt member. With no member yet, a new account placed under the root stands in,
 * so guardrails already on the root are not planned twice.
 */
function memberCoverage(ctx: PlanContext, view: OrgView, b: Baseline): MemberScope[] {
  const members: MemberScope[] = [];
  const options = { ...defaultScpScopeOptions, exceptionOuNames: [b.organization.exceptionOu], allowedExemptionPrincipalPatterns: exemptPrincipals(b) };
  forEachMemberAccount(makeContext(ctx.snapshot, view.evaluator, options), 'guardrails', (m) => {
    members.push(m);
    return { status: 'pass', resource: m.resource, message: '' };
  });
  if (members.length > 0) return members;
  return [{ resource: { type: 'AwsAccount', id: 'new-account' }, ouPath: [], scps: scpDocumentsOn(view.structure, new Set([view.rootId])), unparsed: [] }];
}

/** Whether every member already has the template's effect, judged with src/policy as the checks judge it. */
function templateInPlace(t: ScpTemplate, members: MemberScope[], b: Baseline): boolean {
  const opts = { allowedExemptionPrincipalPatterns: exemptPrincipals(b) };
  return members.every((m) => {
    if (t.id === 'T2') return scpDeniesRootUser(m.scps, opts).coverage === 'full';
    if (t.id === 'T3') {
      const outside = ['ap-southeast-3', 'me-central-1', 'sa-east-1'].find((r) => !(b.regions.allowed ?? []).includes(r)) ?? 'sa-east-1';
      return denyingStatement(m.scps.map((s) => s.document), { action: 'ec2:RunInstances', principalArn: ORDINARY_PRINCIPAL, region: outside }) !== undefined;
    }
    return (REQUIRED_DENIES[t.id] ?? []).every((a) => scpDeniesAction(m.scps, a, opts).covered);
  });
}

function scpAction(view: OrgView, name: string, content: string, templates: TemplateId[], targets: Target[], dependsOn: string[], description: string) {
  const createCall = { service: 'organizations', operation: 'CreatePolicy', params: { Name: name, Description: description, Type: SCP_TYPE, Content: content } };
  const attachCalls = targets.map((t) => ({
    service: 'organizations',
    operation: 'AttachPolicy',
    params: { PolicyId: { $output: [0, ['Policy', 'PolicySummary', 'Id']] }, TargetId: t.id ?? { $ouId: { name: t.name, parentId: view.rootId } } },
  }));
  return makeAction({
    kind: 'org.scp',
    target: name,
    title: `Create SCP ${name} (${templates.join(', ')}) and attach it to ${targets.map((t) => t.name).join(', ')}`,
    accountId: view.organization.managementAccountId,
    region: null,
    checkIds: templates.flatMap((t) => TEMPLATE_CHECKS[t]),
    calls: [createCall, ...attachCalls],
    permissions: ['organizations:CreatePolicy', 'organizations:AttachPolicy', 'organizations:ListPolicies', 'organizations:DescribePolicy', 'organizations:ListTargetsForPolicy', 'organizations:DetachPolicy', 'organizations:DeletePolicy'],
    before: { exists: false },
    after: { exists: true, targets: targets.map((t) => t.name) },
    preconditions: [`no other SCP named ${name} with different content exists`, 'every target still exists and has room for one more SCP'],
    rollback: { possible: true, how: `DetachPolicy from every target, then DeletePolicy ${name}` },
    dependsOn,
    details: { name, content, templates, targets: targets.map((t) => ({ type: t.type, id: t.id, name: t.name })) },
    notes: ['SCPs never restrict the management account: protect it by other means (few users, MFA, no workloads)'],
  });
}

export function organizationBuilder(ctx: PlanContext): BuildOutput {
  const out = emptyOutput();
  const found = orgView(ctx);
  if (found === undefined) return out;
  if ('blocked' in found) {
    out.blocked.push({ what: 'organization guardrails (SCPs, OUs)', reason: found.blocked });
    return out;
  }
  const view = found;
  const b = ctx.baseline;
  const mgmt = view.organization.managementAccountId;
  if (view.organization.featureSet !== 'ALL') {
    out.manual.push({
      checkId: 'org-exists',
      accountId: mgmt,
      title: 'Enable all features in the organization',
      instructions: 'SCPs need the ALL feature set. EnableAllFeatures asks every member account to approve a handshake and cannot be undone; start it from the Organizations console of the management account, then plan again.',
      findings: [],
    });
    return out;
  }

  const dependsOnScp: string[] = [];
  if (scpPolicyTypeEnabled(view.structure) !== true) {
    const a = makeAction({
      kind: 'org.enable-scp-type',
      target: view.rootId,
      title: `Enable the SERVICE_CONTROL_POLICY policy type on root ${view.rootId}`,
      accountId: mgmt,
      region: null,
      checkIds: ['scp-enabled'],
      calls: [{ service: 'organizations', operation: 'EnablePolicyType', params: { RootId: view.rootId, PolicyType: SCP_TYPE } }],
      permissions: ['organizations:EnablePolicyType', 'organizations:ListRoots', 'organizations:DisablePolicyType'],
      before: { enabled: false },
      after: { enabled: true },
      rollback: { possible: true, how: 'DisablePolicyType (detaches every SCP of the organization: only when nothing else uses them)' },
      notes: ['AWS attaches FullAWSAccess to the root and every OU and account, so nothing is denied until other SCPs are attached'],
    });
    out.actions.push(a);
    dependsOnScp.push(a.id);
  }

  // OU layout: create the missing top-level OUs; account moves stay manual.
  const topLevel = view.structure.organizationalUnits.filter((ou) => ou.parentId === view.rootId);
  const planned = new Map<string, string>();
  for (const name of b.organization.ous) {
    if (topLevel.some((ou) => sameName(ou.name, name))) continue;
    const a = makeAction({
      kind: 'org.create-ou',
      target: name,
      title: `Create the top-level OU ${name}`,
      accountId: mgmt,
      region: null,
      checkIds: ['org-ou-structure'],
      calls: [{ service: 'organizations', operation: 'CreateOrganizationalUnit', params: { ParentId: view.rootId, Name: name } }],
      permissions: ['organizations:CreateOrganizationalUnit', 'organizations:ListOrganizationalUnitsForParent', 'organizations:DeleteOrganizationalUnit'],
      before: { exists: false },
      after: { exists: true },
      rollback: { possible: true, how: 'DeleteOrganizationalUnit (only while it is still empty)' },
      details: { name, parentId: view.rootId },
    });
    out.actions.push(a);
    planned.set(name.toLowerCase(), a.id);
  }
  const underRoot = view.structure.accounts.filter((a) => a.parentId === view.rootId && a.id !== mgmt && a.status === 'ACTIVE');
  for (const acct of underRoot) {
    out.manual.push({
      checkId: 'org-ou-structure',
      accountId: acct.id,
      title: `Move account ${acct.id} (${acct.name}) out of the root into an OU`,
      instructions: `Account moves stay manual (they change which SCPs apply at once): aws organizations move-account --account-id ${acct.id} --source-parent-id ${view.rootId} --destination-parent-id <ou-id of Workloads, Security, …>`,
      findings: [],
    });
  }
  for (const [role, id] of [['Log Archive', b.organization.logArchiveAccount], ['Security Audit', b.organization.securityAuditAccount]] as const) {
    if (id === undefined) {
      out.manual.push({
        checkId: 'org-core-accounts',
        accountId: null,
        title: `Create a dedicated ${role} account in the Security OU`,
        instructions: `Create it with a team e-mail alias (aws organizations create-account --email aws-${role.toLowerCase().replace(' ', '-')}@example.com --account-name ${role.replace(' ', '')}), move it to the Security OU, and name it under organization.${role === 'Log Archive' ? 'logArchiveAccount' : 'securityAuditAccount'} in the baseline.`,
        findings: [],
      });
    }
  }

  const ouTarget = (name: string): Target | undefined => {
    const existing = topLevel.find((ou) => sameName(ou.name, name));
    if (existing) return { type: 'ORGANIZATIONAL_UNIT', id: existing.id, name: existing.name, existing: attachedCount(view.structure, existing.id) };
    if (planned.has(name.toLowerCase())) return { type: 'ORGANIZATIONAL_UNIT', id: null, name, existing: 1 };
    return undefined;
  };
  const dependsOn = (targets: Target[]) => [
    ...dependsOnScp,
    ...targets.filter((t) => t.id === null).map((t) => planned.get(t.name.toLowerCase())!),
  ];

  // Member guardrails, on everything but the Exception OU.
  const exception = ouTarget(b.organization.exceptionOu);
  const memberTargets: Target[] = exception
    ? [
        ...[...topLevel.map((ou) => ou.name), ...b.organization.ous]
          .filter((n, i, all) => all.findIndex((m) => sameName(m, n)) === i && !sameName(n, b.organization.exceptionOu))
          .map((n) => ouTarget(n)!)
          .filter(Boolean),
        ...underRoot.map((a): Target => ({ type: 'ACCOUNT', id: a.id, name: `account ${a.id} (${a.name})`, existing: attachedCount(view.structure, a.id) })),
      ]
    : [{ type: 'ROOT', id: view.rootId, name: `root ${view.rootId}`, existing: attachedCount(view.structure, view.rootId) }];
  const members = memberCoverage(ctx, view, b);
  const wanted = [...memberGuardrailTemplates(b), ...(b.scp.regionDeny ? [t3DenyOutsideRegions(b)] : [])];
  const needed = wanted.filter((t) => !templateInPlace(t, members, b));
  if (needed.length > 0) {
    try {
      const packs = packStatements(needed.flatMap((t) => t.statements));
      const problems = memberTargets.map((t) => perTargetProblem(t.name, t.existing, packs.length)).filter((p): p is string => p !== undefined);
      if (problems.length > 0) {
        out.blocked.push({ what: `member guardrail SCPs (${needed.map((t) => t.id).join(', ')})`, reason: problems.join('; ') });
      } else {
        packs.forEach((p, i) => {
          const templates = needed.filter((t) => t.statements.some((s) => p.statements.includes(s))).map((t) => t.id);
          const name = `Rampart-Guardrails-${i + 1}`;
          out.actions.push(scpAction(view, name, p.content, templates, memberTargets, dependsOn(memberTargets), `Rampart member guardrails: ${templates.join(', ')}`));
        });
      }
    } catch (e) {
      if (!(e instanceof ScpPackingError)) throw e;
      out.blocked.push({ what: 'member guardrail SCPs', reason: e.message });
    }
  }

  // T7 only ever goes on the Suspended OU.
  if (b.scp.suspendedOuDenyAll) {
    const suspended = ouTarget(b.organization.suspendedOu);
    if (!suspended) {
      out.warnings.push(`T7 (Suspended OU deny-all) not planned: there is no top-level OU named ${b.organization.suspendedOu} and the baseline does not create one`);
    } else if (!suspendedLocked(view, suspended)) {
      const t7 = t7SuspendedDenyAll(b);
      const [pack] = packStatements(t7.statements);
      const problem = perTargetProblem(suspended.name, suspended.existing, 1);
      if (problem) out.blocked.push({ what: 'T7 on the Suspended OU', reason: problem });
      else out.actions.push(scpAction(view, 'Rampart-SuspendedDenyAll', pack!.content, ['T7'], [suspended], dependsOn([suspended]), 'Rampart T7: suspended accounts can only reach billing and support'));
    }
  }
  return out;
}

function suspendedLocked(view: OrgView, suspended: Target): boolean {
  if (suspended.id === null) return false;
  const docs = scpDocumentsOn(view.structure, new Set([suspended.id, view.rootId])).map((d) => d.document);
  return denyingStatement(docs, { action: 's3:GetObject', principalArn: ORDINARY_PRINCIPAL, region: 'us-east-1' }) !== undefined;
}
