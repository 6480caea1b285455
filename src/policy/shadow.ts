// Decides whether an Allow's public reach is removed by Deny statements in the same resource policy.
// Conservative: only a Deny that provably leaves nobody outside a fixed set of callers with the access — and whose
// actions and resources provably contain the Allow's — counts; anything less might leave a public request allowed.
import { actionMatches, actionPatternCovers, literalService, patternCoversAllActions } from './actions.ts';
import { conditionEntries } from './conditions.ts';
import { globCovers, hasWildcard } from './glob.ts';
import type { PolicyDocument, PolicyStatement } from './parse.ts';
import { classifyPrincipal, isFixedPrincipal, principalIsEveryone } from './principals.ts';
import { isNarrowingDenyEntry } from './public-conditions.ts';

/**
 * Deny statements after which only callers inside a fixed set (or nobody) keep what they cover, on `Resource`
 * (not `NotResource`):
 * - Principal "*" with no condition: removes the access from everyone;
 * - Principal "*" whose every condition entry is a narrowing one (`StringNotEquals aws:PrincipalOrgID o-…`): the
 *   Deny applies unless the caller is inside the set, and because entries are ANDed, every one must narrow;
 * - NotPrincipal naming only fixed principals, with no condition or only narrowing ones: everyone else is denied.
 */
export function publicAccessDenies(doc: PolicyDocument): PolicyStatement[] {
  return doc.statements.filter((st) => {
    if (st.effect !== 'Deny' || st.notResource !== undefined || st.resource === undefined) return false;
    if (!conditionEntries(st).every(isNarrowingDenyEntry)) return false;
    if (st.notPrincipal !== undefined) return classifyPrincipal(st.notPrincipal).every(isFixedPrincipal);
    return principalIsEveryone(st);
  });
}

/** True when one of the denies removes every action the Allow's pattern grants, on every resource it grants. */
export function actionShadowed(pattern: string, allow: PolicyStatement, denies: PolicyStatement[]): boolean {
  return denies.some((d) => resourcesCovered(allow, d) && denyCoversPattern(d, pattern));
}

/**
 * An Allow written with NotAction grants "everything except…"; a Deny shadows it only if it leaves nothing of that
 * allowed. With `service` (the resource's service), only that service's actions can apply, so a Deny of `s3:*` is enough.
 */
export function notActionAllowShadowed(allow: PolicyStatement, denies: PolicyStatement[], service?: string): boolean {
  const excluded = allow.notAction ?? [];
  return denies.some((d) => {
    if (!resourcesCovered(allow, d)) return false;
    if (d.action !== undefined) return d.action.some((p) => patternCoversAllActions(p) || (service !== undefined && actionPatternCovers(p, `${service}:*`)));
    // Deny NotAction [X…] leaves X… allowed; fine only if the Allow did not grant X… in the first place.
    // (or, with `service`, names another service's actions, which cannot apply to this resource).
    return (d.notAction ?? []).every((n) => excluded.some((e) => actionPatternCovers(e, n)) || otherService(n, service));
  });
}

function denyCoversPattern(deny: PolicyStatement, pattern: string): boolean {
  if (deny.action !== undefined) return deny.action.some((q) => actionPatternCovers(q, pattern));
  const kept = deny.notAction ?? [];
  if (!hasWildcard(pattern)) return !kept.some((n) => actionMatches(n, pattern));
  // A wildcard Allow is covered by a NotAction Deny only when no excluded pattern can overlap it,
  // which we can prove when both name different literal services (`s3:Get*` vs `iam:*`).
  const service = literalService(pattern);
  return service !== undefined && kept.every((n) => {
    const other = literalService(n);
    return other !== undefined && other !== service;
  });
}

function otherService(pattern: string, service: string | undefined): boolean {
  const prefix = literalService(pattern);
  return service !== undefined && prefix !== undefined && prefix !== service.toLowerCase();
}

// ARNs are case-sensitive, so resources are compared case-sensitively.
function resourcesCovered(allow: PolicyStatement, deny: PolicyStatement): boolean {
  const denied = deny.resource ?? [];
  if (denied.some((r) => /^\*+$/.test(r))) return true;
  if (allow.resource === undefined) return false;
  return allow.resource.every((a) => denied.some((d) => globCovers(d, a, false)));
}
