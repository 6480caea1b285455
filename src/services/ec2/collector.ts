// EC2 collector (per Region): EBS encryption default, security groups with their rules and the prefix lists those
// reference, ENIs, instances, launch templates, VPCs and flow logs — what the ebs-default-encryption, sg-*,
// ec2-imdsv2-required and vpc-flow-logs checks read; and the account's IMDS defaults and Instance Connect Endpoints
// (ec2-imdsv2-account-default, ec2-no-direct-ssh).
import {
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  GetInstanceMetadataDefaultsCommand,
  paginateDescribeInstanceConnectEndpoints,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcs,
  paginateGetManagedPrefixListEntries,
  // cat-network
  paginateDescribeNetworkAcls,
  paginateDescribeRouteTables,
  paginateDescribeSubnets,
  type NetworkAcl as SdkNetworkAcl,
  type RouteTable as SdkRouteTable,
  type Subnet as SdkSubnet,
  type FlowLog,
  type Instance as SdkInstance,
  type LaunchTemplateVersion as SdkLaunchTemplateVersion,
  type NetworkInterface,
  type SecurityGroup as SdkSecurityGroup,
  type SecurityGroupRule as SdkSecurityGroupRule,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { drain } from '../../collectors/collect.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok, type Collected } from '../../inventory/collected.ts';
import type { Limiter } from '../../aws/limiter.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import type {
  Instance,
  LaunchTemplate,
  LaunchTemplateVersion,
  PrefixList,
  SecurityGroup,
  SecurityGroupRule,
} from './schema.ts';
import { need, orNull, read, regionalClient, type ItemOf } from '../../collectors/regional/shared.ts';

type Ec2Slice = RegionalSnapshot['ec2'];

// Describe* calls accept up to 1000 results per page; the largest page keeps the call count per Region low.
const PAGE = { pageSize: 1000 } as const;
// …except where the API caps it lower: launch templates 200, prefix-list entries 100.
const TEMPLATE_PAGE = { pageSize: 200 } as const;
const ENTRIES_PAGE = { pageSize: 100 } as const;

// Terminated (and shutting-down) instances cannot be reached or reconfigured; filtering server-side saves pages.
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

const OPS = {
  ebs: 'ec2:GetEbsEncryptionByDefault',
  groups: 'ec2:DescribeSecurityGroups',
  rules: 'ec2:DescribeSecurityGroupRules',
  enis: 'ec2:DescribeNetworkInterfaces',
  instances: 'ec2:DescribeInstances',
  launchTemplates: 'ec2:DescribeLaunchTemplates',
  launchTemplateVersions: 'ec2:DescribeLaunchTemplateVersions',
  prefixListEntries: 'ec2:GetManagedPrefixListEntries',
  vpcs: 'ec2:DescribeVpcs',
  flowLogs: 'ec2:DescribeFlowLogs',
  // --- cat-threat ---
  metadataDefaults: 'ec2:GetInstanceMetadataDefaults',
  connectEndpoints: 'ec2:DescribeInstanceConnectEndpoints',
  // cat-network
  networkAcls: 'ec2:DescribeNetworkAcls',
  subnets: 'ec2:DescribeSubnets',
  routeTables: 'ec2:DescribeRouteTables',
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

/**
 * Entries of every managed prefix list that an ingress rule names (AWS-managed, customer-managed or shared), one
 * read per distinct list, so that a list holding 0.0.0.0/0 or ::/0 is judged like the CIDR itself. Egress rules
 * are not needed by any check. Without the rules there is nothing to resolve: the rules' error is recorded.
 */
async function collectPrefixLists(
  client: EC2Client,
  region: string,
  limiter: Limiter,
  groups: Ec2Slice['securityGroups'],
): Promise<Ec2Slice['prefixLists']> {
  if (!groups.ok) return groups;
  const ids = [...new Set(groups.value.flatMap((g) => g.rules.flatMap((r) => (!r.isEgress && r.prefixListId !== null ? [r.prefixListId] : []))))].sort();
  const lists = await Promise.all(
    ids.map(
      async (prefixListId): Promise<PrefixList> => ({
        prefixListId,
        cidrs: await read(OPS.prefixListEntries, region, () =>
          limiter.run(async () =>
            (await drain(paginateGetManagedPrefixListEntries({ client, ...ENTRIES_PAGE }, { PrefixListId: prefixListId }), (p) => p.Entries)).map((e) =>
              need(e.Cidr, 'PrefixListEntry.Cidr'),
            ),
          ),
        ),
      }),
    ),
  );
  return ok(lists);
}

interface TemplateRow {
  launchTemplateId: string;
  launchTemplateName: string;
  latestVersion: number;
}

function toVersion(v: SdkLaunchTemplateVersion, latestVersion: number): LaunchTemplateVersion {
  const versionNumber = need(v.VersionNumber, 'LaunchTemplateVersion.VersionNumber');
  const isDefault = need(v.DefaultVersion, 'LaunchTemplateVersion.DefaultVersion');
  const m = v.LaunchTemplateData?.MetadataOptions;
  return {
    versionNumber,
    isDefault,
    // asked for $Default and $Latest only, so a version that is not the default is the latest (even if a version
    // was added between the two calls and LatestVersionNumber is already stale)
    isLatest: versionNumber === latestVersion || !isDefault,
    // absent MetadataOptions is a fact about the template (the launch falls back to the account or AMI default),
    // so it stays null here and the check decides what it means
    metadataOptions: m ? { httpTokens: orNull(m.HttpTokens), httpEndpoint: orNull(m.HttpEndpoint) } : null,
  };
}

/**
 * Launch templates with their $Default and $Latest versions. DescribeLaunchTemplateVersions without a template id
 * and with Versions [$Default, $Latest] answers for every template of the Region at once, so a Region costs two
 * paginated calls whatever its number of templates (and one when it has none), instead of one call per template.
 */
async function collectLaunchTemplates(client: EC2Client, region: string, limiter: Limiter): Promise<Ec2Slice['launchTemplates']> {
  const templates = await read(OPS.launchTemplates, region, () =>
    limiter.run(async () =>
      (await drain(paginateDescribeLaunchTemplates({ client, ...TEMPLATE_PAGE }, {}), (p) => p.LaunchTemplates)).map(
        (t): TemplateRow => ({
          launchTemplateId: need(t.LaunchTemplateId, 'LaunchTemplate.LaunchTemplateId'),
          launchTemplateName: need(t.LaunchTemplateName, 'LaunchTemplate.LaunchTemplateName'),
          latestVersion: need(t.LatestVersionNumber, 'LaunchTemplate.LatestVersionNumber'),
        }),
      ),
    ),
  );
  if (!templates.ok) return templates;
  if (templates.value.length === 0) return ok([]);
  const latestById = new Map(templates.value.map((t) => [t.launchTemplateId, t.latestVersion]));
  const versions: Collected<Array<{ templateId: string; version: LaunchTemplateVersion }>> = await read(OPS.launchTemplateVersions, region, () =>
    limiter.run(async () => {
      const pages = paginateDescribeLaunchTemplateVersions({ client, ...TEMPLATE_PAGE }, { Versions: ['$Default', '$Latest'] });
      return (await drain(pages, (p) => p.LaunchTemplateVersions)).flatMap((v) => {
        const templateId = need(v.LaunchTemplateId, 'LaunchTemplateVersion.LaunchTemplateId');
        const latest = latestById.get(templateId);
        // a template created between the two calls is left out, as a scan a moment earlier would
        return latest === undefined ? [] : [{ templateId, version: toVersion(v, latest) }];
      });
    }),
  );
  if (!versions.ok) return versions;
  return ok(
    templates.value.map((t): LaunchTemplate => {
      // when $Default is $Latest the version comes back twice: keep it once
      const byNumber = new Map<number, LaunchTemplateVersion>();
      for (const { templateId, version } of versions.value) {
        if (templateId !== t.launchTemplateId) continue;
        const seen = byNumber.get(version.versionNumber);
        byNumber.set(
          version.versionNumber,
          seen ? { ...seen, isDefault: seen.isDefault || version.isDefault, isLatest: seen.isLatest || version.isLatest } : version,
        );
      }
      return {
        launchTemplateId: t.launchTemplateId,
        launchTemplateName: t.launchTemplateName,
        versions: [...byNumber.values()].sort((a, b) => a.versionNumber - b.versionNumber),
      };
    }),
  );
}

function toInterface(n: NetworkInterface): ItemOf<Ec2Slice['networkInterfaces']> {
  return {
    networkInterfaceId: need(n.NetworkInterfaceId, 'NetworkInterface.NetworkInterfaceId'),
    groupIds: (n.Groups ?? []).map((g) => need(g.GroupId, 'NetworkInterface.Groups.GroupId')),
    publicIp: orNull(n.Association?.PublicIp),
    vpcId: orNull(n.VpcId),
    interfaceType: orNull(n.InterfaceType),
    requesterId: orNull(n.RequesterId),
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

// --- cat-threat ---
/**
 * The account-level IMDS defaults of the Region. AWS answers an AccountLevel without settings when none is set,
 * which is a value (null): no default. An endpoint without the operation answers an error page, which stays an error.
 */
async function collectMetadataDefaults(client: EC2Client, region: string, limiter: Limiter): Promise<Ec2Slice['instanceMetadataDefaults']> {
  return read(OPS.metadataDefaults, region, () =>
    limiter.run(async () => {
      const a = (await client.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel;
      const values = {
        httpTokens: orNull(a?.HttpTokens),
        httpPutResponseHopLimit: orNull(a?.HttpPutResponseHopLimit),
        httpEndpoint: orNull(a?.HttpEndpoint),
        instanceMetadataTags: orNull(a?.InstanceMetadataTags),
      };
      if (Object.values(values).every((v) => v === null)) return null;
      return { ...values, managedBy: orNull(a?.ManagedBy) };
    }),
  );
}

async function collectConnectEndpoints(client: EC2Client, region: string, limiter: Limiter): Promise<Ec2Slice['instanceConnectEndpoints']> {
  return read(OPS.connectEndpoints, region, () =>
    limiter.run(async () =>
      (await drain(paginateDescribeInstanceConnectEndpoints({ client, pageSize: 50 }, {}), (p) => p.InstanceConnectEndpoints)).map((e) => ({
        endpointId: need(e.InstanceConnectEndpointId, 'InstanceConnectEndpoint.InstanceConnectEndpointId'),
        vpcId: orNull(e.VpcId),
        state: orNull(e.State),
        securityGroupIds: e.SecurityGroupIds ?? [],
      })),
    ),
  );
}
// --- cat-network: network ACLs, subnets, route tables ---

function toNetworkAcl(a: SdkNetworkAcl): ItemOf<Ec2Slice['networkAcls']> {
  return {
    networkAclId: need(a.NetworkAclId, 'NetworkAcl.NetworkAclId'),
    vpcId: need(a.VpcId, 'NetworkAcl.VpcId'),
    isDefault: need(a.IsDefault, 'NetworkAcl.IsDefault'),
    entries: (a.Entries ?? []).map((e) => ({
      ruleNumber: need(e.RuleNumber, 'NetworkAclEntry.RuleNumber'),
      egress: need(e.Egress, 'NetworkAclEntry.Egress'),
      protocol: need(e.Protocol, 'NetworkAclEntry.Protocol'),
      ruleAction: need(e.RuleAction, 'NetworkAclEntry.RuleAction'),
      cidrBlock: orNull(e.CidrBlock),
      ipv6CidrBlock: orNull(e.Ipv6CidrBlock),
      portRange:
        e.PortRange === undefined
          ? null
          : { from: need(e.PortRange.From, 'NetworkAclEntry.PortRange.From'), to: need(e.PortRange.To, 'NetworkAclEntry.PortRange.To') },
    })),
    subnetIds: (a.Associations ?? []).flatMap((x) => (x.SubnetId === undefined ? [] : [x.SubnetId])),
  };
}

function toSubnet(s: SdkSubnet): ItemOf<Ec2Slice['subnets']> {
  return {
    subnetId: need(s.SubnetId, 'Subnet.SubnetId'),
    vpcId: need(s.VpcId, 'Subnet.VpcId'),
    cidrBlock: orNull(s.CidrBlock),
    availabilityZone: orNull(s.AvailabilityZone),
    mapPublicIpOnLaunch: need(s.MapPublicIpOnLaunch, 'Subnet.MapPublicIpOnLaunch'),
    defaultForAz: need(s.DefaultForAz, 'Subnet.DefaultForAz'),
  };
}

function toRouteTable(t: SdkRouteTable): ItemOf<Ec2Slice['routeTables']> {
  const associations = t.Associations ?? [];
  return {
    routeTableId: need(t.RouteTableId, 'RouteTable.RouteTableId'),
    vpcId: need(t.VpcId, 'RouteTable.VpcId'),
    main: associations.some((x) => x.Main === true),
    subnetIds: associations.flatMap((x) => (x.SubnetId === undefined ? [] : [x.SubnetId])),
    routes: (t.Routes ?? []).map((r) => ({
      destinationCidrBlock: orNull(r.DestinationCidrBlock),
      destinationIpv6CidrBlock: orNull(r.DestinationIpv6CidrBlock),
      gatewayId: orNull(r.GatewayId),
      natGatewayId: orNull(r.NatGatewayId),
      state: orNull(r.State),
    })),
  };
}

/** One paginated Describe per kind, every VPC of the Region at once. */
function collectNetworkLayout(client: EC2Client, region: string, limiter: Limiter): Promise<[Ec2Slice['networkAcls'], Ec2Slice['subnets'], Ec2Slice['routeTables']]> {
  return Promise.all([
    read(OPS.networkAcls, region, () =>
      limiter.run(async () => (await drain(paginateDescribeNetworkAcls({ client, ...PAGE }, {}), (p) => p.NetworkAcls)).map(toNetworkAcl)),
    ),
    read(OPS.subnets, region, () => limiter.run(async () => (await drain(paginateDescribeSubnets({ client, ...PAGE }, {}), (p) => p.Subnets)).map(toSubnet))),
    read(OPS.routeTables, region, () =>
      limiter.run(async () => (await drain(paginateDescribeRouteTables({ client, ...PAGE }, {}), (p) => p.RouteTables)).map(toRouteTable)),
    ),
  ]);
}
// --- end cat-network ---

export const ec2Collector: RegionalCollector<'ec2'> = {
  key: 'ec2',
  operations: Object.values(OPS),
  async collect(ctx): Promise<Ec2Slice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, EC2Client);
    // Every field is read independently, so one denied call leaves the others collected.
    const [ebsEncryptionByDefault, [securityGroups, prefixLists], networkInterfaces, instances, launchTemplates, vpcs, flowLogs, instanceMetadataDefaults, instanceConnectEndpoints, [networkAcls, subnets, routeTables]] = await Promise.all([
      read(OPS.ebs, region, () =>
        limiter.run(async () => need((await client.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault, 'EbsEncryptionByDefault')),
      ),
      // the prefix lists to resolve are known only once the rules are read
      collectSecurityGroups(client, region, limiter).then(async (groups) => [groups, await collectPrefixLists(client, region, limiter, groups)] as const),
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
      collectLaunchTemplates(client, region, limiter),
      read(OPS.vpcs, region, () =>
        limiter.run(async () => (await drain(paginateDescribeVpcs({ client, ...PAGE }, {}), (p) => p.Vpcs)).map(toVpc)),
      ),
      read(OPS.flowLogs, region, () =>
        limiter.run(async () => (await drain(paginateDescribeFlowLogs({ client, ...PAGE }, {}), (p) => p.FlowLogs)).map(toFlowLog)),
      ),
      collectMetadataDefaults(client, region, limiter),
      collectConnectEndpoints(client, region, limiter),
      collectNetworkLayout(client, region, limiter),
    ]);
    return {
      ebsEncryptionByDefault, securityGroups, networkInterfaces, instances, launchTemplates, prefixLists, vpcs, flowLogs,
      instanceMetadataDefaults, instanceConnectEndpoints, networkAcls, subnets, routeTables,
    };
  },
};
