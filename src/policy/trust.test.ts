// Tests for analyzeTrustPolicy (controls.md role-trust-wildcard); expected findings written by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTrustPolicy } from './trust.ts';
import { parsePolicy } from './parse.ts';

type Raw = Record<string, unknown>;
const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const assume = (extra: Raw): Raw => ({ Effect: 'Allow', Action: 'sts:AssumeRole', ...extra });
const oidc = (condition?: Raw): Raw => ({
  Effect: 'Allow',
  Principal: { Federated: GITHUB },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...(condition === undefined ? {} : { Condition: condition }),
});
const kinds = (...statements: Raw[]) => analyzeTrustPolicy(parsePolicy({ Version: '2012-10-17', Statement: statements })).findings.map((f) => `${f.index}:${f.kind}`);

describe('analyzeTrustPolicy: wildcard principal', () => {
  const cases: Array<[string, Raw[], string[]]> = [
    ['Principal "*" without condition', [assume({ Principal: '*' })], ['0:wildcard-principal']],
    ['Principal.AWS "*" without condition', [assume({ Principal: { AWS: '*' } })], ['0:wildcard-principal']],
    ['Principal.AWS ["*"] among accounts', [assume({ Principal: { AWS: ['111122223333', '*'] } })], ['0:wildcard-principal']],
    ['Allow with NotPrincipal', [assume({ NotPrincipal: { AWS: '111122223333' } })], ['0:wildcard-principal']],
    ['fixed aws:PrincipalOrgID', [assume({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })], []],
    ['fixed aws:PrincipalAccount', [assume({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } })], []],
    ['fixed aws:PrincipalArn', [assume({ Principal: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci' } } })], []],
    ['fixed aws:SourceAccount', [assume({ Principal: '*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } })], []],
    ['wildcard aws:PrincipalOrgID value', [assume({ Principal: '*', Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } })], ['0:wildcard-principal']],
    ['wildcard aws:PrincipalArn value', [assume({ Principal: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ci' } } })], ['0:wildcard-principal']],
    ['negated org condition', [assume({ Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })], ['0:wildcard-principal']],
    ['IfExists org condition', [assume({ Principal: '*', Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })], ['0:wildcard-principal']],
    ['unrelated condition only (sts:ExternalId)', [assume({ Principal: '*', Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } })], ['0:wildcard-principal']],
    ['account principal', [assume({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })], []],
    ['service principal', [assume({ Principal: { Service: 'ec2.amazonaws.com' } })], []],
    ['Deny with "*" is not a grant', [{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }], []],
    ['second statement only', [assume({ Principal: { Service: 'lambda.amazonaws.com' } }), assume({ Principal: '*' })], ['1:wildcard-principal']],
  ];
  for (const [name, statements, expected] of cases) it(name, () => assert.deepEqual(kinds(...statements), expected));
});

describe('analyzeTrustPolicy: OIDC without sub', () => {
  const cases: Array<[string, Raw[], string[]]> = [
    ['GitHub OIDC with no condition', [oidc()], ['0:oidc-without-sub']],
    ['GitHub OIDC with aud only', [oidc({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } })], ['0:oidc-without-sub']],
    [
      'GitHub OIDC with aud and a repo-scoped sub',
      [oidc({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/my-repo:ref:refs/heads/main' } })],
      [],
    ],
    ['sub with an org-wide wildcard', [oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/*' } })], []],
    ['sub "*"', [oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': '*' } })], ['0:oidc-without-sub']],
    ['sub "repo:*" (any GitHub owner)', [oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } })], ['0:oidc-without-sub']],
    ['negated sub', [oidc({ StringNotLike: { 'token.actions.githubusercontent.com:sub': 'repo:evil/*' } })], ['0:oidc-without-sub']],
    ['sub key in other case', [oidc({ StringEquals: { 'Token.Actions.GithubUserContent.com:SUB': 'repo:my-org/my-repo:environment:prod' } })], []],
    [
      'another OIDC provider (EKS) with its sub',
      [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:default:app' } } }],
      [],
    ],
    [
      'EKS provider without sub',
      [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
      ['0:oidc-without-sub'],
    ],
    ['SAML provider is not OIDC', [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' }], []],
  ];
  for (const [name, statements, expected] of cases) it(name, () => assert.deepEqual(kinds(...statements), expected));

  it('reads the URL-encoded document IAM returns and keeps sid and detail', () => {
    const encoded = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'GitHub', ...oidc() }] }));
    const [f] = analyzeTrustPolicy(parsePolicy(encoded)).findings;
    assert.equal(f?.sid, 'GitHub');
    assert.match(f?.detail ?? '', /token\.actions\.githubusercontent\.com:sub/);
  });
});
