// Decides whether an Allow is fully overridden by Deny statements in the same resource policy.
// Conservative: only an unconditional Deny for everyone, whose actions and resources provably contain the
// Allow's, counts — anything less might leave some request allowed, so the Allow stays.
import { actionMatches, actionPatternCovers, literalService, patternCoversAllActions } from './actions.ts';
import { globCovers, hasWildcard } from './glob.ts';
import type { PolicyDocument, PolicyStatement } from './parse.ts';
import { principalIsEveryone } from './principals.ts';

/** Deny statements that apply to every caller, every time: Principal "*", no NotPrincipal, no Condition, no NotResource. */
export function blanketDenies(doc: PolicyDocument): PolicyStatement[] {
  return doc.statements.filter(
    (st) =>
      st.effect === 'Deny' &&
      st.notPrincipal === undefined &&
      principalIsEveryone(st) &&
      Object.keys(st.condition ?? {}).length === 0 &&
      st.notResource === undefined &&
      st.resource !== undefined,
  );
}

/** True when one of the denies removes every action the Allow's pattern grants, on every resource it grants. */
export function actionShadowed(pattern: string, allow: PolicyStatement, denies: PolicyStatement[]): boolean {
  return denies.some((d) => resourcesCovered(allow, d) && denyCoversPattern(d, pattern));
}

/** An Allow written with NotAction grants "everything except…"; a Deny shadows it only if it leaves nothing of that allowed. */
export function notActionAllowShadowed(allow: PolicyStatement, denies: PolicyStatement[]): boolean {
  const excluded = allow.notAction ?? [];
  return denies.some((d) => {
    if (!resourcesCovered(allow, d)) return false;
    if (d.action !== undefined) return d.action.some(patternCoversAllActions);
    // Deny NotAction [X…] leaves X… allowed; fine only if the Allow did not grant X… in the first place.
    return (d.notAction ?? []).every((n) => excluded.some((e) => actionPatternCovers(e, n)));
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

// ARNs are case-sensitive, so resources are compared case-sensitively.
function resourcesCovered(allow: PolicyStatement, deny: PolicyStatement): boolean {
  const denied = deny.resource ?? [];
  if (denied.some((r) => /^\*+$/.test(r))) return true;
  if (allow.resource === undefined) return false;
  return allow.resource.every((a) => denied.some((d) => globCovers(d, a, false)));
}
