import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './role-trust-wildcard.ts';

const trust = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const GITHUB = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
const ec2 = trust({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
const github = (condition: unknown) =>
  trust({ Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition });
const aud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };

testCheck(check, {
  pass: [
    { name: 'service principal', snapshot: singleAccount((a) => a.role('app', ec2)), resources: ['app'] },
    {
      name: 'wildcard principal pinned to the organization',
      snapshot: singleAccount((a) =>
        a.role('org-reader', trust({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorg1' } } })),
      ),
      resources: ['org-reader'],
    },
    {
      name: 'Cognito trust pinned to one identity pool',
      snapshot: singleAccount((a) =>
        a.role(
          'cognito-auth',
          trust({
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-abcd-abcd-abcd-123456789012' } },
          }),
        ),
      ),
      resources: ['cognito-auth'],
    },
    {
      name: 'GitHub OIDC pinned to one owner (repo:acme/*)',
      snapshot: singleAccount((a) => a.role('gha-org', github({ StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } }))),
      resources: ['gha-org'],
    },
    {
      name: 'GitHub OIDC pinned to one repository and branch',
      snapshot: singleAccount((a) =>
        a.role('gha-deploy', github({ StringEquals: { ...aud, 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } })),
      ),
      resources: ['gha-deploy'],
    },
    {
      name: 'URL-encoded trust document (as GetAccountAuthorizationDetails returns it)',
      snapshot: singleAccount((a) => a.role('app', encodeURIComponent(JSON.stringify(ec2)))),
      resources: ['app'],
    },
    {
      name: 'Deny with Principal "*" grants nothing',
      snapshot: singleAccount((a) => a.role('app', trust(ec2.Statement[0], { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }))),
      resources: ['app'],
    },
  ],
  fail: [
    {
      name: 'Principal "*" with no condition',
      snapshot: singleAccount((a) => a.role('open', trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' })).role('app', ec2)),
      resources: ['open'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /IAM role open can be assumed by anyone/),
    },
    {
      name: 'Principal.AWS "*" with a condition that does not restrict the caller',
      snapshot: singleAccount((a) =>
        a.role('open', trust({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })),
      ),
      resources: ['open'],
    },
    { name: 'GitHub OIDC with only an aud condition', snapshot: singleAccount((a) => a.role('gha', github({ StringEquals: aud }))), resources: ['gha'] },
    {
      name: 'GitHub OIDC with sub "*"',
      snapshot: singleAccount((a) => a.role('gha', github({ StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': '*' } }))),
      resources: ['gha'],
    },
    {
      name: 'Cognito identity pool trust without an aud condition (open to every pool of every account)',
      snapshot: singleAccount((a) =>
        a.role('cognito-auth', trust({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' })).role('app', ec2),
      ),
      resources: ['cognito-auth'],
      verify: (r) => {
        const f = r.find((x) => x.status === 'fail');
        assert.equal(f?.severity ?? check.meta.severity, 'critical');
        assert.match(f?.message ?? '', /every identity of every Cognito identity pool in every AWS account/);
      },
    },
    {
      name: 'GitHub sub "repo:acme*" also lets in acme-evil',
      snapshot: singleAccount((a) => a.role('gha', github({ StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme*' } }))),
      resources: ['gha'],
      verify: (r) => assert.match(r[0]?.message ?? '', /"repo:acme\*" lets in every repository of any GitHub owner whose name starts with "acme"/),
    },
    {
      name: 'wildcard ARN principal arn:aws:iam::*:root',
      snapshot: singleAccount((a) => a.role('any-account', trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::*:root' }, Action: 'sts:AssumeRole' }))),
      resources: ['any-account'],
    },
  ],
  error: [
    {
      name: 'GetAccountAuthorizationDetails denied',
      snapshot: singleAccount((a) => a.role('app', ec2).fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
    {
      name: 'unparseable trust document errors for that role only',
      snapshot: singleAccount((a) => a.role('broken', 'not a policy').role('app', ec2)),
      code: 'ParseError',
      resources: ['broken'],
    },
  ],
  notApplicable: [{ name: 'no roles', snapshot: singleAccount(), resources: ['111111111111'] }],
});
