// EC2 collector (per Region): EBS encryption default, security groups with their rules, ENIs, instances, VPCs
// and flow logs — what the ebs-default-encryption, sg-*, ec2-imdsv2-required and vpc-flow-logs checks read.
import {
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcs,
  type FlowLog,
  type Instance as SdkInstance,
  type NetworkInterface,
  type SecurityGroup as SdkSecurityGroup,
  type SecurityGroupRule as SdkSecurityGroupRule,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { drain } from '../collect.ts';
import type { RegionalCollector } from '../types.ts';
import { ok } from '../../inventory/collected.ts';
import type { Limiter } from '../../aws/limiter.ts';
import type { Instance, RegionalSnapshot, SecurityGroup, SecurityGroupRule } from '../../inventory/snapshot.ts';
import { need, orNull, read, regionalClient, type ItemOf } from './shared.ts';

type Ec2Slice = RegionalSnapshot['ec2'];

// Describe* calls accept up to 1000 results per page; the largest page keeps the call count per Region low.
const PAGE = { pageSize: 1000 } as const;

// Terminated (and shutting-down) instances cannot be reached or reconfigured; filtering server-side saves pages.
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

const OPS = {
  ebs: 'ec2:GetEbsEncryptionByDefault',
  groups: 'ec2:DescribeSecurityGroups',
  rules: 'ec2:DescribeSecurityGroupRules',
  enis: 'ec2:DescribeNetworkInterfaces',
  instances: 'ec2:DescribeInstances',
  vpcs: 'ec2:DescribeVpcs',
  flowLogs: 'ec2:DescribeFlowLogs',
} as const;

function toRule(r: SdkSecurityGroupRule): SecurityGroupRule {
  return {
    ruleId: need(r.SecurityGroupRuleId, 'SecurityGroupRule.SecurityGroupRuleId'),
    isEgress: need(r.IsEgress, 'SecurityGroupRule.IsEgress'),
    ipProtocol: need(r.IpProtocol, 'SecurityGroupRule.IpProtocol'),
    // kept verbatim: -1 means "all" for protocol -1, and ICMP puts type/code here; checks interpret them
    fromPort: orNull(r.FromPort),
    toPort: orNull(r.ToPort),
    cidrIpv4: orNull(r.CidrIpv4),
    cidrIpv6: orNull(r.CidrIpv6),
    prefixListId: orNull(r.PrefixListId),
    referencedGroupId: orNull(r.ReferencedGroupInfo?.GroupId),
    description: orNull(r.Description),
  };
}

type GroupRow = Omit<SecurityGroup, 'rules'>;

function toGroup(g: SdkSecurityGroup): GroupRow {
  return { groupId: need(g.GroupId, 'SecurityGroup.GroupId'), groupName: need(g.GroupName, 'SecurityGroup.GroupName'), vpcId: orNull(g.VpcId) };
}

/**
 * Neither call is complete on its own: DescribeSecurityGroups has names and VPCs but its IpPermissions carry no rule
 * ids (the fix, RevokeSecurityGroupIngress, needs them), and DescribeSecurityGroupRules has ids but no names, VPCs,
 * nor the groups that have no rules. So both are read and joined on GroupId.
 */
function joinGroups(groups: GroupRow[], rules: Array<{ groupId: string; rule: SecurityGroupRule }>): SecurityGroup[] {
  const byGroup = new Map<string, SecurityGroupRule[]>();
  for (const { groupId, rule } of rules) {
    const list = byGroup.get(groupId) ?? [];
    list.push(rule);
    byGroup.set(groupId, list);
  }
  // A rule of a group created or deleted between the two calls has no group row; it is dropped with its group,
  // as the group itself would be by a scan a moment earlier or later.
  return groups.map((g) => ({ ...g, rules: byGroup.get(g.groupId) ?? [] }));
}

async function collectSecurityGroups(client: EC2Client, region: string, limiter: Limiter): Promise<Ec2Slice['securityGroups']> {
  // two reads, each recorded under its own operation, so an error names the permission that is missing
  const [groups, rules] = await Promise.all([
    read(OPS.groups, region, () =>
      limiter.run(async () => (await drain(paginateDescribeSecurityGroups({ client, ...PAGE }, {}), (p) => p.SecurityGroups)).map(toGroup)),
    ),
    read(OPS.rules, region, () =>
      limiter.run(async () =>
        (await drain(paginateDescribeSecurityGroupRules({ client, ...PAGE }, {}), (p) => p.SecurityGroupRules)).map((r) => ({
          groupId: need(r.GroupId, 'SecurityGroupRule.GroupId'),
          rule: toRule(r),
        })),
      ),
    ),
  ]);
  if (!groups.ok) return groups;
  if (!rules.ok) return rules;
  return ok(joinGroups(groups.value, rules.value));
}

function toInterface(n: NetworkInterface): ItemOf<Ec2Slice['networkInterfaces']> {
  return {
    networkInterfaceId: need(n.NetworkInterfaceId, 'NetworkInterface.NetworkInterfaceId'),
    groupIds: (n.Groups ?? []).map((g) => need(g.GroupId, 'NetworkInterface.Groups.GroupId')),
    publicIp: orNull(n.Association?.PublicIp),
  };
}

function toInstance(i: SdkInstance): Instance {
  const m = i.MetadataOptions;
  return {
    instanceId: need(i.InstanceId, 'Instance.InstanceId'),
    state: need(i.State?.Name, 'Instance.State.Name'),
    vpcId: orNull(i.VpcId),
    publicIp: orNull(i.PublicIpAddress),
    iamInstanceProfileArn: orNull(i.IamInstanceProfile?.Arn),
    keyName: orNull(i.KeyName),
    securityGroupIds: (i.SecurityGroups ?? []).map((g) => need(g.GroupId, 'Instance.SecurityGroups.GroupId')),
    // absent MetadataOptions stays null (unknown) rather than being read as "IMDSv1 allowed"
    metadataOptions: m
      ? { httpTokens: orNull(m.HttpTokens), httpEndpoint: orNull(m.HttpEndpoint), httpPutResponseHopLimit: orNull(m.HttpPutResponseHopLimit) }
      : null,
  };
}

function toVpc(v: Vpc): ItemOf<Ec2Slice['vpcs']> {
  return { vpcId: need(v.VpcId, 'Vpc.VpcId'), isDefault: need(v.IsDefault, 'Vpc.IsDefault'), cidrBlock: orNull(v.CidrBlock) };
}

function toFlowLog(f: FlowLog): ItemOf<Ec2Slice['flowLogs']> {
  return {
    flowLogId: need(f.FlowLogId, 'FlowLog.FlowLogId'),
    resourceId: need(f.ResourceId, 'FlowLog.ResourceId'),
    trafficType: orNull(f.TrafficType),
    status: orNull(f.FlowLogStatus),
    destinationType: orNull(f.LogDestinationType),
  };
}

export const ec2Collector: RegionalCollector<'ec2'> = {
  key: 'ec2',
  operations: Object.values(OPS),
  async collect(ctx): Promise<Ec2Slice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, EC2Client);
    // Every field is read independently, so one denied call leaves the others collected.
    const [ebsEncryptionByDefault, securityGroups, networkInterfaces, instances, vpcs, flowLogs] = await Promise.all([
      read(OPS.ebs, region, () =>
        limiter.run(async () => need((await client.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault, 'EbsEncryptionByDefault')),
      ),
      collectSecurityGroups(client, region, limiter),
      read(OPS.enis, region, () =>
        limiter.run(async () =>
          (await drain(paginateDescribeNetworkInterfaces({ client, ...PAGE }, {}), (p) => p.NetworkInterfaces)).map(toInterface),
        ),
      ),
      read(OPS.instances, region, () =>
        limiter.run(async () => {
          const pages = paginateDescribeInstances({ client, ...PAGE }, { Filters: [{ Name: 'instance-state-name', Values: LIVE_STATES }] });
          const reservations = await drain(pages, (p) => p.Reservations);
          return reservations.flatMap((r) => r.Instances ?? []).map(toInstance);
        }),
      ),
      read(OPS.vpcs, region, () =>
        limiter.run(async () => (await drain(paginateDescribeVpcs({ client, ...PAGE }, {}), (p) => p.Vpcs)).map(toVpc)),
      ),
      read(OPS.flowLogs, region, () =>
        limiter.run(async () => (await drain(paginateDescribeFlowLogs({ client, ...PAGE }, {}), (p) => p.FlowLogs)).map(toFlowLog)),
      ),
    ]);
    return { ebsEncryptionByDefault, securityGroups, networkInterfaces, instances, vpcs, flowLogs };
  },
};
