// Fuzzing the detection rule loader: any rule file text — damaged built-in rules, random YAML, alias bombs —
// gives a rule or a RuleLoadError naming the file, and a rule that loads matches any record without throwing.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { builtinRulesDir } from '../../src/detect/rules/load.ts';
import { parseRuleText } from '../../src/detect/rules/parse.ts';
import { RuleLoadError } from '../../src/detect/rules/types.ts';
import type { CloudTrailRecord } from '../../src/detect/types.ts';
import { anyJson, damagedText, fuzzParams, parsesOrFailsTyped, pathSeed, replaceAt } from '../support/fuzz.ts';

const file = 'fuzz/rule.yml';
const builtin = readdirSync(builtinRulesDir)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => readFileSync(join(builtinRulesDir, f), 'utf8'));
const aBuiltin = fc.constantFrom(...builtin);

const record: CloudTrailRecord = {
  eventTime: '2024-01-01T00:00:00Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'CreateUser',
  userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root' },
  requestParameters: { userName: 'x', nested: { list: [1, 'a', null] } },
};

function loadsOrTyped(text: string): void {
  const rule = parsesOrFailsTyped(() => parseRuleText(text, file), RuleLoadError, file);
  if (!rule) return;
  assert.equal(typeof rule.id, 'string');
  // A rule that loads is one the engine runs on every record: matching must not throw on odd field values.
  rule.match(record);
  rule.match({ ...record, requestParameters: null, userIdentity: {} });
}

const lines = (text: string) => text.split('\n');
// a rule file takes ~10 ms to parse and compile: fewer runs keep this file to a few seconds
const params = { ...fuzzParams, numRuns: Math.ceil((fuzzParams.numRuns ?? 100) / 4) };

describe('parseRuleText under fuzzing', () => {
  it('built-in rules with text damage (cut short, characters spliced in)', () => {
    fc.assert(fc.property(aBuiltin.chain((t) => damagedText(t)), loadsOrTyped), params);
  });

  it('built-in rules with a line dropped or repeated', () => {
    fc.assert(
      fc.property(aBuiltin, fc.nat(), fc.boolean(), (text, n, drop) => {
        const ls = lines(text);
        const i = n % ls.length;
        const out = drop ? [...ls.slice(0, i), ...ls.slice(i + 1)] : [...ls.slice(0, i + 1), ...ls.slice(i)];
        loadsOrTyped(out.join('\n'));
      }),
      params,
    );
  });

  it('built-in rules with one value replaced anywhere in the YAML tree', () => {
    fc.assert(
      fc.property(aBuiltin, pathSeed, anyJson, (text, path, v) => loadsOrTyped(stringifyYaml(replaceAt(parseYaml(text), path, v)))),
      params,
    );
  });

  it('arbitrary YAML documents and arbitrary text', () => {
    fc.assert(
      fc.property(anyJson, fc.string({ unit: 'binary' }), (v, s) => {
        loadsOrTyped(stringifyYaml(v));
        loadsOrTyped(s);
      }),
      params,
    );
  });

  it('an alias bomb and deep nesting are refused quickly', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    loadsOrTyped(`${bomb.join('\n')}\ntitle: t\nid: x\n`);
    loadsOrTyped(`title: t\nid: x\nlogsource: {product: aws}\nlevel: low\ndetection:\n  s: ${'['.repeat(5000)}${']'.repeat(5000)}\n  condition: s\n`);
    loadsOrTyped(`title: t\nid: x\nlogsource: {product: aws}\nlevel: low\ndetection:\n  s: {eventName: x}\n  condition: ${'('.repeat(5000)}s${')'.repeat(5000)}\n`);
    loadsOrTyped(`title: t\nid: x\nlogsource: {product: aws}\nlevel: low\ndetection:\n  s: {eventName: x}\n  condition: ${'not '.repeat(5000)}s\n`);
  });
});
