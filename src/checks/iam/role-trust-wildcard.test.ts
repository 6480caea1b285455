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
