// A strict scanner for CloudTrail log text in the compact shape CloudTrail writes (`{"Records":[{…},{…}]}`, no
// whitespace outside strings): it validates the whole document as JSON (the same grammar JSON.parse accepts)
// and, per record, finds where it starts and ends and where the values of a few top-level keys are, without
// building any object. Anything outside that shape (whitespace, a BOM, another layout) is refused, and the
// caller parses the file the plain way: refusing is always safe, accepting must be exact.

/** What a value is, as far as the prefilter cares. */
export const Kind = {
  Absent: 0,
  /** A string without any escape: its text is `s.slice(start + 1, end - 1)`. */
  PlainString: 1,
  /** A string with escapes: JSON.parse the slice to read it. */
  EscapedString: 2,
  Number: 3,
  True: 4,
  False: 5,
  Null: 6,
  Object: 7,
  Array: 8,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/** The keys whose values a record's scan reports: top-level keys, and keys one level down in some of them. */
export interface ScanPlan {
  /** Top-level keys, by slot. */
  readonly top: readonly string[];
  /** For a top-level slot: its children's keys and their slots (slots after the top-level ones). */
  readonly nested: ReadonlyMap<number, ReadonlyArray<{ key: string; slot: number }>>;
  /** Total slots. */
  readonly slots: number;
  /** The slot of `resources`, whose elements must all be objects for the record to be valid. */
  readonly resourcesSlot: number;
  /** Top-level keys by length → slot; slot -2 marks a dotted key (`userIdentity.type` as one key) that forces a parse. */
  readonly byLength: ReadonlyArray<ReadonlyArray<{ key: string; slot: number }> | undefined>;
}

export function makeScanPlan(topKeys: Iterable<string>, nestedKeys: Iterable<[string, string]>): ScanPlan {
  const top: string[] = [];
  const slotOf = new Map<string, number>();
  const addTop = (k: string): number => {
    let s = slotOf.get(k);
    if (s === undefined) {
      s = top.length;
      top.push(k);
      slotOf.set(k, s);
    }
    return s;
  };
  for (const k of topKeys) addTop(k);
  const resourcesSlot = addTop('resources');
  const pairs = [...nestedKeys];
  for (const [p] of pairs) addTop(p);
  let next = top.length;
  const nested = new Map<number, Array<{ key: string; slot: number }>>();
  for (const [p, c] of pairs) {
    const ps = slotOf.get(p)!;
    const list = nested.get(ps) ?? [];
    if (!list.some((x) => x.key === c)) list.push({ key: c, slot: next++ });
    nested.set(ps, list);
  }
  const byLength: Array<Array<{ key: string; slot: number }> | undefined> = [];
  const index = (key: string, slot: number) => (byLength[key.length] ??= []).push({ key, slot });
  top.forEach((k, slot) => index(k, slot));
  // The field accessor also reads a literal top-level key `a.b` for the path a.b (fields.ts).
  for (const [p, c] of pairs) index(`${p}.${c}`, -2);
  return { top, nested, slots: next, resourcesSlot, byLength };
}

/** One record's findings; the arrays are reused from record to record. */
export interface RecordScan {
  start: number;
  end: number;
  /** Not an object, a key with escapes, a top-level key with a dot: the record must be parsed. */
  mustParse: boolean;
  /** `resources` is an array whose elements are all objects (or is not an array at all). */
  resourcesAllObjects: boolean;
  kind: Uint8Array;
  vStart: Int32Array;
  vEnd: Int32Array;
}

const PREFIX = '{"Records":[';

// ---- string and value scanning (return the index after the value, or -1 if it is not valid JSON) ----

let strEscaped = false;
/** Index of the next backslash at or after the scan position in the current document (Infinity: none left). */
let nextBackslash = Infinity;

function backslashFrom(s: string, i: number): number {
  const b = s.indexOf('\\', i);
  return b === -1 ? Infinity : b;
}

/**
 * `s[i]` is `"`: the index after the closing quote. The document was checked beforehand (checkDocument) for raw
 * control characters and bad escapes, so only the closing quote is searched for (natively). Sets strEscaped.
 */
function scanString(s: string, i: number): number {
  strEscaped = false;
  let j = i + 1;
  for (;;) {
    const q = s.indexOf('"', j);
    if (q === -1) return -1;
    if (nextBackslash < j) nextBackslash = backslashFrom(s, j);
    if (nextBackslash > q) return q + 1;
    strEscaped = true;
    // The quote is escaped when an odd number of backslashes precede it (all inside this string).
    let k = q - 1;
    while (s.charCodeAt(k) === 92) k--;
    nextBackslash = backslashFrom(s, q + 1);
    if (((q - 1 - k) & 1) === 0) return q + 1;
    j = q + 1;
  }
}

/**
 * What the string scan relies on, checked for the whole document natively: no raw control character anywhere
 * (JSON forbids them in strings, and compact text has no whitespace but spaces) and every backslash starts a
 * valid escape. A backslash that is itself escaped (`\\x`) may be flagged: a refusal, never a wrong acceptance.
 */
const CONTROL = /[\u0000-\u001f]/;
const BAD_ESCAPE = /\\(?!["\\/bfnrt]|u[0-9a-fA-F]{4})/;

function checkDocument(s: string): boolean {
  if (CONTROL.test(s)) return false;
  nextBackslash = backslashFrom(s, 0);
  if (nextBackslash !== Infinity && BAD_ESCAPE.test(s)) return false;
  return true;
}

function digit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
function scanNumber(s: string, i: number): number {
  if (s.charCodeAt(i) === 45) i++;
  let c = s.charCodeAt(i);
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) {
    i++;
    while (digit(s.charCodeAt(i))) i++;
  } else return -1;
  if (s.charCodeAt(i) === 46) {
    i++;
    if (!digit(s.charCodeAt(i))) return -1;
    while (digit(s.charCodeAt(i))) i++;
  }
  c = s.charCodeAt(i);
  if (c === 101 || c === 69) {
    i++;
    c = s.charCodeAt(i);
    if (c === 43 || c === 45) i++;
    if (!digit(s.charCodeAt(i))) return -1;
    while (digit(s.charCodeAt(i))) i++;
  }
  return i;
}

let valueKind: Kind = Kind.Absent;

/** A scalar or a whole nested value (iteratively, any depth). Sets valueKind. */
function scanValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) {
    const e = scanString(s, i);
    valueKind = strEscaped ? Kind.EscapedString : Kind.PlainString;
    return e;
  }
  if (c === 123 || c === 91) {
    // After the scan: the scalars inside set valueKind on the way.
    const e = scanContainer(s, i);
    valueKind = c === 123 ? Kind.Object : Kind.Array;
    return e;
  }
  if (c === 116) {
    valueKind = Kind.True;
    return s.startsWith('true', i) ? i + 4 : -1;
  }
  if (c === 102) {
    valueKind = Kind.False;
    return s.startsWith('false', i) ? i + 5 : -1;
  }
  if (c === 110) {
    valueKind = Kind.Null;
    return s.startsWith('null', i) ? i + 4 : -1;
  }
  valueKind = Kind.Number;
  return scanNumber(s, i);
}

/** Containers opened and not closed: 1 = object, 2 = array. Grows as needed. */
let stack = new Uint8Array(64);

/** `s[i]` is `{` or `[`: validates the whole container, nested ones included, without recursion. */
function scanContainer(s: string, i: number): number {
  let depth = 0;
  for (;;) {
    // At the start of a container: s[i] is `{` or `[`.
    const open = s.charCodeAt(i);
    if (depth === stack.length) {
      const bigger = new Uint8Array(stack.length * 2);
      bigger.set(stack);
      stack = bigger;
    }
    stack[depth++] = open === 123 ? 1 : 2;
    i++;
    const close = open === 123 ? 125 : 93;
    if (s.charCodeAt(i) === close) {
      i++;
      depth--;
      // fall through to "after a value"
    } else {
      // Expect a member (object) or an element (array).
      const r = member(s, i, open === 123);
      if (r < 0) {
        if (r === -1) return -1;
        i = -r - 2; // a nested container starts here
        continue;
      }
      i = r;
    }
    // After a value inside the container at depth-1 (or after a closed container).
    for (;;) {
      if (depth === 0) return i;
      const c = s.charCodeAt(i);
      const inObject = stack[depth - 1] === 1;
      if (c === 44) {
        const r = member(s, i + 1, inObject);
        if (r === -1) return -1;
        if (r < -1) {
          i = -r - 2;
          break; // open the nested container
        }
        i = r;
        continue;
      }
      if (c === (inObject ? 125 : 93)) {
        i++;
        depth--;
        continue;
      }
      return -1;
    }
  }
}

/**
 * One member (`"key":value` in an object, `value` in an array) at s[i]. Returns the index after a scalar value,
 * -1 when invalid, or -(k + 2) when the value is a container starting at k (the caller opens it).
 */
function member(s: string, i: number, inObject: boolean): number {
  if (inObject) {
    if (s.charCodeAt(i) !== 34) return -1;
    i = scanString(s, i);
    if (i < 0 || s.charCodeAt(i) !== 58) return -1;
    i++;
  }
  const c = s.charCodeAt(i);
  if (c === 123 || c === 91) return -(i + 2);
  return scanValue(s, i);
}

// ---- records ----

function keySlot(s: string, ks: number, ke: number, plan: ScanPlan): number {
  const list = plan.byLength[ke - ks];
  if (list === undefined) return -1;
  for (let k = 0; k < list.length; k++) if (s.startsWith(list[k]!.key, ks)) return list[k]!.slot;
  return -1;
}

/** The record object at s[i] (`{`): fills `out`. Returns the index after it, or -1 if not valid JSON. */
function scanRecord(s: string, i: number, plan: ScanPlan, out: RecordScan): number {
  out.start = i;
  out.mustParse = false;
  out.resourcesAllObjects = true;
  out.kind.fill(0);
  if (s.charCodeAt(i) !== 123) {
    // Not an object (a number, null…): valid JSON or not, the plain path decides about it.
    out.mustParse = true;
    const e = scanValue(s, i);
    out.end = e;
    return e;
  }
  i++;
  if (s.charCodeAt(i) === 125) {
    out.end = i + 1;
    return i + 1;
  }
  for (;;) {
    if (s.charCodeAt(i) !== 34) return -1;
    const ks = i;
    i = scanString(s, i);
    if (i < 0 || s.charCodeAt(i) !== 58) return -1;
    // A key with escapes may be one of ours in disguise; a dotted one may be read as a nested path.
    if (strEscaped) out.mustParse = true;
    let slot = strEscaped ? -1 : keySlot(s, ks + 1, i - 1, plan);
    if (slot === -2) {
      out.mustParse = true;
      slot = -1;
    }
    i++;
    const vs = i;
    const children = slot >= 0 ? plan.nested.get(slot) : undefined;
    if (children !== undefined && s.charCodeAt(i) === 123) i = scanNestedObject(s, i, children, out);
    else if (slot === plan.resourcesSlot && s.charCodeAt(i) === 91) i = scanResources(s, i, out);
    else i = scanValue(s, i);
    if (i < 0) return -1;
    if (slot >= 0) {
      // Duplicate keys: JSON.parse keeps the last one, so does this.
      out.kind[slot] = s.charCodeAt(vs) === 123 ? Kind.Object : s.charCodeAt(vs) === 91 ? Kind.Array : valueKind;
      out.vStart[slot] = vs;
      out.vEnd[slot] = i;
    }
    const c = s.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    if (c === 125) {
      out.end = i + 1;
      return i + 1;
    }
    return -1;
  }
}

/** An object one level down whose keys are reported too (userIdentity.type…). */
function scanNestedObject(s: string, i: number, children: ReadonlyArray<{ key: string; slot: number }>, out: RecordScan): number {
  // A duplicated parent key: the last one wins, so the children of an earlier one are forgotten.
  for (const ch of children) out.kind[ch.slot] = Kind.Absent;
  i++;
  if (s.charCodeAt(i) === 125) return i + 1;
  for (;;) {
    if (s.charCodeAt(i) !== 34) return -1;
    const ks = i;
    i = scanString(s, i);
    if (i < 0 || s.charCodeAt(i) !== 58) return -1;
    // A child key with escapes could be one of ours in disguise: parse.
    if (strEscaped) out.mustParse = true;
    let slot = -1;
    if (!strEscaped) {
      const len = i - 1 - (ks + 1);
      for (const ch of children) if (ch.key.length === len && s.startsWith(ch.key, ks + 1)) slot = ch.slot;
    }
    i++;
    const vs = i;
    i = scanValue(s, i);
    if (i < 0) return -1;
    if (slot >= 0) {
      out.kind[slot] = valueKind;
      out.vStart[slot] = vs;
      out.vEnd[slot] = i;
    }
    const c = s.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    if (c === 125) return i + 1;
    return -1;
  }
}

/** The `resources` array: valid JSON, and whether every element is an object. */
function scanResources(s: string, i: number, out: RecordScan): number {
  let all = true;
  i++;
  if (s.charCodeAt(i) === 93) {
    out.resourcesAllObjects = true;
    return i + 1;
  }
  for (;;) {
    if (s.charCodeAt(i) !== 123) all = false;
    i = scanValue(s, i);
    if (i < 0) return -1;
    const c = s.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    if (c === 93) {
      out.resourcesAllObjects = all;
      return i + 1;
    }
    return -1;
  }
}

export function newRecordScan(plan: ScanPlan): RecordScan {
  return { start: 0, end: 0, mustParse: false, resourcesAllObjects: true, kind: new Uint8Array(plan.slots), vStart: new Int32Array(plan.slots), vEnd: new Int32Array(plan.slots) };
}

/**
 * Scans a whole compact CloudTrail document, calling `onRecord` for each record in order (the same `RecordScan`
 * object every time, reused). Returns false, possibly after some records were reported, when the text is not in
 * the compact shape or not valid JSON: the caller must then throw away what it got and parse the file plainly.
 */
export function scanCompactTrail(s: string, plan: ScanPlan, onRecord: (r: RecordScan, index: number) => void): boolean {
  if (!s.startsWith(PREFIX) || !checkDocument(s)) return false;
  const out = newRecordScan(plan);
  let i = PREFIX.length;
  let index = 0;
  if (s.charCodeAt(i) === 93) return i + 2 === s.length && s.charCodeAt(i + 1) === 125;
  for (;;) {
    i = scanRecord(s, i, plan, out);
    if (i < 0) return false;
    onRecord(out, index++);
    const c = s.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    if (c === 93) return i + 2 === s.length && s.charCodeAt(i + 1) === 125;
    return false;
  }
}

/** The JSON value a slot holds (only for scalars; objects and arrays are the caller's business). */
export function slotValue(s: string, r: RecordScan, slot: number): unknown {
  switch (r.kind[slot]) {
    case Kind.PlainString:
      return s.slice(r.vStart[slot]! + 1, r.vEnd[slot]! - 1);
    case Kind.EscapedString:
    case Kind.Number:
      return JSON.parse(s.slice(r.vStart[slot]!, r.vEnd[slot]!));
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
