// Table-driven tests of "is this resource policy / bucket public". Every expected verdict was written by hand
// from AWS's rules (S3 User Guide, "The meaning of public"; IAM JSON policy reference), never from running the code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeResourcePolicy, isS3BucketPublic } from './public.ts';
import type { BlockPublicAccess } from './public.ts';
import type { AccessClasses } from './access.ts';
import { parsePolicy } from './parse.ts';

const BUCKET = 'arn:aws:s3:::example-bucket';
const OBJECTS = 'arn:aws:s3:::example-bucket/*';

type Raw = Record<string, unknown>;
const allowAll = (extra: Raw = {}): Raw => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: OBJECTS, ...extra });
const withCondition = (condition: Raw): Raw => allowAll({ Condition: condition });
const doc = (...statements: Raw[]) => parsePolicy({ Version: '2012-10-17', Statement: statements });

interface PolicyCase {
  name: string;
  statements: Raw[];
  public: boolean;
  /** Indices of the statements that make it public (default: [0] when public, [] otherwise). */
  publicStatements?: number[];
  /** Remaining (not overridden) actions of the first public statement. */
  actions?: string[];
  access?: Partial<AccessClasses>;
}

const policyCases: PolicyCase[] = [
  // Principal forms — "*" and {"AWS":"*"} are equivalent; fixed principals are never public.
  { name: 'Principal "*" string', statements: [allowAll()], public: true, access: { read: true, write: false, list: false } },
  { name: 'Principal {"AWS":"*"}', statements: [allowAll({ Principal: { AWS: '*' } })], public: true },
  { name: 'Principal {"AWS":["*"]}', statements: [allowAll({ Principal: { AWS: ['*'] } })], public: true },
  { name: 'account root principal (cross-account, not public)', statements: [allowAll({ Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*' })], public: false },
  { name: 'bare account id principal', statements: [allowAll({ Principal: { AWS: '111122223333' } })], public: false },
  { name: 'account id and "*" together', statements: [allowAll({ Principal: { AWS: ['111122223333', '*'] } })], public: true },
  { name: 'service principal', statements: [allowAll({ Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject' })], public: false },
  { name: 'canonical user principal', statements: [allowAll({ Principal: { CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' } })], public: false },
  { name: 'Federated graph.facebook.com (S3 doc example)', statements: [allowAll({ Principal: { Federated: 'graph.facebook.com' }, Action: 's3:PutObject', Resource: '*' })], public: true, access: { write: true } },
  { name: 'Allow + NotPrincipal is effectively public', statements: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: OBJECTS }], public: true },
  { name: 'Deny + NotPrincipal alone grants nothing', statements: [{ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: OBJECTS }], public: false },
  { name: 'only Deny statements', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, OBJECTS], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }], public: false },

  // NotAction with Allow grants everything else.
  { name: 'Allow "*" with NotAction s3:DeleteObject', statements: [{ Effect: 'Allow', Principal: '*', NotAction: 's3:DeleteObject', Resource: [BUCKET, OBJECTS] }], public: true, actions: ['*'], access: { read: true, write: true, list: true, permissions: true } },

  // Deny overrides (only unconditional Deny for everyone whose actions/resources contain the Allow's).
  { name: 'Allow GetObject fully shadowed by Deny GetObject on the same objects', statements: [allowAll(), { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: OBJECTS }], public: false },
  { name: 'Allow GetObject shadowed by Deny s3:* on "*"', statements: [allowAll(), { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*' }], public: false },
  { name: 'conditional Deny does not shadow', statements: [allowAll(), { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: OBJECTS, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }], public: true },
  { name: 'Deny of PutObject leaves the public GetObject', statements: [allowAll({ Action: ['s3:GetObject', 's3:PutObject'] }), { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: OBJECTS }], public: true, actions: ['s3:GetObject'], access: { read: true, write: false } },
  { name: 'Deny on a sub-prefix does not cover the whole bucket', statements: [allowAll(), { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/private/*` }], public: true },
  { name: 'Deny on the whole bucket covers a sub-prefix grant', statements: [allowAll({ Resource: `${BUCKET}/public/*` }), { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: OBJECTS }], public: false },
  { name: 'Deny to one account does not shadow a grant to everyone', statements: [allowAll(), { Effect: 'Deny', Principal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' }], public: true },
  { name: 'Deny NotAction iam:* covers an s3:Get* grant', statements: [allowAll({ Action: 's3:Get*' }), { Effect: 'Deny', Principal: '*', NotAction: 'iam:*', Resource: '*' }], public: false },
  { name: 'Deny NotAction s3:GetObject does not cover GetObject', statements: [allowAll(), { Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' }], public: true },
  { name: 'Allow NotAction shadowed by Deny "*"', statements: [{ Effect: 'Allow', Principal: '*', NotAction: 's3:DeleteObject', Resource: '*' }, { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }], public: false },

  // Restricting condition keys with fixed values (S3's list, plus principal keys).
  { name: 'aws:SourceArn fixed', statements: [withCondition({ ArnEquals: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE' } })], public: false },
  { name: 'aws:SourceVpc fixed (S3 doc example)', statements: [withCondition({ StringEquals: { 'aws:SourceVpc': 'vpc-91237329' } })], public: false },
  { name: 'aws:SourceVpc "vpc-*" (S3 doc example: public)', statements: [withCondition({ StringLike: { 'aws:SourceVpc': 'vpc-*' } })], public: true },
  { name: 'aws:SourceVpce fixed', statements: [withCondition({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })], public: false },
  { name: 'aws:SourceAccount fixed', statements: [withCondition({ StringEquals: { 'aws:SourceAccount': '111122223333' } })], public: false },
  { name: 'aws:SourceOwner fixed', statements: [withCondition({ StringEquals: { 'aws:SourceOwner': '111122223333' } })], public: false },
  { name: 'aws:PrincipalOrgID fixed', statements: [withCondition({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })], public: false },
  { name: 'aws:PrincipalOrgID key written in other case', statements: [withCondition({ StringEquals: { 'AWS:PRINCIPALORGID': 'o-a1b2c3d4e5' } })], public: false },
  { name: 'aws:PrincipalOrgID wildcard value', statements: [withCondition({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } })], public: true },
  { name: 'aws:PrincipalAccount fixed', statements: [withCondition({ StringEquals: { 'aws:PrincipalAccount': '111122223333' } })], public: false },
  { name: 'aws:PrincipalArn fixed', statements: [withCondition({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/reader' } })], public: false },
  { name: 'aws:PrincipalArn with wildcard account', statements: [withCondition({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/reader' } })], public: true },
  { name: 'aws:PrincipalArn with a policy variable', statements: [withCondition({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/${aws:username}' } })], public: true },
  { name: 'aws:userid "AROLEID:*" (allowed pattern)', statements: [withCondition({ StringLike: { 'aws:userid': 'AROAEXAMPLEROLEID:*' } })], public: false },
  { name: 'aws:userid "*"', statements: [withCondition({ StringLike: { 'aws:userid': '*' } })], public: true },
  { name: 's3:x-amz-server-side-encryption-aws-kms-key-id fixed', statements: [withCondition({ StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' } })], public: false },
  { name: 's3:DataAccessPointAccount fixed', statements: [withCondition({ StringEquals: { 's3:DataAccessPointAccount': '111122223333' } })], public: false },
  { name: 's3:DataAccessPointArn with wildcard access point name, fixed account', statements: [withCondition({ ArnLike: { 's3:DataAccessPointArn': 'arn:aws:s3:us-west-2:123456789012:accesspoint/*' } })], public: false },
  { name: 'IfExists variant does not restrict', statements: [withCondition({ StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-91237329' } })], public: true },
  { name: 'negated operator does not restrict', statements: [withCondition({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })], public: true },
  { name: 'ForAnyValue with fixed values restricts', statements: [withCondition({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } })], public: false },
  { name: 'ForAllValues does not restrict (true when key absent)', statements: [withCondition({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } })], public: true },
  { name: 'Null check on a restricting key does not restrict', statements: [withCondition({ Null: { 'aws:SourceVpc': 'false' } })], public: true },
  { name: 'non-restricting key only (aws:SecureTransport)', statements: [withCondition({ Bool: { 'aws:SecureTransport': 'true' } })], public: true },
  { name: 'non-restricting plus a fixed restricting key', statements: [withCondition({ Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })], public: false },

  // aws:SourceIp: IPv4 broader than /8 and IPv6 broader than /32 are public.
  { name: 'SourceIp 0.0.0.0/0', statements: [withCondition({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } })], public: true },
  { name: 'SourceIp /7', statements: [withCondition({ IpAddress: { 'aws:SourceIp': '52.0.0.0/7' } })], public: true },
  { name: 'SourceIp /8', statements: [withCondition({ IpAddress: { 'aws:SourceIp': '54.0.0.0/8' } })], public: false },
  { name: 'SourceIp /32', statements: [withCondition({ IpAddress: { 'aws:SourceIp': '203.0.113.5/32' } })], public: false },
  { name: 'SourceIp bare address', statements: [withCondition({ IpAddress: { 'aws:SourceIp': '203.0.113.5' } })], public: false },
  { name: 'SourceIp IPv6 ::/0', statements: [withCondition({ IpAddress: { 'aws:SourceIp': '::/0' } })], public: true },
  { name: 'SourceIp IPv6 /32', statements: [withCondition({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } })], public: false },
  { name: 'SourceIp IPv6 /31', statements: [withCondition({ IpAddress: { 'aws:SourceIp': '2001:db8::/31' } })], public: true },
  { name: 'SourceIp list with one broad range', statements: [withCondition({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '0.0.0.0/0'] } })], public: true },
  { name: 'NotIpAddress does not restrict', statements: [withCondition({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })], public: true },
  { name: 'SourceIp under a string operator does not restrict', statements: [withCondition({ StringEquals: { 'aws:SourceIp': '203.0.113.5' } })], public: true },

  // Several statements; write/list classification.
  { name: 'only the second statement is public', statements: [allowAll({ Principal: { AWS: '111122223333' }, Action: 's3:*' }), allowAll({ Action: 's3:ListBucket', Resource: BUCKET })], public: true, publicStatements: [1], access: { list: true, read: false, write: false } },
  { name: 'PutObject is write', statements: [allowAll({ Action: 's3:PutObject' })], public: true, access: { write: true, read: false, list: false } },
  { name: 'PutBucketPolicy is permissions management', statements: [allowAll({ Action: 's3:PutBucketPolicy', Resource: BUCKET })], public: true, access: { permissions: true, read: false, list: false } },
  { name: 's3:* is everything', statements: [allowAll({ Action: 's3:*' })], public: true, access: { read: true, write: true, list: true, permissions: true } },
  { name: 's3:Get* is read-only', statements: [allowAll({ Action: 's3:Get*' })], public: true, access: { read: true, write: false, permissions: false } },
  { name: 'action names are case-insensitive', statements: [allowAll({ Action: 'S3:putobject' })], public: true, access: { write: true } },
];

// Deny statements that narrow an open Allow, NotAction grants that reach no S3 action, wildcard principal ARNs.
// A Deny applies when all its condition entries hold, so the Allow survives for callers where any entry is false:
// the policy is private only if every entry's negation pins the caller to fixed values (S3 and Access Analyzer).
const ORG = 'o-a1b2c3d4e5';
const denyAll = (extra: Raw = {}): Raw => ({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, OBJECTS], ...extra });
const denyUnless = (condition: Raw): Raw => denyAll({ Condition: condition });
const narrowingCases: PolicyCase[] = [
  { name: 'Deny StringNotEquals aws:PrincipalOrgID narrows Allow "*" to the organization', statements: [allowAll(), denyUnless({ StringNotEquals: { 'aws:PrincipalOrgID': ORG } })], public: false },
  { name: 'Deny StringNotEquals aws:PrincipalAccount', statements: [allowAll(), denyUnless({ StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } })], public: false },
  { name: 'Deny ArnNotEquals aws:PrincipalArn', statements: [allowAll(), denyUnless({ ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/reader' } })], public: false },
  { name: 'Deny ArnNotLike aws:PrincipalArn with a wildcard account narrows nothing', statements: [allowAll(), denyUnless({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/reader' } })], public: true },
  { name: 'Deny StringNotEquals aws:SourceVpce', statements: [allowAll(), denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })], public: false },
  { name: 'Deny StringNotEquals aws:SourceVpc', statements: [allowAll(), denyUnless({ StringNotEquals: { 'aws:SourceVpc': 'vpc-91237329' } })], public: false },
  { name: 'Deny StringNotLike aws:PrincipalOrgPaths under a fixed organization', statements: [allowAll(), denyUnless({ StringNotLike: { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/ou-ab12-11111111/*` } })], public: false },
  { name: 'Deny StringNotLike aws:PrincipalOrgPaths with any organization narrows nothing', statements: [allowAll(), denyUnless({ StringNotLike: { 'aws:PrincipalOrgPaths': '*/ou-ab12-11111111/*' } })], public: true },
  { name: 'Deny StringNotEqualsIfExists aws:PrincipalOrgID (absent key: the Deny applies)', statements: [allowAll(), denyUnless({ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG } })], public: false },
  { name: 'Deny only on aws:SecureTransport false leaves the Allow public', statements: [allowAll(), denyUnless({ Bool: { 'aws:SecureTransport': 'false' } })], public: true },
  { name: 'Deny outside the organization AND over plain HTTP: HTTPS from anywhere is allowed', statements: [allowAll(), denyUnless({ StringNotEquals: { 'aws:PrincipalOrgID': ORG }, Bool: { 'aws:SecureTransport': 'false' } })], public: true },
  { name: 'Deny outside the organization AND outside the endpoint: allowed only in one or the other', statements: [allowAll(), denyUnless({ StringNotEquals: { 'aws:PrincipalOrgID': ORG, 'aws:SourceVpce': 'vpce-1a2b3c4d' } })], public: false },
  { name: 'Deny StringEquals aws:PrincipalOrgID denies the organization, not everyone else', statements: [allowAll(), denyUnless({ StringEquals: { 'aws:PrincipalOrgID': ORG } })], public: true },
  { name: 'Deny StringNotLike aws:PrincipalOrgID "o-*" narrows nothing', statements: [allowAll(), denyUnless({ StringNotLike: { 'aws:PrincipalOrgID': 'o-*' } })], public: true },
  { name: 'Deny ForAnyValue:StringNotEquals is not proved to narrow', statements: [allowAll(), denyUnless({ 'ForAnyValue:StringNotEquals': { 'aws:PrincipalOrgID': ORG } })], public: true },
  { name: 'narrowing Deny of PutObject leaves the public GetObject', statements: [allowAll({ Action: ['s3:GetObject', 's3:PutObject'] }), { ...denyUnless({ StringNotEquals: { 'aws:PrincipalOrgID': ORG } }), Action: 's3:PutObject' }], public: true, actions: ['s3:GetObject'], access: { read: true, write: false } },
  { name: 'narrowing Deny on the objects does not cover ListBucket on the bucket', statements: [allowAll({ Action: 's3:ListBucket', Resource: BUCKET }), { ...denyUnless({ StringNotEquals: { 'aws:PrincipalOrgID': ORG } }), Resource: OBJECTS }], public: true },
  { name: 'narrowing Deny for one account only does not reach everyone', statements: [allowAll(), { ...denyUnless({ StringNotEquals: { 'aws:PrincipalOrgID': ORG } }), Principal: { AWS: '111122223333' } }], public: true },
  { name: 'Deny NotAction iam:* outside the organization covers s3:GetObject', statements: [allowAll(), { Effect: 'Deny', Principal: '*', NotAction: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ORG } } }], public: false },
  { name: 'NotIpAddress aws:SourceIp with a narrow range', statements: [allowAll(), denyUnless({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })], public: false },
  { name: 'NotIpAddress aws:SourceIp 0.0.0.0/1 is too broad', statements: [allowAll(), denyUnless({ NotIpAddress: { 'aws:SourceIp': '0.0.0.0/1' } })], public: true },

  // Deny + NotPrincipal: denies everyone except the principals named, so only they keep the Allow.
  { name: 'Deny NotPrincipal one account narrows Allow "*" to that account', statements: [allowAll(), { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' }], public: false },
  { name: 'Deny NotPrincipal a role and its account', statements: [allowAll(), { Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::111122223333:role/reader', 'arn:aws:iam::111122223333:root'] }, Action: 's3:GetObject', Resource: OBJECTS }], public: false },
  { name: 'Deny NotPrincipal a Federated provider exempts all its users', statements: [allowAll(), { Effect: 'Deny', NotPrincipal: { Federated: 'graph.facebook.com' }, Action: 's3:*', Resource: '*' }], public: true },
  { name: 'Deny NotPrincipal "*" denies nobody', statements: [allowAll(), { Effect: 'Deny', NotPrincipal: '*', Action: 's3:*', Resource: '*' }], public: true },
  { name: 'Deny NotPrincipal only over plain HTTP', statements: [allowAll(), { Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }], public: true },

  // Allow + NotAction on a bucket: only S3 actions can apply to it.
  { name: 'Allow NotAction s3:* grants nothing on a bucket', statements: [{ Effect: 'Allow', Principal: '*', NotAction: 's3:*', Resource: [BUCKET, OBJECTS] }], public: false },
  { name: 'Allow NotAction "*" grants nothing', statements: [{ Effect: 'Allow', Principal: '*', NotAction: '*', Resource: '*' }], public: false },
  { name: 'Allow NotAction s3:Get* still grants the rest of S3', statements: [{ Effect: 'Allow', Principal: '*', NotAction: 's3:Get*', Resource: [BUCKET, OBJECTS] }], public: true, actions: ['*'], access: { write: true, list: true } },
  { name: 'Allow NotAction s3:DeleteObject narrowed by Deny s3:* outside the organization', statements: [{ Effect: 'Allow', Principal: '*', NotAction: 's3:DeleteObject', Resource: [BUCKET, OBJECTS] }, denyUnless({ StringNotEquals: { 'aws:PrincipalOrgID': ORG } })], public: false },

  // Wildcard principal ARNs (issue 6 item 3) and aws:PrincipalOrgPaths on the Allow.
  { name: 'Principal.AWS arn:aws:iam::*:root is every AWS principal: public', statements: [allowAll({ Principal: { AWS: 'arn:aws:iam::*:root' } })], public: true },
  { name: 'Deny to arn:aws:iam::*:root does not reach anonymous callers', statements: [allowAll(), { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::*:root' }, Action: 's3:*', Resource: '*' }], public: true },
  { name: 'Allow StringLike aws:PrincipalOrgPaths under a fixed organization', statements: [withCondition({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/*` } })], public: false },
];

// Resource policies of other services (resource-policies-public): the same rule, the resource's service for
// wildcards and NotAction, and kms:CallerAccount, KMS's principal-account key.
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:orders';
const FN = 'arn:aws:lambda:us-east-1:111122223333:function:api';
interface ServiceCase extends PolicyCase {
  service: string;
}
const serviceCases: ServiceCase[] = [
  {
    name: 'KMS: "AWS": "*" pinned by kms:CallerAccount and kms:ViaService (AWS managed key policy) is not public',
    service: 'kms',
    statements: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }],
    public: false,
  },
  { name: 'KMS: kms:CallerAccount "*" does not restrict', service: 'kms', statements: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: KEY, Condition: { StringLike: { 'kms:CallerAccount': '*' } } }], public: true, access: { read: false, write: true } },
  { name: 'KMS: kms:ViaService alone does not restrict who', service: 'kms', statements: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: KEY, Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } }], public: true },
  { name: 'KMS: Deny StringNotEquals kms:CallerAccount narrows Allow "*"', service: 'kms', statements: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }, { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'kms:CallerAccount': '111122223333' } } }], public: false },
  { name: 'SQS: SendMessage to "*" from one SNS topic (aws:SourceArn) is not public', service: 'sqs', statements: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:events' } } }], public: false },
  { name: 'SQS: ReceiveMessage to "*" is public and reads', service: 'sqs', statements: [{ Sid: 'open', Effect: 'Allow', Principal: '*', Action: 'sqs:ReceiveMessage', Resource: QUEUE }], public: true, actions: ['sqs:ReceiveMessage'], access: { read: true, write: false } },
  { name: 'SQS: NotAction sqs:* grants nothing on a queue', service: 'sqs', statements: [{ Effect: 'Allow', Principal: '*', NotAction: 'sqs:*', Resource: QUEUE }], public: false },
  { name: 'SNS: the default topic policy ("AWS": "*" with AWS:SourceOwner) is not public', service: 'sns', statements: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish', 'SNS:Subscribe', 'SNS:GetTopicAttributes'], Resource: 'arn:aws:sns:us-east-1:111122223333:events', Condition: { StringEquals: { 'AWS:SourceOwner': '111122223333' } } }], public: false },
  { name: 'SNS: Publish to "*" without a condition is public', service: 'sns', statements: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Publish', Resource: 'arn:aws:sns:us-east-1:111122223333:events' }], public: true, access: { write: true } },
  { name: 'Lambda: lambda:FunctionUrlAuthType NONE does not restrict who (a public function URL)', service: 'lambda', statements: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: FN, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } }], public: true },
  { name: 'Lambda: a wildcard aws:SourceArn next to a fixed AWS:SourceAccount is restricted by the account', service: 'lambda', statements: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: FN, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::*' }, StringEquals: { 'AWS:SourceAccount': '111122223333' } } }], public: false },
  { name: 'Lambda: a wildcard aws:SourceArn alone does not restrict', service: 'lambda', statements: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: FN, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::*' } } }], public: true },
  { name: 'Secrets Manager: Principal {"AWS": ["*"]} GetSecretValue is public and reads', service: 'secretsmanager', statements: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }], public: true, access: { read: true, write: false } },
  { name: 'ECR: pull by "*" inside one organization is not public', service: 'ecr', statements: [{ Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }], public: false },
  { name: 'CloudWatch Logs: a service principal is not public', service: 'logs', statements: [{ Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }], public: false },
  { name: 'Backup: Allow with NotPrincipal is public', service: 'backup', statements: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'backup:CopyIntoBackupVault', Resource: '*' }], public: true },
  { name: 'Glacier: aws:PrincipalArn with a wildcard account does not restrict', service: 'glacier', statements: [{ Effect: 'Allow', Principal: '*', Action: 'glacier:InitiateJob', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/restore' } } }], public: true },
];

describe('analyzeResourcePolicy: resource policies of other services (table)', () => {
  for (const c of serviceCases) it(c.name, () => runPolicyCase(c, c.service));
});

function runPolicyCase(c: PolicyCase, service = 's3'): void {
  const got = analyzeResourcePolicy(doc(...c.statements), { service });
  assert.equal(got.public, c.public);
  const expected = c.publicStatements ?? (c.public ? [0] : []);
  assert.deepEqual(got.statements.map((s) => s.index), expected);
  if (c.actions !== undefined) assert.deepEqual(got.statements[0]?.actions, c.actions);
  for (const [k, v] of Object.entries(c.access ?? {})) assert.equal(got.access[k as keyof AccessClasses], v, `access.${k}`);
  if (!c.public) assert.deepEqual(got.access, { read: false, write: false, list: false, permissions: false });
}

describe('analyzeResourcePolicy: narrowing Denies, NotAction, wildcard principal ARNs (table)', () => {
  it('has at least 20 hand-written cases', () => assert.ok(narrowingCases.length >= 20));
  for (const c of narrowingCases) it(c.name, () => runPolicyCase(c));
  it('names the wildcard ARN in the reason', () => {
    const got = analyzeResourcePolicy(doc(allowAll({ Principal: { AWS: 'arn:aws:iam::*:root' } })), { service: 's3' });
    assert.match(got.statements[0]?.reason ?? '', /arn:aws:iam::\*:root/);
  });
});

describe('analyzeResourcePolicy (table)', () => {
  it('has at least 30 hand-written cases', () => assert.ok(policyCases.length >= 30));
  for (const c of policyCases) it(c.name, () => runPolicyCase(c));
  it('keeps the Sid and explains the reason', () => {
    const got = analyzeResourcePolicy(doc(allowAll({ Sid: 'PublicRead' })));
    assert.equal(got.statements[0]?.sid, 'PublicRead');
    assert.match(got.statements[0]?.reason ?? '', /Principal "\*"/);
  });
});

const bpa = (on: Partial<BlockPublicAccess>): BlockPublicAccess => ({
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
  ...on,
});
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const publicRead = doc(allowAll());
const privatePolicy = doc(allowAll({ Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*' }));

interface BucketCase {
  name: string;
  input: Parameters<typeof isS3BucketPublic>[0];
  public: boolean;
  via?: Array<'policy' | 'acl'>;
  write?: boolean;
  list?: boolean;
  blockedBy?: Array<'account-bpa' | 'bucket-bpa'>;
  wouldBe: boolean;
}

const bucketCases: BucketCase[] = [
  { name: 'nothing at all', input: {}, public: false, via: [], blockedBy: [], wouldBe: false },
  { name: 'ACL READ to AllUsers (list)', input: { aclGrants: [{ granteeUri: ALL_USERS, permission: 'READ' }] }, public: true, via: ['acl'], list: true, write: false, wouldBe: true },
  { name: 'ACL READ to AuthenticatedUsers', input: { aclGrants: [{ granteeUri: AUTH_USERS, permission: 'READ' }] }, public: true, via: ['acl'], list: true, write: false, wouldBe: true },
  { name: 'ACL WRITE to AllUsers', input: { aclGrants: [{ granteeUri: ALL_USERS, permission: 'WRITE' }] }, public: true, write: true, list: false, wouldBe: true },
  { name: 'ACL FULL_CONTROL to AuthenticatedUsers', input: { aclGrants: [{ granteeUri: AUTH_USERS, permission: 'FULL_CONTROL' }] }, public: true, write: true, list: true, wouldBe: true },
  { name: 'ACL READ_ACP to AllUsers is public but neither write nor list', input: { aclGrants: [{ granteeUri: ALL_USERS, permission: 'READ_ACP' }] }, public: true, write: false, list: false, wouldBe: true },
  { name: 'ACL WRITE_ACP to AllUsers counts as write', input: { aclGrants: [{ granteeUri: ALL_USERS, permission: 'WRITE_ACP' }] }, public: true, write: true, wouldBe: true },
  { name: 'ACL to the owner and LogDelivery only', input: { aclGrants: [{ permission: 'FULL_CONTROL' }, { granteeUri: 'http://acs.amazonaws.com/groups/s3/LogDelivery', permission: 'WRITE' }] }, public: false, via: [], wouldBe: false },
  { name: 'bucket IgnorePublicAcls neutralises a public ACL', input: { aclGrants: [{ granteeUri: ALL_USERS, permission: 'READ' }], bucketBlock: bpa({ ignorePublicAcls: true }) }, public: false, via: [], blockedBy: ['bucket-bpa'], write: false, list: false, wouldBe: true },
  { name: 'account IgnorePublicAcls overrides bucket setting off', input: { aclGrants: [{ granteeUri: ALL_USERS, permission: 'READ' }], bucketBlock: bpa({}), accountBlock: bpa({ ignorePublicAcls: true }) }, public: false, blockedBy: ['account-bpa'], wouldBe: true },
  { name: 'BlockPublicAcls alone does not affect an existing ACL', input: { aclGrants: [{ granteeUri: ALL_USERS, permission: 'READ' }], bucketBlock: bpa({ blockPublicAcls: true }) }, public: true, via: ['acl'], blockedBy: [], wouldBe: true },
  { name: 'bucket RestrictPublicBuckets neutralises a public policy', input: { policy: publicRead, bucketBlock: bpa({ restrictPublicBuckets: true }) }, public: false, blockedBy: ['bucket-bpa'], wouldBe: true },
  { name: 'account RestrictPublicBuckets overrides bucket setting off', input: { policy: publicRead, bucketBlock: bpa({}), accountBlock: bpa({ restrictPublicBuckets: true }) }, public: false, blockedBy: ['account-bpa'], wouldBe: true },
  { name: 'both levels restrict', input: { policy: publicRead, bucketBlock: bpa({ restrictPublicBuckets: true }), accountBlock: bpa({ restrictPublicBuckets: true }) }, public: false, blockedBy: ['account-bpa', 'bucket-bpa'], wouldBe: true },
  { name: 'BlockPublicPolicy alone does not affect an existing policy', input: { policy: publicRead, accountBlock: bpa({ blockPublicPolicy: true, blockPublicAcls: true }) }, public: true, via: ['policy'], blockedBy: [], wouldBe: true },
  { name: 'IgnorePublicAcls does not stop a public policy', input: { policy: publicRead, aclGrants: [{ granteeUri: ALL_USERS, permission: 'READ' }], accountBlock: bpa({ ignorePublicAcls: true }) }, public: true, via: ['policy'], blockedBy: ['account-bpa'], wouldBe: true },
  { name: 'public policy and public ACL, no BPA', input: { policy: publicRead, aclGrants: [{ granteeUri: ALL_USERS, permission: 'READ' }], bucketBlock: null, accountBlock: null }, public: true, via: ['policy', 'acl'], list: true, write: false, wouldBe: true },
  { name: 'public PutObject policy is write', input: { policy: doc(allowAll({ Action: 's3:PutObject' })) }, public: true, write: true, list: false, wouldBe: true },
  { name: 'public ListBucket policy is list', input: { policy: doc(allowAll({ Action: 's3:ListBucket', Resource: BUCKET })) }, public: true, list: true, write: false, wouldBe: true },
  { name: 'public PutBucketPolicy counts as write', input: { policy: doc(allowAll({ Action: 's3:PutBucketPolicy', Resource: BUCKET })) }, public: true, write: true, wouldBe: true },
  { name: 'cross-account policy with every BPA on is simply not public', input: { policy: privatePolicy, bucketBlock: bpa({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }) }, public: false, blockedBy: [], wouldBe: false },
  { name: 'public grant fully shadowed by a Deny', input: { policy: doc(allowAll(), { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }) }, public: false, wouldBe: false },
];

describe('isS3BucketPublic (table)', () => {
  for (const c of bucketCases) {
    it(c.name, () => {
      const got = isS3BucketPublic(c.input);
      assert.equal(got.public, c.public, 'public');
      assert.equal(got.wouldBePublicWithoutBpa, c.wouldBe, 'wouldBePublicWithoutBpa');
      if (c.via !== undefined) assert.deepEqual(got.via, c.via, 'via');
      if (c.write !== undefined) assert.equal(got.write, c.write, 'write');
      if (c.list !== undefined) assert.equal(got.list, c.list, 'list');
      if (c.blockedBy !== undefined) assert.deepEqual(got.blockedBy, c.blockedBy, 'blockedBy');
    });
  }
  it('explains what it found', () => {
    const got = isS3BucketPublic({ aclGrants: [{ granteeUri: ALL_USERS, permission: 'WRITE' }] });
    assert.ok(got.details.some((d) => d.includes('WRITE') && d.includes('AllUsers')));
  });
});
