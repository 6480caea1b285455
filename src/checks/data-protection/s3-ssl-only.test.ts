import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './s3-ssl-only.ts';

const deny = (bucket: string, over: Record<string, unknown> = {}) => ({
  Sid: 'DenyInsecure',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...over,
});
const policy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const allowRead = (bucket: string) => ({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` });

testCheck(check, {
  pass: [
    { name: 'the standard Deny on bucket and objects', snapshot: singleAccount((a) => a.bucket('data', { policy: policy(allowRead('data'), deny('data')) })), resources: ['data'] },
    {
      name: 'AWS "*" principal, boolean false and a wildcard resource',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(deny('data', { Principal: { AWS: '*' }, Resource: 'arn:aws:s3:::data*', Condition: { Bool: { 'aws:SecureTransport': false } } })) })),
      resources: ['data'],
    },
    {
      name: 'bucket and objects covered by two statements, Action "*"',
      snapshot: singleAccount((a) =>
        a.bucket('data', { policy: policy(deny('data', { Sid: 'B', Action: '*', Resource: 'arn:aws:s3:::data' }), deny('data', { Sid: 'O', Resource: 'arn:aws:s3:::data/*' })) }),
      ),
      resources: ['data'],
    },
    {
      name: 'NumericLessThan s3:TlsVersion 1.2',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(deny('data', { Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } })) })),
      resources: ['data'],
      verify: (r) => assert.match(r[0]?.message ?? '', /TlsVersion < 1.2/),
    },
  ],
  fail: [
    {
      name: 'no bucket policy',
      snapshot: singleAccount((a) => a.bucket('plain').bucket('safe', { policy: policy(deny('safe')) })),
      resources: ['plain'],
      verify: (r) => assert.match(r.find((x) => x.resource.id === 'plain')?.message ?? '', /no bucket policy/),
    },
    { name: 'policy without a transport Deny', snapshot: singleAccount((a) => a.bucket('data', { policy: policy(allowRead('data')) })), resources: ['data'] },
    {
      name: 'Deny covers only the objects (bucket-level calls still allowed over HTTP)',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(deny('data', { Resource: 'arn:aws:s3:::data/*' })) })),
      resources: ['data'],
      verify: (r) => assert.match(r[0]?.message ?? '', /only partly: nothing denies them on the bucket/),
    },
    {
      name: 'SecureTransport "true" is the opposite test',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(deny('data', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })) })),
      resources: ['data'],
    },
    {
      name: 'an extra condition narrows the Deny to some callers',
      snapshot: singleAccount((a) =>
        a.bucket('data', { policy: policy(deny('data', { Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:SourceVpc': 'vpc-1' } } })) }),
      ),
      resources: ['data'],
    },
    {
      name: 'Deny for one principal only',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(deny('data', { Principal: { AWS: 'arn:aws:iam::111111111111:root' } })) })),
      resources: ['data'],
    },
    {
      name: 'Deny of GetObject only',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(deny('data', { Action: 's3:GetObject' })) })),
      resources: ['data'],
    },
    {
      name: 'Deny on another bucket',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(deny('other')) })),
      resources: ['data'],
    },
    {
      name: 'TLS threshold below 1.2',
      snapshot: singleAccount((a) => a.bucket('data', { policy: policy(deny('data', { Condition: { NumericLessThan: { 's3:TlsVersion': '1.0' } } })) })),
      resources: ['data'],
    },
  ],
  error: [
    {
      name: 'policy unreadable',
      snapshot: singleAccount((a) => a.bucket('b').bucket('c').fail('s3.buckets.value.0.policy', 'AccessDenied', 's3:GetBucketPolicy')),
      code: 'AccessDenied',
      resources: ['b'],
    },
    { name: 'policy does not parse', snapshot: singleAccount((a) => a.bucket('b', { policy: '{"Statement": [' })), code: 'ParseError', resources: ['b'] },
    { name: 'bucket list unreadable', snapshot: singleAccount((a) => a.fail('s3.buckets', 'AccessDenied', 's3:ListAllMyBuckets')), resources: ['111111111111'] },
  ],
  notApplicable: [{ name: 'no buckets', snapshot: singleAccount(), resources: ['111111111111'] }],
});
