// Decides from a record's raw bytes (a RecordScan) whether any enabled rule could match it, without parsing it.
// Each rule's condition is evaluated in three values (true / false / unknown) over the fields the scan can read
// exactly: top-level scalars, and scalars one level down (userIdentity.type). A field test on anything else
// (nested objects, arrays, derived `rampart.*` fields, keyword searches) is unknown, and a record on which some
// rule is not certainly false is parsed and matched the plain way. A record is skipped only when it is certainly
// valid (as admitRecord judges), inside the run's scope, and certainly matched by no rule.
import type { ConditionAst, FieldTest, RuleAst, SelectionAst } from '../rules/ast.ts';
import { rulePinnedValues } from '../rules/event-index.ts';
import { compileFieldTest } from '../rules/matcher.ts';
import type { DetectionRule } from '../rules/types.ts';
import type { RecordScope } from '../record.ts';
import type { CloudTrailRecord } from '../types.ts';
import { Kind, makeScanPlan, type RecordScan, type ScanPlan } from './scan.ts';

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

/** A condition's value on one record: the log's bytes (scan.ts) and the record's scan (byte offsets). */
type TriEval = (buf: Buffer, scan: RecordScan) => Tri;

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
    if (refs.length === 1) return singlePathTest(pred, refs[0]!);
    return (buf, scan) => {
      for (const ref of refs) if (!Prefilter.#known(scan, ref)) return U;
      return pred(this.#stub(buf, scan)) ? T : F;
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
        return (buf, scan) => {
          const v = inner(buf, scan);
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
  #stub(buf: Buffer, r: RecordScan): CloudTrailRecord {
    const o: Record<string, unknown> = {};
    for (const t of this.#topSlots) {
      const k = r.kind[t.slot]!;
      if (k === Kind.Absent) continue;
      if (k === Kind.Object) {
        if (t.children === undefined) continue;
        const child: Record<string, unknown> = {};
        for (const c of t.children) if (r.kind[c.slot] !== Kind.Absent && isScalarKind(r.kind[c.slot]!)) child[c.key] = slotValue(buf, r, c.slot);
        o[t.key] = child;
      } else if (k !== Kind.Array) o[t.key] = slotValue(buf, r, t.slot);
    }
    return o as unknown as CloudTrailRecord;
  }

  readonly #spanCandidates = new SpanMap<SpanMap<Candidates>>();

  /** #candidatesFor for the (unescaped) source and name at these byte spans, without a new string on a hit. */
  #candidatesAt(buf: Buffer, ss: number, se: number, ns: number, ne: number): Candidates {
    let byName = this.#spanCandidates.get(buf, ss, se);
    if (byName === undefined) {
      if (this.#spanCandidates.size > 1000) this.#spanCandidates.clear();
      byName = new SpanMap();
      this.#spanCandidates.set(buf, ss, se, byName);
    }
    let c = byName.get(buf, ns, ne);
    if (c === undefined) {
      if (byName.size > 20_000) byName.clear();
      c = this.#candidatesFor(buf.toString('utf8', ss, se), buf.toString('utf8', ns, ne));
      byName.set(buf, ns, ne, c);
    }
    return c;
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
      list = { rules };
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
  decide(buf: Buffer, r: RecordScan): Decision {
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
    if (!isIsoTime(buf, r.vStart[s.time]! + 1, r.vEnd[s.time]! - 1)) return PARSE;
    // admitRecord's scope test.
    const { sinceMs, untilMs, accounts, regions } = this.#scope;
    if (sinceMs !== undefined || untilMs !== undefined) {
      const t = Date.parse(buf.toString('latin1', r.vStart[s.time]! + 1, r.vEnd[s.time]! - 1));
      if ((sinceMs !== undefined && t < sinceMs) || (untilMs !== undefined && t > untilMs)) return OUT_OF_SCOPE;
    }
    if (accounts !== undefined && accounts.length > 0) {
      if (kind[s.account] !== Kind.PlainString) return PARSE;
      if (!accounts.includes(slotValue(buf, r, s.account) as string)) return OUT_OF_SCOPE;
    }
    if (regions !== undefined && regions.length > 0) {
      if (kind[s.region] !== Kind.PlainString) return PARSE;
      if (!regions.includes(slotValue(buf, r, s.region) as string)) return OUT_OF_SCOPE;
    }
    const candidates = this.#candidatesAt(buf, r.vStart[s.source]! + 1, r.vEnd[s.source]! - 1, r.vStart[s.name]! + 1, r.vEnd[s.name]! - 1);
    if (candidates.rules.length === 0) return SKIP;
    const rules = candidates.rules;
    for (let i = 0; i < rules.length; i++) if (rules[i]!.eval(buf, r) !== F) return PARSE;
    return SKIP;
  }
}

interface Candidates {
  rules: Array<{ index: number; eval: TriEval; slots: number[] }>;
}

/** Remembered verdicts per field test; beyond this many values (high-cardinality fields) a test starts afresh. */
const MAX_REMEMBERED = 4096;

/**
 * A field test on one path: its verdict depends only on the value there, so it is remembered by the value's raw
 * text (strings, numbers) or by its kind (absent, null, true, false), and computed on a one-field record.
 */
function singlePathTest(pred: (r: CloudTrailRecord) => boolean, ref: PathRef): TriEval {
  const byText = new SpanMap<Tri>();
  const byKind: Array<Tri | undefined> = [];
  const nested = ref.parentSlot >= 0;
  const [parent, child] = nested ? ref.path.split('.') as [string, string] : [ref.path, ''];
  const record = (v: unknown): CloudTrailRecord => {
    const o: Record<string, unknown> = {};
    if (nested) o[parent] = v === undefined ? {} : { [child]: v };
    else if (v !== undefined) o[parent] = v;
    return o as unknown as CloudTrailRecord;
  };
  return (buf, r) => {
    let k: number;
    if (nested) {
      const pk = r.kind[ref.parentSlot]!;
      if (pk === Kind.Array) return U;
      // Parent absent, null or a scalar: no leaf at the path, as when the child is absent.
      k = pk === Kind.Object ? r.kind[ref.slot]! : Kind.Absent;
    } else k = r.kind[ref.slot]!;
    if (k === Kind.Object || k === Kind.Array) return U;
    if (k === Kind.PlainString || k === Kind.EscapedString || k === Kind.Number) {
      const a = r.vStart[ref.slot]!;
      const e = r.vEnd[ref.slot]!;
      let v = byText.get(buf, a, e);
      if (v === undefined) {
        v = pred(record(JSON.parse(buf.toString('utf8', a, e)))) ? T : F;
        if (byText.size >= MAX_REMEMBERED) byText.clear();
        byText.set(buf, a, e, v);
      }
      return v;
    }
    let v = byKind[k];
    if (v === undefined) {
      v = pred(record(k === Kind.True ? true : k === Kind.False ? false : k === Kind.Null ? null : undefined)) ? T : F;
      byKind[k] = v;
    }
    return v;
  };
}


/** The isoTime pattern of record.ts (`YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH[:]MM)`) on a byte span (a plain string's bytes). */
export function isIsoTime(b: Uint8Array, a: number, e: number): boolean {
  if (e - a < 20) return false;
  for (let k = 0; k < ISO_DIGITS.length; k++) if (!isDigit(b[a + ISO_DIGITS[k]!]!)) return false;
  if (b[a + 4] !== 45 || b[a + 7] !== 45 || b[a + 10] !== 84 || b[a + 13] !== 58 || b[a + 16] !== 58) return false;
  let i = a + 19;
  if (b[i] === 46) {
    i++;
    if (i >= e || !isDigit(b[i]!)) return false;
    while (i < e && isDigit(b[i]!)) i++;
  }
  if (i === e - 1 && b[i] === 90) return true;
  const sign = b[i];
  if (i >= e || (sign !== 43 && sign !== 45)) return false;
  if (!(i + 2 < e && isDigit(b[i + 1]!) && isDigit(b[i + 2]!))) return false;
  i += 3;
  if (i < e && b[i] === 58) i++;
  return i + 2 === e && isDigit(b[i]!) && isDigit(b[i + 1]!);
}

const ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The JSON value a slot holds (only for scalars; objects and arrays are the caller's business). */
export function slotValue(buf: Buffer, r: RecordScan, slot: number): unknown {
  switch (r.kind[slot]) {
    case Kind.PlainString:
      return buf.toString('utf8', r.vStart[slot]! + 1, r.vEnd[slot]! - 1);
    case Kind.EscapedString:
    case Kind.Number:
      return JSON.parse(buf.toString('utf8', r.vStart[slot]!, r.vEnd[slot]!));
    case Kind.True:
      return true;
    case Kind.False:
      return false;
    case Kind.Null:
      return null;
    default:
      return undefined;
  }
}

/**
 * A map from byte strings, looked up by a span of a larger buffer: a hit costs a hash of the span and a compare,
 * no new string (the lookups run for every record). Keys are kept as latin1 strings (one char per byte), copies
 * that keep no log buffer alive.
 */
export class SpanMap<V> {
  readonly #buckets = new Map<number, Array<{ key: string; value: V }>>();
  size = 0;

  static hash(b: Uint8Array, a: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = a; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    return h;
  }

  static #same(key: string, b: Uint8Array, a: number, e: number): boolean {
    if (key.length !== e - a) return false;
    for (let k = 0; k < key.length; k++) if (key.charCodeAt(k) !== b[a + k]) return false;
    return true;
  }

  get(b: Uint8Array, a: number, e: number): V | undefined {
    const list = this.#buckets.get(SpanMap.hash(b, a, e));
    if (list === undefined) return undefined;
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!;
      if (SpanMap.#same(x.key, b, a, e)) return x.value;
    }
    return undefined;
  }

  set(b: Buffer, a: number, e: number, value: V): void {
    const h = SpanMap.hash(b, a, e);
    const list = this.#buckets.get(h);
    const entry = { key: b.toString('latin1', a, e), value };
    if (list === undefined) this.#buckets.set(h, [entry]);
    else {
      const i = list.findIndex((x) => SpanMap.#same(x.key, b, a, e));
      if (i >= 0) {
        list[i] = entry;
        return;
      }
      list.push(entry);
    }
    this.size++;
  }

  clear(): void {
    this.#buckets.clear();
    this.size = 0;
  }
}

function depsOf(t: FieldTest): string[] {
  return t.op === 'fieldref' ? [t.path, ...t.values.map(String)] : [t.path];
}

function and(items: TriEval[]): TriEval {
  if (items.length === 1) return items[0]!;
  return (buf, scan) => {
    let out: Tri = T;
    for (let k = 0; k < items.length; k++) {
      const v = items[k]!(buf, scan);
      if (v === F) return F;
      if (v === U) out = U;
    }
    return out;
  };
}

function or(items: TriEval[]): TriEval {
  if (items.length === 1) return items[0]!;
  return (buf, scan) => {
    let out: Tri = F;
    for (let k = 0; k < items.length; k++) {
      const v = items[k]!(buf, scan);
      if (v === T) return T;
      if (v === U) out = U;
    }
    return out;
  };
}
