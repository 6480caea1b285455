// Decides from a record's raw text (a RecordScan) whether any enabled rule could match it, without parsing it.
// Each rule's condition is evaluated in three values (true / false / unknown) over the fields the scan can read
// exactly: top-level scalars, and scalars one level down (userIdentity.type). A field test on anything else
// (nested objects, arrays, derived `rampart.*` fields, keyword searches) is unknown, and a record on which some
// rule is not certainly false is parsed and matched the plain way. A record is skipped only when it is certainly
// valid (as admitRecord judges), inside the run's scope, and certainly matched by no rule.
import type { ConditionAst, FieldTest, RuleAst, SelectionAst } from '../rules/ast.ts';
import { rulePinnedValues } from '../rules/event-index.ts';
import { compileFieldTest } from '../rules/matcher.ts';
import type { DetectionRule } from '../rules/types.ts';
import { isoTime, type RecordScope } from '../record.ts';
import type { CloudTrailRecord } from '../types.ts';
import { Kind, makeScanPlan, slotValue, type RecordScan, type ScanPlan } from './scan.ts';

/** Three-valued logic: 0 false, 1 true, 2 unknown. */
type Tri = 0 | 1 | 2;
const F: Tri = 0;
const T: Tri = 1;
const U: Tri = 2;

export const SKIP = 0;
export const PARSE = 1;
export const OUT_OF_SCOPE = 2;
export type Decision = typeof SKIP | typeof PARSE | typeof OUT_OF_SCOPE;

/** A field path the scan can read: its slot, and for a nested one the parent's slot. */
interface PathRef {
  path: string;
  slot: number;
  parentSlot: number;
}

type TriEval = (ctx: EvalContext) => Tri;

interface EvalContext {
  text: string;
  scan: RecordScan;
  /** The record as far as the scan knows it; built on first use. */
  stub: CloudTrailRecord | undefined;
  build: () => CloudTrailRecord;
}

/** Why a rule can never be decided from the raw text (shown by tests and --explain style debugging). */
export interface PrefilterInfo {
  /** Rules that are unknown on every record: with any of them enabled, every record is parsed. */
  alwaysParse: string[];
  topKeys: readonly string[];
}

const VALIDITY_KEYS = ['eventTime', 'eventSource', 'eventName', 'userIdentity', 'requestParameters', 'responseElements', 'resources', 'recipientAccountId', 'awsRegion'];

function splitPath(path: string): [string] | [string, string] | undefined {
  if (path.startsWith('rampart.')) return undefined;
  const seg = path.split('.');
  if (seg.length === 1) return [seg[0]!];
  if (seg.length === 2) return [seg[0]!, seg[1]!];
  return undefined;
}

function isScalarKind(k: number): boolean {
  return k !== Kind.Object && k !== Kind.Array;
}

export class Prefilter {
  readonly plan: ScanPlan;
  readonly info: PrefilterInfo;
  readonly #scope: RecordScope;
  readonly #slot: Map<string, number>;
  readonly #topSlots: Array<{ key: string; slot: number; children: Array<{ key: string; slot: number }> | undefined }>;
  readonly #rules: Array<{ index: number; eval: TriEval; slots: number[] }>;
  readonly #byName = new Map<string, number[]>();
  readonly #bySource = new Map<string, number[]>();
  readonly #unpinned: number[] = [];
  readonly #candidates = new Map<string, Map<string, Candidates>>();
  #candidateLists = 0;
  readonly #s: { time: number; source: number; name: number; ui: number; req: number; resp: number; res: number; account: number; region: number };

  constructor(rules: readonly DetectionRule[], scope: RecordScope = {}) {
    this.#scope = scope;
    const enabled = rules.filter((r) => r.disabled === undefined);
    const top = new Set<string>(VALIDITY_KEYS);
    const nested: Array<[string, string]> = [];
    const alwaysParse: string[] = [];
    for (const r of enabled) {
      if (r.ast === undefined) continue;
      for (const sel of r.ast.selections.values()) {
        if (sel.kind !== 'fields') continue;
        for (const alt of sel.alternatives)
          for (const t of alt)
            for (const p of depsOf(t)) {
              const sp = splitPath(p);
              if (sp === undefined) continue;
              top.add(sp[0]);
              if (sp.length === 2) nested.push([sp[0], sp[1]]);
            }
      }
    }
    this.plan = makeScanPlan(top, nested);
    this.#slot = new Map(this.plan.top.map((k, i) => [k, i]));
    for (const [ps, children] of this.plan.nested) for (const c of children) this.#slot.set(`${this.plan.top[ps]!}.${c.key}`, c.slot);
    this.#topSlots = this.plan.top.map((key, slot) => ({ key, slot, children: this.plan.nested.get(slot) as Array<{ key: string; slot: number }> | undefined }));
    const s = (k: string) => this.#slot.get(k)!;
    this.#s = { time: s('eventTime'), source: s('eventSource'), name: s('eventName'), ui: s('userIdentity'), req: s('requestParameters'), resp: s('responseElements'), res: s('resources'), account: s('recipientAccountId'), region: s('awsRegion') };

    this.#rules = enabled.map((r, index) => {
      const ev = r.ast === undefined ? () => U : this.#compileRule(r.ast);
      const slots = new Set<number>();
      let decidable = false;
      if (r.ast !== undefined)
        for (const sel of r.ast.selections.values())
          if (sel.kind === 'fields')
            for (const alt of sel.alternatives)
              for (const t of alt)
                for (const p of depsOf(t)) {
                  const ref = this.#ref(p);
                  if (ref === undefined) continue;
                  decidable = true;
                  slots.add(ref.slot);
                  if (ref.parentSlot >= 0) slots.add(ref.parentSlot);
                }
      if (!decidable) alwaysParse.push(r.id);
      return { index, eval: ev, slots: [...slots].sort((a, b) => a - b) };
    });
    enabled.forEach((r, index) => {
      const add = (m: Map<string, number[]>, k: string) => {
        const l = m.get(k);
        if (l) l.push(index);
        else m.set(k, [index]);
      };
      // The engine's own index (engine.ts): a rule outside a record's candidates is never run on it.
      const names = rulePinnedValues(r.ast, 'eventName');
      const sources = names === undefined ? rulePinnedValues(r.ast, 'eventSource') : undefined;
      if (names !== undefined) for (const n of names) add(this.#byName, n);
      else if (sources !== undefined) for (const x of sources) add(this.#bySource, x);
      else this.#unpinned.push(index);
    });
    this.info = { alwaysParse, topKeys: this.plan.top };
  }

  #ref(path: string): PathRef | undefined {
    const sp = splitPath(path);
    if (sp === undefined) return undefined;
    const slot = this.#slot.get(path);
    if (slot === undefined) return undefined;
    return { path, slot, parentSlot: sp.length === 2 ? this.#slot.get(sp[0])! : -1 };
  }

  /** Whether the scan reads this path exactly on this record (its value, or that it has no leaf). */
  static #known(r: RecordScan, ref: PathRef): boolean {
    if (ref.parentSlot < 0) return isScalarKind(r.kind[ref.slot]!);
    const pk = r.kind[ref.parentSlot]!;
    if (pk === Kind.Array) return false;
    if (pk !== Kind.Object) return true; // absent, null or a scalar: the path has no leaf
    return isScalarKind(r.kind[ref.slot]!);
  }

  #compileTest(t: FieldTest): TriEval {
    const refs: PathRef[] = [];
    for (const p of depsOf(t)) {
      const ref = this.#ref(p);
      if (ref === undefined) return () => U;
      refs.push(ref);
    }
    const pred = compileFieldTest(t);
    if (refs.length === 1) {
      const ref = refs[0]!;
      return (ctx) => (Prefilter.#known(ctx.scan, ref) ? (pred(ctx.stub ?? ctx.build()) ? T : F) : U);
    }
    return (ctx) => {
      for (const ref of refs) if (!Prefilter.#known(ctx.scan, ref)) return U;
      return pred(ctx.stub ?? ctx.build()) ? T : F;
    };
  }

  #compileSelection(sel: SelectionAst | undefined): TriEval {
    if (sel === undefined || sel.kind === 'keywords') return () => U;
    const alts = sel.alternatives.map((alt) => and(alt.map((t) => this.#compileTest(t))));
    return or(alts);
  }

  #compileCondition(c: ConditionAst, ast: RuleAst): TriEval {
    switch (c.type) {
      case 'ref':
        return this.#compileSelection(ast.selections.get(c.name));
      case 'not': {
        const inner = this.#compileCondition(c.item, ast);
        return (ctx) => {
          const v = inner(ctx);
          return v === U ? U : v === T ? F : T;
        };
      }
      case 'and':
        return and(c.items.map((x) => this.#compileCondition(x, ast)));
      case 'or':
        return or(c.items.map((x) => this.#compileCondition(x, ast)));
    }
  }

  #compileRule(ast: RuleAst): TriEval {
    return this.#compileCondition(ast.condition, ast);
  }

  /** The record as the scan read it: the scalars of the planned paths (objects and arrays left out: unknown anyway). */
  #stub(text: string, r: RecordScan): CloudTrailRecord {
    const o: Record<string, unknown> = {};
    for (const t of this.#topSlots) {
      const k = r.kind[t.slot]!;
      if (k === Kind.Absent) continue;
      if (k === Kind.Object) {
        if (t.children === undefined) continue;
        const child: Record<string, unknown> = {};
        for (const c of t.children) if (r.kind[c.slot] !== Kind.Absent && isScalarKind(r.kind[c.slot]!)) child[c.key] = slotValue(text, r, c.slot);
        o[t.key] = child;
      } else if (k !== Kind.Array) o[t.key] = slotValue(text, r, t.slot);
    }
    return o as unknown as CloudTrailRecord;
  }

  #candidatesFor(source: string, name: string): Candidates {
    let bySourceName = this.#candidates.get(source);
    if (bySourceName === undefined) {
      bySourceName = new Map();
      this.#candidates.set(source, bySourceName);
    }
    let list = bySourceName.get(name);
    if (list === undefined) {
      const idx = new Set([...(this.#byName.get(name.toLowerCase()) ?? []), ...(this.#bySource.get(source.toLowerCase()) ?? []), ...this.#unpinned]);
      const rules = [...idx].sort((a, b) => a - b).map((i) => this.#rules[i]!);
      list = { rules, slots: Int32Array.from(new Set(rules.flatMap((r) => r.slots))).sort(), verdicts: new Map() };
      if (++this.#candidateLists > 20_000) {
        this.#candidates.clear();
        this.#candidateLists = 1;
        bySourceName = new Map();
        this.#candidates.set(source, bySourceName);
      }
      bySourceName.set(name, list);
    }
    return list;
  }

  /** SKIP (valid, in scope, no rule can match), OUT_OF_SCOPE (valid, outside --since/--until/--accounts/--regions) or PARSE. */
  decide(text: string, r: RecordScan): Decision {
    if (r.mustParse) return PARSE;
    const s = this.#s;
    const kind = r.kind;
    // admitRecord's validity test (record.ts looksValid), from the raw text.
    if (kind[s.time] !== Kind.PlainString || kind[s.source] !== Kind.PlainString || kind[s.name] !== Kind.PlainString) return PARSE;
    const ui = kind[s.ui]!;
    if (ui !== Kind.Absent && ui !== Kind.Object) return PARSE;
    const req = kind[s.req]!;
    if (req !== Kind.Absent && req !== Kind.Null && req !== Kind.Object) return PARSE;
    const resp = kind[s.resp]!;
    if (resp !== Kind.Absent && resp !== Kind.Null && resp !== Kind.Object) return PARSE;
    const res = kind[s.res]!;
    if (res !== Kind.Absent && !(res === Kind.Array && r.resourcesAllObjects)) return PARSE;
    const eventTime = text.slice(r.vStart[s.time]! + 1, r.vEnd[s.time]! - 1);
    if (!isoTime.test(eventTime)) return PARSE;
    // admitRecord's scope test.
    const { sinceMs, untilMs, accounts, regions } = this.#scope;
    if (sinceMs !== undefined || untilMs !== undefined) {
      const t = Date.parse(eventTime);
      if ((sinceMs !== undefined && t < sinceMs) || (untilMs !== undefined && t > untilMs)) return OUT_OF_SCOPE;
    }
    if (accounts !== undefined && accounts.length > 0) {
      if (kind[s.account] !== Kind.PlainString) return PARSE;
      if (!accounts.includes(slotValue(text, r, s.account) as string)) return OUT_OF_SCOPE;
    }
    if (regions !== undefined && regions.length > 0) {
      if (kind[s.region] !== Kind.PlainString) return PARSE;
      if (!regions.includes(slotValue(text, r, s.region) as string)) return OUT_OF_SCOPE;
    }
    const source = slotValue(text, r, s.source) as string;
    const name = slotValue(text, r, s.name) as string;
    const candidates = this.#candidatesFor(source, name);
    if (candidates.rules.length === 0) return SKIP;
    // The verdict depends only on what the scan read at the candidate rules' paths: remembered by that text.
    let key = '';
    const slots = candidates.slots;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const k = kind[slot]!;
      key += isScalarKind(k) && k !== Kind.Absent ? `${k}${text.slice(r.vStart[slot]!, r.vEnd[slot]!)}\u0000` : `${k}\u0000`;
    }
    let verdict = candidates.verdicts.get(key);
    if (verdict === undefined) {
      const ctx: EvalContext = { text, scan: r, stub: undefined, build: () => (ctx.stub = this.#stub(text, r)) };
      verdict = SKIP;
      for (const c of candidates.rules) if (c.eval(ctx) !== F) {
        verdict = PARSE;
        break;
      }
      if (candidates.verdicts.size >= MAX_VERDICTS) candidates.verdicts.clear();
      candidates.verdicts.set(key, verdict);
    }
    return verdict;
  }
}

/** Remembered verdicts per candidate list; beyond this (high-cardinality values) the list starts afresh. */
const MAX_VERDICTS = 4096;

interface Candidates {
  rules: Array<{ index: number; eval: TriEval; slots: number[] }>;
  /** The slots every candidate rule reads (nested ones with their parent). */
  slots: Int32Array;
  verdicts: Map<string, Decision>;
}


function depsOf(t: FieldTest): string[] {
  return t.op === 'fieldref' ? [t.path, ...t.values.map(String)] : [t.path];
}

function and(items: TriEval[]): TriEval {
  if (items.length === 1) return items[0]!;
  return (ctx) => {
    let out: Tri = T;
    for (const it of items) {
      const v = it(ctx);
      if (v === F) return F;
      if (v === U) out = U;
    }
    return out;
  };
}

function or(items: TriEval[]): TriEval {
  if (items.length === 1) return items[0]!;
  return (ctx) => {
    let out: Tri = F;
    for (const it of items) {
      const v = it(ctx);
      if (v === T) return T;
      if (v === U) out = U;
    }
    return out;
  };
}
