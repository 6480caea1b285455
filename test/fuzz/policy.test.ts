// Fuzzing the IAM policy parser: whatever AWS (or a snapshot file) hands over, parsePolicy returns a normalised
// document or throws PolicyParseError — never another exception, never a hang.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parsePolicy, PolicyParseError, type PolicyDocument } from '../../src/policy/parse.ts';
import { CANARY, leaks } from '../support/canary.ts';
import { anyJson, damagedText, deeplyNested, fuzzParams, nearText, parsesOrFailsTyped, pathSeed, replaceAt } from '../support/fuzz.ts';

const sample = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', 444455556666] }, Action: 's3:GetObject', Resource: '*' },
    {
      Effect: 'Deny',
      NotPrincipal: '*',
      NotAction: ['s3:*'],
      NotResource: 'arn:aws:s3:::b/*',
      Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ['o-abc'] }, Bool: { 'aws:SecureTransport': false } },
    },
  ],
};

const elementNames = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
/** Statements built from IAM's own element names with random values: most are invalid in interesting ways. */
const statementLike = fc.dictionary(fc.constantFrom(...elementNames), fc.oneof(anyJson, fc.constantFrom('Allow', 'Deny', '*')), { maxKeys: 6 });
const policyLike = fc.record(
  { Version: fc.oneof(fc.constant('2012-10-17'), anyJson), Statement: fc.oneof(statementLike, fc.array(statementLike, { maxLength: 4 })) },
  { requiredKeys: [] },
);

function checkShape(doc: PolicyDocument): void {
  assert.ok(Array.isArray(doc.statements));
  for (const st of doc.statements) {
    assert.ok(st.effect === 'Allow' || st.effect === 'Deny');
    for (const list of [st.action, st.notAction, st.resource, st.notResource]) {
      if (list !== undefined) assert.ok(list.every((s) => typeof s === 'string'));
    }
  }
}

function parsesOrTyped(input: unknown): void {
  const doc = parsesOrFailsTyped(() => parsePolicy(input), PolicyParseError);
  if (doc) checkShape(doc);
}

describe('parsePolicy under fuzzing', () => {
  it('any JSON value, as an object or as text', () => {
    fc.assert(
      fc.property(anyJson, (v) => {
        parsesOrTyped(v);
        parsesOrTyped(JSON.stringify(v));
      }),
      fuzzParams,
    );
  });

  it('policy-shaped objects with random element values, also URL-encoded as IAM returns them', () => {
    fc.assert(
      fc.property(policyLike, (p) => {
        parsesOrTyped(p);
        parsesOrTyped(encodeURIComponent(JSON.stringify(p)));
      }),
      fuzzParams,
    );
  });

  it('a valid policy with one value replaced anywhere', () => {
    fc.assert(fc.property(pathSeed, anyJson, (path, v) => parsesOrTyped(replaceAt(sample, path, v))), fuzzParams);
  });

  it('damaged JSON and URL-encoded text', () => {
    const json = JSON.stringify(sample);
    fc.assert(
      fc.property(damagedText(json), damagedText(encodeURIComponent(json)), fc.string({ unit: 'binary' }), (a, b, c) => {
        parsesOrTyped(a);
        parsesOrTyped(b);
        parsesOrTyped(c);
        parsesOrTyped(`%${c}`);
      }),
      fuzzParams,
    );
  });

  it('errors never quote the document: a policy may hold a secret and the message reaches reports', () => {
    const doc = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/token': CANARY } } }] });
    const at = doc.indexOf(CANARY);
    const messageOf = (input: unknown): string => {
      try {
        parsePolicy(input);
        return '';
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    };
    fc.assert(
      fc.property(nearText(doc, at, CANARY.length), (text) => {
        for (const input of [text, encodeURIComponent(text), `${CANARY}${text}`, encodeURIComponent(`${CANARY}${text}`)]) {
          const message = messageOf(input);
          assert.ok(!leaks(message), `the error quotes the document: ${message}`);
        }
      }),
      fuzzParams,
    );
  });

  it('deep nesting in every position is refused, not a stack overflow', () => {
    for (const wrap of ['array', 'object'] as const) {
      const deep = deeplyNested(20_000, 'x', wrap);
      parsesOrTyped(deep);
      parsesOrTyped({ Statement: [{ Effect: 'Allow', Action: '*', Condition: { StringEquals: { k: deep } } }] });
      parsesOrTyped({ Statement: deep });
    }
  });
});
