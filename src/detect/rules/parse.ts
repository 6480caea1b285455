// Parses one rule file (Sigma-compatible YAML plus Rampart keys) into a compiled DetectionRule.
// Strict: unknown keys, modifiers and selections are errors that name the file and line.

import { isMap, isScalar, LineCounter, parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { alertSeverityOrder, type AlertSeverity, type CloudTrailRecord } from '../types.ts';
import type { ConditionAst, FieldTest, RuleAst, Scalar, SelectionAst } from './ast.ts';
import { ConditionSyntaxError, parseCondition } from './condition.ts';
import { assembleRule } from './assemble.ts';
import { derivedFieldVars } from './derived.ts';
import { checkFieldPath, compileField, type FieldContext } from './modifiers.ts';
import { RuleLoadError, type DetectionRule, type RuleTest, type RuleThreshold } from './types.ts';
import { fail, lineOf, mapEntries, scalarValue, seqItems, toJs, type Entry, type YamlContext } from './yaml-nodes.ts';

const sigmaLevels = ['informational', 'low', 'medium', 'high', 'critical'] as const;
const levelToSeverity: Record<(typeof sigmaLevels)[number], AlertSeverity> = {
  informational: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};
const severitySchema = z.enum(alertSeverityOrder as [AlertSeverity, ...AlertSeverity[]]);
const stringList = z.array(z.string());

/** Metadata keys checked value by value (Sigma's plus Rampart's); structural keys are handled below. */
const metadataSchemas: Record<string, z.ZodType> = {
  title: z.string().min(1),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'id must be letters, digits and . _ : -'),
  name: z.string(),
  related: z.array(z.object({ id: z.string(), type: z.string() })),
  taxonomy: z.string(),
  status: z.enum(['stable', 'test', 'experimental', 'deprecated', 'unsupported']),
  description: z.string(),
  license: z.string(),
  author: z.string(),
  references: stringList,
  date: z.union([z.string(), z.number()]),
  modified: z.union([z.string(), z.number()]),
  fields: stringList,
  falsepositives: z.union([z.string(), stringList]),
  level: z.enum(sigmaLevels),
  tags: stringList,
  scope: stringList,
  severity: severitySchema,
  // Rampart: placeholder values used only when running the embedded tests (so rules that need `|expand`
  // variables stay testable in CI without the user's organization-specific values).
  // Rampart: values for placeholders the user did not give, so the rule runs with a stated assumption instead
  // of staying disabled.
  varDefaults: z.record(z.string(), z.strictObject({ values: z.array(z.string()).min(1), assumption: z.string().min(1) })),
  // Rampart: what a responder should do when the rule fires; carried by every alert.
  nextStep: z.string().min(1),
  testVars: z.record(z.string(), z.array(z.union([z.string(), z.number()]).transform(String))),
};
const structuralKeys = ['logsource', 'detection', 'severityWhen', 'threshold', 'tests'];
const allowedKeys = [...Object.keys(metadataSchemas), ...structuralKeys];

function checkMetadata(ctx: YamlContext, entry: Entry): unknown {
  const schema = metadataSchemas[entry.key];
  if (schema === undefined) return undefined;
  const value = toJs(ctx, entry.value);
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
    fail(ctx, null, `"${entry.key}": ${issue?.message ?? 'invalid value'}${where}`, entry.line);
  }
  return result.data;
}

function checkLogsource(ctx: YamlContext, entry: Entry): void {
  const seen: Record<string, Scalar> = {};
  for (const e of mapEntries(ctx, entry.value, 'logsource', entry.line)) {
    if (!['product', 'service', 'definition'].includes(e.key)) {
      fail(ctx, null, `logsource: "${e.key}" is not supported; Rampart reads only { product: aws, service: cloudtrail }`, e.line);
    }
    seen[e.key] = scalarValue(ctx, e.value, `logsource.${e.key}`, e.line);
  }
  if (seen.product !== 'aws' || seen.service !== 'cloudtrail') {
    fail(ctx, null, 'logsource must be { product: aws, service: cloudtrail }', entry.line);
  }
}

function compileSelectionNode(ctx: FieldContext, entry: Entry): SelectionAst {
  const { key: name, value, line } = entry;
  const compileMap = (node: unknown, at: number): FieldTest[] => {
    const fields = mapEntries(ctx, node, `selection "${name}"`, at);
    if (fields.length === 0) fail(ctx, null, `selection "${name}" is empty`, at);
    return fields.map((f) => compileField(ctx, f.key, f.value, f.line));
  };
  if (value === null || value === undefined) fail(ctx, null, `selection "${name}" is empty`, line);
  if (isMap(value)) return { kind: 'fields', name, line, alternatives: [compileMap(value, line)] };
  if (isScalar(value)) {
    const keyword = scalarValue(ctx, value, `selection "${name}"`, line);
    if (keyword === null) fail(ctx, null, `selection "${name}" is empty`, line);
    return { kind: 'keywords', name, line, keywords: [keyword] };
  }
  const items = seqItems(ctx, value);
  if (items === undefined) fail(ctx, null, `selection "${name}" must be a map or a list`, line);
  if (items.length === 0) fail(ctx, null, `selection "${name}" is an empty list`, line);
  const maps = items.filter((i) => isMap(i));
  if (maps.length === items.length) {
    // A list of maps: any one of them (OR).
    return { kind: 'fields', name, line, alternatives: items.map((i) => compileMap(i, lineOf(ctx, i) ?? line)) };
  }
  if (maps.length > 0) fail(ctx, null, `selection "${name}" mixes maps and plain values in one list`, line);
  // A plain list: keyword search over every string value of the record.
  const keywords = items.map((i) => scalarValue(ctx, i, `selection "${name}" keywords`, lineOf(ctx, i) ?? line));
  if (keywords.some((k) => k === null)) fail(ctx, null, `selection "${name}": a keyword cannot be null`, line);
  return { kind: 'keywords', name, line, keywords };
}

function conditionFrom(ctx: YamlContext, node: unknown, names: string[], line: number): ConditionAst {
  const parseOne = (n: unknown, at: number): ConditionAst => {
    const text = scalarValue(ctx, n, 'condition', at);
    if (typeof text !== 'string') fail(ctx, null, 'condition must be a string (or a list of strings)', at);
    try {
      return parseCondition(text, names);
    } catch (e) {
      if (e instanceof ConditionSyntaxError) fail(ctx, null, e.message, at);
      throw e;
    }
  };
  const items = seqItems(ctx, node);
  if (items === undefined) return parseOne(node, line);
  if (items.length === 0) fail(ctx, null, 'condition list is empty', line);
  // Sigma: a list of conditions means any of them.
  const parsed = items.map((i) => parseOne(i, lineOf(ctx, i) ?? line));
  return parsed.length === 1 ? parsed[0]! : { type: 'or', items: parsed };
}

function parseWindow(ctx: YamlContext, value: unknown, line: number): number {
  const m = typeof value === 'string' ? /^(\d+)\s*(s|m|h)$/.exec(value.trim()) : null;
  if (!m) fail(ctx, null, `threshold.window must look like 30s, 10m or 1h, got ${JSON.stringify(value)}`, line);
  const n = Number(m[1]);
  const seconds = n * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
  if (seconds <= 0) fail(ctx, null, 'threshold.window must be positive', line);
  return seconds;
}

function parseThreshold(ctx: YamlContext, entry: Entry): RuleThreshold {
  let count: number | undefined;
  let windowSeconds: number | undefined;
  let groupBy: string[] = [];
  for (const e of mapEntries(ctx, entry.value, 'threshold', entry.line)) {
    const v = toJs(ctx, e.value);
    if (e.key === 'count') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(ctx, null, 'threshold.count must be a positive integer', e.line);
      count = v;
    } else if (e.key === 'window') windowSeconds = parseWindow(ctx, v, e.line);
    else if (e.key === 'groupBy') {
      const list = stringList.safeParse(typeof v === 'string' ? [v] : v);
      if (!list.success) fail(ctx, null, 'threshold.groupBy must be a list of field names', e.line);
      for (const path of list.data) checkFieldPath(ctx, path, e.line);
      groupBy = list.data;
    } else fail(ctx, null, `threshold: unknown key "${e.key}" (expected count, window, groupBy)`, e.line);
  }
  if (count === undefined || windowSeconds === undefined) fail(ctx, null, 'threshold needs count and window', entry.line);
  return { count, windowSeconds, groupBy };
}

function parseSeverityWhen(ctx: YamlContext, entry: Entry, names: string[]): RuleAst['severityWhen'] {
  const items = seqItems(ctx, entry.value);
  if (items === undefined) fail(ctx, null, 'severityWhen must be a list of { condition, severity }', entry.line);
  return items.map((item) => {
    const at = lineOf(ctx, item) ?? entry.line;
    let condition: ConditionAst | undefined;
    let severity: AlertSeverity | undefined;
    for (const e of mapEntries(ctx, item, 'severityWhen entry', at)) {
      if (e.key === 'condition') condition = conditionFrom(ctx, e.value, names, e.line);
      else if (e.key === 'severity') {
        const s = severitySchema.safeParse(toJs(ctx, e.value));
        if (!s.success) fail(ctx, null, `severityWhen.severity must be one of ${alertSeverityOrder.join(', ')}`, e.line);
        severity = s.data;
      } else fail(ctx, null, `severityWhen: unknown key "${e.key}" (expected condition, severity)`, e.line);
    }
    if (condition === undefined || severity === undefined) fail(ctx, null, 'severityWhen entry needs condition and severity', at);
    return { condition, severity, line: at };
  });
}

function parseTestEvent(ctx: YamlContext, node: unknown, line: number): CloudTrailRecord {
  const value = toJs(ctx, node);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(ctx, null, 'a test event must be a map (one CloudTrail record)', line);
  const record = value as Record<string, unknown>;
  if (typeof record.eventSource !== 'string' || typeof record.eventName !== 'string') {
    fail(ctx, null, 'a test event needs at least eventSource and eventName', line);
  }
  return record as CloudTrailRecord;
}

function parseTests(ctx: YamlContext, entry: Entry): RuleTest[] {
  const items = seqItems(ctx, entry.value);
  if (items === undefined) fail(ctx, null, 'tests must be a list', entry.line);
  return items.map((item) => {
    const line = lineOf(ctx, item) ?? entry.line;
    const test: Partial<RuleTest> = { line };
    for (const e of mapEntries(ctx, item, 'test', line)) {
      if (e.key === 'name') test.name = String(toJs(ctx, e.value));
      else if (e.key === 'expect') {
        const v = toJs(ctx, e.value);
        if (v !== 'match' && v !== 'no-match') fail(ctx, null, 'test expect must be match or no-match', e.line);
        test.expect = v;
      } else if (e.key === 'event') {
        if (test.events) fail(ctx, null, 'a test has either event or events, not both', e.line);
        test.events = [parseTestEvent(ctx, e.value, e.line)];
      } else if (e.key === 'events') {
        if (test.events) fail(ctx, null, 'a test has either event or events, not both', e.line);
        const events = seqItems(ctx, e.value);
        if (events === undefined || events.length === 0) fail(ctx, null, 'test events must be a non-empty list', e.line);
        test.events = events.map((ev) => parseTestEvent(ctx, ev, lineOf(ctx, ev) ?? e.line));
      } else fail(ctx, null, `test: unknown key "${e.key}" (expected name, expect, event, events)`, e.line);
    }
    if (test.expect === undefined || test.events === undefined) fail(ctx, null, 'a test needs expect and event (or events)', line);
    return test as RuleTest;
  });
}

function asList(v: unknown): string[] {
  if (v === undefined) return [];
  return typeof v === 'string' ? [v] : (v as string[]);
}

export interface ParseOptions {
  vars?: Record<string, string[]>;
}

export function parseRuleText(text: string, file: string, opts: ParseOptions = {}): DetectionRule {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(docs) || docs.length === 0 || docs[0]?.contents === null) {
    throw new RuleLoadError(file, 'empty rule file', { line: 1 });
  }
  const doc = docs[0]!;
  for (const d of docs) {
    const err = d.errors[0];
    if (err) throw new RuleLoadError(file, `invalid YAML: ${err.message.split('\n')[0]}`, { line: lines.linePos(err.pos[0]).line });
  }
  if (docs.length > 1) {
    const second = docs[1]!;
    throw new RuleLoadError(file, 'one rule per file: split multi-document (`---`) files', {
      line: second.range ? lines.linePos(second.range[0]).line : undefined,
    });
  }
  const ctx: FieldContext = { file, doc, lines, vars: opts.vars ?? {}, disabledReasons: [] };
  const entries = mapEntries(ctx, doc.contents, 'a rule file', 1);
  const byKey = new Map<string, Entry>();
  const meta: Record<string, unknown> = {};
  for (const e of entries) {
    if (!allowedKeys.includes(e.key)) {
      fail(ctx, null, `unknown top-level key "${e.key}" (allowed: ${allowedKeys.join(', ')})`, e.line);
    }
    byKey.set(e.key, e);
    meta[e.key] = checkMetadata(ctx, e);
  }
  const ruleLine = entries[0]?.line ?? 1;
  const need = (key: string): Entry => byKey.get(key) ?? fail(ctx, null, `missing required key "${key}"`, ruleLine);
  need('title');
  need('id');
  checkLogsource(ctx, need('logsource'));
  if (meta.level === undefined && meta.severity === undefined) fail(ctx, null, 'missing "level" (Sigma) or "severity"', ruleLine);
  const severity = (meta.severity as AlertSeverity | undefined) ?? levelToSeverity[meta.level as (typeof sigmaLevels)[number]];

  if (meta.varDefaults !== undefined) ctx.varDefaults = meta.varDefaults as FieldContext['varDefaults'];
  // Detection: named selections plus `condition`.
  const detection = need('detection');
  const selections = new Map<string, SelectionAst>();
  let conditionEntry: Entry | undefined;
  for (const e of mapEntries(ctx, detection.value, 'detection', detection.line)) {
    if (e.key === 'condition') conditionEntry = e;
    else if (e.key === 'timeframe') fail(ctx, null, 'detection.timeframe (Sigma correlation) is not supported; use threshold.window', e.line);
    else selections.set(e.key, compileSelectionNode(ctx, e));
  }
  if (conditionEntry === undefined) fail(ctx, null, 'detection has no condition', detection.line);
  if (selections.size === 0) fail(ctx, null, 'detection has no selections', detection.line);
  const names = [...selections.keys()];
  const condition = conditionFrom(ctx, conditionEntry.value, names, conditionEntry.line);
  const sw = byKey.get('severityWhen');
  const severityWhen = sw ? parseSeverityWhen(ctx, sw, names) : [];
  const th = byKey.get('threshold');
  const threshold = th ? parseThreshold(ctx, th) : undefined;
  const te = byKey.get('tests');
  const tests = te ? parseTests(ctx, te) : [];

  const org = ctx.vars['org_account_ids'];
  const orgAccounts = org !== undefined && org.length > 0 ? new Set(org) : undefined;
  const rule = assembleRule({
    id: meta.id as string,
    title: meta.title as string,
    severity,
    description: typeof meta.description === 'string' ? meta.description : undefined,
    references: asList(meta.references),
    falsepositives: asList(meta.falsepositives),
    tags: asList(meta.tags),
    tests,
    file,
    line: ruleLine,
    assumptions: [...(ctx.assumptions ?? []), ...derivedAssumptions(selections, ctx.vars)],
    nextStep: typeof meta.nextStep === 'string' ? meta.nextStep : undefined,
    threshold,
    disabledReason: ctx.disabledReasons.length > 0 ? ctx.disabledReasons.join('; ') : undefined,
    ast: { selections, condition, severityWhen, orgAccounts },
  });
  if (meta.testVars !== undefined) {
    const testVars = meta.testVars as Record<string, string[]>;
    Object.defineProperty(rule, 'forTests', { value: () => parseRuleText(text, file, { vars: testVars }), enumerable: false });
  }
  return rule;
}

/** What each var-dependent derived field assumes when its variable is not given. */
const assumptionWithout: Record<string, string> = {
  org_account_ids:
    'org_account_ids not set: any account other than the one the event was recorded in counts as outside the organization (set --var org_account_ids=… to allow the organization\'s own accounts)',
};

/** The assumptions a rule runs under because a variable its derived fields use was not given. */
function derivedAssumptions(selections: ReadonlyMap<string, SelectionAst>, vars: Record<string, string[]>): string[] {
  const out = new Set<string>();
  for (const sel of selections.values()) {
    if (sel.kind !== 'fields') continue;
    for (const alt of sel.alternatives) {
      for (const t of alt) {
        const v = derivedFieldVars[t.path];
        if (v !== undefined && (vars[v]?.length ?? 0) === 0) out.add(assumptionWithout[v] ?? `${v} not set`);
      }
    }
  }
  return [...out];
}
