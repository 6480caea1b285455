// "Would these SCPs deny this request?" for one concrete request (action, principal ARN, Region). The planner uses
// it to refuse plans that lock out the applying role and to tell whether T3/T7 are already in place. It builds on
// src/policy (parsing, action matching, condition flattening) and adds only the request-context evaluation, which
// src/policy does not need for its coverage questions. Unknown condition keys count as matching, so the answer
// errs towards "denied": a lock-out guard must not miss one.
import { conditionEntries, type ConditionEntry } from '../policy/conditions.ts';
import { globMatch } from '../policy/glob.ts';
import { statementAppliesToAction, type PolicyDocument, type PolicyStatement } from '../policy/index.ts';

export interface ScpRequest {
  action: string;
  principalArn: string;
  region: string;
}

function contextValue(key: string, req: ScpRequest): string | undefined {
  switch (key.toLowerCase()) {
    case 'aws:principalarn':
      return req.principalArn;
    case 'aws:requestedregion':
      return req.region;
    default:
      return undefined;
  }
}

function entryMatches(e: ConditionEntry, req: ScpRequest): boolean {
  const value = contextValue(e.key, req);
  if (value === undefined) return true;
  const like = (p: string) => globMatch(p, value, false);
  switch (e.base) {
    case 'stringequals':
    case 'arnequals':
      return e.values.includes(value);
    case 'stringnotequals':
    case 'arnnotequals':
      return !e.values.includes(value);
    case 'stringequalsignorecase':
      return e.values.some((v) => v.toLowerCase() === value.toLowerCase());
    case 'stringnotequalsignorecase':
      return !e.values.some((v) => v.toLowerCase() === value.toLowerCase());
    case 'stringlike':
    case 'arnlike':
      return e.values.some(like);
    case 'stringnotlike':
    case 'arnnotlike':
      return !e.values.some(like);
    default:
      return true;
  }
}

/** The first Deny statement that applies to the request, or undefined. SCP resources are treated as matching. */
export function denyingStatement(docs: readonly PolicyDocument[], req: ScpRequest): PolicyStatement | undefined {
  for (const doc of docs) {
    for (const st of doc.statements) {
      if (st.effect !== 'Deny' || !statementAppliesToAction(st, req.action)) continue;
      if (conditionEntries(st).every((e) => entryMatches(e, req))) return st;
    }
  }
  return undefined;
}
