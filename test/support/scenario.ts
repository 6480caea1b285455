// The seeded two-Region scenario shared by the end-to-end scan test and the fault-injection test: an account with
// known mistakes and known fixes in us-east-1 and eu-west-1, written into the emulator with the SDK.
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateImageCommand,
  CreateFlowLogsCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSubnetCommand,
  ModifySubnetAttributeCommand,
  CreateVpcCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  ModifySnapshotAttributeCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { CreateDomainCommand, OpenSearchClient } from '@aws-sdk/client-opensearch';
import {
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  DescribeDBSnapshotsCommand,
  ModifyDBSnapshotAttributeCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { CreateClusterCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { CreateSecretCommand, ListSecretsCommand, RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient, TagResourceCommand } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  PutBucketTaggingCommand,
} from '@aws-sdk/client-s3';

import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand } from '@aws-sdk/client-backup';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { EnableCommand, Inspector2Client } from '@aws-sdk/client-inspector2';
import { BatchImportFindingsCommand, EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import {
  AttachManagedPolicyToPermissionSetCommand,
  CreatePermissionSetCommand,
  ListInstancesCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient, PutConfigRuleCommand } from '@aws-sdk/client-config-service';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

import { canary, leaks } from './canary.ts';
import { canaryRoleArn, EMPTY_ZIP, emulatorSecretFields } from './secret-fields.ts';

/** The part of the JSON report the verdict table reads. */
export interface ScenarioReport {
  accounts: Array<{ accountId: string }>;
  findings: Array<{ checkId: string; status: string; region?: string; resource: { id: string } }>;
}

/** The account the emulator answers as. */
const ACCOUNT = '123456789012';

/** The seeded scenario's resources whose ids the emulator picks, by the names the table below uses. */
export type SeededIds = Record<string, string>;

/**
 * Two Regions, each with its own mistakes and its own fixed settings, so a verdict that lands in the wrong
 * Region (or only in the first one) shows up as a wrong row.
 */
export async function seedTwoRegions(endpoint: string): Promise<SeededIds> {
  const ids: SeededIds = {};
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  const cfg = (region: string) => ({ region, endpoint, credentials });
  const iam = new IAMClient(cfg('us-east-1'));
  const s3 = new S3Client({ ...cfg('us-east-1'), forcePathStyle: true });

  // insecure: a console user without MFA, with AdministratorAccess attached directly
  await iam.send(new CreateUserCommand({ UserName: 'alice' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Sup3r-Secret-Passw0rd!' }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  // fixed: a strong password policy
  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));
  // insecure: a bucket readable by anyone
  await s3.send(new CreateBucketCommand({ Bucket: 'e2e-public-bucket' }));
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'e2e-public-bucket',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::e2e-public-bucket/*' }],
      }),
    }),
  );
  // insecure: a single-Region trail (us-east-1) without log file validation, delivering to an unversioned bucket
  // without lifecycle or delete protection (the bucket policy lets CloudTrail write, as AWS requires)
  await s3.send(new CreateBucketCommand({ Bucket: 'e2e-trail-logs' }));
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'e2e-trail-logs',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::e2e-trail-logs/AWSLogs/*' },
        ],
      }),
    }),
  );
  const { Account: account } = await new STSClient(cfg('us-east-1')).send(new GetCallerIdentityCommand({}));
  // the trail delivers to a log group with one CIS alarm wired (4.3 root usage → alarm → SNS with a subscription),
  // so cis-monitoring-alarms shows the other fourteen missing
  const logs = new CloudWatchLogsClient(cfg('us-east-1'));
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'e2e-trail' }));
  await logs.send(
    new PutMetricFilterCommand({
      logGroupName: 'e2e-trail',
      filterName: 'cis-4.3-root-usage',
      filterPattern: '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }',
      metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CISBenchmark', metricValue: '1' }],
    }),
  );
  const topic = await new SNSClient(cfg('us-east-1')).send(new CreateTopicCommand({ Name: 'e2e-security-alarms' }));
  await new SNSClient(cfg('us-east-1')).send(new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: 'email', Endpoint: 'security@example.com' }));
  await new CloudWatchClient(cfg('us-east-1')).send(
    new PutMetricAlarmCommand({
      AlarmName: 'cis-4.3-root-usage',
      MetricName: 'RootUsage',
      Namespace: 'CISBenchmark',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      AlarmActions: [topic.TopicArn!],
    }),
  );
  // classified (data-classification-tags passes on it; the other buckets carry no classification)
  await s3.send(new PutBucketTaggingCommand({ Bucket: 'e2e-trail-logs', Tagging: { TagSet: [{ Key: 'data-classification', Value: 'internal' }] } }));
  const trail = new CloudTrailClient(cfg('us-east-1'));
  await trail.send(
    new CreateTrailCommand({
      Name: 'single-region',
      S3BucketName: 'e2e-trail-logs',
      IsMultiRegionTrail: false,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${account}:log-group:e2e-trail:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${account}:role/cloudtrail-to-logs`,
    }),
  );
  await trail.send(new StartLoggingCommand({ Name: 'single-region' }));
  // GuardDuty findings routed to the topic in us-east-1; nothing for Security Hub or CloudTrail events
  const events = new EventBridgeClient(cfg('us-east-1'));
  await events.send(new PutRuleCommand({ Name: 'guardduty-findings', EventPattern: JSON.stringify({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] }) }));
  await events.send(new PutTargetsCommand({ Rule: 'guardduty-findings', Targets: [{ Id: 'sns', Arn: topic.TopicArn }] }));
  // fixed in us-east-1 only: the managed restricted-ssh Config rule
  await new ConfigServiceClient(cfg('us-east-1')).send(
    new PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'restricted-ssh', Source: { Owner: 'AWS', SourceIdentifier: 'INCOMING_SSH_DISABLED' } } }),
  );

  // fixed: a bucket whose policy refuses plain HTTP on the bucket and its objects, with ACLs disabled
  await s3.send(new CreateBucketCommand({ Bucket: 'e2e-tls-only' }));
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'e2e-tls-only',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: ['arn:aws:s3:::e2e-tls-only', 'arn:aws:s3:::e2e-tls-only/*'],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    }),
  );
  await s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'e2e-tls-only', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: 'e2e-tls-only',
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    }),
  );
  // default encryption (the emulator sets none by itself): SSE-KMS here, SSE-S3 on the public bucket and on the trail bucket
  const sse = (bucket: string, algorithm: 'aws:kms' | 'AES256') =>
    s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: algorithm } }] } }));
  await sse('e2e-tls-only', 'aws:kms');
  await sse('e2e-public-bucket', 'AES256');
  await sse('e2e-trail-logs', 'AES256');
  // --- cat-iam ---
  // insecure: a role a vendor account (outside any organization) may assume without an ExternalId
  const assume = (principal: Record<string, string>) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
  await iam.send(new CreateRoleCommand({ RoleName: 'e2e-vendor', AssumeRolePolicyDocument: assume({ AWS: 'arn:aws:iam::999999999999:root' }) }));
  // insecure: an administrator instance role, on the IMDSv1 instance of us-east-1
  await iam.send(new CreateRoleCommand({ RoleName: 'e2e-instance-admin', AssumeRolePolicyDocument: assume({ Service: 'ec2.amazonaws.com' }) }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'e2e-instance-admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'e2e-admin-profile' }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'e2e-admin-profile', RoleName: 'e2e-instance-admin' }));
  // fixed: IAM Identity Center with a permission set (the emulator has an instance in every Region; us-east-1 gets the set)
  const sso = new SSOAdminClient(cfg('us-east-1'));
  const instanceArn = (await sso.send(new ListInstancesCommand({}))).Instances?.[0]?.InstanceArn;
  const ps = await sso.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: 'SecurityAudit' }));
  await sso.send(
    new AttachManagedPolicyToPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: ps.PermissionSet?.PermissionSetArn, ManagedPolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }),
  );

  const regional = {
    // us-east-1: SSH open to the world, an IMDSv1 instance; EBS default encryption on, a rotated key
    'us-east-1': { port: 22, cidr: '0.0.0.0/0', tokens: 'optional', ebs: true, rotate: true },
    // eu-west-1: RDP open to the world, an IMDSv2-only instance; EBS default encryption off, a key never rotated
    'eu-west-1': { port: 3389, cidr: '0.0.0.0/0', tokens: 'required', ebs: false, rotate: false },
  } as const;
  for (const [region, r] of Object.entries(regional)) {
    const ec2 = new EC2Client(cfg(region));
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
    ids[`vpc:${region}`] = vpc.Vpc?.VpcId ?? '';
    // fixed in us-east-1 only: the seeded VPC's rejected traffic goes to the trail bucket
    if (region === 'us-east-1') {
      await ec2.send(
        new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpc.Vpc!.VpcId!], TrafficType: 'REJECT', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::e2e-trail-logs' }),
      );
    }
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'admin-open', Description: 'e2e', VpcId: vpc.Vpc?.VpcId }));
    ids[`sg:${region}`] = sg.GroupId!;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: sg.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: r.port, ToPort: r.port, IpRanges: [{ CidrIp: r.cidr }] }],
      }),
    );
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.micro',
        MetadataOptions: { HttpTokens: r.tokens, HttpEndpoint: 'enabled' },
        ...(region === 'us-east-1' ? { IamInstanceProfile: { Name: 'e2e-admin-profile' } } : {}),
      }),
    );
    ids[`instance:${region}`] = run.Instances?.[0]?.InstanceId ?? '';
    if (r.ebs) await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    const kms = new KMSClient(cfg(region));
    const key = await kms.send(new CreateKeyCommand({ Description: `e2e ${region}` }));
    ids[`key:${region}`] = key.KeyMetadata?.KeyId ?? '';
    if (r.rotate) await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyMetadata?.KeyId }));
    if (r.rotate) {
      // us-east-1: the key is tagged sensitive; only alice (an administrator) may both encrypt and decrypt with it
      await kms.send(new TagResourceCommand({ KeyId: key.KeyMetadata?.KeyId, Tags: [{ TagKey: 'data-classification', TagValue: 'sensitive' }] }));
      // us-east-1: an encrypted volume, and a private AMI of the instance
      // with the seeded key: without one the emulator makes a key of its own, which other checks would then judge
      const vol = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 1, Encrypted: true, KmsKeyId: key.KeyMetadata?.Arn }));
      ids[`volume:${region}`] = vol.VolumeId ?? '';
      const image = await ec2.send(new CreateImageCommand({ InstanceId: ids[`instance:${region}`], Name: 'e2e-private-image' }));
      ids[`image:${region}`] = image.ImageId ?? '';
    } else {
      // eu-west-1: an unencrypted volume and a snapshot of it that anyone may create volumes from
      const vol = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 1, Encrypted: false }));
      ids[`volume:${region}`] = vol.VolumeId ?? '';
      const snap = await ec2.send(new CreateSnapshotCommand({ VolumeId: vol.VolumeId, Description: 'e2e public snapshot' }));
      ids[`snapshot:${region}`] = snap.SnapshotId ?? '';
      await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: snap.SnapshotId, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }));
    }
    await seedNetwork(ec2, region, vpc.Vpc?.VpcId ?? '', ids, cfg(region));
  }
  await seedDataStores(cfg, ids);
  // --- cat-threat ---
  // us-east-1: a GuardDuty detector with S3 protection, Security Hub with a month-old CRITICAL finding, Inspector
  // scanning EC2 and Lambda; eu-west-1: neither detector nor hub, Inspector scanning EC2 only
  await new GuardDutyClient(cfg('us-east-1')).send(new CreateDetectorCommand({ Enable: true, Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }] }));
  const hub = new SecurityHubClient(cfg('us-east-1'));
  await hub.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
  const accountId = '123456789012'; // moto's default account
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
  await hub.send(
    new BatchImportFindingsCommand({
      Findings: [
        {
          SchemaVersion: '2018-10-08',
          Id: 'e2e-critical-finding',
          ProductArn: `arn:aws:securityhub:us-east-1:${accountId}:product/${accountId}/default`,
          GeneratorId: 'e2e',
          AwsAccountId: accountId,
          Region: 'us-east-1',
          Types: ['Software and Configuration Checks'],
          CreatedAt: monthAgo,
          UpdatedAt: monthAgo,
          Severity: { Label: 'CRITICAL' },
          Workflow: { Status: 'NEW' },
          RecordState: 'ACTIVE',
          Title: 'e2e critical finding',
          Description: 'seeded by the e2e scenario',
          Resources: [{ Type: 'AwsAccount', Id: `AWS::::Account:${accountId}` }],
        },
      ],
    }),
  );
  for (const [region, resourceTypes] of [['us-east-1', ['EC2', 'LAMBDA']], ['eu-west-1', ['EC2']]] as const) {
    await new Inspector2Client(cfg(region)).send(new EnableCommand({ accountIds: [accountId], resourceTypes: [...resourceTypes] }));
  }
  // secrets where AWS lets them sit (policy conditions, tags, user data): no report or log may show them
  for (const f of emulatorSecretFields) await f.plant(endpoint, canary(f.field));
  // the volumes and snapshots the emulator made on its own (instance root volumes, the AMI's snapshots), named after
  // what they belong to so the verdict table does not depend on random ids
  for (const region of Object.keys(regional)) {
    const ec2 = new EC2Client(cfg(region));
    const instanceName = new Map(Object.entries(ids).filter(([k]) => k.startsWith('instance:')).map(([k, v]) => [v, k.slice('instance:'.length)]));
    for (const v of (await ec2.send(new DescribeVolumesCommand({}))).Volumes ?? []) {
      const attached = v.Attachments?.[0]?.InstanceId;
      if (v.VolumeId && attached) ids[`root-volume:${instanceName.get(attached) ?? 'canary'}`] = v.VolumeId;
    }
    // the emulator ignores OwnerIds and lists the public images' snapshots too; the account's own are the seeded
    // one and the snapshot behind the AMI
    const own = new Set(Object.values(ids));
    for (const sn of (await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))).Snapshots ?? []) {
      if (sn.SnapshotId && sn.OwnerId === ACCOUNT && !own.has(sn.SnapshotId)) ids[`image-snapshot:${region}`] = sn.SnapshotId;
    }
    // secret ARNs end in six random characters, and the canary stack's queue has a random name
    for (const sec of (await new SecretsManagerClient(cfg(region)).send(new ListSecretsCommand({}))).SecretList ?? []) {
      if (sec.Name && sec.ARN) ids[`secret:${sec.Name}`] = sec.ARN.slice(sec.ARN.lastIndexOf(':') + 1);
    }
    for (const url of (await new SQSClient(cfg(region)).send(new ListQueuesCommand({ QueueNamePrefix: 'canary-stack-' }))).QueueUrls ?? []) {
      ids[`queue:canary:${region}`] = url.slice(url.lastIndexOf('/') + 1);
    }
  }
  // Lambda (after the canaries: the functions use the canary role, so no extra role shows in the IAM rows)
  // us-east-1: an access key id in an environment variable (fail, naming the variable); eu-west-1: a clean function
  const Role = await canaryRoleArn(endpoint);
  const fakeKeyId = ['AKIA', 'E2ETESTFAKEKEY00'].join('');
  for (const [region, FunctionName, Variables] of [
    ['us-east-1', 'e2e-leaky', { DEPLOY_KEY_ID: fakeKeyId, STAGE: 'prod' }],
    ['eu-west-1', 'e2e-clean', { STAGE: 'prod', SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf' }],
  ] as const) {
    await new LambdaClient(cfg(region)).send(new CreateFunctionCommand({ FunctionName, Runtime: 'python3.12', Role, Handler: 'index.handler', Code: { ZipFile: EMPTY_ZIP }, Environment: { Variables } }));
  }
  // AWS Backup: a vault and a plan per Region; the us-east-1 plan copies to another account, the eu-west-1 one does not
  for (const [region, copyTo] of [['us-east-1', 'arn:aws:backup:us-east-1:222222222222:backup-vault:dr'], ['eu-west-1', null]] as const) {
    const backup = new BackupClient(cfg(region));
    await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'e2e-vault' }));
    await backup.send(
      new CreateBackupPlanCommand({
        BackupPlan: { BackupPlanName: 'e2e-daily', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'e2e-vault', ...(copyTo ? { CopyActions: [{ DestinationBackupVaultArn: copyTo }] } : {}) }] },
      }),
    );
  }
  return ids;
}

/**
 * Databases, search, warehouse and secrets (cat-db): us-east-1 holds the mistakes — a public unencrypted MySQL
 * instance with a public manual snapshot, an open unencrypted OpenSearch domain, a secret that never rotates —
 * eu-west-1 the fixes (a private encrypted PostgreSQL instance with IAM auth, a rotating secret) plus a public
 * unencrypted Redshift cluster. A private queue and a repository are there for the policy collectors; a public queue
 * and a public topic for resource-policies-public.
 */
async function seedDataStores(cfg: (region: string) => { region: string; endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } }, ids: SeededIds): Promise<void> {
  const rdsEast = new RDSClient(cfg('us-east-1'));
  await rdsEast.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'e2e-public-db',
      Engine: 'mysql',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      MasterUsername: 'admin',
      MasterUserPassword: 'not-a-real-password-1',
      PubliclyAccessible: true,
      StorageEncrypted: false,
    }),
  );
  await rdsEast.send(new CreateDBSnapshotCommand({ DBSnapshotIdentifier: 'e2e-public-snap', DBInstanceIdentifier: 'e2e-public-db' }));
  await rdsEast.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: 'e2e-public-snap', AttributeName: 'restore', ValuesToAdd: ['all'] }));
  const rdsWest = new RDSClient(cfg('eu-west-1'));
  await rdsWest.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'e2e-private-db',
      Engine: 'postgres',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      MasterUsername: 'admin',
      MasterUserPassword: 'not-a-real-password-2',
      PubliclyAccessible: false,
      StorageEncrypted: true,
      EnableIAMDatabaseAuthentication: true,
    }),
  );
  // the emulator takes an automated snapshot of each new instance, named after the time of day
  for (const [region, client] of [['us-east-1', rdsEast], ['eu-west-1', rdsWest]] as const) {
    const snaps = await client.send(new DescribeDBSnapshotsCommand({ SnapshotType: 'automated' }));
    ids[`auto-snapshot:${region}`] = snaps.DBSnapshots?.[0]?.DBSnapshotIdentifier ?? '';
  }
  await new RedshiftClient(cfg('eu-west-1')).send(
    new CreateClusterCommand({ ClusterIdentifier: 'e2e-warehouse', NodeType: 'dc2.large', MasterUsername: 'admin', MasterUserPassword: 'NotReal123', PubliclyAccessible: true, Encrypted: false }),
  );
  await new OpenSearchClient(cfg('us-east-1')).send(
    new CreateDomainCommand({
      DomainName: 'e2e-open-search',
      AccessPolicies: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: '*' }] }),
    }),
  );
  await new SecretsManagerClient(cfg('us-east-1')).send(new CreateSecretCommand({ Name: 'e2e-api-key', SecretString: 'not-a-real-secret' }));
  const smWest = new SecretsManagerClient(cfg('eu-west-1'));
  await smWest.send(new CreateSecretCommand({ Name: 'e2e-rotating', SecretString: 'not-a-real-secret' }));
  // the emulator records the rotation settings, then fails to invoke the (absent) rotation Lambda
  await smWest
    .send(new RotateSecretCommand({ SecretId: 'e2e-rotating', RotationLambdaARN: 'arn:aws:lambda:eu-west-1:123456789012:function:rotator', RotationRules: { AutomaticallyAfterDays: 30 } }))
    .catch(() => undefined);
  const sqs = new SQSClient(cfg('us-east-1'));
  await sqs.send(new CreateQueueCommand({ QueueName: 'e2e-queue' }));
  // insecure (resource-policies-public): a queue anyone may read, and a topic anyone may publish to
  const publicQueue = `arn:aws:sqs:us-east-1:${ACCOUNT}:e2e-public-queue`;
  await sqs.send(
    new CreateQueueCommand({
      QueueName: 'e2e-public-queue',
      Attributes: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'AnyoneReads', Effect: 'Allow', Principal: '*', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: publicQueue }] }) },
    }),
  );
  const publicTopic = `arn:aws:sns:us-east-1:${ACCOUNT}:e2e-public-topic`;
  await new SNSClient(cfg('us-east-1')).send(
    new CreateTopicCommand({
      Name: 'e2e-public-topic',
      Attributes: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Publish', Resource: publicTopic }] }) },
    }),
  );
  await new ECRClient(cfg('us-east-1')).send(new CreateRepositoryCommand({ repositoryName: 'e2e-repo' }));
}

/** The canaries of values that collectors only hand to the secret detector, found in a saved snapshot's text. */
export function leakedIntoSnapshot(text: string): string[] {
  return emulatorSecretFields.filter((f) => f.notInSnapshot && leaks(text, canary(f.field))).map((f) => f.field);
}

/**
 * cat-network: per Region, a network ACL allowing SSH from anywhere and a subnet that auto-assigns public IPs
 * without an internet-gateway route; eu-west-1 also gets a group open on MySQL, us-east-1 an internet-facing ALB
 * (no WAF, no access logs) across two subnets.
 */
async function seedNetwork(
  ec2: EC2Client,
  region: string,
  vpcId: string,
  ids: SeededIds,
  cfg: { region: string; endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } },
): Promise<void> {
  const acl = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }));
  ids[`acl:${region}`] = acl.NetworkAcl?.NetworkAclId ?? '';
  await ec2.send(
    new CreateNetworkAclEntryCommand({
      NetworkAclId: acl.NetworkAcl?.NetworkAclId,
      RuleNumber: 100,
      Protocol: '6',
      RuleAction: 'allow',
      Egress: false,
      CidrBlock: '0.0.0.0/0',
      PortRange: { From: 22, To: 22 },
    }),
  );
  const a = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.1.0/24', AvailabilityZone: `${region}a` }));
  ids[`subnet:${region}`] = a.Subnet?.SubnetId ?? '';
  await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: a.Subnet?.SubnetId, MapPublicIpOnLaunch: { Value: true } }));
  if (region === 'eu-west-1') {
    const db = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'db-open', Description: 'e2e', VpcId: vpcId }));
    ids['sg:db'] = db.GroupId ?? '';
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: db.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }),
    );
  } else {
    const b = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.2.0/24', AvailabilityZone: `${region}b` }));
    ids[`subnet2:${region}`] = b.Subnet?.SubnetId ?? '';
    const elb = new ElasticLoadBalancingV2Client(cfg);
    await elb.send(new CreateLoadBalancerCommand({ Name: 'e2e-web', Type: 'application', Scheme: 'internet-facing', Subnets: [a.Subnet?.SubnetId ?? '', b.Subnet?.SubnetId ?? ''] }));
  }
}

/** The emulator canaries (field → planted value) that appear in `text`. */
export function leakedEmulatorSecrets(text: string): string[] {
  return emulatorSecretFields.filter((f) => leaks(text, canary(f.field))).map((f) => f.field);
}

/** One verdict as a table row: `checkId | region | resource | status`, with emulator-chosen ids replaced by names. */
export function verdictRows(report: ScenarioReport, ids: SeededIds): string[] {
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, `<${name}>`]));
  const accountId = report.accounts[0]?.accountId ?? '';
  const nameOf = (id: string) => {
    let out = id.split(accountId).join('<account>');
    for (const [raw, name] of names) if (raw) out = out.split(raw).join(name);
    // groups and VPCs the emulator creates on its own (the default VPC's group) have random ids
    return out.replace(/\bsg-[0-9a-f]{8,17}\b/g, '<default-sg>').replace(/\bvpc-[0-9a-f]{8,17}\b/g, '<default-vpc>').replace(/\bsgr-[0-9a-f]{8,17}\b/g, '<rule>')
    // network ACLs and subnets the emulator creates with each VPC (and the default VPC's)
    .replace(/\bacl-[0-9a-f]{8,17}\b/g, '<default-acl>').replace(/\bsubnet-[0-9a-f]{8,17}\b/g, '<default-subnet>')
    // the only instance not named above is the one the secret canaries planted (user data)
    .replace(/\bi-[0-9a-f]{8,17}\b/g, '<instance:canary>');
  };
  return report.findings.map((f) => `${f.checkId} | ${f.region ?? '-'} | ${nameOf(f.resource.id)} | ${f.status}`).sort();
}

