// Unit tests for the CloudTrail collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, type Trail } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { createLimiter } from '../../aws/limiter.ts';
import { cloudtrailCollector } from './collector.ts';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';

const ct = mockClient(CloudTrailClient);

const LOCAL_ARN = 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/local';
const ORG_ARN = 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org';
const localTrail: Trail = {
  Name: 'local',
  TrailARN: LOCAL_ARN,
  HomeRegion: 'eu-west-1',
  IsMultiRegionTrail: false,
  IsOrganizationTrail: false,
  LogFileValidationEnabled: false,
  IncludeGlobalServiceEvents: true,
  S3BucketName: 'logs',
};
const orgShadowTrail: Trail = {
  Name: 'org',
  TrailARN: ORG_ARN,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  IsOrganizationTrail: true,
  LogFileValidationEnabled: true,
  IncludeGlobalServiceEvents: true,
  KmsKeyId: 'arn:aws:kms:us-east-1:999999999999:key/abc',
  S3BucketName: 'org-logs',
  CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:999999999999:log-group:org:*',
};

describe('cloudtrail collector', () => {
  beforeEach(() => ct.reset());
  afterEach(() => ct.reset());

  it('lists own and shadow trails and reads status and selectors by ARN', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [localTrail, orgShadowTrail] });
    ct.on(GetTrailStatusCommand, { Name: LOCAL_ARN }).resolves({
      IsLogging: false,
      LatestDeliveryError: 'AccessDenied',
      LatestCloudWatchLogsDeliveryTime: new Date('2026-11-20T10:00:00Z'),
    });
    ct.on(GetTrailStatusCommand, { Name: ORG_ARN }).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand, { TrailName: LOCAL_ARN }).resolves({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] });
    const advanced = [{ Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }];
    ct.on(GetEventSelectorsCommand, { TrailName: ORG_ARN }).resolves({ AdvancedEventSelectors: advanced });

    const out = assertSlice('cloudtrail', await cloudtrailCollector.collect(testContext('eu-west-1')));
    assert.ok(out.trails.ok);
    const [local, org] = out.trails.value;
    assert.deepEqual(local, {
      name: 'local',
      arn: LOCAL_ARN,
      homeRegion: 'eu-west-1',
      isMultiRegionTrail: false,
      isOrganizationTrail: false,
      logFileValidationEnabled: false,
      includeGlobalServiceEvents: true,
      kmsKeyId: null,
      s3BucketName: 'logs',
      cloudWatchLogsLogGroupArn: null,
      status: { ok: true, value: { isLogging: false, latestDeliveryError: 'AccessDenied', latestCloudWatchLogsDeliveryTime: '2026-11-20T10:00:00.000Z' } },
      eventSelectors: { ok: true, value: { basic: [{ readWriteType: 'All', includeManagementEvents: true }], advanced: [] } },
    });
    assert.equal(org?.kmsKeyId, 'arn:aws:kms:us-east-1:999999999999:key/abc');
    assert.deepEqual(org?.status, { ok: true, value: { isLogging: true, latestDeliveryError: null, latestCloudWatchLogsDeliveryTime: null } });
    assert.deepEqual(org?.eventSelectors, { ok: true, value: { basic: [], advanced } });
    assert.equal(ct.commandCalls(DescribeTrailsCommand)[0]?.args[0].input.includeShadowTrails, true);
  });

  it('records a failed status read of a shadow trail on that trail, without assuming isLogging', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [localTrail, orgShadowTrail] });
    ct.on(GetTrailStatusCommand, { Name: LOCAL_ARN }).resolves({ IsLogging: true });
    ct.on(GetTrailStatusCommand, { Name: ORG_ARN }).rejects(awsError('TrailNotFoundException', 'Unknown trail: org for the user: 111111111111'));
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });

    const out = assertSlice('cloudtrail', await cloudtrailCollector.collect(testContext('eu-west-1')));
    assert.ok(out.trails.ok);
    const org = out.trails.value.find((t) => t.arn === ORG_ARN);
    assert.ok(org && !org.status.ok);
    assert.equal(org.status.error.operation, 'cloudtrail:GetTrailStatus');
    assert.equal(org.status.error.region, 'eu-west-1');
    assert.match(org.status.error.message, /TrailNotFoundException/);
    assert.equal(org.isMultiRegionTrail, true, 'the trail itself is still listed');
    assert.deepEqual(out.trails.value.find((t) => t.arn === LOCAL_ARN)?.status, { ok: true, value: { isLogging: true, latestDeliveryError: null, latestCloudWatchLogsDeliveryTime: null } });
  });

  it('maps no trail to an empty list with a single call', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [] });
    const out = assertSlice('cloudtrail', await cloudtrailCollector.collect(testContext()));
    assert.deepEqual(out, { trails: { ok: true, value: [] } });
    assert.equal(ct.calls().length, 1);
  });

  it('records a denied DescribeTrails with code, operation and Region', async () => {
    ct.on(DescribeTrailsCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: cloudtrail:DescribeTrails', 403));
    const out = assertSlice('cloudtrail', await cloudtrailCollector.collect(testContext('sa-east-1')));
    assert.ok(!out.trails.ok);
    assert.deepEqual(
      { code: out.trails.error.code, operation: out.trails.error.operation, region: out.trails.error.region },
      { code: 'AccessDenied', operation: 'cloudtrail:DescribeTrails', region: 'sa-east-1' },
    );
  });

  it('records unreadable selectors (HTML 500) as Unsupported while keeping the status', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [localTrail] });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand).rejects(htmlServerError());
    const out = assertSlice('cloudtrail', await cloudtrailCollector.collect(testContext()));
    assert.ok(out.trails.ok);
    const [t] = out.trails.value;
    assert.ok(t && t.status.ok && !t.eventSelectors.ok);
    assert.equal(t.eventSelectors.error.code, 'Unsupported');
    assert.equal(t.eventSelectors.error.operation, 'cloudtrail:GetEventSelectors');
  });

  it('reads a trail seen in several Regions of one account once per scan, but retries after another Region failed', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [orgShadowTrail] });
    ct.on(GetTrailStatusCommand).rejectsOnce(awsError('AccessDeniedException', 'explicit deny in a service control policy', 403)).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });
    const limiter = createLimiter(4); // one per account and service for a scan, shared by its Regions
    const first = assertSlice('cloudtrail', await cloudtrailCollector.collect(testContext('eu-west-1', limiter)));
    const second = assertSlice('cloudtrail', await cloudtrailCollector.collect(testContext('eu-west-2', limiter)));
    const third = assertSlice('cloudtrail', await cloudtrailCollector.collect(testContext('eu-west-3', limiter)));
    assert.ok(first.trails.ok && second.trails.ok && third.trails.ok);
    const s1 = first.trails.value[0]?.status;
    assert.ok(s1 && !s1.ok);
    assert.equal(s1.error.code, 'AccessDenied');
    assert.deepEqual(second.trails.value[0]?.status, { ok: true, value: { isLogging: true, latestDeliveryError: null, latestCloudWatchLogsDeliveryTime: null } });
    assert.deepEqual(third.trails.value[0]?.status, second.trails.value[0]?.status);
    assert.equal(ct.commandCalls(GetTrailStatusCommand).length, 2, 'failed once, then read once for the two later Regions');
    assert.equal(ct.commandCalls(GetEventSelectorsCommand).length, 1);
    assert.equal(ct.commandCalls(DescribeTrailsCommand).length, 3, 'every Region lists its own trails');

    // a different scan (new limiter) asks again
    await cloudtrailCollector.collect(testContext('eu-west-1', createLimiter(4)));
    assert.equal(ct.commandCalls(GetTrailStatusCommand).length, 3);
  });

  it('shares in-flight reads between Regions collected concurrently', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [orgShadowTrail] });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });
    const limiter = createLimiter(4);
    const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'];
    const outs = await Promise.all(regions.map((r) => cloudtrailCollector.collect(testContext(r, limiter))));
    for (const o of outs) assert.ok(o.trails.ok && o.trails.value[0]?.status.ok);
    assert.equal(ct.commandCalls(GetTrailStatusCommand).length, 1);
  });
});
