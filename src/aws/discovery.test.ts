// Unit tests for identity and Region discovery, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsContext, type AwsContext } from './clients.ts';
import { discoverRegions, getIdentity } from './discovery.ts';
import { CredentialsError, RuntimeFailure, UsageError } from '../core/errors.ts';
import { createMemoryLogger } from '../core/logger.ts';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);

function context(profile?: string): AwsContext {
  return createAwsContext({
    credentials: async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }),
    env: { AWS_EC2_METADATA_DISABLED: 'true', ...(profile ? { AWS_PROFILE: profile } : {}) },
    defaultRegion: 'eu-west-1',
  });
}

function sdkError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

const REGIONS = [
  { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
  { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
  { RegionName: 'af-south-1', OptInStatus: 'opted-in' },
  { RegionName: 'me-south-1', OptInStatus: 'not-opted-in' },
];

describe('getIdentity', () => {
  beforeEach(() => sts.reset());
  afterEach(() => sts.reset());

  it('returns account, ARN and user id', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111111111111', Arn: 'arn:aws:sts::111111111111:assumed-role/audit/me', UserId: 'AROA:me' });
    assert.deepEqual(await getIdentity(context()), { accountId: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/audit/me', userId: 'AROA:me' });
  });

  it('no credentials → CredentialsError with a login hint naming the profile', async () => {
    sts.on(GetCallerIdentityCommand).rejects(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'));
    await assert.rejects(getIdentity(context('prod')), (e: unknown) => {
      assert.ok(e instanceof CredentialsError);
      assert.match(e.message, /^no valid AWS credentials/);
      assert.match(e.hint ?? '', /aws sso login --profile prod/);
      assert.match(e.hint ?? '', /AWS_PROFILE/);
      return true;
    });
  });

  it('expired session → "your AWS session expired"', async () => {
    sts.on(GetCallerIdentityCommand).rejects(sdkError('ExpiredToken', 'The security token included in the request is expired', 403));
    await assert.rejects(getIdentity(context()), (e: unknown) => e instanceof CredentialsError && /^your AWS session expired/.test(e.message));
    sts.on(GetCallerIdentityCommand).rejects(sdkError('CredentialsProviderError', 'The SSO session associated with this profile has expired or is otherwise invalid.'));
    await assert.rejects(getIdentity(context()), (e: unknown) => e instanceof CredentialsError && /^your AWS session expired/.test(e.message));
  });

  it('a network failure is a RuntimeFailure, not a credentials problem', async () => {
    sts.on(GetCallerIdentityCommand).rejects(sdkError('TimeoutError', 'connect ETIMEDOUT 1.2.3.4:443'));
    await assert.rejects(getIdentity(context()), (e: unknown) => e instanceof RuntimeFailure);
  });
});

describe('discoverRegions', () => {
  beforeEach(() => {
    ec2.reset();
    ec2.on(DescribeRegionsCommand, { AllRegions: true }).resolves({ Regions: REGIONS });
  });
  afterEach(() => ec2.reset());

  it('scans every enabled Region (opt-in-not-required and opted-in) and records the others', async () => {
    const { regions, scanned } = await discoverRegions(context());
    assert.deepEqual(scanned, ['af-south-1', 'eu-west-1', 'us-east-1']);
    assert.ok(regions.ok);
    assert.deepEqual(regions.value.find((r) => r.name === 'me-south-1'), {
      name: 'me-south-1',
      optInStatus: 'not-opted-in',
      scanned: false,
      note: 'not enabled (opt-in Region)',
    });
    assert.deepEqual(regions.value.find((r) => r.name === 'af-south-1'), { name: 'af-south-1', optInStatus: 'opted-in', scanned: true, note: null });
  });

  it('--regions narrows the scan; a requested Region that is not opted in is recorded, not fatal', async () => {
    const logger = createMemoryLogger();
    const { regions, scanned } = await discoverRegions(context(), ['eu-west-1', 'me-south-1'], logger);
    assert.deepEqual(scanned, ['eu-west-1']);
    assert.ok(regions.ok);
    assert.equal(regions.value.find((r) => r.name === 'us-east-1')?.scanned, false);
    assert.equal(regions.value.find((r) => r.name === 'me-south-1')?.note, 'not enabled (opt-in Region)');
    assert.ok(logger.lines.some((l) => l.level === 'warn' && l.message.includes('me-south-1')));
  });

  it('a Region listed without an opt-in status is not taken as enabled: it is scanned with a note saying so', async () => {
    ec2.on(DescribeRegionsCommand, { AllRegions: true }).resolves({ Regions: [...REGIONS, { RegionName: 'ap-east-1' }] });
    const { regions, scanned } = await discoverRegions(context());
    assert.ok(scanned.includes('ap-east-1'));
    assert.ok(regions.ok);
    const entry = regions.value.find((r) => r.name === 'ap-east-1');
    assert.equal(entry?.optInStatus, null, 'no status is recorded as none, never as opt-in-not-required');
    assert.match(entry?.note ?? '', /no opt-in status/);
  });

  it("ignores Regions of another partition than the caller's (an emulator lists them all)", async () => {
    ec2.on(DescribeRegionsCommand, { AllRegions: true }).resolves({
      Regions: [...REGIONS, { RegionName: 'cn-north-1', OptInStatus: 'opt-in-not-required' }, { RegionName: 'us-gov-west-1', OptInStatus: 'opt-in-not-required' }],
    });
    const { regions, scanned } = await discoverRegions(context(), undefined, createMemoryLogger(), 'aws');
    assert.deepEqual(scanned, ['af-south-1', 'eu-west-1', 'us-east-1']);
    assert.ok(regions.ok && !regions.value.some((r) => r.name === 'cn-north-1' || r.name === 'us-gov-west-1'));
    // from a China-partition identity only the cn- Region remains
    assert.deepEqual((await discoverRegions(context(), undefined, createMemoryLogger(), 'aws-cn')).scanned, ['cn-north-1']);
  });

  it('a requested Region that does not exist is a UsageError', async () => {
    await assert.rejects(discoverRegions(context(), ['eu-west-9']), (e: unknown) => e instanceof UsageError && /eu-west-9/.test(e.message));
    await assert.rejects(discoverRegions(context(), ['Ireland']), UsageError);
  });

  it('when DescribeRegions is denied: records the error and falls back to the requested or default Region, with a warning', async () => {
    ec2.on(DescribeRegionsCommand).rejects(sdkError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const logger = createMemoryLogger();
    const fallback = await discoverRegions(context(), undefined, logger);
    assert.deepEqual(fallback.scanned, ['eu-west-1']);
    assert.ok(!fallback.regions.ok);
    assert.deepEqual(
      [fallback.regions.error.code, fallback.regions.error.operation, fallback.regions.error.region],
      ['AccessDenied', 'ec2:DescribeRegions', 'eu-west-1'],
    );
    assert.ok(logger.lines.some((l) => l.level === 'warn' && /refused \(AccessDenied\): grant ec2:DescribeRegions/.test(l.message)));
    const requested = await discoverRegions(context(), ['us-east-1', 'ap-south-1'], logger);
    assert.deepEqual(requested.scanned, ['ap-south-1', 'us-east-1']);
  });

  it('tells throttling apart from a refusal', async () => {
    ec2.on(DescribeRegionsCommand).rejects(sdkError('RequestLimitExceeded', 'Request limit exceeded.', 503));
    const logger = createMemoryLogger();
    const r = await discoverRegions(Object.assign(context(), {}), undefined, logger);
    assert.ok(!r.regions.ok);
    assert.equal(r.regions.error.code, 'Throttled');
    assert.ok(logger.lines.some((l) => l.level === 'warn' && /still throttled after retries \(Throttled\): run again later/.test(l.message)));
    assert.ok(logger.lines.every((l) => !/grant/.test(l.message)));
  });

  it('expired credentials on DescribeRegions stop the run', async () => {
    ec2.on(DescribeRegionsCommand).rejects(sdkError('RequestExpired', 'x'));
    const r = await discoverRegions(context());
    assert.ok(!r.regions.ok); // an unknown error is recorded, not fatal
    ec2.on(DescribeRegionsCommand).rejects(sdkError('ExpiredToken', 'expired'));
    await assert.rejects(discoverRegions(context()), CredentialsError);
  });
});
