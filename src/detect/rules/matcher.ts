// Turns the rule AST into predicates over a record. Everything that can be done once
// (lower-casing literals, wildcard → RegExp, CIDR parsing, value sets) happens here, not per event.

import { BlockList, isIP } from 'node:net';
import type { CloudTrailRecord } from '../types.ts';
import type { ConditionAst, FieldTest, Scalar, SelectionAst } from './ast.ts';
import { derivedValue, noDerivedEnv, type DerivedEnv } from './derived.ts';
import { fieldAccessor, someScalarLeaf, type FieldAccessor } from './fields.ts';
import { compileStringTest, isPlainLiteral, opTokens } from './pattern.ts';

export type RecordPredicate = (record: CloudTrailRecord) => boolean;
type LeafPredicate = (leaf: unknown) => boolean;

/** Accessor for a path; `rampart.*` paths read the derived fields instead of the record. */
function accessorFor(path: string, env: DerivedEnv): FieldAccessor {
  if (!path.startsWith('rampart.')) return fieldAccessor(path);
  const exists = (root: unknown): boolean => derivedValue(root as CloudTrailRecord, path, env) !== undefined;
  return {
    path,
    some: (root, pred) => {
      const v = derivedValue(root as CloudTrailRecord, path, env);
      return v !== undefined && pred(v);
    },
    exists,
    leaves: (root) => {
      const v = derivedValue(root as CloudTrailRecord, path, env);
      return v === undefined ? [] : [v];
    },
  };
}

/** String form of a scalar leaf; objects never compare equal to a value. */
function scalarText(leaf: unknown): string | undefined {
  if (typeof leaf === 'string') return leaf;
  if (typeof leaf === 'number' || typeof leaf === 'boolean') return String(leaf);
  return undefined;
}

function numeric(leaf: unknown): number | undefined {
  if (typeof leaf === 'number') return leaf;
  if (typeof leaf === 'string' && leaf.trim() !== '') {
    const n = Number(leaf);
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

/** One rule value (non-null) → a test of one leaf. */
function valuePredicate(test: FieldTest, value: Exclude<Scalar, null>): LeafPredicate {
  // Numbers and booleans compare by value and also match their string form ("false", "443").
  if (test.op === 'eq' && typeof value === 'number') {
    const text = String(value);
    return (leaf) => (typeof leaf === 'number' ? leaf === value : typeof leaf === 'string' && leaf.trim() === text);
  }
  if (test.op === 'eq' && typeof value === 'boolean') {
    const text = String(value);
    return (leaf) => leaf === value || (typeof leaf === 'string' && leaf.toLowerCase() === text);
  }
  switch (test.op) {
    case 'eq':
    case 'contains':
    case 'startswith':
    case 'endswith': {
      const str = compileStringTest(String(value), test.op, test.cased);
      return (leaf) => {
        const s = scalarText(leaf);
        return s !== undefined && str(s);
      };
    }
    case 're': {
      const re = new RegExp(String(value), test.reFlags);
      return (leaf) => {
        const s = scalarText(leaf);
        return s !== undefined && re.test(s);
      };
    }
    case 'cidr': {
      const [addr, bits] = String(value).split('/');
      const family = isIP(addr ?? '') === 6 ? 'ipv6' : 'ipv4';
      const list = new BlockList();
      list.addSubnet(addr ?? '', Number(bits), family);
      return (leaf) => {
        if (typeof leaf !== 'string') return false;
        const kind = isIP(leaf);
        return kind !== 0 && list.check(leaf, kind === 6 ? 'ipv6' : 'ipv4');
      };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = Number(value);
      const op = test.op;
      return (leaf) => {
        const n = numeric(leaf);
        if (n === undefined) return false;
        return op === 'gt' ? n > bound : op === 'gte' ? n >= bound : op === 'lt' ? n < bound : n <= bound;
      };
    }
    case 'fieldref':
    case 'exists':
      throw new Error(`internal: ${test.op} has no per-value predicate`);
  }
}

/** Many plain literals (eventName lists): one Set lookup instead of N compares. */
function literalSetPredicate(test: FieldTest): LeafPredicate | undefined {
  if (test.op !== 'eq' || test.all || test.values.length < 4) return undefined;
  const set = new Set<string>();
  for (const v of test.values) {
    if (typeof v !== 'string') return undefined;
    const tokens = opTokens(v, 'eq');
    if (!isPlainLiteral(tokens)) return undefined;
    const text = tokens.map((t) => t.text).join('');
    set.add(test.cased ? text : text.toLowerCase());
  }
  const cased = test.cased;
  return (leaf) => typeof leaf === 'string' && set.has(cased ? leaf : leaf.toLowerCase());
}

function fieldrefPredicate(test: FieldTest, field: FieldAccessor, env: DerivedEnv): RecordPredicate {
  const refs = test.values.map((v) => accessorFor(String(v), env));
  const fold = (s: string): string => (test.cased ? s : s.toLowerCase());
  const one = (ref: FieldAccessor): RecordPredicate => (record) => {
    const mine = field.leaves(record).map(scalarText).filter((s) => s !== undefined).map(fold);
    if (mine.length === 0) return false;
    return ref.some(record, (leaf) => {
      const s = scalarText(leaf);
      return s !== undefined && mine.includes(fold(s));
    });
  };
  const preds = refs.map(one);
  return test.all ? (r) => preds.every((p) => p(r)) : (r) => preds.some((p) => p(r));
}

export function compileFieldTest(test: FieldTest, env: DerivedEnv = noDerivedEnv): RecordPredicate {
  const field = accessorFor(test.path, env);
  if (test.op === 'exists') {
    const want = test.values[0] === true;
    return want ? (r) => field.exists(r) : (r) => !field.exists(r);
  }
  if (test.op === 'fieldref') return fieldrefPredicate(test, field, env);
  // No values left (e.g. an expand placeholder without variables): the rule is disabled; match nothing.
  if (test.values.length === 0) return () => false;

  const set = literalSetPredicate(test);
  if (set !== undefined) return (r) => field.some(r, set);

  const parts: RecordPredicate[] = test.values.map((value) => {
    if (value === null) return (r) => !field.exists(r);
    const leafPred = valuePredicate(test, value);
    return (r) => field.some(r, leafPred);
  });
  if (parts.length === 1) return parts[0]!;
  if (test.all) return (r) => parts.every((p) => p(r));
  // Any-of over non-null values can share one walk of the field.
  if (!test.values.includes(null)) {
    const leafPreds = test.values.map((v) => valuePredicate(test, v as Exclude<Scalar, null>));
    return (r) => field.some(r, (leaf) => leafPreds.some((p) => p(leaf)));
  }
  return (r) => parts.some((p) => p(r));
}

function allOf(preds: RecordPredicate[]): RecordPredicate {
  if (preds.length === 1) return preds[0]!;
  if (preds.length === 2) {
    const [a, b] = preds as [RecordPredicate, RecordPredicate];
    return (r) => a(r) && b(r);
  }
  return (r) => {
    for (const p of preds) if (!p(r)) return false;
    return true;
  };
}

function anyOf(preds: RecordPredicate[]): RecordPredicate {
  if (preds.length === 1) return preds[0]!;
  return (r) => {
    for (const p of preds) if (p(r)) return true;
    return false;
  };
}

/** Field tests run cheapest-first: plain top-level fields before nested, derived and regex ones. */
function cost(test: FieldTest): number {
  let c = test.path.includes('.') ? 2 : 1;
  if (test.path.startsWith('rampart.')) c += 10;
  if (test.op === 're' || test.op === 'fieldref') c += 3;
  return c;
}

export function compileSelection(sel: SelectionAst, env: DerivedEnv = noDerivedEnv): RecordPredicate {
  if (sel.kind === 'keywords') {
    const preds = sel.keywords.map((k) => {
      const str = compileStringTest(String(k), 'contains', false);
      return (leaf: unknown): boolean => {
        const s = scalarText(leaf);
        return s !== undefined && str(s);
      };
    });
    return (r) => someScalarLeaf(r, (leaf) => preds.some((p) => p(leaf)));
  }
  return anyOf(
    sel.alternatives.map((alt) => allOf([...alt].sort((a, b) => cost(a) - cost(b)).map((t) => compileFieldTest(t, env)))),
  );
}

export function compileCondition(cond: ConditionAst, selections: ReadonlyMap<string, RecordPredicate>): RecordPredicate {
  switch (cond.type) {
    case 'ref': {
      const p = selections.get(cond.name);
      if (p === undefined) throw new Error(`internal: selection ${cond.name} not compiled`);
      return p;
    }
    case 'not': {
      const inner = compileCondition(cond.item, selections);
      return (r) => !inner(r);
    }
    case 'and':
      return allOf(cond.items.map((c) => compileCondition(c, selections)));
    case 'or':
      return anyOf(cond.items.map((c) => compileCondition(c, selections)));
  }
}
