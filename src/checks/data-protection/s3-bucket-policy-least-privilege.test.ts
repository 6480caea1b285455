import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './s3-bucket-policy-least-privilege.ts';

const policy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const allow = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*', ...extra });

testCheck(check, {
  pass: [
    {
      name: 'own account and an organization member',
      snapshot: singleAccount((a) =>
        a.org((o) => o.memberAccount('222222222222', 'dev')).bucket('data', { policy: policy(allow({ AWS: ['arn:aws:iam::111111111111:role/app', '222222222222'] })) }),
      ),
      resources: ['data'],
    },
    {
      name: 'Principal "*" pinned to the organization',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorg1' } } })) })),
      resources: ['data'],
    },
    {
      name: 'Principal "*" pinned to a VPC endpoint; a service principal',
      snapshot: singleAccount((a) =>
        a.bucket('data', {
          policy: policy(allow({ AWS: '*' }, { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c' } } }), allow({ Service: 'logging.s3.amazonaws.com' })),
        }),
      ),
      resources: ['data'],
    },
    {
      name: 'an open Deny is not a grant',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::data/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) })),
      resources: ['data'],
    },
  ],
  fail: [
    {
      name: 'Allow to "*" without a condition',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(allow('*')) }).bucket('other', { policy: policy(allow({ AWS: '111111111111' })) })),
      resources: ['data'],
    },
    {
      name: 'a condition on a key the row does not list does not restrict',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(allow('*', { Condition: { StringEquals: { 's3:prefix': 'public/' } } })) })),
      resources: ['data'],
    },
    {
      name: 'a wildcard source IP is no restriction; a wildcard account ARN is "*"',
      snapshot: singleAccount((a) =>
        a
          .bucket('ip', { policy: policy(allow('*', { Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })) })
          .bucket('arn', { policy: policy(allow({ AWS: 'arn:aws:iam::*:root' })) }),
      ),
      resources: ['arn', 'ip'],
    },
    {
      name: 'fails even when the organization list is unknown',
      snapshot: singleAccount((a) => a.memberOf('999999999999').bucket('data', { policy: policy(allow('*'), allow({ AWS: '333333333333' })) })),
      resources: ['data'],
    },
  ],
  warn: [
    {
      name: 'no bucket policy',
      snapshot: singleAccount((a) => a.bucket('bare')),
      resources: ['bare'],
      verify: (r) => assert.match(r[0]?.message ?? '', /set up a policy for each bucket/),
    },
    {
      name: 'an account outside the organization',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(allow({ AWS: 'arn:aws:iam::444444444444:root' })) })),
      resources: ['data'],
      verify: (r) => assert.deepEqual(r[0]?.evidence?.accountsOutsideOrganization, ['444444444444']),
    },
    {
      name: 'standalone account: every other account is outside',
      snapshot: singleAccount((a) => a.noOrganization().bucket('data', { policy: policy(allow({ AWS: '222222222222' })) })),
      resources: ['data'],
    },
  ],
  error: [
    {
      name: 'a foreign account while the organization account list is unreadable (member account)',
      snapshot: singleAccount((a) => a.memberOf('999999999999').bucket('data', { policy: policy(allow({ AWS: '333333333333' })) }).bucket('mine', { policy: policy(allow({ AWS: '111111111111' })) })),
      code: 'AccessDenied',
      resources: ['data'],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === 'mine')?.status, 'pass'),
    },
    { name: 'policy unreadable', snapshot: singleAccount((a) => a.bucket('b').fail('s3.buckets.value.0.policy', 'AccessDenied', 's3:GetBucketPolicy')), code: 'AccessDenied', resources: ['b'] },
    { name: 'policy does not parse', snapshot: singleAccount((a) => a.bucket('b', { policy: 'not json' })), code: 'ParseError', resources: ['b'] },
    { name: 'bucket list unreadable', snapshot: singleAccount((a) => a.fail('s3.buckets', 'AccessDenied', 's3:ListAllMyBuckets')), resources: ['111111111111'] },
  ],
  notApplicable: [{ name: 'no buckets', snapshot: singleAccount(), resources: ['111111111111'] }],
});
