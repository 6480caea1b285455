// The one principal classifier shared by the resource-policy ("is it public?") and trust-policy engines: what
// each Principal/NotPrincipal value names, so `arn:aws:iam::*:root` or a provider name is judged alike everywhere.
import { hasWildcard } from './glob.ts';
import type { Principal, PolicyStatement } from './parse.ts';

/** The web-identity providers IAM accepts by name (not ARN) in `Principal.Federated`. */
export interface WebIdentityProvider {
  name: string;
  /** Condition keys that name the relying application; one of them pinned closes the trust to that app. */
  audienceKeys: readonly string[];
  /** Who gets in when no audience is pinned. */
  openTo: string;
}

export const WEB_IDENTITY_PROVIDERS: readonly WebIdentityProvider[] = [
  {
    name: 'cognito-identity.amazonaws.com',
    audienceKeys: ['cognito-identity.amazonaws.com:aud'],
    openTo: 'every identity of every Cognito identity pool in every AWS account',
  },
  { name: 'accounts.google.com', audienceKeys: ['accounts.google.com:aud', 'accounts.google.com:oaud'], openTo: 'every Google account, through any Google app' },
  { name: 'graph.facebook.com', audienceKeys: ['graph.facebook.com:app_id'], openTo: 'every Facebook user, through any Facebook app' },
  { name: 'www.amazon.com', audienceKeys: ['www.amazon.com:app_id'], openTo: 'every Login with Amazon user, through any app' },
];

export type PrincipalClass =
  /** `"*"` or `{"AWS": "*"}`: anyone, anonymous callers included. */
  | { kind: 'everyone'; value: string }
  /**
   * An AWS value with a wildcard, such as `arn:aws:iam::*:root`. AWS rejects partial wildcards in principal
   * ARNs, so no fixed set can be read from it: for a grant it is as open as "*", but a Deny written so does not
   * provably reach anonymous callers.
   */
  | { kind: 'any-aws-principal'; value: string }
  /** A fixed account, user, role or session (or an account id). */
  | { kind: 'aws'; value: string }
  | { kind: 'service'; value: string }
  | { kind: 'canonical-user'; value: string }
  | { kind: 'oidc-provider'; value: string; host: string }
  | { kind: 'saml-provider'; value: string }
  | { kind: 'web-identity'; value: string; provider: WebIdentityProvider }
  /** A Federated value that is none of the above (an unknown provider name). */
  | { kind: 'federated'; value: string }
  /** A wildcard service or canonical-user value: read as anyone rather than guessed at. */
  | { kind: 'wildcard'; value: string };

/** Every value of a Principal (or NotPrincipal) element, classified. */
export function classifyPrincipal(p: Principal): PrincipalClass[] {
  if (p === '*') return [{ kind: 'everyone', value: '*' }];
  const out: PrincipalClass[] = [];
  for (const value of p.AWS ?? []) {
    if (/^\*+$/.test(value)) out.push({ kind: 'everyone', value });
    else if (hasWildcard(value)) out.push({ kind: 'any-aws-principal', value });
    else out.push({ kind: 'aws', value });
  }
  for (const value of p.Service ?? []) out.push(hasWildcard(value) ? { kind: 'wildcard', value } : { kind: 'service', value });
  for (const value of p.CanonicalUser ?? []) out.push(hasWildcard(value) ? { kind: 'wildcard', value } : { kind: 'canonical-user', value });
  for (const value of p.Federated ?? []) out.push(classifyFederated(value));
  return out;
}

function classifyFederated(value: string): PrincipalClass {
  const host = oidcProvider(value);
  if (host !== undefined) return { kind: 'oidc-provider', value, host };
  if (/^arn:[^:]+:iam::[^:]*:saml-provider\//.test(value)) return { kind: 'saml-provider', value };
  const provider = WEB_IDENTITY_PROVIDERS.find((w) => w.name === value.toLowerCase());
  return provider === undefined ? { kind: 'federated', value } : { kind: 'web-identity', value, provider };
}

/** `arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com` → `token.actions.githubusercontent.com`. */
export function oidcProvider(federated: string): string | undefined {
  const m = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(federated);
  return m?.[1];
}

/** True for the kinds that name a fixed principal (nobody else can be one of them). */
export function isFixedPrincipal(c: PrincipalClass): boolean {
  return c.kind === 'aws' || c.kind === 'service' || c.kind === 'canonical-user';
}

/**
 * True when the statement's Principal provably applies to every caller, anonymous included: `"*"` or `AWS "*"`.
 * What a Deny must name to remove access from everyone; `arn:aws:iam::*:root` does not qualify.
 */
export function principalIsEveryone(st: PolicyStatement): boolean {
  return st.principal !== undefined && classifyPrincipal(st.principal).some((c) => c.kind === 'everyone');
}

/**
 * Why a statement's principal reaches callers nobody controls (an Allow's grant), or undefined when it names
 * only fixed principals. Federated principals are handled by the caller: a resource policy treats any of
 * them as open (S3's rule), a trust policy judges each by its conditions.
 */
export function wildcardPrincipalReason(st: PolicyStatement): string | undefined {
  if (st.notPrincipal !== undefined) {
    return 'Allow with NotPrincipal grants every principal except the ones named, anonymous callers included';
  }
  if (st.principal === undefined) return undefined;
  const classes = classifyPrincipal(st.principal);
  const everyone = classes.find((c) => c.kind === 'everyone');
  if (everyone !== undefined) {
    return st.principal === '*' ? 'Principal "*" (anyone, including anonymous callers)' : 'Principal.AWS "*" (anyone, including anonymous callers)';
  }
  const anyAws = classes.find((c) => c.kind === 'any-aws-principal');
  if (anyAws !== undefined) return `Principal.AWS "${anyAws.value}" (a wildcard ARN: every principal of every AWS account)`;
  const wildcard = classes.find((c) => c.kind === 'wildcard');
  if (wildcard !== undefined) return `wildcard service or canonical-user principal "${wildcard.value}"`;
  return undefined;
}
