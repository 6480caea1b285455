// Loading rule directories (recursive, duplicates, empty dirs), the built-in set, and embedded rule tests.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir, loadRules, parseRuleText, runRuleTests } from './index.ts';

const tmp = mkdtempSync(join(tmpdir(), 'rampart-rules-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const ruleText = (id: string, eventName = 'StopLogging'): string => `title: ${id}
id: ${id}
logsource: { product: aws, service: cloudtrail }
level: high
detection:
  selection: { eventName: ${eventName} }
  condition: selection
tests:
  - { expect: match, event: { eventSource: cloudtrail.amazonaws.com, eventName: ${eventName} } }
  - { expect: no-match, event: { eventSource: cloudtrail.amazonaws.com, eventName: Other } }
`;
function dirWith(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('loadRules', () => {
  test('reads *.yml and *.yaml recursively, ignores other files', async () => {
    const dir = dirWith('ok', { 'a.yml': ruleText('r-a'), 'sub/b.yaml': ruleText('r-b'), 'README.md': '# no' });
    const rules = await loadRules({ dirs: [dir] });
    assert.deepEqual(rules.map((r) => r.id).sort(), ['r-a', 'r-b']);
  });
  test('explicit files are loaded too', async () => {
    const dir = dirWith('files', { 'x.yml': ruleText('r-x') });
    const rules = await loadRules({ files: [join(dir, 'x.yml')] });
    assert.equal(rules[0]?.id, 'r-x');
  });
  test('duplicate ids name both files', async () => {
    const dir = dirWith('dup', { 'a.yml': ruleText('same'), 'b.yml': ruleText('same') });
    await assert.rejects(loadRules({ dirs: [dir] }), (e: Error) => {
      assert.match(e.message, /b\.yml:1: duplicate rule id "same", also defined in .*a\.yml:1/);
      return true;
    });
  });
  test('an empty or missing directory given by the user is an error', async () => {
    const empty = dirWith('empty', {});
    await assert.rejects(loadRules({ dirs: [empty] }), /no rule files/);
    await assert.rejects(loadRules({ dirs: [join(tmp, 'nope')] }), /rules directory not found/);
  });
  test('a broken file fails the whole load with its file and line', async () => {
    const dir = dirWith('broken', { 'a.yml': ruleText('r-a'), 'b.yml': ruleText('r-b').replace('eventName: StopLogging }', 'eventName|bogus: x }') });
    await assert.rejects(loadRules({ dirs: [dir] }), /b\.yml:6: .*unknown modifier "bogus"/);
  });
  test('vars reach expand', async () => {
    const dir = dirWith('vars', {
      'a.yml': ruleText('r-v').replace('{ eventName: StopLogging }', "{ eventName|expand: '%names%' }").replace(/tests:[\s\S]*/, ''),
    });
    const [disabled] = await loadRules({ dirs: [dir] });
    assert.ok(disabled?.disabled);
    const [enabled] = await loadRules({ dirs: [dir], vars: { names: ['StopLogging'] } });
    assert.equal(enabled?.disabled, undefined);
    assert.equal(enabled?.match({ eventTime: '', eventSource: 'x', eventName: 'StopLogging' }).matched, true);
  });
});

describe('runRuleTests', () => {
  test('reports pass and fail with file and line', () => {
    const good = parseRuleText(ruleText('good'), 'good.yml');
    const bad = parseRuleText(ruleText('bad').replace('expect: no-match', 'expect: match'), 'bad.yml');
    const results = runRuleTests([good, bad]);
    assert.deepEqual(results.map((r) => [r.ruleId, r.passed]), [['good', true], ['good', true], ['bad', true], ['bad', false]]);
    assert.equal(results[3]?.file, 'bad.yml');
    assert.equal(results[3]?.line, 10);
    assert.match(results[3]?.detail ?? '', /expected match, but event 1 did not match/);
  });
  test('threshold rule tests feed events in order', () => {
    const rule = parseRuleText(
      `title: t
id: burst
logsource: { product: aws, service: cloudtrail }
level: medium
detection:
  s: { errorCode|startswith: AccessDenied }
  condition: s
threshold: { count: 2, window: 1m, groupBy: [userIdentity.arn] }
tests:
  - expect: match
    events:
      - { eventSource: s3.amazonaws.com, eventName: GetObject, eventTime: '2024-01-01T00:00:00Z', errorCode: AccessDenied, userIdentity: { arn: a } }
      - { eventSource: s3.amazonaws.com, eventName: GetObject, eventTime: '2024-01-01T00:00:30Z', errorCode: AccessDenied, userIdentity: { arn: a } }
  - expect: match
    events:
      - { eventSource: s3.amazonaws.com, eventName: GetObject, eventTime: '2024-01-01T00:00:00Z', errorCode: AccessDenied, userIdentity: { arn: a } }
      - { eventSource: s3.amazonaws.com, eventName: GetObject, eventTime: '2024-01-01T00:05:00Z', errorCode: AccessDenied, userIdentity: { arn: a } }
`,
      'burst.yml',
    );
    const [first, second] = runRuleTests([rule]);
    assert.equal(first?.passed, true);
    assert.equal(second?.passed, false);
    assert.match(second?.detail ?? '', /raised 0 alert/);
  });
  test('tests of a disabled rule are skipped, saying why', () => {
    const rule = parseRuleText(ruleText('d').replace('{ eventName: StopLogging }', "{ eventName|expand: '%x%' }"), 'd.yml');
    const results = runRuleTests([rule]);
    assert.ok(results.every((r) => r.passed && /skipped: rule disabled/.test(r.detail ?? '')));
  });
  test('testVars fill placeholders for the embedded tests only', () => {
    const text = ruleText('tv').replace('{ eventName: StopLogging }', "{ eventName|expand: '%names%' }");
    const withSample = text.replace('\ntests:', '\ntestVars:\n  names: [StopLogging]\ntests:');
    const rule = parseRuleText(withSample, 'tv.yml');
    assert.ok(rule.disabled, 'without --var the rule itself stays disabled');
    const results = runRuleTests([rule]);
    assert.ok(results.length > 0 && results.every((r) => r.passed && r.detail === undefined), JSON.stringify(results));
    // a wrong sample value makes the match test fail, so the tests really ran
    const wrong = parseRuleText(text.replace('\ntests:', '\ntestVars:\n  names: [DeleteTrail]\ntests:'), 'tv2.yml');
    assert.ok(runRuleTests([wrong]).some((r) => !r.passed));
  });
});

describe('built-in rules', () => {
  test('builtinRulesDir points at <project>/rules/builtin', () => {
    assert.match(builtinRulesDir, /[/\\]rules[/\\]builtin$/);
  });
  test('load, and every embedded test passes', { skip: !existsSync(builtinRulesDir) }, async () => {
    const rules = await loadRules({ includeBuiltin: true });
    assert.ok(rules.length > 0);
    const results = runRuleTests(rules);
    const failures = results.filter((r) => !r.passed);
    assert.deepEqual(failures, []);
    // placeholder rules carry testVars, so no built-in test may be skipped
    assert.deepEqual(results.filter((r) => r.detail?.startsWith('skipped')), []);
    for (const r of rules) {
      // Convention: at least one match and one no-match per built-in rule.
      assert.ok(r.tests.some((t) => t.expect === 'match') && r.tests.some((t) => t.expect === 'no-match'), `${r.file}: needs match and no-match tests`);
    }
  });
});
