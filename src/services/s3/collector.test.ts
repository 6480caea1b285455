// Unit tests for the S3 collector, with the SDK mocked (no network): account BPA, bucket listing and Region
// mapping, per-bucket reads in the bucket's Region, absent configurations as null, recorded errors.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  GetAccessPointCommand,
  GetAccessPointPolicyCommand,
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  ListAccessPointsCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsContext } from '../../aws/clients.ts';
import { bucketRegionFromLocation, s3Collector } from './collector.ts';
import { ACCOUNT, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { s3Schema } from './schema.ts';

const s3 = mockClient(S3Client);
const control = mockClient(S3ControlClient);

const PUBLIC_POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }] };

/** The Region of the client a recorded call was sent with. */
async function regionOf(call: { thisValue: unknown }): Promise<string> {
  const client = call.thisValue as S3Client;
  return client.config.region();
}

function mockEmptyBucketConfig() {
  s3.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404));
  s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'not found', 404));
  s3.on(GetBucketAclCommand).resolves({ Owner: { ID: 'owner' }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }] });
  s3.on(GetBucketEncryptionCommand).rejects(awsError('ServerSideEncryptionConfigurationNotFoundError', 'not found', 404));
  s3.on(GetBucketVersioningCommand).resolves({});
  s3.on(GetBucketOwnershipControlsCommand).rejects(awsError('OwnershipControlsNotFoundError', 'not found', 404));
  s3.on(GetBucketTaggingCommand).rejects(awsError('NoSuchTagSet', 'The TagSet does not exist', 404));
}

describe('s3 collector', () => {
  beforeEach(() => {
    s3.reset();
    control.reset();
    control.on(GetAccountPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false },
    });
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
    control.on(ListAccessPointsCommand).resolves({ AccessPointList: [] });
  });
  afterEach(() => {
    s3.reset();
    control.reset();
  });

  it('reads the account BPA with the account id; NoSuchPublicAccessBlockConfiguration means none (null)', async () => {
    const out = await s3Collector.collect(testContext());
    assert.deepEqual(out.accountPublicAccessBlock, {
      ok: true,
      value: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: false },
    });
    assert.equal(control.commandCalls(GetAccountPublicAccessBlockCommand)[0]?.args[0].input.AccountId, ACCOUNT);

    control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'none', 404));
    assert.deepEqual((await s3Collector.collect(testContext())).accountPublicAccessBlock, { ok: true, value: null });

    control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const denied = await s3Collector.collect(testContext());
    assert.deepEqual(denied.accountPublicAccessBlock, {
      ok: false,
      error: { code: 'AccessDenied', operation: 's3:GetAccountPublicAccessBlock', message: 'AccessDenied: Access Denied' },
    });
  });

  it('pages ListBuckets, maps LocationConstraint to Regions and reads each bucket in its own Region', async () => {
    mockEmptyBucketConfig();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'old-us', CreationDate: new Date('2020-01-01T00:00:00Z') }, { Name: 'old-eu' }], ContinuationToken: 'c2' });
    s3.on(ListBucketsCommand, { ContinuationToken: 'c2' }).resolves({
      Buckets: [
        { Name: 'mumbai', CreationDate: new Date('2021-01-01T00:00:00Z') },
        { Name: 'tagged', BucketRegion: 'eu-central-1' },
      ],
    });
    s3.on(GetBucketLocationCommand, { Bucket: 'old-us' }).resolves({});
    s3.on(GetBucketLocationCommand, { Bucket: 'old-eu' }).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketLocationCommand, { Bucket: 'mumbai' }).resolves({ LocationConstraint: 'ap-south-1' });

    const out = s3Schema.parse(await s3Collector.collect(testContext()));
    assert.ok(out.buckets.ok);
    assert.deepEqual(
      out.buckets.value.map((b) => [b.name, b.region.ok ? b.region.value : b.region.error.code]),
      [
        ['old-us', 'us-east-1'],
        ['old-eu', 'eu-west-1'],
        ['mumbai', 'ap-south-1'],
        ['tagged', 'eu-central-1'],
      ],
    );
    assert.equal(out.buckets.value[0]?.arn, 'arn:aws:s3:::old-us');
    assert.equal(out.buckets.value[0]?.creationDate, '2020-01-01T00:00:00.000Z');
    assert.equal(out.buckets.value[1]?.creationDate, null);
    // MaxBuckets makes S3 return BucketRegion (saves GetBucketLocation); only the three without it were located
    assert.equal(s3.commandCalls(ListBucketsCommand)[0]?.args[0].input.MaxBuckets, 10_000);
    assert.equal(s3.commandCalls(ListBucketsCommand).length, 2);
    assert.equal(s3.commandCalls(GetBucketLocationCommand).length, 3);
    // per-bucket reads go to the bucket's Region
    for (const call of s3.commandCalls(GetBucketAclCommand)) {
      const bucket = call.args[0].input.Bucket;
      const expected = { 'old-us': 'us-east-1', 'old-eu': 'eu-west-1', mumbai: 'ap-south-1', tagged: 'eu-central-1' }[bucket ?? ''];
      assert.equal(await regionOf(call), expected, `ACL of ${bucket}`);
    }
    // absent configurations are values
    const b = out.buckets.value[0];
    assert.deepEqual(
      [b?.policy, b?.publicAccessBlock, b?.encryption, b?.ownershipControls, b?.versioning, b?.tags],
      [
        { ok: true, value: null },
        { ok: true, value: null },
        { ok: true, value: null },
        { ok: true, value: null },
        { ok: true, value: { status: null, mfaDelete: false } },
        { ok: true, value: {} },
      ],
    );
    assert.equal(s3.commandCalls(GetBucketPolicyStatusCommand).length, 0, 'public-ness is computed, not asked');
  });

  it('parses policy, BPA, ACL, encryption, versioning and ownership', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'site', BucketRegion: 'us-west-2' }] });
    s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify(PUBLIC_POLICY) });
    s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false } });
    s3.on(GetBucketAclCommand).resolves({
      Owner: { ID: 'owner' },
      Grants: [
        { Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' },
        { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' },
      ],
    });
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:key' }, BucketKeyEnabled: true }] },
    });
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Enabled' });
    s3.on(GetBucketOwnershipControlsCommand).resolves({ OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } });
    s3.on(GetBucketTaggingCommand).resolves({ TagSet: [{ Key: 'data-classification', Value: 'confidential' }] });
    const out = s3Schema.parse(await s3Collector.collect(testContext()));
    assert.ok(out.buckets.ok);
    const b = out.buckets.value[0];
    assert.deepEqual(b?.policy, { ok: true, value: PUBLIC_POLICY });
    assert.deepEqual(b?.publicAccessBlock, { ok: true, value: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false } });
    assert.deepEqual(b?.acl, {
      ok: true,
      value: {
        ownerId: 'owner',
        grants: [
          { granteeType: 'CanonicalUser', granteeId: 'owner', permission: 'FULL_CONTROL' },
          { granteeType: 'Group', granteeUri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' },
        ],
      },
    });
    assert.deepEqual(b?.encryption, { ok: true, value: { rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:key', bucketKeyEnabled: true }] } });
    assert.deepEqual(b?.versioning, { ok: true, value: { status: 'Enabled', mfaDelete: true } });
    assert.deepEqual(b?.ownershipControls, { ok: true, value: 'BucketOwnerEnforced' });
    assert.deepEqual(b?.tags, { ok: true, value: { 'data-classification': 'confidential' } });
    assert.equal(s3.commandCalls(GetBucketLocationCommand).length, 0);
    // 1 ListBuckets + 7 reads; on S3 Control the account BPA and ListAccessPoints in the bucket's Region
    assert.equal(s3.calls().length, 8);
    assert.equal(control.calls().length, 2);
    assert.equal(await regionOf(control.commandCalls(ListAccessPointsCommand)[0] ?? assert.fail('no ListAccessPoints')), 'us-west-2');
  });

  it('records a denied read with code, IAM action and the bucket Region; the other reads are unaffected', async () => {
    mockEmptyBucketConfig();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'locked', BucketRegion: 'eu-west-3' }] });
    s3.on(GetBucketAclCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    s3.on(GetBucketEncryptionCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    s3.on(GetBucketOwnershipControlsCommand).rejects(htmlServerError());
    s3.on(GetBucketTaggingCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const out = s3Schema.parse(await s3Collector.collect(testContext()));
    assert.ok(out.buckets.ok);
    const b = out.buckets.value[0];
    assert.deepEqual(b?.acl, { ok: false, error: { code: 'AccessDenied', operation: 's3:GetBucketAcl', region: 'eu-west-3', message: 'AccessDenied: Access Denied' } });
    assert.ok(b && !b.encryption.ok);
    assert.equal(b.encryption.error.operation, 's3:GetEncryptionConfiguration');
    assert.ok(!b.ownershipControls.ok);
    assert.equal(b.ownershipControls.error.code, 'Unsupported');
    // a denied tag read is an error, never "no tags"
    assert.deepEqual(b.tags, { ok: false, error: { code: 'AccessDenied', operation: 's3:GetBucketTagging', region: 'eu-west-3', message: 'AccessDenied: Access Denied' } });
    assert.deepEqual(b.policy, { ok: true, value: null });
  });

  for (const [name, status] of [['AccessDenied', 403], ['MethodNotAllowed', 405]] as const) {
    it(`records ${name} on GetBucketPolicy as an error, never as "no policy"`, async () => {
      mockEmptyBucketConfig();
      s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'guarded', BucketRegion: 'eu-west-1' }] });
      // S3 answers 403 without GetBucketPolicy permission and 405 to a caller outside the bucket owner's account
      s3.on(GetBucketPolicyCommand).rejects(awsError(name, 'refused', status));
      const out = s3Schema.parse(await s3Collector.collect(testContext()));
      assert.ok(out.buckets.ok);
      const policy = out.buckets.value[0]?.policy;
      assert.ok(policy && !policy.ok, 'a refused GetBucketPolicy must not read as "no bucket policy"');
      assert.equal(policy.error.operation, 's3:GetBucketPolicy');
      assert.equal(policy.error.region, 'eu-west-1');
      if (name === 'AccessDenied') assert.equal(policy.error.code, 'AccessDenied');
    });
  }

  it('a bucket whose Region is unknown records why and does not guess a Region for the other reads', async () => {
    mockEmptyBucketConfig();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'mystery' }] });
    s3.on(GetBucketLocationCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const out = s3Schema.parse(await s3Collector.collect(testContext()));
    assert.ok(out.buckets.ok);
    const b = out.buckets.value[0];
    assert.ok(b && !b.region.ok);
    assert.equal(b.region.error.code, 'AccessDenied');
    assert.equal(b.region.error.operation, 's3:GetBucketLocation');
    assert.ok(!b.policy.ok);
    assert.equal(b.policy.error.code, 'NotCollected');
    assert.equal(s3.commandCalls(GetBucketPolicyCommand).length, 0);
  });

  it('records a denied ListBuckets as the error of the whole bucket list', async () => {
    s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const out = await s3Collector.collect(testContext());
    assert.deepEqual(out.buckets, { ok: false, error: { code: 'AccessDenied', operation: 's3:ListAllMyBuckets', message: 'AccessDenied: Access Denied' } });
  });

  it('keeps a bucket policy that is not JSON as the raw string', async () => {
    mockEmptyBucketConfig();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'odd', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Version": ' });
    const out = await s3Collector.collect(testContext());
    assert.ok(out.buckets.ok);
    assert.deepEqual(out.buckets.value[0]?.policy, { ok: true, value: '{"Version": ' });
  });

  it('lists access points in each bucket Region (paginated), with their policy and BPA read in their own Region', async () => {
    mockEmptyBucketConfig();
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'data', BucketRegion: 'eu-west-1' },
        { Name: 'logs', BucketRegion: 'eu-west-1' },
        { Name: 'site', BucketRegion: 'us-east-1' },
      ],
    });
    const arn = (region: string, name: string) => `arn:aws:s3:${region}:${ACCOUNT}:accesspoint/${name}`;
    control.on(ListAccessPointsCommand).callsFake(async (input: { NextToken?: string }, getClient: () => S3ControlClient) => {
      const region = await getClient().config.region();
      if (region === 'us-east-1') return { AccessPointList: [{ Name: 'site-ap', Bucket: 'site', NetworkOrigin: 'Internet', AccessPointArn: arn('us-east-1', 'site-ap') }] };
      if (input.NextToken === undefined) {
        return {
          AccessPointList: [{ Name: 'data-vpc', Bucket: 'data', NetworkOrigin: 'VPC', VpcConfiguration: { VpcId: 'vpc-1' }, AccessPointArn: arn('eu-west-1', 'data-vpc') }],
          NextToken: 'p2',
        };
      }
      return {
        AccessPointList: [
          { Name: 'data-open', Bucket: 'data', NetworkOrigin: 'Internet', AccessPointArn: arn('eu-west-1', 'data-open'), BucketAccountId: '222222222222' },
        ],
      };
    });
    control.on(GetAccessPointPolicyCommand).rejects(awsError('NoSuchAccessPointPolicy', 'The specified accesspoint policy does not exist', 404));
    control.on(GetAccessPointPolicyCommand, { Name: 'data-open' }).resolves({ Policy: JSON.stringify(PUBLIC_POLICY) });
    control.on(GetAccessPointCommand).resolves({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    control.on(GetAccessPointCommand, { Name: 'data-open' }).resolves({
      NetworkOrigin: 'Internet',
      PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false },
    });

    const out = s3Schema.parse(await s3Collector.collect(testContext()));
    assert.ok(out.accessPoints.ok, JSON.stringify(out.accessPoints));
    assert.deepEqual(
      out.accessPoints.value.map((a) => [a.name, a.bucket, a.region, a.networkOrigin]),
      [
        ['data-open', 'data', 'eu-west-1', 'Internet'],
        ['data-vpc', 'data', 'eu-west-1', 'VPC'],
        ['site-ap', 'site', 'us-east-1', 'Internet'],
      ],
    );
    const open = out.accessPoints.value[0];
    assert.equal(open?.accountId, '222222222222');
    assert.equal(open?.arn, arn('eu-west-1', 'data-open'));
    assert.deepEqual(open?.policy, { ok: true, value: PUBLIC_POLICY });
    assert.deepEqual(open?.publicAccessBlock, { ok: true, value: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false } });
    // no policy is a value (null), not an error
    assert.deepEqual(out.accessPoints.value[2]?.policy, { ok: true, value: null });
    assert.equal(out.accessPoints.value[2]?.accountId, undefined);

    // one listing per bucket Region (two buckets in eu-west-1, one listing there, two pages), with the account id
    const lists = control.commandCalls(ListAccessPointsCommand);
    assert.deepEqual((await Promise.all(lists.map(regionOf))).sort(), ['eu-west-1', 'eu-west-1', 'us-east-1']);
    for (const call of lists) {
      assert.equal(call.args[0].input.AccountId, ACCOUNT);
      assert.equal(call.args[0].input.MaxResults, 1000);
    }
    for (const call of [...control.commandCalls(GetAccessPointPolicyCommand), ...control.commandCalls(GetAccessPointCommand)]) {
      const expected = call.args[0].input.Name === 'site-ap' ? 'us-east-1' : 'eu-west-1';
      assert.equal(await regionOf(call), expected, `${call.args[0].input.Name}`);
      assert.equal(call.args[0].input.AccountId, ACCOUNT);
    }
    assert.equal(control.commandCalls(GetAccessPointPolicyCommand).length, 3);
    assert.equal(control.commandCalls(GetAccessPointCommand).length, 3);
  });

  it('records a Region whose access points cannot be listed as the error of the whole list, and per-access-point denials on the access point', async () => {
    mockEmptyBucketConfig();
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a', BucketRegion: 'eu-west-1' }] });
    control.on(ListAccessPointsCommand).resolves({
      AccessPointList: [{ Name: 'ap', Bucket: 'a', NetworkOrigin: 'Internet', AccessPointArn: `arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/ap` }],
    });
    control.on(GetAccessPointPolicyCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    control.on(GetAccessPointCommand).resolves({});
    let out = s3Schema.parse(await s3Collector.collect(testContext()));
    assert.ok(out.accessPoints.ok);
    const ap = out.accessPoints.value[0];
    assert.deepEqual(ap?.policy, { ok: false, error: { code: 'AccessDenied', operation: 's3:GetAccessPointPolicy', region: 'eu-west-1', message: 'AccessDenied: Access Denied' } });
    // GetAccessPoint without a BPA configuration: recorded as none
    assert.deepEqual(ap?.publicAccessBlock, { ok: true, value: null });

    control.on(ListAccessPointsCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    out = s3Schema.parse(await s3Collector.collect(testContext()));
    assert.deepEqual(out.accessPoints, { ok: false, error: { code: 'AccessDenied', operation: 's3:ListAccessPoints', region: 'eu-west-1', message: 'AccessDenied: Access Denied' } });
    assert.ok(out.buckets.ok, 'the buckets themselves are unaffected');
  });

  it('lists no access points without buckets, and records NotCollected when the bucket list is unreadable', async () => {
    let out = await s3Collector.collect(testContext());
    assert.deepEqual(out.accessPoints, { ok: true, value: [] });
    assert.equal(control.commandCalls(ListAccessPointsCommand).length, 0);

    s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    out = await s3Collector.collect(testContext());
    assert.ok(!out.accessPoints.ok);
    assert.equal(out.accessPoints.error.code, 'NotCollected');
    assert.equal(out.accessPoints.error.operation, 's3:ListAccessPoints');
    assert.match(out.accessPoints.error.message, /AccessDenied/);
  });

  it('sends S3 Control calls to a custom endpoint as given (no account-id host prefix)', async () => {
    const aws = createAwsContext({
      credentials: async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }),
      env: { AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
    });
    await s3Collector.collect({ ...testContext(), aws });
    const call = control.commandCalls(GetAccountPublicAccessBlockCommand)[0];
    const client = call?.thisValue as S3ControlClient;
    const resolved = client.config.endpointProvider({ AccountId: ACCOUNT, Region: 'us-east-1', RequiresAccountId: true });
    assert.equal(resolved.url.href, 'http://127.0.0.1:4566/');
    // and the ledger still files these calls under s3 (the class chain leads to S3ControlClient)
    assert.equal(client instanceof S3ControlClient, true);
    aws.destroy();
  });
});

describe('bucketRegionFromLocation', () => {
  it('maps the legacy constraints', () => {
    assert.equal(bucketRegionFromLocation(undefined), 'us-east-1');
    assert.equal(bucketRegionFromLocation(null), 'us-east-1');
    assert.equal(bucketRegionFromLocation(''), 'us-east-1');
    assert.equal(bucketRegionFromLocation('EU'), 'eu-west-1');
    assert.equal(bucketRegionFromLocation('eu-west-1'), 'eu-west-1');
    assert.equal(bucketRegionFromLocation('ap-south-1'), 'ap-south-1');
  });
});

// --- cat-logging ---
describe('s3 collector: trail-bucket facts', () => {
  const TRAIL_POLICY = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::trail-logs/AWSLogs/*' }],
  };
  beforeEach(() => {
    s3.reset();
    control.reset();
    control.on(GetAccountPublicAccessBlockCommand).resolves({});
    control.on(ListAccessPointsCommand).resolves({ AccessPointList: [] });
    mockEmptyBucketConfig();
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'trail-logs', BucketRegion: 'eu-west-1' },
        { Name: 'app-data', BucketRegion: 'eu-west-1' },
      ],
    });
    s3.on(GetBucketPolicyCommand, { Bucket: 'trail-logs' }).resolves({ Policy: JSON.stringify(TRAIL_POLICY) });
  });
  afterEach(() => {
    s3.reset();
    control.reset();
  });

  it('reads lifecycle, Object Lock and notifications of a bucket CloudTrail may write to, and of no other', async () => {
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({
      Rules: [
        {
          ID: 'archive',
          Status: 'Enabled',
          Filter: { Prefix: '' },
          Expiration: { Days: 400 },
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          Transitions: [{ Days: 90, StorageClass: 'GLACIER' }],
        },
        { ID: 'tagged', Status: 'Disabled', Filter: { And: { Prefix: 'x/', Tags: [{ Key: 'a', Value: 'b' }], ObjectSizeGreaterThan: 10 } } },
      ],
    });
    s3.on(GetObjectLockConfigurationCommand).resolves({
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } },
    });
    s3.on(GetBucketNotificationConfigurationCommand).resolves({
      TopicConfigurations: [{ TopicArn: 'arn:aws:sns:eu-west-1:111111111111:trail', Events: ['s3:ObjectCreated:*'] }],
      EventBridgeConfiguration: {},
    });
    const out = s3Schema.parse(await s3Collector.collect(testContext()));
    assert.ok(out.buckets.ok);
    const [trail, app] = out.buckets.value;
    assert.deepEqual(trail?.lifecycle, {
      ok: true,
      value: [
        {
          id: 'archive',
          status: 'Enabled',
          prefix: '',
          tagCount: 0,
          sizeLimited: false,
          expirationDays: 400,
          expirationDate: null,
          noncurrentVersionExpirationDays: 30,
          transitions: [{ days: 90, storageClass: 'GLACIER' }],
        },
        {
          id: 'tagged',
          status: 'Disabled',
          prefix: 'x/',
          tagCount: 1,
          sizeLimited: true,
          expirationDays: null,
          expirationDate: null,
          noncurrentVersionExpirationDays: null,
          transitions: [],
        },
      ],
    });
    assert.deepEqual(trail?.objectLock, { ok: true, value: { enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 365, years: null } } });
    assert.deepEqual(trail?.notifications, {
      ok: true,
      value: { lambdaFunctionArns: [], topicArns: ['arn:aws:sns:eu-west-1:111111111111:trail'], queueArns: [], eventBridge: true },
    });
    // the bucket without a policy naming CloudTrail costs no extra call, and says why its facts are missing
    assert.ok(app && !app.lifecycle.ok && !app.objectLock.ok && !app.notifications.ok);
    assert.equal(app.lifecycle.error.code, 'NotCollected');
    assert.match(app.lifecycle.error.message, /cloudtrail\.amazonaws\.com/);
    for (const cmd of [GetBucketLifecycleConfigurationCommand, GetObjectLockConfigurationCommand, GetBucketNotificationConfigurationCommand]) {
      assert.deepEqual(s3.commandCalls(cmd).map((c) => c.args[0].input.Bucket), ['trail-logs']);
    }
  });

  it('maps "no configuration" answers to null, and records a denied call as data', async () => {
    s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError('NoSuchLifecycleConfiguration', 'none', 404));
    s3.on(GetObjectLockConfigurationCommand).rejects(awsError('ObjectLockConfigurationNotFoundError', 'none', 404));
    s3.on(GetBucketNotificationConfigurationCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const out = s3Schema.parse(await s3Collector.collect(testContext()));
    assert.ok(out.buckets.ok);
    const trail = out.buckets.value[0];
    assert.deepEqual(trail?.lifecycle, { ok: true, value: null });
    assert.deepEqual(trail?.objectLock, { ok: true, value: null });
    assert.ok(trail && !trail.notifications.ok);
    assert.deepEqual([trail.notifications.error.code, trail.notifications.error.operation], ['AccessDenied', 's3:GetBucketNotification']);
  });

  it('an unreadable policy does not rule a bucket out', async () => {
    s3.on(GetBucketPolicyCommand, { Bucket: 'trail-logs' }).rejects(awsError('AccessDenied', 'Access Denied', 403));
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({ Rules: [] });
    s3.on(GetObjectLockConfigurationCommand).resolves({});
    s3.on(GetBucketNotificationConfigurationCommand).resolves({});
    const out = s3Schema.parse(await s3Collector.collect(testContext()));
    assert.ok(out.buckets.ok);
    assert.deepEqual(out.buckets.value[0]?.lifecycle, { ok: true, value: [] });
    assert.deepEqual(out.buckets.value[0]?.objectLock, { ok: true, value: null });
  });
});
