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
    ['wildcard ARN arn:aws:iam::*:root (same verdict as the bucket engine)', [assume({ Principal: { AWS: 'arn:aws:iam::*:root' } })], ['0:wildcard-principal']],
    ['wildcard ARN pinned to the organization', [assume({ Principal: { AWS: 'arn:aws:iam::*:root' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })], []],
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
    ['sub "repo:acme*" (owner fixed, separator not: acme-evil/… matches)', [oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme*' } })], ['0:oidc-without-sub']],
    ['sub "*:ref:refs/heads/main" (main branch of any repository)', [oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': '*:ref:refs/heads/main' } })], ['0:oidc-without-sub']],
    ['sub "repo:acme/*" pins the owner acme', [oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } })], []],
    ['sub "repo:acme/app:*" pins one repository', [oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } })], []],
    ['one pinned value and one open value: the open one lets everyone in', [oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:acme/app:*', 'repo:*'] } })], ['0:oidc-without-sub']],
    ['customised subject claim repository_owner:acme:*', [oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repository_owner:acme:*' } })], []],
    ['StringEquals "repo:*" is a literal subject no token has: nobody gets in', [oidc({ StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:*' } })], []],
    ['sub under StringLikeIfExists does not pin', [oidc({ StringLikeIfExists: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } })], ['0:oidc-without-sub']],
    ['sub pinned by one entry, a second entry open: conditions are ANDed, so pinned', [oidc({ StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' }, StringLike: { 'token.actions.githubusercontent.com:sub': '*' } })], []],
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

  it('says which value lets whom in', () => {
    const detail = (sub: string) => analyzeTrustPolicy(parsePolicy({ Statement: [oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': sub } })] })).findings[0]?.detail;
    assert.equal(detail('repo:acme*'), 'OIDC provider token.actions.githubusercontent.com: token.actions.githubusercontent.com:sub value "repo:acme*" lets in every repository of any GitHub owner whose name starts with "acme" (e.g. acme-evil/…)');
    assert.equal(detail('repo:*'), 'OIDC provider token.actions.githubusercontent.com: token.actions.githubusercontent.com:sub value "repo:*" lets in every repository of every GitHub owner');
    assert.match(detail('*:ref:refs/heads/main') ?? '', /value "\*:ref:refs\/heads\/main" lets in every repository of every GitHub owner/);
  });

  it('reads the URL-encoded document IAM returns and keeps sid and detail', () => {
    const encoded = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'GitHub', ...oidc() }] }));
    const [f] = analyzeTrustPolicy(parsePolicy(encoded)).findings;
    assert.equal(f?.sid, 'GitHub');
    assert.match(f?.detail ?? '', /token\.actions\.githubusercontent\.com:sub/);
  });
});

describe('analyzeTrustPolicy: web-identity providers named, not ARNs', () => {
  const web = (provider: string, condition?: Raw): Raw => ({
    Effect: 'Allow',
    Principal: { Federated: provider },
    Action: 'sts:AssumeRoleWithWebIdentity',
    ...(condition === undefined ? {} : { Condition: condition }),
  });
  const POOL = 'us-east-1:12345678-abcd-abcd-abcd-123456789012';
  const cases: Array<[string, Raw[], string[]]> = [
    ['Cognito without an aud condition: every identity pool of every account', [web('cognito-identity.amazonaws.com')], ['0:web-identity-without-audience']],
    ['Cognito with only an amr condition', [web('cognito-identity.amazonaws.com', { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } })], ['0:web-identity-without-audience']],
    ['Cognito aud pinned to one pool', [web('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL } })], []],
    ['Cognito aud with a wildcard pool', [web('cognito-identity.amazonaws.com', { StringLike: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:*' } })], ['0:web-identity-without-audience']],
    ['Cognito aud negated', [web('cognito-identity.amazonaws.com', { StringNotEquals: { 'cognito-identity.amazonaws.com:aud': POOL } })], ['0:web-identity-without-audience']],
    ['Google without aud', [web('accounts.google.com')], ['0:web-identity-without-audience']],
    ['Google with only a sub condition', [web('accounts.google.com', { StringEquals: { 'accounts.google.com:sub': '110123456789012345678' } })], ['0:web-identity-without-audience']],
    ['Google aud pinned to the app id', [web('accounts.google.com', { StringEquals: { 'accounts.google.com:aud': '123456789012-abc.apps.googleusercontent.com' } })], []],
    ['Facebook without app_id', [web('graph.facebook.com')], ['0:web-identity-without-audience']],
    ['Facebook app_id pinned', [web('graph.facebook.com', { StringEquals: { 'graph.facebook.com:app_id': '1234567890' } })], []],
    ['Login with Amazon without app_id', [web('www.amazon.com')], ['0:web-identity-without-audience']],
    ['Login with Amazon app_id pinned', [web('www.amazon.com', { StringEquals: { 'www.amazon.com:app_id': 'amzn1.application-oa2-client.abc' } })], []],
    ['provider name in other case', [web('Cognito-Identity.amazonaws.com')], ['0:web-identity-without-audience']],
  ];
  for (const [name, statements, expected] of cases) it(name, () => assert.deepEqual(kinds(...statements), expected));

  it('says whom the open provider lets in', () => {
    const [f] = analyzeTrustPolicy(parsePolicy({ Statement: [web('cognito-identity.amazonaws.com')] })).findings;
    assert.equal(
      f?.detail,
      'web-identity provider cognito-identity.amazonaws.com: no condition on cognito-identity.amazonaws.com:aud, so every identity of every Cognito identity pool in every AWS account can assume the role',
    );
  });
});
