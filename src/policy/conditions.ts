// Flattens a statement's Condition block into (operator, key, values) entries and answers the one
// question every analysis asks: does this entry pin the request to fixed values of a key?
import { isFixedValue } from './glob.ts';
import type { PolicyStatement } from './parse.ts';

export interface ConditionEntry {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** As written, e.g. `aws:SourceVpc`. */
  key: string;
  values: string[];
  /** Lower-case operator without set qualifier and IfExists, e.g. `stringlike`. */
  base: string;
  set: 'ForAnyValue' | 'ForAllValues' | undefined;
  ifExists: boolean;
}

export function conditionEntries(st: PolicyStatement): ConditionEntry[] {
  const out: ConditionEntry[] = [];
  for (const [operator, block] of Object.entries(st.condition ?? {})) {
    let rest = operator;
    let set: ConditionEntry['set'];
    const qualifier = /^(ForAnyValue|ForAllValues):/i.exec(rest);
    if (qualifier !== null) {
      set = qualifier[1]?.toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues';
      rest = rest.slice(qualifier[0].length);
    }
    const ifExists = /IfExists$/i.test(rest);
    if (ifExists) rest = rest.slice(0, -'IfExists'.length);
    for (const [key, values] of Object.entries(block)) {
      out.push({ operator, key, values, base: rest.toLowerCase(), set, ifExists });
    }
  }
  return out;
}

/** Condition key names are case-insensitive in IAM. */
export function keyIs(entry: ConditionEntry, key: string): boolean {
  return entry.key.toLowerCase() === key.toLowerCase();
}

const POSITIVE_MATCH = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);

/**
 * True when the entry can only be satisfied by a request whose key equals one of a fixed set of values
 * (the `valueIsRestricting` test decides what "fixed" means for this key; default: no wildcard, no variable).
 *
 * Not restricting: negated operators (StringNotEquals… match everyone else), `…IfExists` (true when the key
 * is absent, e.g. for anonymous callers), `ForAllValues:` (true when the key is absent or empty), Null/Bool,
 * an empty value list, or any value that is not fixed (one `*` value lets every request through).
 * `ForAnyValue:` is restricting: it is false when the key is absent and otherwise needs a match.
 */
export function pinsToFixedValues(
  entry: ConditionEntry,
  valueIsRestricting: (value: string) => boolean = isFixedValue,
  operators: ReadonlySet<string> = POSITIVE_MATCH,
): boolean {
  if (entry.ifExists || entry.set === 'ForAllValues') return false;
  if (!operators.has(entry.base)) return false;
  return entry.values.length > 0 && entry.values.every(valueIsRestricting);
}
