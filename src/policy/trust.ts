// Role trust-policy analysis for `role-trust-wildcard`: who may assume the role — anyone (wildcard principal
// without an org/account/ARN pin), any identity of a web-identity provider whose audience is not pinned, or any
// identity of an OIDC provider whose `sub` is not pinned. Principals are classified by principals.ts, the
// same classifier the resource-policy engine uses.
import { conditionEntries, pinsToFixedValues } from './conditions.ts';
import type { ConditionEntry } from './conditions.ts';
import type { PolicyDocument, PolicyStatement } from './parse.ts';
import { classifyPrincipal, wildcardPrincipalReason } from './principals.ts';
import type { WebIdentityProvider } from './principals.ts';

export interface TrustFinding {
  index: number;
  sid?: string;
  kind: 'wildcard-principal' | 'web-identity-without-audience' | 'oidc-without-sub';
  /** Which value lets whom in. */
  detail: string;
}

/** Keys that, with fixed values, limit a wildcard principal to callers the owner controls (controls.md). */
export const TRUST_RESTRICTING_KEYS: readonly string[] = ['aws:principalorgid', 'aws:principalaccount', 'aws:principalarn', 'aws:sourceaccount'];

const STRING_MATCH: ReadonlySet<string> = new Set(['stringequals', 'stringequalsignorecase', 'stringlike']);

export function analyzeTrustPolicy(doc: PolicyDocument): { findings: TrustFinding[] } {
  const findings: TrustFinding[] = [];
  doc.statements.forEach((st, index) => {
    if (st.effect !== 'Allow') return;
    const entries = conditionEntries(st);
    const add = (kind: TrustFinding['kind'], detail: string) => {
      const f: TrustFinding = { index, kind, detail };
      if (st.sid !== undefined) f.sid = st.sid;
      findings.push(f);
    };
    const wildcard = wildcardPrincipalReason(st);
    if (wildcard !== undefined && !entries.some(restrictsTrust)) {
      add('wildcard-principal', `${wildcard} can assume the role: no fixed aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn or aws:SourceAccount condition`);
    }
    for (const p of federatedPrincipals(st)) {
      if (p.kind === 'web-identity') {
        const problem = audienceProblem(p.provider, entries);
        if (problem !== undefined) add('web-identity-without-audience', `web-identity provider ${p.provider.name}: ${problem}, so ${p.provider.openTo} can assume the role`);
      } else {
        const problem = subProblem(p.host, entries);
        if (problem !== undefined) add('oidc-without-sub', `OIDC provider ${p.host}: ${problem}`);
      }
    }
  });
  return { findings };
}

type Federated = { kind: 'web-identity'; provider: WebIdentityProvider } | { kind: 'oidc-provider'; host: string };

function federatedPrincipals(st: PolicyStatement): Federated[] {
  if (st.principal === undefined) return [];
  const out: Federated[] = [];
  for (const c of classifyPrincipal(st.principal)) {
    if (c.kind === 'web-identity') out.push({ kind: 'web-identity', provider: c.provider });
    if (c.kind === 'oidc-provider') out.push({ kind: 'oidc-provider', host: c.host });
  }
  return out;
}

function restrictsTrust(e: ConditionEntry): boolean {
  return TRUST_RESTRICTING_KEYS.includes(e.key.toLowerCase()) && pinsToFixedValues(e);
}

function entriesFor(entries: ConditionEntry[], keys: readonly string[]): ConditionEntry[] {
  const wanted = keys.map((k) => k.toLowerCase());
  return entries.filter((e) => wanted.includes(e.key.toLowerCase()));
}

/**
 * A claim is pinned when one entry on it matches positively (no IfExists, no ForAllValues) and every value passes
 * `valuePins`. Under StringEquals `*` is a literal character, so any value pins; only StringLike values are patterns.
 */
function pinned(entries: ConditionEntry[], valuePins: (pattern: string) => boolean): boolean {
  return entries.some((e) => pinsToFixedValues(e, (v) => (e.base === 'stringlike' ? valuePins(v) : !v.includes('${')), STRING_MATCH));
}

/** Why the provider's audience (the relying app or identity pool) is not pinned, or undefined when it is. */
function audienceProblem(provider: WebIdentityProvider, entries: ConditionEntry[]): string | undefined {
  const keys = provider.audienceKeys.join(' or ');
  const onAudience = entriesFor(entries, provider.audienceKeys);
  if (onAudience.length === 0) return `no condition on ${keys}`;
  if (pinned(onAudience, (v) => !/[*?]/.test(v) && !v.includes('${'))) return undefined;
  return `the ${keys} condition (${describeEntries(onAudience)}) does not fix the audience to named values (wildcard, negated or IfExists)`;
}

/**
 * Why the `<provider>:sub` claim is not pinned, or undefined when it is. For GitHub the subject must fix the owner
 * and the separator after it (`repo:acme/…`): `repo:acme*` also matches `repo:acme-evil/…`. For other providers
 * the subject format is unknown, so a pattern must at least not start with a wildcard.
 */
function subProblem(host: string, entries: ConditionEntry[]): string | undefined {
  const subKey = `${host}:sub`;
  const subs = entriesFor(entries, [subKey]);
  if (subs.length === 0) return `no condition on ${subKey}, so any identity the provider issues tokens for can assume the role`;
  const github = host.toLowerCase().startsWith('token.actions.githubusercontent.com');
  const valuePins = github ? (v: string) => githubSubOpenTo(v) === undefined : (v: string) => !/^[*?]/.test(v) && !v.includes('${');
  if (pinned(subs, valuePins)) return undefined;
  const open = subs.flatMap((e) => e.values.map((v) => ({ e, v }))).find(({ e, v }) => e.base === 'stringlike' && !valuePins(v));
  if (open !== undefined && github) return `${subKey} value "${open.v}" lets in ${githubSubOpenTo(open.v) ?? ''}`;
  if (open !== undefined) return `${subKey} value "${open.v}" starts with a wildcard, so it matches any subject of the provider`;
  return `the ${subKey} condition (${describeEntries(subs)}) allows any subject (negated, IfExists or ForAllValues)`;
}

/**
 * Whom a GitHub `sub` pattern lets in, or undefined when it fixes the owner and the separator. GitHub subjects
 * start `repo:<owner>/<repo>:…`; customised subject claims start with a claim name and its value
 * (`repository_owner:<owner>:…`, `repository_owner_id:<id>:…`).
 */
function githubSubOpenTo(pattern: string): string | undefined {
  const literal = pattern.split(/[*?]/, 1)[0] ?? '';
  if (literal === pattern && !pattern.includes('${')) return undefined;
  if (/^repo:[^/:${}]+\//i.test(literal)) return undefined;
  if (/^repository_owner(_id)?:[^:${}]+:/i.test(literal)) return undefined;
  if (literal === '') return 'every repository of every GitHub owner (the pattern starts with a wildcard)';
  const repo = /^repo:([^/:]*)$/i.exec(literal);
  if (repo !== null) {
    return repo[1] === ''
      ? 'every repository of every GitHub owner'
      : `every repository of any GitHub owner whose name starts with "${repo[1] ?? ''}" (e.g. ${repo[1] ?? ''}-evil/…)`;
  }
  return `every subject starting "${literal}": the owner and the "/" after it are not fixed`;
}

function describeEntries(entries: ConditionEntry[]): string {
  return entries.map((e) => `${e.operator} ${e.values.map((v) => JSON.stringify(v)).join(', ')}`).join('; ');
}
