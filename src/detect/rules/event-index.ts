// Which eventNames / eventSources can a rule possibly match? Lets the engine skip rules that cannot fire on a record.
// Derived from the AST: a selection that pins the field to plain literals constrains the rule.

import type { ConditionAst, FieldTest, RuleAst, SelectionAst } from './ast.ts';
import { isPlainLiteral, opTokens } from './pattern.ts';

/** Lower-cased eventNames, or undefined for "any eventName". */
type NameSet = Set<string> | undefined;

function fromFieldTest(t: FieldTest, path: string): NameSet {
  if (t.path !== path || t.op !== 'eq' || t.values.length === 0) return undefined;
  if (t.all && t.values.length > 1) return undefined;
  const names = new Set<string>();
  for (const v of t.values) {
    if (typeof v !== 'string') return undefined;
    const tokens = opTokens(v, 'eq');
    if (!isPlainLiteral(tokens)) return undefined;
    names.add(tokens.map((x) => x.text).join('').toLowerCase());
  }
  return names;
}

function intersect(a: NameSet, b: NameSet): NameSet {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return new Set([...a].filter((x) => b.has(x)));
}

function union(sets: NameSet[]): NameSet {
  const out = new Set<string>();
  for (const s of sets) {
    if (s === undefined) return undefined;
    for (const x of s) out.add(x);
  }
  return out;
}

function fromSelection(sel: SelectionAst | undefined, path: string): NameSet {
  if (sel === undefined || sel.kind === 'keywords') return undefined;
  return union(sel.alternatives.map((alt) => alt.map((t) => fromFieldTest(t, path)).reduce<NameSet>(intersect, undefined)));
}

function fromCondition(cond: ConditionAst, ast: RuleAst, path: string): NameSet {
  switch (cond.type) {
    case 'ref':
      return fromSelection(ast.selections.get(cond.name), path);
    case 'not':
      return undefined;
    case 'and':
      return cond.items.map((c) => fromCondition(c, ast, path)).reduce<NameSet>(intersect, undefined);
    case 'or':
      return union(cond.items.map((c) => fromCondition(c, ast, path)));
  }
}

/** The lower-cased values of a top-level field (eventName, eventSource) a rule can match, or undefined for any. */
export function rulePinnedValues(ast: RuleAst | undefined, path: 'eventName' | 'eventSource'): ReadonlySet<string> | undefined {
  return ast === undefined ? undefined : fromCondition(ast.condition, ast, path);
}
