// Compiles detection rules to SQL over the standard CloudTrail Athena table (also loaded into DuckDB),
// so the same rules can sweep months of logs. Anything without an exact SQL equivalent is skipped with a reason.

import { UsageError } from '../core/errors.ts';
import { alertSeverityOrder, type AlertSeverity, type CloudTrailRecord } from './types.ts';
import type { ConditionAst, FieldTest, RuleAst, SelectionAst } from './rules/ast.ts';
import type { DetectionRule } from './rules/types.ts';
import { opTokens, type StringOp } from './rules/pattern.ts';
import { rulePinnedValues } from './rules/event-index.ts';
import { derivedFieldSql } from './sql-derived.ts';
import { dialectFor, quote, type Dialect, type SqlDialect } from './sql-dialect.ts';

export type { SqlDialect } from './sql-dialect.ts';

export interface CompiledSql {
  queries: Array<{ ruleId: string; sql: string }>;
  skipped: Array<{ ruleId: string; reason: string }>;
}

/** A rule (part) with no exact SQL form; the message becomes the skip reason. */
class NotCompilable extends Error {}

// Record field → column of the CloudTrail table created per the AWS docs ("Querying AWS CloudTrail logs").
const topColumns: Record<string, string> = {
  eventVersion: 'eventversion',
  eventTime: 'eventtime',
  eventSource: 'eventsource',
  eventName: 'eventname',
  awsRegion: 'awsregion',
  sourceIPAddress: 'sourceipaddress',
  userAgent: 'useragent',
  errorCode: 'errorcode',
  errorMessage: 'errormessage',
  requestID: 'requestid',
  eventID: 'eventid',
  eventType: 'eventtype',
  apiVersion: 'apiversion',
  readOnly: 'readonly',
  recipientAccountId: 'recipientaccountid',
  sharedEventID: 'sharedeventid',
  vpcEndpointId: 'vpcendpointid',
  eventCategory: 'eventcategory',
};
const jsonColumns: Record<string, string> = {
  requestParameters: 'requestparameters',
  responseElements: 'responseelements',
  additionalEventData: 'additionaleventdata',
  serviceEventDetails: 'serviceeventdetails',
};
export const userIdentityFields = [
  'type', 'principalId', 'arn', 'accountId', 'invokedBy', 'accessKeyId', 'userName',
  'sessionContext.attributes.mfaAuthenticated', 'sessionContext.attributes.creationDate',
  'sessionContext.sessionIssuer.type', 'sessionContext.sessionIssuer.principalId', 'sessionContext.sessionIssuer.arn',
  'sessionContext.sessionIssuer.accountId', 'sessionContext.sessionIssuer.userName', 'sessionContext.ec2RoleDelivery',
];
/** `resources[]` elements: CloudTrail's key → the struct field of the table. */
const resourceFields: Record<string, string> = { ARN: 'arn', accountId: 'accountid', type: 'type' };

/** One value the engine reaches at a path: its string form (NULL unless scalar) and whether it is present. */
interface Leaf {
  text: string;
  present: string;
}

/** A field of the rule as SQL: TRUE when some value the engine would reach satisfies `pred`. */
type FieldSql = (pred: (leaf: Leaf) => string) => string;

const scalarLeaf = (sql: string): FieldSql => (pred) => `coalesce(${pred({ text: sql, present: `${sql} IS NOT NULL` })}, FALSE)`;

function fieldFor(path: string, d: Dialect, ast: RuleAst): FieldSql {
  if (path.startsWith('rampart.')) {
    const v = derivedFieldSql(path, d, { orgAccounts: ast.orgAccounts });
    if (v === undefined) throw new NotCompilable(`derived field ${path} has no SQL form yet`);
    // Evaluated once per row and named: the derived expressions are long.
    return (pred) => d.withValues([{ sql: v, type: 'boolean' }], ([b]) => pred({ text: `CASE ${b} WHEN TRUE THEN 'true' WHEN FALSE THEN 'false' END`, present: `${b} IS NOT NULL` }));
  }
  const top = topColumns[path];
  if (top !== undefined) return scalarLeaf(top);
  const [head = '', ...rest] = path.split('.');
  if (head === 'userIdentity') {
    const sub = rest.join('.');
    if (!userIdentityFields.includes(sub)) throw new NotCompilable(`field ${path} is not a column of the CloudTrail table`);
    return scalarLeaf(`useridentity.${sub.toLowerCase()}`);
  }
  if (head === 'resources') {
    const field = rest.length === 1 ? resourceFields[rest[0]!] : undefined;
    if (field === undefined) throw new NotCompilable(`field ${path} is not a column of the CloudTrail table (resources has ARN, accountId, type)`);
    return (pred) => d.someElement('resources', (r) => pred({ text: `${r}.${field}`, present: `${r}.${field} IS NOT NULL` }));
  }
  const jsonCol = jsonColumns[head];
  if (jsonCol !== undefined) {
    return (pred) => d.someLeaf({ sql: jsonCol, kind: 'text' }, rest, (v) => pred({ text: d.scalarText(v), present: d.present(v) }));
  }
  throw new NotCompilable(`field ${path} is not a column of the CloudTrail table`);
}

/** A threshold group key: one scalar per row (the engine joins the values of a path that crosses an array). */
function groupColumn(path: string, d: Dialect, rule: DetectionRule): string {
  const segments = path.split('.');
  if (rule.tests.some((t) => t.events.some((e: CloudTrailRecord) => crossesArray(e, segments)))) {
    throw new NotCompilable(`threshold groupBy ${path} crosses an array in the rule's test events`);
  }
  const top = topColumns[path];
  if (top !== undefined) return top;
  const [head = '', ...rest] = segments;
  if (head === 'userIdentity' && userIdentityFields.includes(rest.join('.'))) return `useridentity.${rest.join('.').toLowerCase()}`;
  const jsonCol = jsonColumns[head];
  if (jsonCol !== undefined && rest.length > 0) return d.scalarAt(jsonCol, rest);
  throw new NotCompilable(`threshold groupBy ${path} is not a scalar column of the CloudTrail table`);
}

/** The engine joins every value of a group field; SQL groups by one scalar. Refuse paths the test events show crossing an array. */
function crossesArray(record: unknown, segments: readonly string[]): boolean {
  let node: unknown = record;
  for (const seg of segments) {
    if (Array.isArray(node)) return true;
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[seg];
  }
  return Array.isArray(node);
}

function likePattern(value: string, op: StringOp, fold: boolean): { like: boolean; text: string } {
  const tokens = opTokens(value, op);
  const plain = tokens.every((t) => t.kind === 'lit');
  let text = '';
  for (const t of tokens) {
    if (t.kind === 'star') text += '%';
    else if (t.kind === 'one') text += '_';
    else {
      const lit = fold ? t.text.toLowerCase() : t.text;
      text += plain ? lit : lit.replace(/[\\%_]/g, '\\$&');
    }
  }
  return { like: !plain, text };
}

/** Regex features JS has and RE2/Java may not treat the same way. */
const nonPortableRegex = /\(\?[=!<]|\\[1-9]|\\k</;

function valueSql(test: FieldTest, x: string, value: Exclude<FieldTest['values'][number], null>, d: Dialect): string {
  // Numbers and booleans also match their string form, as in the engine ("443", "false").
  if (test.op === 'eq' && typeof value === 'number') return `trim(${x}) = ${quote(String(value))}`;
  if (test.op === 'eq' && typeof value === 'boolean') return `lower(${x}) = ${quote(String(value))}`;
  switch (test.op) {
    case 'eq':
    case 'contains':
    case 'startswith':
    case 'endswith': {
      const { like, text } = likePattern(String(value), test.op, !test.cased);
      const lhs = test.cased ? x : `lower(${x})`;
      return like ? `${lhs} LIKE ${quote(text)} ESCAPE '\\'` : `${lhs} = ${quote(text)}`;
    }
    case 're': {
      const source = String(value);
      if (nonPortableRegex.test(source)) throw new NotCompilable(`regex ${JSON.stringify(source)} uses lookaround or back-references`);
      const flags = test.reFlags ? `(?${test.reFlags})` : '';
      return d.regexMatch(x, quote(flags + source));
    }
    case 'cidr':
      if (d.cidrContains === undefined) throw new NotCompilable('cidr needs the DuckDB inet extension');
      return d.cidrContains(quote(String(value)), x);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[test.op];
      return `try_cast(trim(${x}) AS DOUBLE) ${op} ${Number(value)}`;
    }
    case 'fieldref':
    case 'exists':
      throw new Error(`internal: ${test.op} handled by the caller`);
  }
}

function fieldSql(test: FieldTest, d: Dialect, ast: RuleAst): string {
  const field = fieldFor(test.path, d, ast);
  const exists = (): string => field((leaf) => leaf.present);
  if (test.op === 'exists') return test.values[0] === true ? exists() : `NOT ${exists()}`;
  if (test.values.length === 0) return 'FALSE';
  const fold = (x: string): string => (test.cased ? x : `lower(${x})`);
  const parts = test.values.map((v) => {
    if (v === null) return `NOT ${exists()}`;
    if (test.op === 'fieldref') {
      // Some value of this field equals some value of the other (engine: fieldrefPredicate).
      const other = fieldFor(String(v), d, ast);
      return field((mine) => other((theirs) => `${fold(mine.text)} = ${fold(theirs.text)}`));
    }
    return field((leaf) => valueSql(test, leaf.text, v, d));
  });
  if (parts.length === 1) return parts[0]!;
  return `(${parts.join(test.all ? ' AND ' : ' OR ')})`;
}

function selectionSql(sel: SelectionAst, d: Dialect, ast: RuleAst): string {
  if (sel.kind === 'keywords') throw new NotCompilable(`selection ${sel.name} is a keyword search (every string of the record; the table does not hold every field)`);
  const alts = sel.alternatives.map((alt) => alt.map((t) => fieldSql(t, d, ast)).join(' AND '));
  return alts.length === 1 ? `(${alts[0]!})` : `(${alts.map((a) => `(${a})`).join(' OR ')})`;
}

function conditionSql(cond: ConditionAst, ast: RuleAst, d: Dialect): string {
  switch (cond.type) {
    case 'ref':
      return selectionSql(ast.selections.get(cond.name)!, d, ast);
    case 'not':
      return `NOT ${conditionSql(cond.item, ast, d)}`;
    case 'and':
    case 'or':
      return `(${cond.items.map((c) => conditionSql(c, ast, d)).join(cond.type === 'and' ? ' AND ' : ' OR ')})`;
  }
}

function severityCase(rule: DetectionRule, ast: RuleAst, d: Dialect, asOrdinal: boolean): string {
  const lit = (s: AlertSeverity): string => (asOrdinal ? String(alertSeverityOrder.indexOf(s)) : quote(s));
  if (ast.severityWhen.length === 0) return lit(rule.severity);
  const whens = ast.severityWhen.map((w) => `WHEN ${conditionSql(w.condition, ast, d)} THEN ${lit(w.severity)}`);
  return `CASE ${whens.join(' ')} ELSE ${lit(rule.severity)} END`;
}

function alias(path: string): string {
  return `"${path.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase()}"`;
}

/**
 * The rows the rule can possibly match, from the eventNames/eventSources it pins (the engine's index) and the
 * caller's own filter (an Athena partition range). Filtering first keeps the JSON fan-out off every other row.
 */
function source(ast: RuleAst, table: string, extraWhere: string | undefined): string {
  const filters: string[] = [];
  for (const [field, column] of [['eventName', 'eventname'], ['eventSource', 'eventsource']] as const) {
    const pinned = rulePinnedValues(ast, field);
    if (pinned !== undefined) filters.push(pinned.size === 0 ? 'FALSE' : `lower(${column}) IN (${[...pinned].sort().map(quote).join(', ')})`);
  }
  if (extraWhere !== undefined) filters.push(`(${extraWhere})`);
  return filters.length === 0 ? table : `(SELECT * FROM ${table} WHERE ${filters.join(' AND ')}) AS candidates`;
}

function compileRule(rule: DetectionRule, dialect: SqlDialect, table: string, extraWhere?: string): string {
  const ast = rule.ast;
  if (ast === undefined) throw new NotCompilable('rule has no compiled AST');
  const d = dialectFor(dialect);
  const where = conditionSql(ast.condition, ast, d);
  table = source(ast, table, extraWhere);
  if (rule.threshold === undefined) {
    return [
      `SELECT ${quote(rule.id)} AS rule_id, ${severityCase(rule, ast, d, false)} AS severity,`,
      '  eventid, eventtime, eventsource, eventname, awsregion, recipientaccountid,',
      '  useridentity.arn AS actor_arn, sourceipaddress, errorcode',
      `FROM ${table}`,
      `WHERE ${where}`,
    ].join('\n');
  }
  const { count, windowSeconds, groupBy } = rule.threshold;
  const groups = groupBy.map((p) => ({ expr: groupColumn(p, d, rule), alias: alias(p) }));
  // Fixed buckets of the window length: an approximation of the engine's sliding window (it can only miss bursts).
  const bucket = `CAST(floor(${d.epochSeconds('eventtime')} / ${windowSeconds}) AS BIGINT) * ${windowSeconds}`;
  const sevOrdinal = `max(${severityCase(rule, ast, d, true)})`;
  const sevName = `CASE ${sevOrdinal} ${alertSeverityOrder.map((s, i) => `WHEN ${i} THEN ${quote(s)}`).join(' ')} END`;
  return [
    `SELECT ${quote(rule.id)} AS rule_id, ${sevName} AS severity,`,
    ...groups.map((g) => `  ${g.expr} AS ${g.alias},`),
    `  ${bucket} AS window_start_epoch, count(*) AS match_count, min(eventtime) AS first_event_time`,
    `FROM ${table}`,
    `WHERE ${where}`,
    `GROUP BY ${[...groups.map((g) => g.expr), bucket].join(', ')}`,
    `HAVING count(*) >= ${count}`,
  ].join('\n');
}

export interface CompileSqlOptions {
  /** [catalog.][database.]table; default cloudtrail_logs. */
  table?: string;
  /** A condition every query adds to its row filter (e.g. a partition range); trusted SQL from the caller. */
  where?: string;
}

export function compileRulesToSql(rules: DetectionRule[], dialect: SqlDialect, opts: CompileSqlOptions = {}): CompiledSql {
  const table = opts.table ?? 'cloudtrail_logs';
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/.test(table)) {
    throw new UsageError(`invalid table name "${table}": use [catalog.][database.]table with letters, digits and _`);
  }
  const out: CompiledSql = { queries: [], skipped: [] };
  for (const rule of rules) {
    if (rule.disabled) {
      out.skipped.push({ ruleId: rule.id, reason: `rule disabled: ${rule.disabled.reason}` });
      continue;
    }
    try {
      out.queries.push({ ruleId: rule.id, sql: compileRule(rule, dialect, table, opts.where) });
    } catch (e) {
      if (!(e instanceof NotCompilable)) throw e;
      out.skipped.push({ ruleId: rule.id, reason: e.message });
    }
  }
  return out;
}
