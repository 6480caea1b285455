// Condition expressions: and/or/not, parentheses, precedence, quantifiers, list conditions, errors.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuleText } from './parse.ts';
import { parseCondition } from './condition.ts';
import type { DetectionRule } from './types.ts';
import type { CloudTrailRecord } from '../types.ts';

// Selections a, b, c test one flag field each; `_hidden` is excluded from `them`.
function rule(condition: string): DetectionRule {
  return parseRuleText(
    `title: t
id: t
logsource: { product: aws, service: cloudtrail }
level: low
detection:
  sel_a: { requestParameters.a: 1 }
  sel_b: { requestParameters.b: 1 }
  c: { requestParameters.c: 1 }
  _hidden: { requestParameters.h: 1 }
  condition: ${condition}
`,
    'c.yml',
  );
}
const ev = (flags: string): CloudTrailRecord => ({
  eventTime: '2024-01-01T00:00:00Z',
  eventSource: 'x.amazonaws.com',
  eventName: 'X',
  requestParameters: Object.fromEntries([...flags].map((f) => [f, 1])),
});
/** Truth table of a condition over the flag sets given. */
const table = (condition: string, sets: string[]): boolean[] => {
  const r = rule(condition);
  return sets.map((s) => r.match(ev(s)).matched);
};

describe('condition forms', () => {
  test('and / or / not', () => {
    assert.deepEqual(table('sel_a and sel_b', ['', 'a', 'ab']), [false, false, true]);
    assert.deepEqual(table('sel_a or sel_b', ['', 'a', 'b']), [false, true, true]);
    assert.deepEqual(table('not sel_a', ['', 'a']), [true, false]);
    assert.deepEqual(table('sel_a and not sel_b', ['a', 'ab']), [true, false]);
  });
  test('precedence: not > and > or', () => {
    // a or b and c == a or (b and c)
    assert.deepEqual(table('sel_a or sel_b and c', ['a', 'b', 'bc', 'c']), [true, false, true, false]);
    // not a and b == (not a) and b
    assert.deepEqual(table('not sel_a and sel_b', ['b', 'ab', '']), [true, false, false]);
  });
  test('parentheses override precedence', () => {
    assert.deepEqual(table('(sel_a or sel_b) and c', ['a', 'ac', 'bc', 'c']), [false, true, true, false]);
    assert.deepEqual(table('not (sel_a or sel_b)', ['', 'a', 'b']), [true, false, false]);
  });
  test('1 of glob / all of glob', () => {
    assert.deepEqual(table('1 of sel_*', ['', 'a', 'b', 'c']), [false, true, true, false]);
    assert.deepEqual(table('all of sel_*', ['a', 'ab', 'abc']), [false, true, true]);
    assert.deepEqual(table('1 of sel_* and not c', ['a', 'ac']), [true, false]);
  });
  test('1 of them / all of them skip _underscored selections', () => {
    assert.deepEqual(table('1 of them', ['', 'h', 'c']), [false, false, true]);
    assert.deepEqual(table('all of them', ['abc', 'ab']), [true, false]);
  });
  test('a list condition is OR of its entries', () => {
    const r = parseRuleText(
      `title: t
id: t
logsource: { product: aws, service: cloudtrail }
level: low
detection:
  a: { requestParameters.a: 1 }
  b: { requestParameters.b: 1 }
  condition:
    - a and b
    - not a and not b
`,
      'l.yml',
    );
    assert.deepEqual(['ab', 'a', 'b', ''].map((s) => r.match(ev(s)).matched), [true, false, false, true]);
  });
});

describe('condition errors', () => {
  const bad: Array<[string, RegExp]> = [
    ['sel_a and missing', /c\.yml:10: condition names selection "missing", which is not defined/],
    ['any of sel_*', /c\.yml:10: .*"any of" is not Sigma/],
    ['2 of sel_*', /c\.yml:10: .*"2 of" is not Sigma/],
    ['1 of nothing*', /c\.yml:10: .*matches no selection/],
    ['(sel_a or sel_b', /c\.yml:10: .*missing "\)"/],
    ['sel_a sel_b', /c\.yml:10: .*unexpected "sel_b"/],
    ['sel_a and', /c\.yml:10: .*ends unexpectedly/],
    ['sel_a | count() > 5', /c\.yml:10: .*aggregation .* use the Rampart `threshold`/],
  ];
  for (const [cond, pattern] of bad) {
    test(cond, () => assert.throws(() => rule(cond), pattern));
  }
  test('missing condition is an error at the detection line', () => {
    assert.throws(
      () => parseRuleText('title: t\nid: t\nlogsource: { product: aws, service: cloudtrail }\nlevel: low\ndetection:\n  a: { eventName: X }\n', 'n.yml'),
      /n\.yml:5: detection has no condition/,
    );
  });
  test('parser expands quantifiers into plain refs', () => {
    assert.deepEqual(parseCondition('all of x*', ['x1', 'x2', 'y']), {
      type: 'and',
      items: [{ type: 'ref', name: 'x1' }, { type: 'ref', name: 'x2' }],
    });
  });
});
