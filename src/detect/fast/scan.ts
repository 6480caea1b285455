// A strict scanner for CloudTrail log bytes (the gunzipped UTF-8, never decoded as a whole) in the compact shape
// CloudTrail writes (`{"Records":[{…},{…}]}`, no whitespace outside strings): it validates the whole document as
// JSON (the grammar JSON.parse accepts) and, per record, finds where it starts and ends and where the values of a
// few top-level keys are, without building any string or object. Anything outside that shape (whitespace, a
// BOM, another layout) is refused, and the caller parses the file the plain way: refusing is always safe,
// accepting must be exact.
//
// Why bytes: decoding a 600 KB log to a string costs about a third of JSON.parse, and a byte loop over a typed
// array is the fastest loop V8 runs; every byte the grammar cares about is ASCII, and bytes of multi-byte UTF-8
// characters (all ≥ 0x80) can only sit inside strings, where JSON allows any character from U+0020 on. The caller
// checks that the bytes are valid UTF-8 (fast/match.ts), so the text JSON.parse would see is exactly these bytes
// decoded, and a record's bytes decode on their own to exactly that record's text (its ends are ASCII).

/** What a value is, as far as the prefilter cares. */
export const Kind = {
  Absent: 0,
  /** A string without any escape: its text is the bytes between the quotes. */
  PlainString: 1,
  /** A string with escapes: JSON.parse its text to read it. */
  EscapedString: 2,
  Number: 3,
  True: 4,
  False: 5,
  Null: 6,
  Object: 7,
  Array: 8,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

interface KeyEntry {
  key: string;
  /** The key's UTF-8 bytes (what it looks like in the log). */
  bytes: Uint8Array;
  slot: number;
}

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
  /** Top-level keys → slot; slot -2 marks a dotted key (`userIdentity.type` as one key) that forces a parse. */
  readonly keys: KeyTable;
  /** For a top-level slot with children: the children's keys. */
  readonly nestedKeys: ReadonlyArray<KeyTable | undefined>;
}

const utf8 = new TextEncoder();

/** Keys by a cheap hash of their bytes (keyHash): most keys of a record are rejected without a compare. */
type KeyTable = ReadonlyArray<ReadonlyArray<KeyEntry> | undefined>;
const KEY_TABLE_SIZE = 256;

/** A hash of the key bytes b[ks, ke) (non-empty): its length, first, middle and last bytes. */
function keyHash(b: Uint8Array, ks: number, ke: number): number {
  const len = ke - ks;
  return (len * 5 + b[ks]! * 3 + b[ks + (len >> 1)]! * 7 + b[ke - 1]! * 11) & (KEY_TABLE_SIZE - 1);
}

function keyTable(entries: Array<{ key: string; slot: number }>): KeyTable {
  const out: Array<KeyEntry[] | undefined> = new Array<KeyEntry[] | undefined>(KEY_TABLE_SIZE).fill(undefined);
  for (const { key, slot } of entries) {
    const bytes = utf8.encode(key);
    if (bytes.length === 0) continue; // an empty key is never planned: it is skipped like any other
    (out[keyHash(bytes, 0, bytes.length)] ??= []).push({ key, bytes, slot });
  }
  return out;
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
  // The field accessor also reads a literal top-level key `a.b` for the path a.b (fields.ts).
  const keys = keyTable([...top.map((key, slot) => ({ key, slot })), ...pairs.map(([p, c]) => ({ key: `${p}.${c}`, slot: -2 }))]);
  const childKeys: Array<KeyTable | undefined> = new Array<KeyTable | undefined>(next).fill(undefined);
  for (const [ps, children] of nested) childKeys[ps] = keyTable(children);
  return { top, nested, slots: next, resourcesSlot, keys, nestedKeys: childKeys };
}

/** One record's findings; the arrays are reused from record to record. Offsets are byte offsets. */
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

/** `{"Records":[` */
const PREFIX = [123, 34, 82, 101, 99, 111, 114, 100, 115, 34, 58, 91];

// ---- value scanning (return the index after the value, or -1 if it is not valid JSON) ----
// Few, large functions with tight inner loops: a call per token would cost more than the token's bytes.

function hex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70));
}

/** `b[i]` is a backslash inside a string: the index after its escape, or -1 if it is not one JSON allows. */
function escapeEnd(b: Uint8Array, i: number): number {
  const e = b[i + 1];
  // " \ / b f n r t
  if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) return i + 2;
  if (e === 117 && hex(b[i + 2]) && hex(b[i + 3]) && hex(b[i + 4]) && hex(b[i + 5])) return i + 6;
  return -1;
}

/** Escapes seen so far (any document): a caller compares it before and after a string to know if it had one. */
let escapes = 0;

/**
 * `b[i]` is `"`: the index after the closing quote, or -1. Checks what JSON.parse checks inside a string: no raw
 * control character, every backslash starts a valid escape. Bytes ≥ 0x80 (UTF-8) are string characters.
 */
function skipString(b: Uint8Array, i: number): number {
  i++;
  for (;;) {
    let c = b[i];
    // The common bytes: everything above `"` but the backslash (reads past the end give undefined: stop).
    while (c !== undefined && c > 34 && c !== 92) c = b[++i];
    if (c === 34) return i + 1;
    if (c === 92) {
      escapes++;
      i = escapeEnd(b, i);
      if (i < 0) return -1;
    } else if (c === 32 || c === 33) i++;
    else return -1; // a control character, or the end of the text
  }
}

function digit(c: number | undefined): boolean {
  return c !== undefined && c >= 48 && c <= 57;
}

/** JSON number grammar at b[i]: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
function skipNumber(b: Uint8Array, i: number): number {
  if (b[i] === 45) i++;
  let c = b[i];
  if (c === 48) i++;
  else if (c !== undefined && c >= 49 && c <= 57) {
    i++;
    while (digit(b[i])) i++;
  } else return -1;
  if (b[i] === 46) {
    i++;
    if (!digit(b[i])) return -1;
    while (digit(b[i])) i++;
  }
  c = b[i];
  if (c === 101 || c === 69) {
    i++;
    c = b[i];
    if (c === 43 || c === 45) i++;
    if (!digit(b[i])) return -1;
    while (digit(b[i])) i++;
  }
  return i;
}

/** Containers opened and not closed: 1 = object, 2 = array. Grows as needed. */
let stack = new Uint8Array(256);

/** A whole JSON value at b[i], nested ones included, iteratively (any depth). */
function skipValue(b: Uint8Array, i: number): number {
  let st = stack;
  let depth = 0;
  for (;;) {
    // A value starts at b[i].
    const c = b[i];
    if (c === 34) {
      i = skipString(b, i);
      if (i < 0) return -1;
    } else if (c === 123 || c === 91) {
      const close = c === 123 ? 125 : 93;
      i++;
      if (b[i] === close) i++;
      else {
        if (depth === st.length) {
          const bigger = new Uint8Array(st.length * 2);
          bigger.set(st);
          st = stack = bigger;
        }
        st[depth++] = c === 123 ? 1 : 2;
        if (c === 123) {
          // The first key.
          if (b[i] !== 34) return -1;
          i = skipString(b, i);
          if (i < 0 || b[i] !== 58) return -1;
          i++;
        }
        continue;
      }
    } else if (c === 116) {
      if (b[i + 1] !== 114 || b[i + 2] !== 117 || b[i + 3] !== 101) return -1;
      i += 4;
    } else if (c === 102) {
      if (b[i + 1] !== 97 || b[i + 2] !== 108 || b[i + 3] !== 115 || b[i + 4] !== 101) return -1;
      i += 5;
    } else if (c === 110) {
      if (b[i + 1] !== 117 || b[i + 2] !== 108 || b[i + 3] !== 108) return -1;
      i += 4;
    } else {
      i = skipNumber(b, i);
      if (i < 0) return -1;
    }
    // After a value: close containers, or go on to the next member.
    for (;;) {
      if (depth === 0) return i;
      const d = b[i];
      const inObject = st[depth - 1] === 1;
      if (d === 44) {
        i++;
        if (inObject) {
          if (b[i] !== 34) return -1;
          i = skipString(b, i);
          if (i < 0 || b[i] !== 58) return -1;
          i++;
        }
        break;
      }
      if (d === (inObject ? 125 : 93)) {
        i++;
        depth--;
        continue;
      }
      return -1;
    }
  }
}

/** What the value at b[vs] is (it was validated; strings are told apart by the caller). */
function kindAt(b: Uint8Array, vs: number): Kind {
  switch (b[vs]) {
    case 123:
      return Kind.Object;
    case 91:
      return Kind.Array;
    case 116:
      return Kind.True;
    case 102:
      return Kind.False;
    case 110:
      return Kind.Null;
    default:
      return Kind.Number;
  }
}

// ---- records ----

/** The slot of the key whose bytes are b[ks, ke), -1 if none (-2: a dotted planned key). */
function keySlot(b: Uint8Array, ks: number, ke: number, table: KeyTable): number {
  if (ke === ks) return -1;
  const list = table[keyHash(b, ks, ke)];
  if (list === undefined) return -1;
  const len = ke - ks;
  for (let k = 0; k < list.length; k++) {
    const e = list[k]!;
    const kb = e.bytes;
    if (kb.length !== len) continue;
    let j = 0;
    while (j < len && b[ks + j] === kb[j]) j++;
    if (j === len) return e.slot;
  }
  return -1;
}

/**
 * The members of the object at b[i] (`{`), one level: each key looked up in `byLength`, a planned key's value
 * reported in `out`. `parent` ≥ 0: the object is that top-level slot's value (its children are looked up).
 * Returns the index after the object, or -1.
 */
function scanMembers(b: Uint8Array, i: number, plan: ScanPlan, table: KeyTable, top: boolean, out: RecordScan): number {
  i++;
  if (b[i] === 125) return i + 1;
  for (;;) {
    if (b[i] !== 34) return -1;
    const ks = i;
    const e0 = escapes;
    i = skipString(b, i);
    if (i < 0 || b[i] !== 58) return -1;
    let slot = -1;
    // A key with escapes may be one of ours in disguise: the record is parsed.
    if (escapes !== e0) out.mustParse = true;
    else {
      slot = keySlot(b, ks + 1, i - 1, table);
      // A dotted top-level key may be read as a nested path (fields.ts): the record is parsed.
      if (slot === -2) {
        out.mustParse = true;
        slot = -1;
      }
    }
    i++;
    const vs = i;
    const c0 = b[i];
    let kind: Kind = Kind.Absent;
    if (slot < 0) i = skipValue(b, i);
    else if (c0 === 34) {
      const v0 = escapes;
      i = skipString(b, i);
      kind = escapes === v0 ? Kind.PlainString : Kind.EscapedString;
    } else if (top && c0 === 123 && plan.nestedKeys[slot] !== undefined) {
      // A duplicated parent key: the last one wins, so the children of an earlier one are forgotten.
      const children = plan.nested.get(slot)!;
      for (let k = 0; k < children.length; k++) out.kind[children[k]!.slot] = Kind.Absent;
      i = scanMembers(b, i, plan, plan.nestedKeys[slot]!, false, out);
    } else if (slot >= 0 && top && slot === plan.resourcesSlot && c0 === 91) i = scanResources(b, i, out);
    else i = skipValue(b, i);
    if (i < 0) return -1;
    if (slot >= 0) {
      // Duplicate keys: JSON.parse keeps the last one, so does this.
      out.kind[slot] = c0 === 34 ? kind : kindAt(b, vs);
      out.vStart[slot] = vs;
      out.vEnd[slot] = i;
    }
    const c = b[i];
    if (c === 44) {
      i++;
      continue;
    }
    if (c === 125) return i + 1;
    return -1;
  }
}

/** The record at b[i]: fills `out`. Returns the index after it, or -1 if not valid JSON. */
function scanRecord(b: Uint8Array, i: number, plan: ScanPlan, out: RecordScan): number {
  out.start = i;
  out.mustParse = false;
  out.resourcesAllObjects = true;
  out.kind.fill(0);
  // Not an object (a number, null…): valid JSON or not, the plain path decides about it.
  const e = b[i] === 123 ? scanMembers(b, i, plan, plan.keys, true, out) : ((out.mustParse = true), skipValue(b, i));
  out.end = e;
  return e;
}

/** The `resources` array: valid JSON, and whether every element is an object. */
function scanResources(b: Uint8Array, i: number, out: RecordScan): number {
  let all = true;
  i++;
  if (b[i] === 93) {
    out.resourcesAllObjects = true;
    return i + 1;
  }
  for (;;) {
    if (b[i] !== 123) all = false;
    i = skipValue(b, i);
    if (i < 0) return -1;
    const c = b[i];
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
 * object every time, reused). Returns false, possibly after some records were reported, when the bytes are not
 * in the compact shape or not valid JSON: the caller must then throw away what it got and parse the file plainly.
 */
export function scanCompactTrail(b: Uint8Array, plan: ScanPlan, onRecord: (r: RecordScan, index: number) => void): boolean {
  const n = b.length;
  // The end first: a truncated file (the usual damage) is refused before any record is reported.
  if (n < PREFIX.length + 2 || b[n - 1] !== 125 || b[n - 2] !== 93) return false;
  for (let k = 0; k < PREFIX.length; k++) if (b[k] !== PREFIX[k]) return false;
  const out = newRecordScan(plan);
  let i = PREFIX.length;
  let index = 0;
  if (b[i] === 93) return i + 2 === n;
  for (;;) {
    i = scanRecord(b, i, plan, out);
    if (i < 0) return false;
    onRecord(out, index++);
    const c = b[i];
    if (c === 44) {
      i++;
      continue;
    }
    if (c === 93) return i + 2 === n;
    return false;
  }
}
