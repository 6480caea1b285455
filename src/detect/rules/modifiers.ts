// Sigma value modifiers: parses `field|mod|mod` keys and turns the YAML values into one FieldTest.
// Value transforms (expand, windash, base64…) run here at load time; unknown modifiers are load errors.

import { isIP } from 'node:net';
import type { FieldOp, FieldTest, Scalar } from './ast.ts';
import { derivedFieldNames } from './derived.ts';
import { tokenizeSigmaString } from './pattern.ts';
import { fail, seqItems, scalarValue, type YamlContext } from './yaml-nodes.ts';

const operatorModifiers = new Set<FieldOp>(['contains', 'startswith', 'endswith', 're', 'cidr', 'gt', 'gte', 'lt', 'lte', 'fieldref', 'exists']);
const encodings = new Set(['wide', 'utf16le', 'utf16be', 'utf16']);
const transformModifiers = new Set(['windash', 'base64', 'base64offset', 'expand', ...encodings]);
const flagModifiers = new Set(['all', 'cased']);
const reSubModifiers = new Set(['i', 'm', 's']);
/** Sigma modifiers Rampart knows of but does not implement: rejected with a reason, never ignored. */
const unsupportedModifiers: Record<string, string> = {
  minute: 'time-part modifiers (minute, hour, day, week, month, year) do not apply to CloudTrail string fields',
  hour: 'time-part modifiers do not apply to CloudTrail string fields',
  day: 'time-part modifiers do not apply to CloudTrail string fields',
  week: 'time-part modifiers do not apply to CloudTrail string fields',
  month: 'time-part modifiers do not apply to CloudTrail string fields',
  year: 'time-part modifiers do not apply to CloudTrail string fields',
};
const knownList = [...operatorModifiers, ...transformModifiers, ...flagModifiers, 're|i', 're|m', 're|s'].join(', ');

/** Context shared by every field of one rule: variables for `expand`, and why the rule is disabled. */
export interface FieldContext extends YamlContext {
  vars: Record<string, string[]>;
  disabledReasons: string[];
  /** The rule's `varDefaults`: values used when a placeholder has none, and the assumption that makes. */
  varDefaults?: Record<string, { values: string[]; assumption: string }>;
  /** Assumptions made because a default was used (shown with the rule and in its alerts). */
  assumptions?: string[];
}

export function checkFieldPath(ctx: YamlContext, path: string, line: number): void {
  if (path === '' || path.split('.').some((s) => s === '')) fail(ctx, null, `invalid field name "${path}"`, line);
  if (path.startsWith('rampart.') && !derivedFieldNames.includes(path)) {
    fail(ctx, null, `unknown derived field "${path}" (known: ${derivedFieldNames.join(', ')})`, line);
  }
}

function encodeBytes(value: string, encoding: string | undefined): Buffer {
  switch (encoding) {
    case 'wide':
    case 'utf16le':
      return Buffer.from(value, 'utf16le');
    case 'utf16be':
      return Buffer.from(value, 'utf16le').swap16();
    case 'utf16':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(value, 'utf16le')]);
    default:
      return Buffer.from(value, 'utf8');
  }
}

/** pySigma's base64offset: the three encodings of `value` at byte offsets 0, 1, 2, trimmed to the stable part. */
function base64Offsets(bytes: Buffer): string[] {
  const start = [0, 2, 3];
  const end = [undefined, -3, -2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const encoded = Buffer.concat([Buffer.alloc(i, ' '), bytes]).toString('base64');
    out.push(encoded.slice(start[i], end[(bytes.length + i) % 3]));
  }
  return out;
}

/** windash: a leading `-` (at start or after a space) may also be written `/`, en dash, em dash or horizontal bar. */
function windashVariants(value: string): string[] | undefined {
  const dashes = ['-', '/', '\u2013', '\u2014', '\u2015'];
  let variants = [''];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const atWordStart = i === 0 || /\s/.test(value[i - 1]!);
    const options = atWordStart && (c === '-' || c === '/') ? dashes : [c];
    variants = variants.flatMap((v) => options.map((o) => v + o));
    if (variants.length > 625) return undefined;
  }
  return variants;
}

function expandPlaceholders(ctx: FieldContext, value: string, line: number): string[] {
  let results = [''];
  let last = 0;
  for (const m of value.matchAll(/%([A-Za-z0-9_.-]+)%/g)) {
    const name = m[1]!;
    let replacements = ctx.vars[name];
    const fallback = ctx.varDefaults?.[name];
    if ((replacements === undefined || replacements.length === 0) && fallback !== undefined) {
      replacements = fallback.values;
      ctx.assumptions ??= [];
      const note = `${name} not set: ${fallback.assumption} (set --var ${name}=…)`;
      if (!ctx.assumptions.includes(note)) ctx.assumptions.push(note);
    }
    if (replacements === undefined || replacements.length === 0) {
      ctx.disabledReasons.push(`${ctx.file}:${line}: placeholder %${name}% has no value (pass it with --var ${name}=VALUE[,VALUE])`);
      return [];
    }
    const prefix = value.slice(last, m.index);
    results = results.flatMap((r) => replacements.map((rep) => r + prefix + rep));
    last = m.index + m[0].length;
  }
  return results.map((r) => r + value.slice(last));
}

/** Compile `key: value(s)` of a selection map into a FieldTest. */
export function compileField(ctx: FieldContext, key: string, valueNode: unknown, line: number): FieldTest {
  const [path = '', ...mods] = key.split('|');
  if (path === '') fail(ctx, null, `"${key}": keyword modifiers without a field name are not supported`, line);
  checkFieldPath(ctx, path, line);

  let op: FieldOp = 'eq';
  let all = false;
  let cased = false;
  let reFlags = '';
  const transforms: string[] = [];
  for (const mod of mods) {
    if (operatorModifiers.has(mod as FieldOp)) {
      if (op !== 'eq') fail(ctx, null, `"${key}": modifiers "${op}" and "${mod}" cannot be combined`, line);
      op = mod as FieldOp;
    } else if (reSubModifiers.has(mod) && op === 're') {
      reFlags += mod;
    } else if (mod === 'all') all = true;
    else if (mod === 'cased') cased = true;
    else if (transformModifiers.has(mod)) {
      if (op !== 'eq') fail(ctx, null, `"${key}": value modifier "${mod}" must come before "${op}"`, line);
      transforms.push(mod);
    } else if (unsupportedModifiers[mod] !== undefined) {
      fail(ctx, null, `"${key}": modifier "${mod}" is not supported: ${unsupportedModifiers[mod]}`, line);
    } else {
      fail(ctx, null, `"${key}": unknown modifier "${mod}" (supported: ${knownList})`, line);
    }
  }
  const encodingAt = transforms.findIndex((t) => encodings.has(t));
  if (encodingAt >= 0 && !['base64', 'base64offset'].includes(transforms[encodingAt + 1] ?? '')) {
    fail(ctx, null, `"${key}": "${transforms[encodingAt]}" only makes sense directly before base64 or base64offset`, line);
  }

  const items = seqItems(ctx, valueNode);
  const raw: Scalar[] = items ? items.map((i) => scalarValue(ctx, i, `"${key}" values`, line)) : [scalarValue(ctx, valueNode, `"${key}"`, line)];
  if (raw.length === 0) fail(ctx, null, `"${key}" has an empty list of values`, line);

  if (op === 'exists') {
    if (raw.length !== 1 || typeof raw[0] !== 'boolean') fail(ctx, null, `"${key}": exists takes true or false`, line);
    if (all || transforms.length > 0) fail(ctx, null, `"${key}": exists cannot be combined with other modifiers`, line);
    return { path, op, values: raw, all: false, cased, reFlags, line };
  }

  let values: Scalar[] = raw;
  let encoding: string | undefined;
  for (const t of transforms) {
    const next: Scalar[] = [];
    for (const v of values) {
      if (v === null) fail(ctx, null, `"${key}": ${t} cannot transform null`, line);
      const s = String(v);
      if (encodings.has(t)) next.push(s);
      else if (t === 'expand') next.push(...expandPlaceholders(ctx, s, line));
      else if (t === 'windash') {
        const variants = windashVariants(s);
        if (variants === undefined) fail(ctx, null, `"${key}": windash: too many dashes in ${JSON.stringify(s)}`, line);
        next.push(...variants);
      }
      else if (t === 'base64') next.push(encodeBytes(s, encoding).toString('base64'));
      else next.push(...base64Offsets(encodeBytes(s, encoding)));
    }
    if (encodings.has(t)) encoding = t;
    values = next;
  }

  for (const v of values) {
    if (op !== 'eq' && v === null) fail(ctx, null, `"${key}": null is only allowed without modifiers (it means "field absent")`, line);
    switch (op) {
      case 're':
        try {
          new RegExp(String(v), reFlags);
        } catch (e) {
          fail(ctx, null, `"${key}": invalid regular expression ${JSON.stringify(v)}: ${(e as Error).message}`, line);
        }
        break;
      case 'cidr': {
        const [addr = '', bits = '', extra] = String(v).split('/');
        const family = isIP(addr);
        const max = family === 6 ? 128 : 32;
        if (family === 0 || extra !== undefined || !/^\d+$/.test(bits) || Number(bits) > max) {
          fail(ctx, null, `"${key}": invalid CIDR ${JSON.stringify(v)}`, line);
        }
        break;
      }
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (typeof v === 'boolean' || v === null || String(v).trim() === '' || !Number.isFinite(Number(v))) {
          fail(ctx, null, `"${key}": ${op} needs a number, got ${JSON.stringify(v)}`, line);
        }
        break;
      case 'fieldref':
        if (typeof v !== 'string') fail(ctx, null, `"${key}": fieldref needs a field name`, line);
        checkFieldPath(ctx, v, line);
        break;
      default:
        break;
    }
  }
  if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') values = values.map((v) => Number(v));
  if (op === 're' || op === 'cidr' || op === 'contains' || op === 'startswith' || op === 'endswith') {
    values = values.map((v) => String(v));
  }
  // Validate escapes early so a broken wildcard is reported at load, not silently at match time.
  for (const v of values) if (typeof v === 'string' && op !== 're' && op !== 'cidr') tokenizeSigmaString(v);
  return { path, op, values, all, cased, reFlags, line };
}
