// The EC2 slice of a Region's snapshot: security groups and what they are attached to, instances, launch templates,
// prefix lists, VPCs and flow logs, IMDS defaults, Instance Connect endpoints, and the network layer (NACLs, subnets,
// route tables) that other slices' checks (rds-public, rds-private-subnet) read too.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const sgRuleSchema = z.object({
  ruleId: z.string(),
  isEgress: z.boolean(),
  /** `tcp`, `udp`, `icmp`, `-1` (all), or a protocol number as a string. */
  ipProtocol: z.string(),
  fromPort: z.number().int().nullable(),
  toPort: z.number().int().nullable(),
  cidrIpv4: z.string().nullable(),
  cidrIpv6: z.string().nullable(),
  prefixListId: z.string().nullable(),
  referencedGroupId: z.string().nullable(),
  description: z.string().nullable(),
});
export type SecurityGroupRule = z.infer<typeof sgRuleSchema>;
export const securityGroupSchema = z.object({
  groupId: z.string(),
  groupName: z.string(),
  vpcId: z.string().nullable(),
  rules: z.array(sgRuleSchema),
});
export type SecurityGroup = z.infer<typeof securityGroupSchema>;

export const instanceSchema = z.object({
  instanceId: z.string(),
  state: z.string(),
  vpcId: z.string().nullable(),
  publicIp: z.string().nullable(),
  iamInstanceProfileArn: z.string().nullable(),
  keyName: z.string().nullable(),
  securityGroupIds: z.array(z.string()),
  /** null when DescribeInstances returned no MetadataOptions (treated as unknown by checks). */
  metadataOptions: z
    .object({ httpTokens: z.string().nullable(), httpEndpoint: z.string().nullable(), httpPutResponseHopLimit: z.number().int().nullable() })
    .nullable(),
});
export type Instance = z.infer<typeof instanceSchema>;

export const launchTemplateVersionSchema = z.object({
  versionNumber: z.number().int(),
  isDefault: z.boolean(),
  isLatest: z.boolean(),
  /**
   * LaunchTemplateData.MetadataOptions. null: the version sets none, so an instance launched from it gets the
   * account-level default or the AMI's setting (which may allow IMDSv1).
   */
  metadataOptions: z.object({ httpTokens: z.string().nullable(), httpEndpoint: z.string().nullable() }).nullable(),
});
export const launchTemplateSchema = z.object({
  launchTemplateId: z.string(),
  launchTemplateName: z.string(),
  /** The $Default and $Latest versions; one entry when they are the same version. */
  versions: z.array(launchTemplateVersionSchema),
});
export type LaunchTemplate = z.infer<typeof launchTemplateSchema>;
export type LaunchTemplateVersion = z.infer<typeof launchTemplateVersionSchema>;

export const prefixListSchema = z.object({
  prefixListId: z.string(),
  /** GetManagedPrefixListEntries, read per list so one unreadable list does not hide the others. */
  cidrs: collectedSchema(z.array(z.string())),
});
export type PrefixList = z.infer<typeof prefixListSchema>;

// --- cat-network: network ACLs, subnets and route tables (nacl-open-admin-ports, subnet-auto-public-ip, and
// "private subnet" decisions from the route tables) ---
export const networkAclEntrySchema = z.object({
  ruleNumber: z.number().int(),
  egress: z.boolean(),
  /** `-1` (all), or the protocol number as a string (`6` tcp, `17` udp). */
  protocol: z.string(),
  ruleAction: z.string(),
  cidrBlock: z.string().nullable(),
  ipv6CidrBlock: z.string().nullable(),
  /** null: the entry names no port range (all ports, for protocol -1 or a protocol without ports). */
  portRange: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
});
export const networkAclSchema = z.object({
  networkAclId: z.string(),
  vpcId: z.string(),
  isDefault: z.boolean(),
  entries: z.array(networkAclEntrySchema),
  /** Subnets associated with the ACL. */
  subnetIds: z.array(z.string()),
});
export type NetworkAcl = z.infer<typeof networkAclSchema>;
export type NetworkAclEntry = z.infer<typeof networkAclEntrySchema>;
export const subnetSchema = z.object({
  subnetId: z.string(),
  vpcId: z.string(),
  cidrBlock: z.string().nullable(),
  availabilityZone: z.string().nullable(),
  mapPublicIpOnLaunch: z.boolean(),
  /** DefaultForAz: a subnet of a default VPC. */
  defaultForAz: z.boolean(),
});
export type Subnet = z.infer<typeof subnetSchema>;
export const routeTableSchema = z.object({
  routeTableId: z.string(),
  vpcId: z.string(),
  /** The VPC's main route table, which serves every subnet without an explicit association. */
  main: z.boolean(),
  /** Subnets explicitly associated. */
  subnetIds: z.array(z.string()),
  routes: z.array(
    z.object({
      destinationCidrBlock: z.string().nullable(),
      destinationIpv6CidrBlock: z.string().nullable(),
      /** igw-… for an internet gateway, `local`, vgw-…; null when the route targets something else. */
      gatewayId: z.string().nullable(),
      natGatewayId: z.string().nullable(),
      state: z.string().nullable(),
    }),
  ),
});
export type RouteTable = z.infer<typeof routeTableSchema>;
// --- end cat-network ---

export const ec2Schema = z.object({
  ebsEncryptionByDefault: collectedSchema(z.boolean()),
  securityGroups: collectedSchema(z.array(securityGroupSchema)),
  /** ENIs, to tell whether a security group is attached to something reachable. */
  networkInterfaces: collectedSchema(
    z.array(
      z.object({
        networkInterfaceId: z.string(),
        groupIds: z.array(z.string()),
        publicIp: z.string().nullable(),
        // --- cat-network: which VPC uses it (default-vpc-unused) and who created it (an ELB's own ENIs, sg-open-other-ports)
        vpcId: z.string().nullable(),
        /** InterfaceType: `interface`, `network_load_balancer`, `nat_gateway`, …; null when the answer carried none. */
        interfaceType: z.string().nullable(),
        /** RequesterId of a requester-managed ENI (`amazon-elb` for a load balancer's nodes); null for one you created. */
        requesterId: z.string().nullable(),
      }),
    ),
  ),
  instances: collectedSchema(z.array(instanceSchema)),
  launchTemplates: collectedSchema(z.array(launchTemplateSchema)),
  /**
   * The managed prefix lists that security-group ingress rules reference, with their entries; the error of the
   * security-group rules when those could not be read.
   */
  prefixLists: collectedSchema(z.array(prefixListSchema)),
  vpcs: collectedSchema(z.array(z.object({ vpcId: z.string(), isDefault: z.boolean(), cidrBlock: z.string().nullable() }))),
  flowLogs: collectedSchema(
    z.array(
      z.object({
        flowLogId: z.string(),
        resourceId: z.string(),
        trafficType: z.string().nullable(),
        status: z.string().nullable(),
        destinationType: z.string().nullable(),
      }),
    ),
  ),
  // --- cat-threat ---
  /**
   * GetInstanceMetadataDefaults' AccountLevel: the IMDS settings new instances of the Region get unless the launch
   * sets them. null: no account-level default is set (AccountLevel absent or empty).
   */
  instanceMetadataDefaults: collectedSchema(
    z
      .object({
        httpTokens: z.string().nullable(),
        httpPutResponseHopLimit: z.number().int().nullable(),
        httpEndpoint: z.string().nullable(),
        instanceMetadataTags: z.string().nullable(),
        /** `account` or `declarative-policy` (an organization policy sets them), when the answer says. */
        managedBy: z.string().nullable(),
      })
      .nullable(),
  ),
  /** EC2 Instance Connect Endpoints (DescribeInstanceConnectEndpoints), for ec2-no-direct-ssh. */
  instanceConnectEndpoints: collectedSchema(
    z.array(z.object({ endpointId: z.string(), vpcId: z.string().nullable(), state: z.string().nullable(), securityGroupIds: z.array(z.string()) })),
  ),
  // --- cat-network ---
  networkAcls: collectedSchema(z.array(networkAclSchema)),
  subnets: collectedSchema(z.array(subnetSchema)),
  routeTables: collectedSchema(z.array(routeTableSchema)),
});
export type Ec2Slice = z.infer<typeof ec2Schema>;
