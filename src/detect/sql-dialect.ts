// The few places where DuckDB and Athena (Trino) SQL differ, behind one interface, so the compiler in sql.ts
// writes one dialect-neutral query shape. DuckDB's form is the one the tests execute; Athena's is parsed.

export type SqlDialect = 'athena' | 'duckdb';

/** A JSON value in SQL: text holding JSON (a CloudTrail JSON column) or a value of the JSON type (a fanned-out leaf). */
export interface JsonExpr {
  sql: string;
  kind: 'text' | 'json';
}

export interface Dialect {
  name: SqlDialect;
  /**
   * TRUE when some value reached by `segments` from `json` satisfies `pred`, with the engine's fan-out: an array
   * met on the way, or at the end, is visited element by element; a key containing dots matches too (DuckDB).
   */
  someLeaf(json: JsonExpr, segments: readonly string[], pred: (leaf: JsonExpr) => string): string;
  /** TRUE when some key/value entry of the JSON object satisfies `pred` (key as VARCHAR). */
  someEntry(json: JsonExpr, pred: (key: string, value: JsonExpr) => string): string;
  /** The value directly under `key` of a JSON object (no fan-out); NULL when absent. */
  child(json: JsonExpr, key: string): JsonExpr;
  /** The value as the JSON type. */
  asJson(v: JsonExpr): string;
  /** String form of a scalar JSON value (string, number, boolean); NULL for objects, arrays and null. */
  scalarText(v: JsonExpr): string;
  /** TRUE when the JSON value is present and not null. */
  present(v: JsonExpr): string;
  /** TRUE when the value is a JSON object / a JSON string. */
  isObject(v: JsonExpr): string;
  isString(v: JsonExpr): string;
  /** JSON text → JSON value, NULL when it does not parse. */
  tryParse(text: string): JsonExpr;
  urlDecode(text: string): string;
  /** A scalar read of one fixed path (no fan-out), for threshold group keys. */
  scalarAt(column: string, segments: readonly string[]): string;
  regexMatch(text: string, pattern: string): string;
  /** undefined when the dialect has no built-in IP type. */
  cidrContains?(cidr: string, text: string): string;
  epochSeconds(isoText: string): string;
  /**
   * Evaluates each value once and names it for `body`, so a long expression (a policy document, a port) is not
   * repeated in every test that reads it. The result is `body`'s boolean (FALSE when it is NULL).
   */
  withValues(values: ReadonlyArray<{ sql: string; type: BoundType }>, body: (names: string[]) => string): string;
  /** TRUE when some element of an array-of-struct column satisfies `pred` (element alias passed in). */
  someElement(arrayColumn: string, pred: (element: string) => string): string;
}

export type BoundType = 'varchar' | 'json' | 'boolean';

export function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Unique lambda / subquery aliases within one query (nested fan-outs must not shadow each other). */
export class AliasCounter {
  #n = 0;
  next(prefix: string): string {
    return `${prefix}${++this.#n}`;
  }
}

function duckdb(aliases: AliasCounter): Dialect {
  const asJson = (v: JsonExpr): string => v.sql;
  return {
    name: 'duckdb',
    someLeaf(json, segments, pred) {
      const t = aliases.next('t');
      // json_tree visits every node; its fullkey with array indexes removed is the engine's dotted path
      // (DuckDB does not quote keys, so a key "a.b" reads as the path a.b exactly as the engine tries it).
      const path = ['$', ...segments].join('.');
      const leaf: JsonExpr = { sql: `${t}.value`, kind: 'json' };
      return `EXISTS (SELECT 1 FROM json_tree(${asJson(json)}) AS ${t} WHERE ${t}.type <> 'ARRAY' AND regexp_replace(${t}.fullkey, '\\[[0-9]+\\]', '', 'g') = ${quote(path)} AND coalesce(${pred(leaf)}, FALSE))`;
    },
    someEntry(json, pred) {
      const e = aliases.next('e');
      return `EXISTS (SELECT 1 FROM json_each(CASE WHEN json_type(${asJson(json)}) = 'OBJECT' THEN ${asJson(json)} END) AS ${e} WHERE coalesce(${pred(`${e}.key`, { sql: `${e}.value`, kind: 'json' })}, FALSE))`;
    },
    child: (v, key) => ({ sql: `json_extract(${v.sql}, ${quote(`$${member(key)}`)})`, kind: 'json' }),
    asJson: (v) => (v.kind === 'json' ? v.sql : `try_cast(${v.sql} AS JSON)`),
    scalarText: (v) => `CASE WHEN json_type(${v.sql}) IN ('OBJECT', 'ARRAY', 'NULL') THEN NULL ELSE json_extract_string(${v.sql}, '$') END`,
    present: (v) => `coalesce(json_type(${v.sql}) <> 'NULL', FALSE)`,
    isObject: (v) => `coalesce(json_type(${v.sql}) = 'OBJECT', FALSE)`,
    isString: (v) => `coalesce(json_type(${v.sql}) = 'VARCHAR', FALSE)`,
    tryParse: (text) => ({ sql: `try_cast(${text} AS JSON)`, kind: 'json' }),
    urlDecode: (text) => `url_decode(${text})`,
    scalarAt: (column, segments) => `json_extract_string(${column}, ${quote(`$.${segments.join('.')}`)})`,
    regexMatch: (text, pattern) => `regexp_matches(${text}, ${pattern})`,
    epochSeconds: (iso) => `epoch(CAST(${iso} AS TIMESTAMPTZ))`,
    withValues(values, body) {
      const b = aliases.next('b');
      const names = values.map((_, i) => `${b}.v${i + 1}`);
      const select = values.map((v, i) => `${v.type === 'json' ? `CAST(${v.sql} AS JSON)` : v.sql} AS v${i + 1}`).join(', ');
      return `EXISTS (SELECT 1 FROM (SELECT ${select}) AS ${b} WHERE coalesce(${body(names)}, FALSE))`;
    },
    someElement: (col, pred) => {
      const r = aliases.next('r');
      return `coalesce(len(list_filter(${col}, ${r} -> coalesce(${pred(r)}, FALSE))) > 0, FALSE)`;
    },
  };
}

/** A JSON path member accessor that is valid for any key: `."key"`. */
function member(key: string): string {
  return `."${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function athena(aliases: AliasCounter): Dialect {
  const asText = (v: JsonExpr): string => (v.kind === 'text' ? v.sql : `json_format(${v.sql})`);
  const asJson = (v: JsonExpr): string => (v.kind === 'json' ? v.sql : `try(json_parse(${v.sql}))`);
  return {
    name: 'athena',
    someLeaf(json, segments, pred) {
      const x = aliases.next('x');
      // SQL/JSON lax mode unwraps arrays met by a member accessor; the final [*] visits a leaf array's elements.
      const path = `lax $${segments.map(member).join('')}[*]`;
      const list = `CAST(json_parse(coalesce(json_query(${asText(json)}, ${quote(path)} WITH ARRAY WRAPPER), '[]')) AS ARRAY(JSON))`;
      return `any_match(${list}, ${x} -> coalesce(${pred({ sql: x, kind: 'json' })}, FALSE))`;
    },
    someEntry(json, pred) {
      const e = aliases.next('e');
      const map = `coalesce(try_cast(${asJson(json)} AS MAP(VARCHAR, JSON)), MAP())`;
      return `any_match(map_entries(${map}), ${e} -> coalesce(${pred(`${e}[1]`, { sql: `${e}[2]`, kind: 'json' })}, FALSE))`;
    },
    child: (v, key) => ({ sql: `json_extract(${v.sql}, ${quote(`$[${JSON.stringify(key)}]`)})`, kind: 'json' }),
    asJson,
    scalarText: (v) => `try_cast(${asJson(v)} AS VARCHAR)`,
    present: (v) => `coalesce(json_format(${asJson(v)}) <> 'null', FALSE)`,
    isObject: (v) => `coalesce(json_format(${asJson(v)}) LIKE '{%', FALSE)`,
    isString: (v) => `coalesce(json_format(${asJson(v)}) LIKE '"%', FALSE)`,
    tryParse: (text) => ({ sql: `try(json_parse(${text}))`, kind: 'json' }),
    urlDecode: (text) => `url_decode(${text})`,
    scalarAt: (column, segments) => `json_extract_scalar(${column}, ${quote(`$${segments.map((s) => `[${JSON.stringify(s)}]`).join('')}`)})`,
    regexMatch: (text, pattern) => `regexp_like(${text}, ${pattern})`,
    cidrContains: (cidr, text) => `contains(${cidr}, try_cast(${text} AS IPADDRESS))`,
    epochSeconds: (iso) => `to_unixtime(from_iso8601_timestamp(${iso}))`,
    withValues(values, body) {
      const b = aliases.next('b');
      const names = values.map((_, i) => `${b}.v${i + 1}`);
      const row = `CAST(ROW(${values.map((v) => v.sql).join(', ')}) AS ROW(${values.map((v, i) => `v${i + 1} ${v.type.toUpperCase()}`).join(', ')}))`;
      return `coalesce(any_match(ARRAY[${row}], ${b} -> coalesce(${body(names)}, FALSE)), FALSE)`;
    },
    someElement: (col, pred) => {
      const r = aliases.next('r');
      return `coalesce(any_match(${col}, ${r} -> coalesce(${pred(r)}, FALSE)), FALSE)`;
    },
  };
}

export function dialectFor(name: SqlDialect, aliases = new AliasCounter()): Dialect {
  return name === 'duckdb' ? duckdb(aliases) : athena(aliases);
}
