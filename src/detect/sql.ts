// Compiles detection rules to SQL over the standard CloudTrail Athena table (also loaded into DuckDB),
// so the same rules can sweep months of logs. Anything without an exact SQL equivalent is skipped with a reason.

import { UsageError } from '../core/errors.ts';
import { alertSeverityOrder, type AlertSeverity, type CloudTrailRecord } from './types.ts';
import type { ConditionAst, FieldTest, RuleAst, SelectionAst } from './rules/ast.ts';
import type { DetectionRule } from './rules/types.ts';
import { opTokens, type StringOp } from './rules/pattern.ts';

export type SqlDialect = 'athena' | 'duckdb';

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
};
const jsonColumns: Record<string, string> = {
  requestParameters: 'requestparameters',
  responseElements: 'responseelements',
  additionalEventData: 'additionaleventdata',
  serviceEventDetails: 'serviceeventdetails',
};
const userIdentityFields = [
  'type', 'principalId', 'arn', 'accountId', 'invokedBy', 'accessKeyId', 'userName',
  'sessionContext.attributes.mfaAuthenticated', 'sessionContext.attributes.creationDate',
  'sessionContext.sessionIssuer.type', 'sessionContext.sessionIssuer.principalId', 'sessionContext.sessionIssuer.arn',
  'sessionContext.sessionIssuer.accountId', 'sessionContext.sessionIssuer.userName', 'sessionContext.ec2RoleDelivery',
];
const jsonKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Column {
  sql: string;
  /** Read out of a JSON string column (values are always text there). */
  json: boolean;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function columnFor(path: string, dialect: SqlDialect): Column {
  if (path.startsWith('rampart.')) throw new NotCompilable(`derived field ${path} has no SQL form`);
  const top = topColumns[path];
  if (top !== undefined) return { sql: top, json: false };
  const [head = '', ...rest] = path.split('.');
  if (head === 'userIdentity') {
    const sub = rest.join('.');
    if (!userIdentityFields.includes(sub)) throw new NotCompilable(`field ${path} is not a column of the CloudTrail table`);
    return { sql: `useridentity.${sub.toLowerCase()}`, json: false };
  }
  const jsonCol = jsonColumns[head];
  if (jsonCol !== undefined && rest.length > 0) {
    if (rest.includes('items')) throw new NotCompilable(`field ${path} crosses an array (items)`);
    const bad = rest.find((s) => !jsonKey.test(s));
    if (bad !== undefined) throw new NotCompilable(`field ${path}: JSON key "${bad}" needs quoting that differs between engines`);
    const fn = dialect === 'athena' ? 'json_extract_scalar' : 'json_extract_string';
    return { sql: `${fn}(${jsonCol}, ${quote(`$.${rest.join('.')}`)})`, json: true };
  }
  throw new NotCompilable(`field ${path} is not a scalar column of the CloudTrail table`);
}

/** The engine fans out over arrays; SQL reads one scalar. Refuse paths the rule's own test events show crossing an array. */
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

function valueSql(test: FieldTest, col: Column, value: Exclude<FieldTest['values'][number], null>, dialect: SqlDialect): string {
  const x = col.sql;
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
      const fn = dialect === 'athena' ? 'regexp_like' : 'regexp_matches';
      return `${fn}(${x}, ${quote(flags + source)})`;
    }
    case 'cidr':
      if (dialect === 'duckdb') throw new NotCompilable('cidr needs the DuckDB inet extension');
      return `contains(${quote(String(value))}, try_cast(${x} AS IPADDRESS))`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[test.op];
      return `try_cast(${x} AS DOUBLE) ${op} ${Number(value)}`;
    }
    case 'fieldref':
    case 'exists':
      throw new Error(`internal: ${test.op} handled by the caller`);
  }
}

function fieldSql(test: FieldTest, dialect: SqlDialect): string {
  const col = columnFor(test.path, dialect);
  if (test.op === 'exists') return test.values[0] === true ? `${col.sql} IS NOT NULL` : `${col.sql} IS NULL`;
  if (test.values.length === 0) return 'FALSE';
  const parts = test.values.map((v) => {
    if (v === null) return `${col.sql} IS NULL`;
    if (test.op === 'fieldref') {
      const other = columnFor(String(v), dialect);
      if (col.json || other.json) throw new NotCompilable('fieldref across JSON columns');
      return test.cased ? `coalesce(${col.sql} = ${other.sql}, FALSE)` : `coalesce(lower(${col.sql}) = lower(${other.sql}), FALSE)`;
    }
    // coalesce: a NULL comparison must read as "no match" so that NOT behaves like the engine.
    return `coalesce(${valueSql(test, col, v, dialect)}, FALSE)`;
  });
  if (parts.length === 1) return parts[0]!;
  return `(${parts.join(test.all ? ' AND ' : ' OR ')})`;
}

function selectionSql(sel: SelectionAst, dialect: SqlDialect): string {
  if (sel.kind === 'keywords') throw new NotCompilable(`selection ${sel.name} is a keyword search`);
  const alts = sel.alternatives.map((alt) => alt.map((t) => fieldSql(t, dialect)).join(' AND '));
  return alts.length === 1 ? `(${alts[0]!})` : `(${alts.map((a) => `(${a})`).join(' OR ')})`;
}

function conditionSql(cond: ConditionAst, ast: RuleAst, dialect: SqlDialect): string {
  switch (cond.type) {
    case 'ref':
      return selectionSql(ast.selections.get(cond.name)!, dialect);
    case 'not':
      return `NOT ${conditionSql(cond.item, ast, dialect)}`;
    case 'and':
    case 'or':
      return `(${cond.items.map((c) => conditionSql(c, ast, dialect)).join(cond.type === 'and' ? ' AND ' : ' OR ')})`;
  }
}

function rulePaths(rule: DetectionRule, ast: RuleAst): string[] {
  const paths = new Set<string>(rule.threshold?.groupBy ?? []);
  for (const sel of ast.selections.values()) {
    if (sel.kind !== 'fields') continue;
    for (const alt of sel.alternatives) {
      for (const t of alt) {
        paths.add(t.path);
        if (t.op === 'fieldref') for (const v of t.values) paths.add(String(v));
      }
    }
  }
  return [...paths];
}

function severityCase(rule: DetectionRule, ast: RuleAst, dialect: SqlDialect, asOrdinal: boolean): string {
  const lit = (s: AlertSeverity): string => (asOrdinal ? String(alertSeverityOrder.indexOf(s)) : quote(s));
  if (ast.severityWhen.length === 0) return lit(rule.severity);
  const whens = ast.severityWhen.map((w) => `WHEN ${conditionSql(w.condition, ast, dialect)} THEN ${lit(w.severity)}`);
  return `CASE ${whens.join(' ')} ELSE ${lit(rule.severity)} END`;
}

function alias(path: string): string {
  return `"${path.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase()}"`;
}

function compileRule(rule: DetectionRule, dialect: SqlDialect, table: string): string {
  const ast = rule.ast;
  if (ast === undefined) throw new NotCompilable('rule has no compiled AST');
  for (const path of rulePaths(rule, ast)) {
    const segments = path.split('.');
    if (rule.tests.some((t) => t.events.some((e: CloudTrailRecord) => crossesArray(e, segments)))) {
      throw new NotCompilable(`field ${path} crosses an array in the rule's test events`);
    }
  }
  const where = conditionSql(ast.condition, ast, dialect);
  if (rule.threshold === undefined) {
    return [
      `SELECT ${quote(rule.id)} AS rule_id, ${severityCase(rule, ast, dialect, false)} AS severity,`,
      '  eventid, eventtime, eventsource, eventname, awsregion, recipientaccountid,',
      '  useridentity.arn AS actor_arn, sourceipaddress, errorcode',
      `FROM ${table}`,
      `WHERE ${where}`,
    ].join('\n');
  }
  const { count, windowSeconds, groupBy } = rule.threshold;
  const groups = groupBy.map((p) => ({ expr: columnFor(p, dialect).sql, alias: alias(p) }));
  const epoch =
    dialect === 'athena' ? 'to_unixtime(from_iso8601_timestamp(eventtime))' : 'epoch(CAST(eventtime AS TIMESTAMPTZ))';
  // Fixed buckets of the window length: an approximation of the engine's sliding window (it can only miss bursts).
  const bucket = `CAST(floor(${epoch} / ${windowSeconds}) AS BIGINT) * ${windowSeconds}`;
  const sevOrdinal = `max(${severityCase(rule, ast, dialect, true)})`;
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

export function compileRulesToSql(rules: DetectionRule[], dialect: SqlDialect, opts: { table?: string } = {}): CompiledSql {
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
      out.queries.push({ ruleId: rule.id, sql: compileRule(rule, dialect, table) });
    } catch (e) {
      if (!(e instanceof NotCompilable)) throw e;
      out.skipped.push({ ruleId: rule.id, reason: e.message });
    }
  }
  return out;
}
