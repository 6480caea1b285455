// Role trust-policy analysis for `role-trust-wildcard`: who may assume the role — anyone (wildcard
// principal without an org/account/ARN pin), or any identity of an OIDC provider (no `…:sub` condition).
import { conditionEntries, pinsToFixedValues } from './conditions.ts';
import type { ConditionEntry } from './conditions.ts';
import type { PolicyDocument, PolicyStatement } from './parse.ts';

export interface TrustFinding {
  index: number;
  sid?: string;
  kind: 'wildcard-principal' | 'oidc-without-sub';
  detail: string;
}

/** Keys that, with fixed values, limit a wildcard principal to callers the owner controls (controls.md). */
export const TRUST_RESTRICTING_KEYS: readonly string[] = ['aws:principalorgid', 'aws:principalaccount', 'aws:principalarn', 'aws:sourceaccount'];

const SUB_OPERATORS: ReadonlySet<string> = new Set(['stringequals', 'stringequalsignorecase', 'stringlike']);

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
    const wildcard = wildcardPrincipal(st);
    if (wildcard !== undefined && !entries.some(restrictsTrust)) {
      add('wildcard-principal', `${wildcard} can assume the role: no fixed aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn or aws:SourceAccount condition`);
    }
    const federated = st.principal !== undefined && st.principal !== '*' ? (st.principal.Federated ?? []) : [];
    for (const provider of federated) {
      const host = oidcProvider(provider);
      if (host === undefined) continue;
      const problem = subProblem(host, entries);
      if (problem !== undefined) add('oidc-without-sub', `OIDC provider ${host}: ${problem}; any identity the provider issues tokens for can assume the role`);
    }
  });
  return { findings };
}

function wildcardPrincipal(st: PolicyStatement): string | undefined {
  if (st.notPrincipal !== undefined) return 'Allow with NotPrincipal (everyone except the principals named)';
  if (st.principal === '*') return 'Principal "*"';
  if (st.principal?.AWS?.includes('*')) return 'Principal.AWS "*"';
  return undefined;
}

function restrictsTrust(e: ConditionEntry): boolean {
  return TRUST_RESTRICTING_KEYS.includes(e.key.toLowerCase()) && pinsToFixedValues(e);
}

/** `arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com` → `token.actions.githubusercontent.com`. */
export function oidcProvider(federated: string): string | undefined {
  const m = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(federated);
  return m?.[1];
}

/**
 * Why the `<provider>:sub` claim is not pinned, or undefined when it is. A sub condition counts when it uses a
 * positive string operator without IfExists/ForAllValues and no value is a bare wildcard; for GitHub, a value
 * starting `repo:*` (any owner) does not count either.
 */
function subProblem(host: string, entries: ConditionEntry[]): string | undefined {
  const subKey = `${host}:sub`.toLowerCase();
  const subs = entries.filter((e) => e.key.toLowerCase() === subKey);
  if (subs.length === 0) return `no condition on ${host}:sub`;
  const github = host.toLowerCase().startsWith('token.actions.githubusercontent.com');
  const pinned = subs.some((e) =>
    pinsToFixedValues(e, (v) => !/^[*?]*$/.test(v) && !(github && /^repo:[*?]/i.test(v)), SUB_OPERATORS),
  );
  return pinned ? undefined : `the ${host}:sub condition allows any subject (wildcard, negated or IfExists)`;
}
