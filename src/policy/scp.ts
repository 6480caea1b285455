// SCP coverage for the `scp-*` checks (controls.md §1.C): does some Deny in the SCPs that reach an account
// cover an action, or every action of the root user, with no condition other than an allowed principal exemption?
import { patternCoversAllActions, statementAppliesToAction } from './actions.ts';
import { conditionEntries } from './conditions.ts';
import type { ConditionEntry } from './conditions.ts';
import type { PolicyDocument, PolicyStatement } from './parse.ts';

export interface ScpDocument {
  policyId: string;
  name: string;
  document: PolicyDocument;
}

export interface ScpRef {
  policyId: string;
  name: string;
  sid?: string;
}

export interface DenyCoverage {
  covered: boolean;
  via: ScpRef[];
  /** Why Deny statements that name the action still do not count. */
  gaps: string[];
}

export interface ScpOptions {
  /** `aws:PrincipalArn` values an exemption condition may list (exact strings); default none. */
  allowedExemptionPrincipalPatterns?: string[];
}

export function scpDeniesAction(scps: ScpDocument[], action: string, opts: ScpOptions = {}): DenyCoverage {
  const allowed = opts.allowedExemptionPrincipalPatterns ?? [];
  const via: ScpRef[] = [];
  const gaps: string[] = [];
  for (const scp of scps) {
    scp.document.statements.forEach((st, index) => {
      if (st.effect !== 'Deny' || !statementAppliesToAction(st, action)) return;
      const problems = [...scopeProblems(st), ...conditionEntries(st).flatMap((e) => exemptionProblem(e, allowed) ?? [])];
      if (problems.length === 0) via.push(ref(scp, st));
      else gaps.push(`${where(scp, st, index)}: ${problems.join('; ')}`);
    });
  }
  return { covered: via.length > 0, via, gaps };
}

export interface RootDenyCoverage {
  coverage: 'full' | 'notaction' | 'none';
  via: ScpRef[];
  detail: string;
}

/**
 * 'full': a Deny with Action covering every action, Resource "*", and a StringLike/ArnLike
 * aws:PrincipalArn condition listing `arn:aws:iam::*:root` (template T2), with no other condition than an
 * allowed exemption. 'notaction': the same written with NotAction, which leaves the excluded actions open
 * to root (a WARN). 'none' otherwise.
 */
export function scpDeniesRootUser(scps: ScpDocument[], opts: ScpOptions = {}): RootDenyCoverage {
  const allowed = opts.allowedExemptionPrincipalPatterns ?? [];
  const full: ScpRef[] = [];
  const partial: ScpRef[] = [];
  const left: string[] = [];
  const nearMisses: string[] = [];
  for (const scp of scps) {
    scp.document.statements.forEach((st, index) => {
      if (st.effect !== 'Deny') return;
      const entries = conditionEntries(st);
      const root = entries.find(isRootMatch);
      if (root === undefined) return;
      const problems = [
        ...scopeProblems(st),
        ...entries.filter((e) => e !== root).flatMap((e) => exemptionProblem(e, allowed) ?? []),
      ];
      if (st.action !== undefined && !st.action.some(patternCoversAllActions)) {
        problems.push(`Action ${st.action.join(', ')} does not cover every action`);
      }
      if (problems.length > 0) {
        nearMisses.push(`${where(scp, st, index)}: ${problems.join('; ')}`);
      } else if (st.notAction !== undefined) {
        partial.push(ref(scp, st));
        left.push(...st.notAction);
      } else {
        full.push(ref(scp, st));
      }
    });
  }
  if (full.length > 0) return { coverage: 'full', via: full, detail: `root user denied every action by ${names(full)}` };
  if (partial.length > 0) {
    return {
      coverage: 'notaction',
      via: partial,
      detail: `root user deny in ${names(partial)} is written with NotAction, so root can still use ${[...new Set(left)].join(', ')}`,
    };
  }
  const why = nearMisses.length > 0 ? `; near misses: ${nearMisses.join(' | ')}` : '';
  return { coverage: 'none', via: [], detail: `no SCP denies all actions to arn:aws:iam::*:root${why}` };
}

const EXEMPTION_OPERATORS = new Set(['ArnNotLike', 'StringNotLike', 'ArnNotEquals', 'StringNotEquals'].map((o) => o.toLowerCase()));

/** undefined when the entry is an allowed principal exemption; otherwise why it disqualifies the Deny. */
export function exemptionProblem(e: ConditionEntry, allowed: string[]): string | undefined {
  if (e.key.toLowerCase() !== 'aws:principalarn' || !EXEMPTION_OPERATORS.has(e.operator.toLowerCase())) {
    return `has condition ${e.operator} ${e.key}`;
  }
  const extra = e.values.filter((v) => !allowed.includes(v));
  if (extra.length > 0) return `exempts principals not in the configured exemption list (${e.operator} ${e.key}: ${extra.join(', ')})`;
  return undefined;
}

// Scope that makes the Deny partial: only some resources, or an element SCPs cannot carry.
export function scopeProblems(st: PolicyStatement): string[] {
  const out: string[] = [];
  if (st.notResource !== undefined) out.push(`uses NotResource ${st.notResource.join(', ')}`);
  else if (!(st.resource ?? []).includes('*')) out.push(`Resource is ${(st.resource ?? []).join(', ') || 'missing'}, not "*"`);
  if (st.principal !== undefined || st.notPrincipal !== undefined) out.push('has a Principal/NotPrincipal element, which SCPs do not support');
  return out;
}

// aws:PrincipalArn is present on every request, so an IfExists variant behaves the same and is accepted.
const ROOT_ARN = /^arn:(\*|aws(-[a-z]+)*):iam::\*:root$/;
function isRootMatch(e: ConditionEntry): boolean {
  return (
    e.key.toLowerCase() === 'aws:principalarn' &&
    e.set === undefined &&
    (e.base === 'stringlike' || e.base === 'arnlike') &&
    e.values.some((v) => ROOT_ARN.test(v))
  );
}

function ref(scp: ScpDocument, st: PolicyStatement): ScpRef {
  const r: ScpRef = { policyId: scp.policyId, name: scp.name };
  if (st.sid !== undefined) r.sid = st.sid;
  return r;
}

function where(scp: ScpDocument, st: PolicyStatement, index: number): string {
  return `SCP "${scp.name}" (${scp.policyId}) statement ${st.sid ?? `#${index}`}`;
}

function names(refs: ScpRef[]): string {
  return refs.map((r) => `"${r.name}"${r.sid === undefined ? '' : ` (${r.sid})`}`).join(', ');
}
