// Tests for parsePolicy: the input shapes AWS returns and the errors on anything else.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy, PolicyParseError } from './parse.ts';

const TRUST_JSON = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
// What IAM's GetAccountAuthorizationDetails returns for that document (RFC 3986 percent-encoding).
const TRUST_URL_ENCODED =
  '%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D';

const TRUST_PARSED = {
  version: '2012-10-17',
  statements: [{ effect: 'Allow', principal: { Service: ['ec2.amazonaws.com'] }, action: ['sts:AssumeRole'] }],
};

describe('parsePolicy accepts', () => {
  it('an object', () => assert.deepEqual(parsePolicy(JSON.parse(TRUST_JSON)), TRUST_PARSED));
  it('JSON text, with surrounding whitespace', () => assert.deepEqual(parsePolicy(`\n  ${TRUST_JSON}\n`), TRUST_PARSED));
  it('URL-encoded JSON as IAM returns it', () => assert.deepEqual(parsePolicy(TRUST_URL_ENCODED), TRUST_PARSED));
  it('a JSON string containing a literal % without decoding it', () => {
    const got = parsePolicy('{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/100%/*"}}');
    assert.deepEqual(got.statements[0]?.resource, ['arn:aws:s3:::b/100%/*']);
  });
  it('a single statement object instead of an array', () => {
    const got = parsePolicy({ Statement: { Sid: 'One', Effect: 'Deny', Action: '*', Resource: '*' } });
    assert.deepEqual(got, { statements: [{ sid: 'One', effect: 'Deny', action: ['*'], resource: ['*'] }] });
  });
  it('string-or-array fields, normalised to arrays', () => {
    const got = parsePolicy({
      Id: 'p1',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root', Service: ['a.amazonaws.com', 'b.amazonaws.com'] }, NotAction: 'iam:*', NotResource: ['arn:aws:s3:::x'] },
      ],
    });
    assert.deepEqual(got, {
      id: 'p1',
      statements: [
        {
          effect: 'Allow',
          principal: { AWS: ['arn:aws:iam::111122223333:root'], Service: ['a.amazonaws.com', 'b.amazonaws.com'] },
          notAction: ['iam:*'],
          notResource: ['arn:aws:s3:::x'],
        },
      ],
    });
  });
  it('Principal "*" and NotPrincipal', () => {
    const got = parsePolicy({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*' }, { Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: 's3:*' }] });
    assert.equal(got.statements[0]?.principal, '*');
    assert.deepEqual(got.statements[1]?.notPrincipal, { AWS: ['111122223333'] });
  });
  it('an unquoted account id in a principal becomes a string', () => {
    const got = parsePolicy({ Statement: { Effect: 'Allow', Principal: { AWS: 111122223333 }, Action: 's3:*' } });
    assert.deepEqual(got.statements[0]?.principal, { AWS: ['111122223333'] });
  });
  it('booleans and numbers in conditions become strings; operators and keys kept as written', () => {
    const got = parsePolicy({
      Statement: {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 's3:TlsVersion': [1.2, 1] }, 'ForAnyValue:StringLike': { 'aws:TagKeys': 'a*' } },
      },
    });
    assert.deepEqual(got.statements[0]?.condition, {
      Bool: { 'aws:SecureTransport': ['false'] },
      NumericLessThan: { 's3:TlsVersion': ['1.2', '1'] },
      'ForAnyValue:StringLike': { 'aws:TagKeys': ['a*'] },
    });
  });
  it('an empty statement list', () => assert.deepEqual(parsePolicy({ Version: '2012-10-17', Statement: [] }), { version: '2012-10-17', statements: [] }));
});

describe('parsePolicy rejects', () => {
  const bad: Array<[string, unknown, RegExp]> = [
    ['plain text', 'hello world', /neither JSON nor URL-encoded/],
    ['broken percent-encoding', '%7B%22Version%E0%A4%A', /bad percent-encoding/],
    ['truncated JSON', '{"Statement": [', /not valid JSON/],
    ['empty string', '   ', /empty/],
    ['null', null, /must be a JSON object, got null/],
    ['a number', 42, /must be a JSON object, got number/],
    ['a JSON array', '[{"Effect":"Allow"}]', /must be a JSON object, got an array/],
    ['missing Statement', { Version: '2012-10-17' }, /Statement/],
    ['missing Effect', { Statement: [{ Action: '*', Resource: '*' }] }, /Statement\[0\]\.Effect/],
    ['lower-case effect', { Statement: { Effect: 'allow', Action: '*' } }, /Statement\[0\]\.Effect: .*"Allow"/],
    ['Action and NotAction together', { Statement: { Effect: 'Allow', Action: '*', NotAction: 's3:*' } }, /both Action and NotAction/],
    ['neither Action nor NotAction', { Statement: { Effect: 'Allow', Resource: '*' } }, /neither Action nor NotAction/],
    ['Principal and NotPrincipal together', { Statement: { Effect: 'Allow', Principal: '*', NotPrincipal: '*', Action: '*' } }, /both Principal and NotPrincipal/],
    ['a misspelt element', { Statement: { Effect: 'Allow', Action: '*', Condtion: {} } }, /Condtion/],
    ['a principal string other than "*"', { Statement: { Effect: 'Allow', Principal: 'arn:aws:iam::111122223333:root', Action: '*' } }, /Principal/],
    ['an unknown principal type', { Statement: { Effect: 'Allow', Principal: { Users: 'x' }, Action: '*' } }, /Statement\[0\]\.Principal: .*Users/],
    ['a condition value that is an object', { Statement: { Effect: 'Allow', Action: '*', Condition: { StringEquals: { k: { a: 1 } } } } }, /Statement\[0\]\.Condition\.StringEquals\.k: must be a string, number, boolean/],
  ];
  for (const [name, input, message] of bad) {
    it(name, () => {
      assert.throws(() => parsePolicy(input), (e: unknown) => {
        assert.ok(e instanceof PolicyParseError, 'throws PolicyParseError');
        assert.match(e.message, message);
        return true;
      });
    });
  }
});
