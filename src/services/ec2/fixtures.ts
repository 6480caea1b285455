// Test and demo data for the EC2 slice.
import { ok } from '../../inventory/collected.ts';
import { mustBeOk } from '../../inventory/fixture-support.ts';
import type { Ec2Slice, Instance, LaunchTemplate, SecurityGroupRule } from './schema.ts';

/** The secure baseline: EBS encryption by default, IMDSv2 required by the account default, nothing else in the Region. */
export function secureEc2(): Ec2Slice {
  return {
    ebsEncryptionByDefault: ok(true),
    securityGroups: ok([]),
    networkInterfaces: ok([]),
    instances: ok([]),
    launchTemplates: ok([]),
    prefixLists: ok([]),
    vpcs: ok([]),
    flowLogs: ok([]),
    instanceMetadataDefaults: ok({ httpTokens: 'required', httpPutResponseHopLimit: 2, httpEndpoint: 'enabled', instanceMetadataTags: null, managedBy: 'account' }),
    instanceConnectEndpoints: ok([]),
    networkAcls: ok([]),
    subnets: ok([]),
    routeTables: ok([]),
  };
}

export type IngressRuleOptions = { protocol: string; from?: number | null; to?: number | null; cidr?: string; cidrIpv6?: string; prefixListId?: string };
export type SecurityGroupOptions = { attachedPublicIp?: string | null; name?: string; vpcId?: string };

/** A security group with ingress rules, e.g. `{ protocol: 'tcp', from: 22, to: 22, cidr: '0.0.0.0/0' }`, and its ENI when `attachedPublicIp` is given. */
export function addSecurityGroup(ec2: Ec2Slice, groupId: string, ingress: IngressRuleOptions[], opts: SecurityGroupOptions = {}): void {
  const rules: SecurityGroupRule[] = ingress.map((r, i) => ({
    ruleId: `sgr-${groupId.replace(/^sg-/, '')}${i}`,
    isEgress: false,
    ipProtocol: r.protocol,
    fromPort: r.from ?? null,
    toPort: r.to ?? r.from ?? null,
    cidrIpv4: r.cidr ?? null,
    cidrIpv6: r.cidrIpv6 ?? null,
    prefixListId: r.prefixListId ?? null,
    referencedGroupId: null,
    description: null,
  }));
  mustBeOk(ec2.securityGroups, 'securityGroups').push({
    groupId,
    groupName: opts.name ?? groupId,
    vpcId: opts.vpcId ?? 'vpc-0a1b2c3d',
    rules,
  });
  if (opts.attachedPublicIp !== undefined) {
    mustBeOk(ec2.networkInterfaces, 'networkInterfaces').push({
      networkInterfaceId: `eni-${groupId.replace(/^sg-/, '')}`,
      groupIds: [groupId],
      publicIp: opts.attachedPublicIp,
      vpcId: opts.vpcId ?? 'vpc-0a1b2c3d',
      interfaceType: 'interface',
      requesterId: null,
    });
  }
}

export type InstanceOptions = Partial<Instance> & { httpTokens?: string; httpEndpoint?: string };

/** A running instance with the account's `app` instance profile and IMDSv2 required, unless told otherwise. */
export function ec2Instance(instanceId: string, accountId: string, opts: InstanceOptions = {}): Instance {
  const { httpTokens, httpEndpoint, ...rest } = opts;
  return {
    instanceId,
    state: 'running',
    vpcId: 'vpc-0a1b2c3d',
    publicIp: null,
    iamInstanceProfileArn: `arn:aws:iam::${accountId}:instance-profile/app`,
    keyName: null,
    securityGroupIds: [],
    metadataOptions: { httpTokens: httpTokens ?? 'required', httpEndpoint: httpEndpoint ?? 'enabled', httpPutResponseHopLimit: 2 },
    ...rest,
  };
}

export interface LaunchTemplateVersionOptions {
  version: number;
  /** Default: the first version listed is the default. */
  isDefault?: boolean;
  /** Default: the last version listed is the latest. */
  isLatest?: boolean;
  /** Default `required`; null with httpEndpoint unset means "no MetadataOptions in the version". */
  httpTokens?: string | null;
  httpEndpoint?: string | null;
}

/**
 * A launch template with its $Default/$Latest versions, e.g. `[{ version: 1, httpTokens: 'optional' }]`.
 * Without isDefault/isLatest, the first version is the default and the last the latest (one version: both).
 */
export function launchTemplate(templateId: string, versions: LaunchTemplateVersionOptions[], opts: { name?: string } = {}): LaunchTemplate {
  return {
    launchTemplateId: templateId,
    launchTemplateName: opts.name ?? templateId,
    versions: versions.map((v, i) => {
      const tokens = v.httpTokens === undefined ? 'required' : v.httpTokens;
      const endpoint = v.httpEndpoint === undefined ? (tokens === null ? null : 'enabled') : v.httpEndpoint;
      return {
        versionNumber: v.version,
        isDefault: v.isDefault ?? i === 0,
        isLatest: v.isLatest ?? i === versions.length - 1,
        metadataOptions: tokens === null && endpoint === null ? null : { httpTokens: tokens, httpEndpoint: endpoint },
      };
    }),
  };
}

/** A VPC (10.0.0.0/16, not the default one unless told) with an ALL-traffic flow log to S3 unless `flowLogs: false`. */
export function addVpc(ec2: Ec2Slice, vpcId: string, opts: { isDefault?: boolean; flowLogs?: boolean } = {}): void {
  mustBeOk(ec2.vpcs, 'vpcs').push({ vpcId, isDefault: opts.isDefault ?? false, cidrBlock: '10.0.0.0/16' });
  if (opts.flowLogs ?? true) {
    mustBeOk(ec2.flowLogs, 'flowLogs').push({
      flowLogId: `fl-${vpcId}`,
      resourceId: vpcId,
      trafficType: 'ALL',
      status: 'ACTIVE',
      destinationType: 's3',
    });
  }
}
