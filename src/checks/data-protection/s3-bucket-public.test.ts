import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './s3-bucket-public.ts';

const OFF = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

const publicPolicy = (bucket: string, action: string | string[], resource = `arn:aws:s3:::${bucket}/*`) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: action, Resource: resource }],
});

/** A public policy on an access point (its resources are the access point's ARN). */
const apPolicy = (name: string, action: string | string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: `arn:aws:s3:us-east-1:111111111111:accesspoint/${name}/object/*` }],
});

const severityOf = (results: CheckResult[], id: string) => results.find((r) => r.resource.id === id)?.severity;

testCheck(check, {
  pass: [
    { name: 'private bucket with BPA', snapshot: singleAccount((a) => a.bucket('private')), resources: ['private'] },
    {
      name: 'private bucket, no BPA anywhere, policy grants only a fixed account',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('shared', {
          publicAccessBlock: null,
          policy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' }],
          },
        }),
      ),
      resources: ['shared'],
    },
    {
      name: 'Allow "*" narrowed to the organization by a Deny outside it (not public, as Access Analyzer says)',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('org-data', {
          publicAccessBlock: null,
          policy: {
            Version: '2012-10-17',
            Statement: [
              ...publicPolicy('org-data', 's3:GetObject').Statement,
              {
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: ['arn:aws:s3:::org-data', 'arn:aws:s3:::org-data/*'],
                Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-exampleorg1' } },
              },
            ],
          },
        }),
      ),
      resources: ['org-data'],
    },
    {
      name: 'public policy neutralised by account-level BPA',
      snapshot: singleAccount((a) => a.bucket('site', { publicAccessBlock: null, policy: publicPolicy('site', 's3:GetObject') })),
      resources: ['site'],
      verify: (results) => {
        assert.match(results[0]?.message ?? '', /keeps it private/);
        assert.deepEqual(results[0]?.evidence?.blockedBy, ['account-bpa']);
      },
    },
    {
      name: 'public ACL neutralised by bucket-level IgnorePublicAcls',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('legacy', {
          publicAccessBlock: { ...OFF, ignorePublicAcls: true },
          aclGrants: [{ granteeType: 'Group', granteeUri: ALL_USERS, permission: 'READ' }],
        }),
      ),
      resources: ['legacy'],
    },
    {
      name: 'account BPA unreadable but the bucket is private even without it',
      snapshot: singleAccount((a) => a.fail('s3.accountPublicAccessBlock', 'AccessDenied', 's3:GetAccountPublicAccessBlock').bucket('private', { publicAccessBlock: null })),
      resources: ['private'],
    },
    {
      name: 'account BPA unreadable, public policy already neutralised by bucket BPA',
      snapshot: singleAccount((a) =>
        a
          .fail('s3.accountPublicAccessBlock', 'AccessDenied', 's3:GetAccountPublicAccessBlock')
          .bucket('site', { publicAccessBlock: { ...OFF, restrictPublicBuckets: true }, policy: publicPolicy('site', 's3:GetObject') }),
      ),
      resources: ['site'],
    },
    {
      name: 'allow-listed public bucket in the public-content account',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock(null).bucket('www', { publicAccessBlock: null, policy: publicPolicy('www', 's3:GetObject') })),
      options: { publicContentAccountId: '111111111111', allowedPublicBuckets: ['www'] },
      resources: ['www'],
      verify: (results) => assert.match(results[0]?.message ?? '', /intentionally public/),
    },
    {
      name: 'access point with a public policy that only accepts requests from a VPC',
      snapshot: singleAccount((a) =>
        a
          .accountPublicAccessBlock(null)
          .bucket('data', { publicAccessBlock: null })
          .accessPoint('data-vpc', 'data', { networkOrigin: 'VPC', policy: apPolicy('data-vpc', 's3:GetObject'), publicAccessBlock: OFF }),
      ),
      resources: ['data'],
      verify: (results) => {
        assert.match(results[0]?.message ?? '', /data-vpc only accepts requests from a VPC/);
        assert.deepEqual((results[0]?.evidence?.accessPoints as Array<{ verdict: string }>).map((v) => v.verdict), ['vpc-only']);
      },
    },
    {
      name: 'access point with a public policy neutralised by its own BPA (on by default)',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('data', { publicAccessBlock: null }).accessPoint('data-ap', 'data', { policy: apPolicy('data-ap', 's3:GetObject') }),
      ),
      resources: ['data'],
      verify: (results) => assert.deepEqual((results[0]?.evidence?.accessPoints as Array<{ blockedBy: string[] }>)[0]?.blockedBy, ['access-point-bpa']),
    },
    {
      name: 'access point with a public policy neutralised by the bucket\'s RestrictPublicBuckets',
      snapshot: singleAccount((a) =>
        a
          .accountPublicAccessBlock(null)
          .bucket('data', { publicAccessBlock: { ...OFF, restrictPublicBuckets: true } })
          .accessPoint('data-ap', 'data', { policy: apPolicy('data-ap', 's3:GetObject'), publicAccessBlock: OFF }),
      ),
      resources: ['data'],
      verify: (results) => assert.deepEqual((results[0]?.evidence?.accessPoints as Array<{ blockedBy: string[] }>)[0]?.blockedBy, ['bucket-bpa']),
    },
    {
      name: 'access point with a public policy neutralised by the account BPA',
      snapshot: singleAccount((a) =>
        a.bucket('data', { publicAccessBlock: null }).accessPoint('data-ap', 'data', { policy: apPolicy('data-ap', 's3:GetObject'), publicAccessBlock: OFF }),
      ),
      resources: ['data'],
    },
    {
      name: 'a public access point on another account\'s bucket does not touch this account\'s buckets',
      snapshot: singleAccount((a) =>
        a
          .accountPublicAccessBlock(null)
          .bucket('data', { publicAccessBlock: null })
          .accessPoint('partner-ap', 'data', { bucketAccountId: '222222222222', policy: apPolicy('partner-ap', 's3:GetObject'), publicAccessBlock: OFF }),
      ),
      resources: ['data'],
    },
    {
      name: 'account BPA unreadable, but the bucket and its access point are private without it',
      snapshot: singleAccount((a) =>
        a
          .fail('s3.accountPublicAccessBlock', 'AccessDenied', 's3:GetAccountPublicAccessBlock')
          .bucket('data', { publicAccessBlock: null })
          .accessPoint('data-ap', 'data', { publicAccessBlock: OFF }),
      ),
      resources: ['data'],
    },
    {
      name: 'allow-listed bucket public through an access point',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('www', { publicAccessBlock: null }).accessPoint('www-ap', 'www', { policy: apPolicy('www-ap', 's3:GetObject'), publicAccessBlock: OFF }),
      ),
      options: { publicContentAccountId: '111111111111', allowedPublicBuckets: ['www'] },
      resources: ['www'],
      verify: (results) => assert.match(results[0]?.message ?? '', /access point www-ap.*intentionally public/),
    },
  ],
  fail: [
    {
      name: 'a Deny that only forbids plain HTTP leaves Allow "*" public',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('tls-only', {
          publicAccessBlock: null,
          policy: {
            Version: '2012-10-17',
            Statement: [
              ...publicPolicy('tls-only', 's3:GetObject').Statement,
              { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::tls-only', 'arn:aws:s3:::tls-only/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
            ],
          },
        }),
      ),
      resources: ['tls-only'],
    },
    {
      name: 'a public access point makes its private bucket public: read-only, high',
      snapshot: singleAccount((a) =>
        a
          .accountPublicAccessBlock(null)
          .bucket('data', { publicAccessBlock: null })
          .bucket('other', { publicAccessBlock: null })
          .accessPoint('open-ap', 'data', { policy: apPolicy('open-ap', 's3:GetObject'), publicAccessBlock: OFF }),
      ),
      resources: ['data'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.equal(f?.resource.type, 'AwsS3Bucket');
        assert.equal(f?.severity, 'high');
        assert.match(f?.message ?? '', /^bucket data is public through access point open-ap, through which anyone on the internet can read from it \(read-only\)$/);
        assert.equal(results.find((r) => r.resource.id === 'other')?.status, 'pass');
      },
    },
    {
      name: 'an access point that lets anyone write: critical',
      snapshot: singleAccount((a) =>
        a
          .accountPublicAccessBlock(null)
          .bucket('drop', { publicAccessBlock: null })
          .accessPoint('drop-ap', 'drop', { policy: apPolicy('drop-ap', ['s3:GetObject', 's3:PutObject']), publicAccessBlock: OFF }),
      ),
      resources: ['drop'],
      verify: (results) => assert.equal(severityOf(results, 'drop'), 'critical'),
    },
    {
      name: 'a public bucket fails even when its access point could not be read',
      snapshot: singleAccount((a) =>
        a
          .accountPublicAccessBlock(null)
          .bucket('site', { publicAccessBlock: null, policy: publicPolicy('site', 's3:GetObject') })
          .accessPoint('site-ap', 'site')
          .fail('s3.accessPoints.value.0.policy', 'AccessDenied', 's3:GetAccessPointPolicy'),
      ),
      resources: ['site'],
      verify: (results) => assert.match(results[0]?.message ?? '', /through its policy/),
    },
    {
      name: 'a public bucket fails even when the access points could not be listed',
      snapshot: singleAccount((a) =>
        a
          .accountPublicAccessBlock(null)
          .bucket('site', { publicAccessBlock: null, policy: publicPolicy('site', 's3:GetObject') })
          .fail('s3.accessPoints', 'AccessDenied', 's3:ListAccessPoints'),
      ),
      resources: ['site'],
    },
    {
      name: 'public-read policy: high',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('site', { publicAccessBlock: null, policy: publicPolicy('site', 's3:GetObject') }).bucket('private'),
      ),
      resources: ['site'],
      verify: (results) => {
        assert.equal(severityOf(results, 'site'), 'high');
        assert.equal(results.find((r) => r.resource.id === 'private')?.status, 'pass');
      },
    },
    {
      name: 'policy allows anyone to write: critical',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock(null).bucket('drop', { publicAccessBlock: null, policy: publicPolicy('drop', 's3:PutObject') })),
      resources: ['drop'],
      verify: (results) => assert.equal(severityOf(results, 'drop'), 'critical'),
    },
    {
      name: 'policy allows anyone to list: critical',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('lst', { publicAccessBlock: null, policy: publicPolicy('lst', 's3:ListBucket', 'arn:aws:s3:::lst') }),
      ),
      resources: ['lst'],
      verify: (results) => assert.equal(severityOf(results, 'lst'), 'critical'),
    },
    {
      name: 'ACL grants WRITE to AllUsers: critical',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('acl-w', { publicAccessBlock: null, aclGrants: [{ granteeType: 'Group', granteeUri: ALL_USERS, permission: 'WRITE' }] }),
      ),
      resources: ['acl-w'],
      verify: (results) => assert.equal(severityOf(results, 'acl-w'), 'critical'),
    },
    {
      name: 'ACL grants READ (list) to AuthenticatedUsers: critical',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('acl-r', {
          publicAccessBlock: null,
          aclGrants: [{ granteeType: 'Group', granteeUri: AUTHENTICATED_USERS, permission: 'READ' }],
        }),
      ),
      resources: ['acl-r'],
      verify: (results) => assert.equal(severityOf(results, 'acl-r'), 'critical'),
    },
    {
      name: 'ACL grants READ_ACP to AllUsers: public, read-only, high',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('acl-acp', {
          publicAccessBlock: null,
          aclGrants: [{ granteeType: 'Group', granteeUri: ALL_USERS, permission: 'READ_ACP' }],
        }),
      ),
      resources: ['acl-acp'],
      verify: (results) => assert.equal(severityOf(results, 'acl-acp'), 'high'),
    },
    {
      name: 'bucket BPA with only BlockPublicPolicy does not undo an existing public policy',
      snapshot: singleAccount((a) =>
        a.accountPublicAccessBlock(null).bucket('site', { publicAccessBlock: { ...OFF, blockPublicPolicy: true }, policy: publicPolicy('site', 's3:GetObject') }),
      ),
      resources: ['site'],
    },
    {
      name: 'allow-list is honoured only in the public-content account',
      snapshot: singleAccount((a) => a.accountPublicAccessBlock(null).bucket('www', { publicAccessBlock: null, policy: publicPolicy('www', 's3:GetObject') })),
      options: { publicContentAccountId: '999999999999', allowedPublicBuckets: ['www'] },
      resources: ['www'],
    },
  ],
  error: [
    {
      name: 'access point policy unreadable, the bucket otherwise private',
      snapshot: singleAccount((a) =>
        a
          .bucket('data')
          .bucket('plain')
          .accessPoint('data-ap', 'data')
          .fail('s3.accessPoints.value.0.policy', 'AccessDenied', 's3:GetAccessPointPolicy'),
      ),
      code: 'AccessDenied',
      resources: ['data'],
      verify: (results) => {
        assert.match(results.find((r) => r.status === 'error')?.message ?? '', /access point data-ap makes it public is unknown: could not read its policy/);
        assert.equal(results.find((r) => r.resource.id === 'plain')?.status, 'pass');
      },
    },
    {
      name: 'access point BPA unreadable',
      snapshot: singleAccount((a) =>
        a.bucket('data').accessPoint('data-ap', 'data').fail('s3.accessPoints.value.0.publicAccessBlock', 'Throttled', 's3:GetAccessPoint'),
      ),
      code: 'Throttled',
      resources: ['data'],
    },
    {
      name: 'access points could not be listed: every bucket that would pass is an error',
      snapshot: singleAccount((a) => a.bucket('a').bucket('b').fail('s3.accessPoints', 'AccessDenied', 's3:ListAccessPoints')),
      code: 'AccessDenied',
      resources: ['a', 'b'],
      verify: (results) => assert.match(results[0]?.message ?? '', /access points could not be listed/),
    },
    {
      name: 'account BPA unreadable and the access point is public without it',
      snapshot: singleAccount((a) =>
        a
          .fail('s3.accountPublicAccessBlock', 'AccessDenied', 's3:GetAccountPublicAccessBlock')
          .bucket('data', { publicAccessBlock: null })
          .accessPoint('open-ap', 'data', { policy: apPolicy('open-ap', 's3:GetObject'), publicAccessBlock: OFF }),
      ),
      code: 'AccessDenied',
      resources: ['data'],
      verify: (results) => assert.equal(results[0]?.error?.operation, 's3:GetAccountPublicAccessBlock'),
    },
    {
      name: 'unparseable access point policy',
      snapshot: singleAccount((a) => a.bucket('data').accessPoint('data-ap', 'data', { policy: '{"Statement": [' })),
      code: 'ParseError',
      resources: ['data'],
      verify: (results) => assert.equal(results[0]?.error?.operation, 's3:GetAccessPointPolicy'),
    },
    {
      name: 'bucket policy unreadable; the other bucket still judged',
      snapshot: singleAccount((a) => a.bucket('locked').bucket('private').fail('s3.buckets.value.0.policy', 'AccessDenied', 's3:GetBucketPolicy')),
      code: 'AccessDenied',
      resources: ['locked'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'private')?.status, 'pass'),
    },
    {
      name: 'bucket ACL unreadable',
      snapshot: singleAccount((a) => a.bucket('b').fail('s3.buckets.value.0.acl', 'AccessDenied', 's3:GetBucketAcl')),
      code: 'AccessDenied',
      resources: ['b'],
    },
    {
      name: 'bucket BPA unreadable',
      snapshot: singleAccount((a) => a.bucket('b').fail('s3.buckets.value.0.publicAccessBlock', 'Throttled', 's3:GetBucketPublicAccessBlock')),
      code: 'Throttled',
      resources: ['b'],
    },
    {
      name: 'bucket Region unreadable',
      snapshot: singleAccount((a) => a.bucket('b').fail('s3.buckets.value.0.region', 'AccessDenied', 's3:GetBucketLocation')),
      code: 'AccessDenied',
      resources: ['b'],
    },
    {
      name: 'bucket policy denied by an SCP is still an error (SCPs do not stop anonymous access)',
      snapshot: singleAccount((a) => a.bucket('b').fail('s3.buckets.value.0.policy', 'DeniedByScp', 's3:GetBucketPolicy')),
      code: 'DeniedByScp',
      resources: ['b'],
    },
    {
      name: 'unparseable bucket policy',
      snapshot: singleAccount((a) => a.bucket('weird', { policy: '{"Statement": [' })),
      code: 'ParseError',
      resources: ['weird'],
    },
    {
      name: 'policy with an unknown element',
      snapshot: singleAccount((a) => a.bucket('typo', { policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condtion: {} }] } })),
      code: 'ParseError',
      resources: ['typo'],
    },
    {
      name: 'account BPA unreadable and the bucket is public without it',
      snapshot: singleAccount((a) =>
        a
          .fail('s3.accountPublicAccessBlock', 'AccessDenied', 's3:GetAccountPublicAccessBlock')
          .bucket('site', { publicAccessBlock: null, policy: publicPolicy('site', 's3:GetObject') })
          .bucket('private', { publicAccessBlock: null }),
      ),
      code: 'AccessDenied',
      resources: ['site'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'private')?.status, 'pass'),
    },
    {
      name: 'bucket list unreadable',
      snapshot: singleAccount((a) => a.fail('s3.buckets', 'AccessDenied', 's3:ListAllMyBuckets')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
  ],
  notApplicable: [{ name: 'no buckets', snapshot: singleAccount(), resources: ['111111111111'] }],
});
