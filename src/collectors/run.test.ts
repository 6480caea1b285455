// Unit tests for the collection orchestrator, with every SDK client mocked (no network): unit queue and progress,
// Region handling, SCP-denied Regions, credentials that die mid-scan, schema validation, declared operations.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AccountClient } from '@aws-sdk/client-account';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient, ListOrganizationAdminAccountsCommand as GuardDutyAdmins } from '@aws-sdk/client-guardduty';
import { GetAccountSummaryCommand, IAMClient, ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { ListOrganizationAdminAccountsCommand as SecurityHubAdmins, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ShieldClient } from '@aws-sdk/client-shield';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { isReadOnlyAction } from '../aws/actions.ts';
import { createAwsContext, type AwsContext } from '../aws/clients.ts';
import { CredentialsError, RuntimeFailure } from '../core/errors.ts';
import { createMemoryLogger } from '../core/logger.ts';
import { accountCollectors, allCollectorOperations, collectSnapshot } from './run.ts';
import { regionalCollectors } from './regional/index.ts';
import { COLLECTOR_CLIENTS } from './collector-clients.ts';

const ACCOUNT = '111111111111';
const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const iam = mockClient(IAMClient);
const orgs = mockClient(OrganizationsClient);
const guardduty = mockClient(GuardDutyClient);
const securityhub = mockClient(SecurityHubClient);
/** The stub calls used on every client alike (their client types differ, so a plain array is not callable). */
interface AnyStub {
  reset(): unknown;
  onAnyCommand(): { rejects(e: Error): unknown; callsFake(fn: (input: unknown, getClient: () => unknown) => unknown): unknown };
}
// Every client a collector uses is stubbed (COLLECTOR_CLIENTS, which its own test keeps complete), so a new service
// cannot reach the network from here; the account-level ones are told apart for the tests that refuse by Region.
const ACCOUNT_CLIENTS: ReadonlySet<unknown> = new Set([IAMClient, AccountClient, OrganizationsClient, S3Client, S3ControlClient, CloudFrontClient, ShieldClient]);
const stubs = new Map<unknown, AnyStub>([
  [EC2Client, ec2],
  [IAMClient, iam],
  [OrganizationsClient, orgs],
  [GuardDutyClient, guardduty],
  [SecurityHubClient, securityhub],
]);
const stubFor = (client: (typeof COLLECTOR_CLIENTS)[number]): AnyStub => stubs.get(client) ?? mockClient(client as typeof EC2Client);
const regionalStubs: AnyStub[] = COLLECTOR_CLIENTS.filter((c) => !ACCOUNT_CLIENTS.has(c)).map(stubFor);
const accountStubs: AnyStub[] = COLLECTOR_CLIENTS.filter((c) => ACCOUNT_CLIENTS.has(c)).map(stubFor);
const allStubs = [...regionalStubs, ...accountStubs];

function sdkError(name: string, message: string, status = 403): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}
const denied = () => sdkError('AccessDeniedException', 'User is not authorized');
const scpDenied = () => sdkError('AccessDeniedException', 'not authorized with an explicit deny in a service control policy');

async function regionOfClient(getClient: () => unknown): Promise<string> {
  const client = getClient() as { config: { region: () => Promise<string> } };
  return client.config.region();
}

function context(): AwsContext {
  return createAwsContext({
    credentials: async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }),
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    defaultRegion: 'us-east-1',
  });
}


describe('collectSnapshot', () => {
  beforeEach(() => {
    sts.reset();
    for (const s of allStubs) {
      s.reset();
      s.onAnyCommand().rejects(denied());
    }
    sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/auditor`, UserId: 'AIDA' });
    ec2
      .on(DescribeRegionsCommand)
      .resolves({
        Regions: [
          { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
          { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
          { RegionName: 'me-south-1', OptInStatus: 'not-opted-in' },
        ],
      });
  });
  afterEach(() => {
    sts.reset();
    for (const s of allStubs) s.reset();
  });

  it('builds a valid snapshot where every denied call is a recorded error, and reports progress per unit', async () => {
    const progress: Array<{ done: number; total: number; unit: string }> = [];
    const snap = await collectSnapshot(context(), { onProgress: (p) => progress.push(p), toolVersion: '9.9.9' });
    assert.equal(snap.kind, 'rampart.snapshot');
    assert.equal(snap.source, 'aws');
    assert.deepEqual(snap.tool, { name: 'rampart', version: '9.9.9' });
    const a = snap.accounts[0];
    assert.ok(a);
    assert.equal(a.accountId, ACCOUNT);
    assert.equal(a.callerArn, `arn:aws:iam::${ACCOUNT}:user/auditor`);
    assert.deepEqual(Object.keys(a.regional).sort(), ['eu-west-1', 'us-east-1']);
    assert.ok(a.regions.ok);
    assert.equal(a.regions.value.find((r) => r.name === 'me-south-1')?.scanned, false);
    assert.ok(!a.iam.accountSummary.ok);
    assert.deepEqual([a.iam.accountSummary.error.code, a.iam.accountSummary.error.operation], ['AccessDenied', 'iam:GetAccountSummary']);
    assert.ok(!a.regional['eu-west-1']?.guardduty.detectors.ok);
    // one unit per account-level collector, and one per regional collector in each of the 2 Regions
    const units = accountCollectors.length + 2 * regionalCollectors.length;
    assert.equal(progress.length, units);
    assert.deepEqual(progress.at(-1), { done: units, total: units, unit: progress.at(-1)?.unit });
    assert.ok(progress.some((p) => p.unit === 'kms eu-west-1'));
  });

  it('in a member account, spends no call only the management account answers (organization read first)', async () => {
    orgs.on(DescribeOrganizationCommand).resolves({
      Organization: { Id: 'o-abc', Arn: 'arn:aws:organizations::999999999999:organization/o-abc', FeatureSet: 'ALL', MasterAccountId: '999999999999' },
    });
    const snap = await collectSnapshot(context(), { regions: ['eu-west-1'] });
    const a = snap.accounts[0];
    assert.ok(a);
    assert.equal(guardduty.commandCalls(GuardDutyAdmins).length, 0);
    assert.equal(securityhub.commandCalls(SecurityHubAdmins).length, 0);
    assert.equal(iam.commandCalls(ListOrganizationsFeaturesCommand).length, 0);
    const gd = a.regional['eu-west-1']?.guardduty.organizationAdminAccounts;
    assert.ok(gd && !gd.ok);
    assert.equal(gd.error.code, 'NotCollected');
    assert.match(gd.error.message, /management account 999999999999/);
    const sh = a.regional['eu-west-1']?.securityhub.organizationAdminAccounts;
    assert.ok(sh && !sh.ok && sh.error.code === 'NotCollected');
    assert.ok(!a.iam.organizationsFeatures.ok);
    assert.equal(a.iam.organizationsFeatures.error.code, 'NotCollected');
  });

  it('in the management account, and when the organization is unreadable, makes the management-only calls', async () => {
    orgs.on(DescribeOrganizationCommand).resolves({
      Organization: { Id: 'o-abc', Arn: `arn:aws:organizations::${ACCOUNT}:organization/o-abc`, FeatureSet: 'ALL', MasterAccountId: ACCOUNT },
    });
    await collectSnapshot(context(), { regions: ['eu-west-1'] });
    assert.equal(guardduty.commandCalls(GuardDutyAdmins).length, 1);
    assert.equal(securityhub.commandCalls(SecurityHubAdmins).length, 1);
    assert.equal(iam.commandCalls(ListOrganizationsFeaturesCommand).length, 1);
    orgs.reset();
    orgs.onAnyCommand().rejects(denied());
    await collectSnapshot(context(), { regions: ['eu-west-1'] });
    assert.equal(guardduty.commandCalls(GuardDutyAdmins).length, 2);
  });

  it('--regions narrows the Regions collected', async () => {
    const snap = await collectSnapshot(context(), { regions: ['eu-west-1'] });
    assert.deepEqual(Object.keys(snap.accounts[0]?.regional ?? {}), ['eu-west-1']);
  });

  it('notes a Region where every call was refused, saying what happened and not guessing why', async () => {
    for (const s of regionalStubs) {
      s.onAnyCommand().callsFake(async (_input: unknown, getClient: () => unknown) => {
        if ((await regionOfClient(getClient)) === 'eu-west-1') throw scpDenied();
        return {};
      });
    }
    ec2
      .on(DescribeRegionsCommand)
      .resolves({
        Regions: [
          { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
          { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
        ],
      });
    const logger = createMemoryLogger();
    const snap = await collectSnapshot(context(), { logger });
    const regions = snap.accounts[0]?.regions;
    assert.ok(regions?.ok);
    // the message names an SCP, but that is text: whether an SCP closes the Region is judged from the SCPs
    assert.equal(regions.value.find((r) => r.name === 'eu-west-1')?.note, 'every call refused (AccessDenied)');
    assert.equal(regions.value.find((r) => r.name === 'us-east-1')?.note, null);
    assert.ok(logger.lines.some((l) => l.level === 'warn' && l.message.includes('eu-west-1')));
  });

  it('throws CredentialsError when credentials expire during the scan', async () => {
    iam.on(GetAccountSummaryCommand).rejects(sdkError('ExpiredTokenException', 'The security token included in the request is expired', 400));
    await assert.rejects(collectSnapshot(context(), { regions: ['us-east-1'] }), (e: unknown) => {
      assert.ok(e instanceof CredentialsError);
      assert.match(e.message, /credentials expired or became invalid during the scan/);
      assert.match(e.message, /iam:GetAccountSummary/);
      return true;
    });
  });

  it('falls back to the default Region when DescribeRegions is denied, recording the error', async () => {
    ec2.on(DescribeRegionsCommand).rejects(sdkError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const logger = createMemoryLogger();
    const snap = await collectSnapshot(context(), { logger });
    const a = snap.accounts[0];
    assert.ok(a && !a.regions.ok);
    assert.equal(a.regions.error.operation, 'ec2:DescribeRegions');
    assert.deepEqual(Object.keys(a.regional), ['us-east-1']);
    assert.ok(logger.lines.some((l) => l.level === 'warn'));
  });

  it('a snapshot that fails the schema is a RuntimeFailure naming the field', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: 'not-an-account', Arn: 'arn:x', UserId: 'u' });
    await assert.rejects(collectSnapshot(context(), { regions: ['us-east-1'] }), (e: unknown) => {
      assert.ok(e instanceof RuntimeFailure);
      assert.match(e.message, /does not match the schema/);
      assert.match(e.message, /accountId/);
      return true;
    });
  });

  it('rejects a non-positive concurrency', async () => {
    await assert.rejects(collectSnapshot(context(), { concurrency: 0 }), RangeError);
  });
});

describe('allCollectorOperations', () => {
  it('is the sorted union of every declared operation plus discovery, all read-only', () => {
    const ops = allCollectorOperations();
    assert.deepEqual(ops, [...new Set(ops)].sort());
    for (const op of ['sts:GetCallerIdentity', 'ec2:DescribeRegions', 'iam:GenerateCredentialReport', 'iam:GetAccountAuthorizationDetails', 's3:GetAccountPublicAccessBlock', 's3:ListAllMyBuckets', 'organizations:ListAccountsForParent', 'account:GetAlternateContact', 'ec2:DescribeLaunchTemplates', 'ec2:DescribeLaunchTemplateVersions', 'ec2:GetManagedPrefixListEntries', 's3:ListAccessPoints', 's3:GetAccessPointPolicy', 's3:GetAccessPoint', 's3:GetBucketTagging', 'ec2:DescribeVolumes', 'ec2:DescribeSnapshotAttribute', 'ec2:GetSnapshotBlockPublicAccessState', 'ec2:GetImageBlockPublicAccessState', 'kms:GetKeyPolicy', 'kms:ListGrants', 'kms:ListResourceTags']) {
      assert.ok(ops.includes(op), op);
    }
    for (const op of ops) assert.ok(isReadOnlyAction(op), op);
    assert.ok(!ops.includes('s3:GetBucketPolicyStatus'));
    assert.ok(!ops.includes('s3:GetAccessPointPolicyStatus'));
  });
});
