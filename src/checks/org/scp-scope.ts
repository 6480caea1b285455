// Shared by the organization checks (not a check itself): which scanned account evaluates the organization, and,
// for the scp-* checks, the SCPs that reach each member account (controls.md 1.C "SCP evaluation rule").
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { Snapshot } from '../../inventory/snapshot.ts';
import type { Organization, OrgStructure } from '../../services/organizations/schema.ts';
import { parsePolicy, PolicyParseError, type ScpDocument } from '../../policy/index.ts';
import { requireData, type CheckContext } from '../define.ts';

export type OrgAccess =
  | { kind: 'evaluate'; organization: Organization; structure: OrgStructure }
  /** Nothing to evaluate from this account; `results` says why (possibly nothing, when another account covers it). */
  | { kind: 'done'; results: CheckResult[] };

/**
 * The scanned account whose run evaluates organization `orgId`: the management account when its structure was
 * collected, else the first account that could read it (a delegated administrator). Undefined when none could.
 */
export function organizationEvaluator(snapshot: Snapshot, orgId: string): string | undefined {
  const readers = snapshot.accounts.filter(
    (a) => a.organizations.organization.ok && a.organizations.organization.value?.id === orgId && a.organizations.structure.ok && a.organizations.structure.value !== null,
  );
  const management = readers.find((a) => a.organizations.organization.ok && a.organizations.organization.value?.managementAccountId === a.accountId);
  return (management ?? readers[0])?.accountId;
}

/**
 * Decide whether this account's run evaluates the organization. In an organization-wide scan the member accounts
 * cannot read the structure (AWS allows it only to the management account and delegated administrators); their
 * runs then report nothing, because the management account's run already judges every member. Only when no
 * scanned account could read the structure is that an error, telling the user where to scan from.
 */
export function organizationAccess<O>(ctx: CheckContext<O>): OrgAccess {
  const self = ctx.accountResource();
  const org = requireData(ctx, ctx.account.organizations.organization, self, 'the organization (DescribeOrganization)');
  if (!org.ok) return { kind: 'done', results: [org.result] };
  if (org.value === null) {
    return { kind: 'done', results: [ctx.notApplicable(self, `account ${self.id} is not in an AWS Organization; see org-exists`)] };
  }
  const organization = org.value;
  const evaluator = organizationEvaluator(ctx.snapshot, organization.id);
  if (evaluator !== undefined && evaluator !== ctx.account.accountId) return { kind: 'done', results: [] };
  const structure = ctx.account.organizations.structure;
  if (structure.ok && structure.value !== null) return { kind: 'evaluate', organization, structure: structure.value };
  const cause: CollectError = structure.ok
    ? { code: 'ParseError', operation: 'organizations:ListRoots', message: `account is in organization ${organization.id} but no structure was recorded` }
    : structure.error;
  return {
    kind: 'done',
    results: [
      ctx.error(
        self,
        cause,
        `cannot read the structure of organization ${organization.id} from account ${self.id}; scan from the management account ${organization.managementAccountId} (or a delegated administrator) to evaluate SCPs`,
      ),
    ],
  };
}

export function scpPolicyTypeEnabled(structure: OrgStructure): boolean | undefined {
  const root = structure.roots[0];
  if (root === undefined) return undefined;
  return root.policyTypes.some((t) => t.type === 'SERVICE_CONTROL_POLICY' && t.status === 'ENABLED');
}

export interface ScpScopeOptions {
  /** Accounts anywhere under an OU with one of these names (case-insensitive) are exempt, not failed (seed 002). */
  exceptionOuNames: string[];
  /** `aws:PrincipalArn` values an SCP's exemption condition may list (exact strings); anything else disqualifies the Deny. */
  allowedExemptionPrincipalPatterns: string[];
}

/**
 * The role the management account administers members through. Rampart's own guardrail templates (T3–T7) always
 * exempt it, so that hardening can be applied and rolled back; a Deny exempting exactly that role still counts.
 * Whoever can assume it from the management account could also detach the SCP, so the exemption adds no way out.
 */
export const MEMBER_ACCESS_ROLE_PATTERN = 'arn:aws:iam::*:role/OrganizationAccountAccessRole';

export const defaultScpScopeOptions: ScpScopeOptions = {
  exceptionOuNames: ['Exceptions', 'Exception'],
  allowedExemptionPrincipalPatterns: [MEMBER_ACCESS_ROLE_PATTERN],
};

export interface UnparsedScp {
  policyId: string;
  name: string;
  message: string;
}

/** A live, non-exempt member account and the SCPs that reach it. */
export interface MemberScope {
  resource: ResourceRef;
  /** OU names from the root down to the account's parent. */
  ouPath: string[];
  scps: ScpDocument[];
  unparsed: UnparsedScp[];
  /** The account, the OUs above it and the root: every target whose policies reach the account. */
  targetIds?: string[];
}

const SCP = 'SERVICE_CONTROL_POLICY';

/**
 * Run `judge` for every ACTIVE member account that is not exempt. The management account (never restricted by
 * SCPs), inactive accounts and Exception-OU accounts are not_applicable; where SCPs cannot apply at all
 * (consolidated billing, policy type disabled) every member fails with that cause.
 */
export function forEachMemberAccount<O extends ScpScopeOptions>(
  ctx: CheckContext<O>,
  guardrail: string,
  judge: (member: MemberScope) => CheckResult,
): CheckResult[] {
  const access = organizationAccess(ctx);
  if (access.kind === 'done') return access.results;
  const { organization, structure } = access;
  const root = structure.roots[0];
  if (root === undefined) {
    return [
      ctx.error(ctx.accountResource(), {
        code: 'ParseError',
        operation: 'organizations:ListRoots',
        message: `organization ${organization.id} structure has no root`,
      }),
    ];
  }
  const blocker =
    organization.featureSet !== 'ALL'
      ? `organization ${organization.id} has feature set ${organization.featureSet}, so SCPs are unavailable and nothing enforces ${guardrail}; see org-exists`
      : scpPolicyTypeEnabled(structure) === true
        ? undefined
        : `the SERVICE_CONTROL_POLICY type is not enabled on root ${root.id}, so no SCP enforces ${guardrail}; see scp-enabled`;

  const ous = new Map(structure.organizationalUnits.map((ou) => [ou.id, ou]));
  const exceptionNames = new Set(ctx.options.exceptionOuNames.map((n) => n.toLowerCase()));
  const parsed = new Map<string, ScpDocument | UnparsedScp>();
  const scps = structure.policies.filter((p) => p.type === SCP);
  const parseOnce = (p: (typeof scps)[number]): ScpDocument | UnparsedScp => {
    let hit = parsed.get(p.id);
    if (hit === undefined) {
      try {
        hit = { policyId: p.id, name: p.name, document: parsePolicy(p.content) };
      } catch (e) {
        if (!(e instanceof PolicyParseError)) throw e;
        hit = { policyId: p.id, name: p.name, message: e.message };
      }
      parsed.set(p.id, hit);
    }
    return hit;
  };

  const results: CheckResult[] = [];
  for (const account of structure.accounts) {
    const resource: ResourceRef = { type: 'AwsAccount', id: account.id, arn: account.arn };
    if (account.id === organization.managementAccountId) {
      results.push(ctx.notApplicable(resource, `${account.id} is the management account, which SCPs never restrict; protect it by other means`));
      continue;
    }
    if (account.status !== 'ACTIVE') {
      results.push(ctx.notApplicable(resource, `account ${account.id} (${account.name}) is ${account.status}`));
      continue;
    }
    // Walk parents up to the root: the account, every OU on the way and the root can each carry SCPs.
    const path: Array<{ id: string; name: string }> = [];
    let parentId = account.parentId;
    let broken: string | undefined;
    while (parentId !== root.id) {
      const ou = ous.get(parentId);
      if (ou === undefined || path.some((p) => p.id === parentId)) {
        broken = `parent ${parentId} of account ${account.id} is neither an OU nor the root in the collected structure`;
        break;
      }
      path.unshift({ id: ou.id, name: ou.name });
      parentId = ou.parentId;
    }
    if (broken !== undefined) {
      results.push(ctx.error(resource, { code: 'ParseError', operation: 'organizations:ListParents', message: broken }));
      continue;
    }
    const ouPath = path.map((p) => p.name);
    const exceptionOu = path.find((p) => exceptionNames.has(p.name.toLowerCase()));
    if (exceptionOu !== undefined) {
      results.push(
        ctx.notApplicable(resource, `account ${account.id} (${account.name}) is exempt: it sits under the Exception OU "${exceptionOu.name}"`, {
          evidence: { ouPath, exempt: true },
        }),
      );
      continue;
    }
    if (blocker !== undefined) {
      results.push(ctx.fail(resource, `account ${account.id} (${account.name}): ${blocker}`, { evidence: { ouPath } }));
      continue;
    }
    const targets = new Set([account.id, ...path.map((p) => p.id), root.id]);
    const reaching = scps.filter((p) => p.targets.some((t) => targets.has(t.targetId))).map(parseOnce);
    results.push(
      judge({
        resource,
        ouPath,
        scps: reaching.filter((r): r is ScpDocument => 'document' in r),
        unparsed: reaching.filter((r): r is UnparsedScp => 'message' in r),
        targetIds: [...targets],
      }),
    );
  }
  return results;
}

/** An SCP reaching the account could not be parsed and the parsed ones do not settle the verdict: no pass, no fail. */
export function unparsedScpError<O>(ctx: CheckContext<O>, member: MemberScope): CheckResult {
  const list = member.unparsed.map((u) => `"${u.name}" (${u.policyId}): ${u.message}`).join('; ');
  return ctx.error(member.resource, {
    code: 'ParseError',
    operation: 'organizations:DescribePolicy',
    message: `SCP coverage of account ${member.resource.id} cannot be decided because an attached SCP could not be parsed: ${list}`,
  });
}
