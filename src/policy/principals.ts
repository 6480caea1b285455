// Reads a statement's Principal/NotPrincipal: who it names, and whether that is "everyone".
import { hasWildcard } from './glob.ts';
import type { PolicyStatement } from './parse.ts';

/**
 * `"Principal": "*"` and `"Principal": {"AWS": "*"}` are equivalent in IAM (both include anonymous
 * callers in a resource policy). AWS rejects partial wildcards in principal ARNs, so any wildcard in an
 * AWS value is read as "everyone" rather than guessed at.
 */
export function principalIsEveryone(st: PolicyStatement): boolean {
  const p = st.principal;
  if (p === undefined) return false;
  if (p === '*') return true;
  return (p.AWS ?? []).some(hasWildcard);
}

/**
 * Why an Allow statement reaches principals nobody controls, or undefined when it names only fixed
 * principals (accounts, roles, users, service principals, canonical users).
 */
export function openPrincipalReason(st: PolicyStatement): string | undefined {
  if (st.notPrincipal !== undefined) {
    return 'Allow with NotPrincipal grants every principal except the ones named, anonymous callers included';
  }
  const p = st.principal;
  if (p === undefined) return undefined;
  if (p === '*') return 'Principal "*" (anyone, including anonymous callers)';
  if ((p.AWS ?? []).some(hasWildcard)) return 'Principal.AWS "*" (anyone, including anonymous callers)';
  // S3 lists `{"Federated": "graph.facebook.com"}` as public: any identity of that provider qualifies.
  if ((p.Federated ?? []).length > 0) return `Principal.Federated ${(p.Federated ?? []).join(', ')} (any identity of the provider)`;
  if ([...(p.Service ?? []), ...(p.CanonicalUser ?? [])].some(hasWildcard)) return 'wildcard service or canonical-user principal';
  return undefined;
}
