// The seeded two-Region scenario shared by the end-to-end scan test and the fault-injection test: an account with
// known mistakes and known fixes in us-east-1 and eu-west-1, written into the emulator with the SDK.
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  ModifySubnetAttributeCommand,
  CreateVpcCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachUserPolicyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  IAMClient,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';

import { canary, leaks } from './canary.ts';
import { emulatorSecretFields } from './secret-fields.ts';

/** The part of the JSON report the verdict table reads. */
export interface ScenarioReport {
  accounts: Array<{ accountId: string }>;
  findings: Array<{ checkId: string; status: string; region?: string; resource: { id: string } }>;
}

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
  // insecure: a single-Region trail (us-east-1) without log file validation
  await s3.send(new CreateBucketCommand({ Bucket: 'e2e-trail-logs' }));
  const trail = new CloudTrailClient(cfg('us-east-1'));
  await trail.send(new CreateTrailCommand({ Name: 'single-region', S3BucketName: 'e2e-trail-logs', IsMultiRegionTrail: false }));
  await trail.send(new StartLoggingCommand({ Name: 'single-region' }));

  const regional = {
    // us-east-1: SSH open to the world, an IMDSv1 instance; EBS default encryption on, a rotated key
    'us-east-1': { port: 22, cidr: '0.0.0.0/0', tokens: 'optional', ebs: true, rotate: true },
    // eu-west-1: RDP open to the world, an IMDSv2-only instance; EBS default encryption off, a key never rotated
    'eu-west-1': { port: 3389, cidr: '0.0.0.0/0', tokens: 'required', ebs: false, rotate: false },
  } as const;
  for (const [region, r] of Object.entries(regional)) {
    const ec2 = new EC2Client(cfg(region));
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
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
      }),
    );
    ids[`instance:${region}`] = run.Instances?.[0]?.InstanceId ?? '';
    if (r.ebs) await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    const kms = new KMSClient(cfg(region));
    const key = await kms.send(new CreateKeyCommand({ Description: `e2e ${region}` }));
    ids[`key:${region}`] = key.KeyMetadata?.KeyId ?? '';
    if (r.rotate) await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyMetadata?.KeyId }));
    await seedNetwork(ec2, region, vpc.Vpc?.VpcId ?? '', ids, cfg(region));
  }
  // secrets where AWS lets them sit (policy conditions, tags, user data): no report or log may show them
  for (const f of emulatorSecretFields) await f.plant(endpoint, canary(f.field));
  return ids;
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

