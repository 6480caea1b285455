// The per-Region collectors end to end against the local AWS emulator (moto): seed a Region with the SDK, collect,
// and check the values, the schema, the declared operations and the API-call counts. Nothing leaves loopback.
// Where moto lacks an operation, the collectors must record an error (Unsupported), never an empty value.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient, PutConfigurationRecorderCommand } from '@aws-sdk/client-config-service';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateManagedPrefixListCommand,
  CreateSecurityGroupCommand,
  DescribeImagesCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { AutoScalingClient, CreateLaunchConfigurationCommand } from '@aws-sdk/client-auto-scaling';
import { createAwsContext, type AwsContext } from '../../src/aws/clients.ts';
import { createLimiter } from '../../src/aws/limiter.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { regionalSchema, type RegionalSnapshot } from '../../src/inventory/snapshot.ts';
import { cloudtrailCollector, regionalCollectors } from '../../src/collectors/regional/index.ts';
import type { OrganizationStanding } from '../../src/collectors/types.ts';
import { fakeAwsEnv, MOTO_SKIP_REASON, motoAvailable, startMoto, type Moto } from '../support/moto.ts';

const ACCOUNT = '123456789012'; // moto's default account
const SEEDED = 'us-east-1';
const EMPTY = 'us-west-2';

/** The seeded Region is collected as the management account's, the empty one as a member's (as an organization scan does). */
async function collectRegion(aws: AwsContext, region: string, organization: OrganizationStanding): Promise<RegionalSnapshot> {
  const ctx = { aws, accountId: ACCOUNT, logger: silentLogger, limiter: createLimiter(4), region, organization };
  const entries = await Promise.all(regionalCollectors.map(async (c) => [c.key, await c.collect(ctx)] as const));
  // the schema is the contract with the checks: parse, don't trust
  return regionalSchema.parse(Object.fromEntries(entries));
}

function callsIn(aws: AwsContext, region: string): number {
  return aws.ledger
    .list()
    .filter((e) => e.region === region)
    .reduce((n, e) => n + e.calls, 0);
}

describe('regional collectors against the AWS emulator', { skip: motoAvailable() ? false : MOTO_SKIP_REASON }, () => {
  let moto: Moto;
  let aws: AwsContext;
  let seeded: RegionalSnapshot;
  let empty: RegionalSnapshot;
  const ids: { sg?: string; instance?: string; key?: string; detector?: string; prefixList?: string; template?: string; bareTemplate?: string; fileSystem?: string } = {};

  before(async () => {
    moto = await startMoto();
    Object.assign(process.env, fakeAwsEnv(moto.endpoint));
    const cfg = { region: SEEDED, endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
    const ec2 = new EC2Client(cfg);
    const s3 = new S3Client({ ...cfg, forcePathStyle: true });

    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'ssh-open', Description: 'integration' }));
    ids.sg = sg.GroupId;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: sg.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const image = (await ec2.send(new DescribeImagesCommand({}))).Images?.[0]?.ImageId;
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: image ?? 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.micro',
        SecurityGroupIds: sg.GroupId ? [sg.GroupId] : [],
        MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
      }),
    );
    ids.instance = run.Instances?.[0]?.InstanceId;
    await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));

    // a customer-managed prefix list that holds 0.0.0.0/0, used by an SSH rule
    const pl = await ec2.send(
      new CreateManagedPrefixListCommand({
        PrefixListName: 'everyone',
        AddressFamily: 'IPv4',
        MaxEntries: 5,
        Entries: [{ Cidr: '10.0.0.0/8' }, { Cidr: '0.0.0.0/0' }],
      }),
    );
    ids.prefixList = pl.PrefixList?.PrefixListId;
    const plGroup = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'ssh-from-prefix-list', Description: 'integration' }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: plGroup.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: ids.prefixList }] }],
      }),
    );

    // a template whose default (v1) allows IMDSv1 and whose latest (v2) requires IMDSv2; one with no metadata options
    const lt = await ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'app',
        LaunchTemplateData: { ImageId: image ?? 'ami-12c6146b', MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } },
      }),
    );
    ids.template = lt.LaunchTemplate?.LaunchTemplateId;
    await ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: ids.template,
        LaunchTemplateData: { ImageId: image ?? 'ami-12c6146b', MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' } },
      }),
    );
    const bare = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'bare', LaunchTemplateData: { ImageId: image ?? 'ami-12c6146b' } }));
    ids.bareTemplate = bare.LaunchTemplate?.LaunchTemplateId;

    await s3.send(new CreateBucketCommand({ Bucket: 'regional-trail-logs' }));
    const trail = new CloudTrailClient(cfg);
    await trail.send(new CreateTrailCommand({ Name: 'single-region', S3BucketName: 'regional-trail-logs', IsMultiRegionTrail: false }));
    await trail.send(new StartLoggingCommand({ Name: 'single-region' }));

    ids.detector = (await new GuardDutyClient(cfg).send(new CreateDetectorCommand({ Enable: true }))).DetectorId;
    ids.key = (await new KMSClient(cfg).send(new CreateKeyCommand({ Description: 'rotation off' }))).KeyMetadata?.KeyId;
    await new ConfigServiceClient(cfg).send(
      new PutConfigurationRecorderCommand({
        ConfigurationRecorder: {
          name: 'default',
          roleARN: `arn:aws:iam::${ACCOUNT}:role/config`,
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        },
      }),
    );

    await new SecurityHubClient(cfg).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));

    // the backup-coverage inventories and a launch configuration whose user data holds a password
    await new DynamoDBClient(cfg).send(
      new CreateTableCommand({ TableName: 'orders', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    ids.fileSystem = (await new EFSClient(cfg).send(new CreateFileSystemCommand({ CreationToken: 'shared', Tags: [{ Key: 'backup', Value: 'daily' }] }))).FileSystemId;
    await new AutoScalingClient(cfg).send(
      new CreateLaunchConfigurationCommand({
        LaunchConfigurationName: 'web-lc',
        ImageId: image ?? 'ami-12c6146b',
        InstanceType: 't3.micro',
        UserData: Buffer.from('#!/bin/sh\nexport DB_PASSWORD=integration-only-value\n').toString('base64'),
      }),
    );

    // a short retry budget: moto's unsupported operations answer 500, which the SDK would otherwise retry 6 times
    aws = createAwsContext({ maxAttempts: 2 });
    seeded = await collectRegion(aws, SEEDED, { managementAccountId: ACCOUNT, delegatedAdminFor: [] });
    empty = await collectRegion(aws, EMPTY, { managementAccountId: '999999999999', delegatedAdminFor: [] });
  });

  after(async () => {
    aws?.destroy();
    await moto?.stop();
  });

  it('collects EC2: EBS default, the open security group with rule ids, the IMDSv1 instance, VPCs', () => {
    assert.deepEqual(seeded.ec2.ebsEncryptionByDefault, { ok: true, value: true });
    assert.deepEqual(empty.ec2.ebsEncryptionByDefault, { ok: true, value: false });
    assert.ok(seeded.ec2.securityGroups.ok, JSON.stringify(seeded.ec2.securityGroups));
    const group = seeded.ec2.securityGroups.value.find((g) => g.groupId === ids.sg);
    assert.equal(group?.groupName, 'ssh-open');
    assert.ok(group?.vpcId);
    const ssh = group?.rules.find((r) => !r.isEgress && r.fromPort === 22);
    assert.ok(ssh, JSON.stringify(group?.rules));
    assert.equal(ssh.ipProtocol, 'tcp');
    assert.equal(ssh.toPort, 22);
    assert.equal(ssh.cidrIpv4, '0.0.0.0/0');
    assert.match(ssh.ruleId, /^sgr-/);

    assert.ok(seeded.ec2.instances.ok);
    const instance = seeded.ec2.instances.value.find((i) => i.instanceId === ids.instance);
    assert.equal(instance?.state, 'running');
    assert.deepEqual(instance?.securityGroupIds, [ids.sg]);
    assert.equal(instance?.metadataOptions?.httpTokens, 'optional');

    assert.ok(seeded.ec2.networkInterfaces.ok);
    assert.ok(seeded.ec2.networkInterfaces.value.some((n) => n.groupIds.includes(ids.sg ?? '')));
    assert.ok(seeded.ec2.vpcs.ok && seeded.ec2.vpcs.value.some((v) => v.isDefault));
    assert.deepEqual(seeded.ec2.flowLogs, { ok: true, value: [] });
    assert.deepEqual(empty.ec2.instances, { ok: true, value: [] });
  });

  it('collects the prefix list an ingress rule references, with its entries, and no prefix lists where no rule uses one', () => {
    assert.ok(seeded.ec2.securityGroups.ok);
    const rule = seeded.ec2.securityGroups.value.find((g) => g.groupName === 'ssh-from-prefix-list')?.rules.find((r) => !r.isEgress);
    assert.equal(rule?.prefixListId, ids.prefixList, JSON.stringify(rule));
    assert.equal(rule?.cidrIpv4, null);
    assert.ok(seeded.ec2.prefixLists.ok, JSON.stringify(seeded.ec2.prefixLists));
    const list = seeded.ec2.prefixLists.value.find((l) => l.prefixListId === ids.prefixList);
    assert.ok(list?.cidrs.ok, JSON.stringify(list));
    assert.deepEqual([...list.cidrs.value].sort(), ['0.0.0.0/0', '10.0.0.0/8']);
    assert.deepEqual(empty.ec2.prefixLists, { ok: true, value: [] });
  });

  it('collects launch templates with their $Default and $Latest versions and metadata options', () => {
    assert.ok(seeded.ec2.launchTemplates.ok, JSON.stringify(seeded.ec2.launchTemplates));
    const app = seeded.ec2.launchTemplates.value.find((t) => t.launchTemplateId === ids.template);
    assert.equal(app?.launchTemplateName, 'app');
    assert.deepEqual(app?.versions, [
      { versionNumber: 1, isDefault: true, isLatest: false, metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled' } },
      { versionNumber: 2, isDefault: false, isLatest: true, metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' } },
    ]);
    // default = latest: listed once; no MetadataOptions in the version: null
    const bare = seeded.ec2.launchTemplates.value.find((t) => t.launchTemplateId === ids.bareTemplate);
    assert.deepEqual(bare?.versions, [{ versionNumber: 1, isDefault: true, isLatest: true, metadataOptions: null }]);
    assert.deepEqual(empty.ec2.launchTemplates, { ok: true, value: [] });
  });

  it('collects the single-Region trail without validation, and nothing in another Region', () => {
    assert.ok(seeded.cloudtrail.trails.ok, JSON.stringify(seeded.cloudtrail.trails));
    const [trail] = seeded.cloudtrail.trails.value;
    assert.equal(seeded.cloudtrail.trails.value.length, 1);
    assert.equal(trail?.name, 'single-region');
    assert.equal(trail?.homeRegion, SEEDED);
    assert.equal(trail?.isMultiRegionTrail, false);
    assert.equal(trail?.logFileValidationEnabled, false);
    assert.equal(trail?.kmsKeyId, null);
    assert.equal(trail?.s3BucketName, 'regional-trail-logs');
    assert.deepEqual(trail?.status, { ok: true, value: { isLogging: true, latestDeliveryError: null, latestCloudWatchLogsDeliveryTime: null } });
    assert.ok(trail?.eventSelectors.ok, JSON.stringify(trail?.eventSelectors));
    assert.deepEqual(empty.cloudtrail.trails, { ok: true, value: [] });
  });

  it('collects the GuardDuty detector in its Region only', () => {
    assert.ok(seeded.guardduty.detectors.ok);
    assert.deepEqual(
      seeded.guardduty.detectors.value.map((d) => d.detectorId),
      [ids.detector],
    );
    const detail = seeded.guardduty.detectors.value[0]?.detail;
    assert.ok(detail?.ok, JSON.stringify(detail));
    assert.equal(detail.value.status, 'ENABLED');
    assert.deepEqual(empty.guardduty.detectors, { ok: true, value: [] });
  });

  it('collects the KMS key with rotation off', () => {
    assert.ok(seeded.kms.keys.ok);
    const key = seeded.kms.keys.value.find((k) => k.keyId === ids.key);
    assert.deepEqual(key?.metadata, { ok: true, value: { keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', keyState: 'Enabled', origin: 'AWS_KMS' } });
    assert.deepEqual(key?.rotationEnabled, { ok: true, value: false });
    assert.deepEqual(empty.kms.keys, { ok: true, value: [] });
  });

  it('collects the KMS key\'s tags, default key policy and grants (customer-managed keys only)', () => {
    assert.ok(seeded.kms.keys.ok);
    const key = seeded.kms.keys.value.find((k) => k.keyId === ids.key);
    assert.deepEqual(key?.tags, { ok: true, value: {} });
    assert.deepEqual(key?.grants, { ok: true, value: [] });
    assert.ok(key?.policy.ok);
    assert.match(JSON.stringify(key.policy.value), new RegExp(`arn:aws:iam::${ACCOUNT}:root`));
  });

  it('collects EBS: the instance\'s root volume, no own snapshots or AMIs, and block public access (which moto lacks) as Unsupported', () => {
    assert.ok(seeded.ebs.volumes.ok);
    assert.ok(seeded.ebs.volumes.value.some((v) => v.instanceIds.includes(ids.instance ?? '')), JSON.stringify(seeded.ebs.volumes.value));
    assert.deepEqual(empty.ebs.volumes, { ok: true, value: [] });
    // the emulator lists other owners' snapshots whatever OwnerIds says; none of them is the account's
    for (const r of [seeded, empty]) {
      assert.deepEqual(r.ebs.snapshots, { ok: true, value: [] });
      assert.deepEqual(r.ebs.images, { ok: true, value: [] });
      for (const [field, operation] of [
        [r.ebs.snapshotBlockPublicAccess, 'ec2:GetSnapshotBlockPublicAccessState'],
        [r.ebs.imageBlockPublicAccess, 'ec2:GetImageBlockPublicAccessState'],
      ] as const) {
        assert.ok(!field.ok, JSON.stringify(field));
        assert.equal(field.error.code, 'Unsupported');
        assert.equal(field.error.operation, operation);
      }
    }
  });

  it('collects the Config recorder, no status beyond it, and no delivery channel', () => {
    assert.deepEqual(seeded.config.recorders, {
      ok: true,
      value: [{ name: 'default', allSupported: true, includeGlobalResourceTypes: true, recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES' }],
    });
    assert.ok(seeded.config.recorderStatuses.ok);
    assert.deepEqual(
      seeded.config.recorderStatuses.value.map((s) => [s.name, s.recording]),
      [['default', false]],
    );
    assert.deepEqual(seeded.config.deliveryChannels, { ok: true, value: [] });
    assert.deepEqual(empty.config.recorders, { ok: true, value: [] });
  });

  it('records Access Analyzer, which moto does not implement, as Unsupported — not as "no analyzer"', () => {
    for (const r of [seeded, empty]) {
      assert.ok(!r.accessAnalyzer.analyzers.ok, JSON.stringify(r.accessAnalyzer.analyzers));
      assert.equal(r.accessAnalyzer.analyzers.error.code, 'Unsupported');
      assert.equal(r.accessAnalyzer.analyzers.error.operation, 'access-analyzer:ListAnalyzers');
    }
  });

  it('records Security Hub as moto answers it: DescribeHub works, GetEnabledStandards is missing (Unsupported)', () => {
    // moto implements EnableSecurityHub/DescribeHub (InvalidAccessException "not subscribed" when off, HTTP 401)
    assert.deepEqual(
      { hub: empty.securityhub.hub, enabledStandards: empty.securityhub.enabledStandards },
      { hub: { ok: true, value: null }, enabledStandards: { ok: true, value: [] } },
    );
    assert.ok(seeded.securityhub.hub.ok && seeded.securityhub.hub.value);
    assert.equal(seeded.securityhub.hub.value.hubArn, `arn:aws:securityhub:${SEEDED}:${ACCOUNT}:hub/default`);
    // …but not GetEnabledStandards (HTML 500): an error, never "no standards"
    assert.ok(!seeded.securityhub.enabledStandards.ok);
    assert.equal(seeded.securityhub.enabledStandards.error.code, 'Unsupported');
    assert.equal(seeded.securityhub.enabledStandards.error.operation, 'securityhub:GetEnabledStandards');
    assert.equal(seeded.securityhub.enabledStandards.error.region, SEEDED);
  });

  it('collects DynamoDB tables, EFS file systems (with tags) and launch configurations (verdicts only)', () => {
    assert.deepEqual(seeded.dynamodb.tables, { ok: true, value: [{ tableName: 'orders', tableArn: `arn:aws:dynamodb:${SEEDED}:${ACCOUNT}:table/orders` }] });
    assert.deepEqual(empty.dynamodb.tables, { ok: true, value: [] });
    assert.ok(seeded.efs.fileSystems.ok);
    const [fs] = seeded.efs.fileSystems.value;
    assert.equal(fs?.fileSystemId, ids.fileSystem);
    assert.match(fs?.fileSystemArn ?? '', new RegExp(`^arn:aws:elasticfilesystem:${SEEDED}:${ACCOUNT}:file-system/${ids.fileSystem}$`));
    assert.equal(fs?.tags.backup, 'daily');
    assert.deepEqual(empty.efs.fileSystems, { ok: true, value: [] });
    assert.ok(seeded.autoscaling.launchConfigurations.ok);
    const [lc] = seeded.autoscaling.launchConfigurations.value;
    assert.equal(lc?.name, 'web-lc');
    assert.deepEqual(lc?.userDataSecrets, { ok: true, value: [{ name: 'DB_PASSWORD', ruleIds: ['secret-name'], location: 'user data line 2' }] });
    assert.ok(!JSON.stringify(seeded).includes('integration-only-value'), 'user data never reaches the snapshot');
    assert.deepEqual(empty.autoscaling.launchConfigurations, { ok: true, value: [] });
  });

  it('lists the organization administrators only in the management account, and ECS clusters everywhere', () => {
    assert.ok(seeded.guardduty.organizationAdminAccounts.ok || seeded.guardduty.organizationAdminAccounts.error.code !== 'NotCollected');
    assert.ok(!empty.guardduty.organizationAdminAccounts.ok);
    assert.equal(empty.guardduty.organizationAdminAccounts.error.code, 'NotCollected');
    assert.ok(!empty.securityhub.organizationAdminAccounts.ok);
    assert.equal(empty.securityhub.organizationAdminAccounts.error.code, 'NotCollected');
    assert.deepEqual(empty.ecs.clusters, { ok: true, value: [] });
  });

  it('calls only declared operations, and few of them', () => {
    const declared = new Set(regionalCollectors.flatMap((c) => [...c.operations]));
    for (const op of aws.ledger.operations()) assert.ok(declared.has(op), `${op} is called but not declared`);
    const byService = (region: string) => {
      const out: Record<string, number> = {};
      for (const e of aws.ledger.list().filter((x) => x.region === region)) out[e.service] = (out[e.service] ?? 0) + e.calls;
      return out;
    };
    // The published budget for an empty Region of a member account: 71 calls, one list call per kind of resource. ec2 20 = security
    // groups + rules, ENIs, instances, launch templates, VPCs, flow logs, EBS default, IMDS defaults, Instance
    // Connect endpoints, NACLs, subnets, route tables (ec2 slice), volumes, snapshots, images, the two block-public-
    // access states (ebs slice), instances + launch-template versions for user data; config 5 = recorders, statuses,
    // channels, aggregators, rules; rds 5 = instances, clusters, two snapshot kinds, subnet groups; backup 5 = plans,
    // vaults, restore-testing plans, restore jobs, protected resources; ecs 2 = clusters, task definitions; ssm 2, sso 2 (instances, then the permission sets of
    // the instance moto keeps in every Region), logs 2 (metric filters, resource policies), apigateway 2 (REST and
    // HTTP APIs); one for each other service (DynamoDB tables, EFS file systems and Auto Scaling launch configurations
    // included; Lambda's per-function version listing costs nothing without functions). The management account adds
    // one in GuardDuty and one in Security Hub (their organization administrators, which only it can list).
    const emptyBudget = {
      'access-analyzer': 1, apigateway: 2, autoscaling: 1, backup: 5, cloudformation: 1, cloudtrail: 1, cloudwatch: 1, config: 5, dynamodb: 1, ec2: 20, ecr: 1, ecs: 2, elasticfilesystem: 1,
      elasticloadbalancing: 1, es: 1, events: 1, fms: 1, glacier: 1, guardduty: 1, inspector2: 1, kms: 1, lambda: 1, logs: 2, macie2: 1,
      'network-firewall': 1, rds: 5, redshift: 1, secretsmanager: 1, securityhub: 1, sns: 1, sqs: 1, ssm: 2, sso: 2, tag: 1, wafv2: 1,
    };
    assert.deepEqual(byService(EMPTY), emptyBudget);
    assert.equal(callsIn(aws, EMPTY), 71);
    // the seeded (management) Region adds the two organization-administrator lists, 2 for its trail (status, selectors), 3 for its detector (details, organization
    // configuration, findings), 4 for its hub (standards, organization configuration, aggregators, findings), 5 for its
    // customer key (description, rotation, tags, key policy, grants), and on EC2 one batch for its launch templates'
    // versions, one for the referenced prefix list and one for its instance's user data
    assert.deepEqual(byService(SEEDED), { ...emptyBudget, cloudtrail: 1 + 2, guardduty: 1 + 1 + 3, securityhub: 1 + 1 + 4, kms: 1 + 5, ec2: 20 + 3 });
  });

  it('sees a multi-Region trail in every Region as a shadow trail, and reads its status once per account scan', async () => {
    const cfg = { region: SEEDED, endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
    await new CloudTrailClient(cfg).send(new CreateTrailCommand({ Name: 'multi-region', S3BucketName: 'regional-trail-logs', IsMultiRegionTrail: true }));
    const fresh = createAwsContext({ maxAttempts: 2 });
    try {
      const limiter = createLimiter(4); // as the orchestrator does: one per account and service, shared by the Regions
      const regions = [SEEDED, EMPTY, 'eu-west-1'];
      const outs = await Promise.all(
        regions.map((region) => cloudtrailCollector.collect({ aws: fresh, accountId: ACCOUNT, logger: silentLogger, limiter, region })),
      );
      for (const [i, out] of outs.entries()) {
        assert.ok(out.trails.ok, regions[i]);
        const shadow = out.trails.value.find((t) => t.name === 'multi-region');
        assert.equal(shadow?.homeRegion, SEEDED, regions[i]);
        assert.deepEqual(shadow?.status, { ok: true, value: { isLogging: false, latestDeliveryError: null, latestCloudWatchLogsDeliveryTime: null } }, regions[i]);
      }
      const statusCalls = fresh.ledger.list().filter((e) => e.operation === 'GetTrailStatus').reduce((n, e) => n + e.calls, 0);
      assert.equal(statusCalls, 2, 'once per distinct trail (single-region + multi-region), not once per Region');
    } finally {
      fresh.destroy();
    }
  });
});
