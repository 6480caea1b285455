// Unit tests for the EC2 collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  DescribeFlowLogsCommand,
  DescribeInstanceConnectEndpointsCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  GetInstanceMetadataDefaultsCommand,
  GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ec2Collector } from './collector.ts';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';

const ec2 = mockClient(EC2Client);

function emptyRegion(): void {
  ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: false });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  ec2.on(DescribeSecurityGroupRulesCommand).resolves({ SecurityGroupRules: [] });
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
  ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
  ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [] });
  ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [] });
  ec2.on(GetManagedPrefixListEntriesCommand).resolves({ Entries: [] });
  // --- cat-threat ---
  ec2.on(GetInstanceMetadataDefaultsCommand).resolves({ AccountLevel: {} });
  ec2.on(DescribeInstanceConnectEndpointsCommand).resolves({ InstanceConnectEndpoints: [] });
  ec2.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [] });
  ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [] });
  ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
}

const denied = () => awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);

describe('ec2 collector', () => {
  beforeEach(() => ec2.reset());
  afterEach(() => ec2.reset());

  it('collects every field, following pagination, and joins rules to their groups', async () => {
    emptyRegion();
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-a', GroupName: 'web', VpcId: 'vpc-1' }], NextToken: 'g2' });
    ec2.on(DescribeSecurityGroupsCommand, { NextToken: 'g2' }).resolves({ SecurityGroups: [{ GroupId: 'sg-b', GroupName: 'empty' }] });
    ec2.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [{ SecurityGroupRuleId: 'sgr-1', GroupId: 'sg-a', IsEgress: false, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' }],
      NextToken: 'r2',
    });
    ec2.on(DescribeSecurityGroupRulesCommand, { NextToken: 'r2' }).resolves({
      SecurityGroupRules: [
        { SecurityGroupRuleId: 'sgr-2', GroupId: 'sg-a', IsEgress: true, IpProtocol: '-1', FromPort: -1, ToPort: -1, CidrIpv6: '::/0', Description: 'all out' },
        { SecurityGroupRuleId: 'sgr-3', GroupId: 'sg-a', IsEgress: false, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, ReferencedGroupInfo: { GroupId: 'sg-b' } },
      ],
    });
    ec2.on(DescribeNetworkInterfacesCommand).resolves({
      NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1', Groups: [{ GroupId: 'sg-a' }], Association: { PublicIp: '203.0.113.7' } }],
      NextToken: 'n2',
    });
    ec2.on(DescribeNetworkInterfacesCommand, { NextToken: 'n2' }).resolves({ NetworkInterfaces: [{ NetworkInterfaceId: 'eni-2', Groups: [] }] });
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-1',
              State: { Name: 'running' },
              VpcId: 'vpc-1',
              PublicIpAddress: '203.0.113.7',
              IamInstanceProfile: { Arn: 'arn:aws:iam::111111111111:instance-profile/app' },
              KeyName: 'ops',
              SecurityGroups: [{ GroupId: 'sg-a' }],
              MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
            },
          ],
        },
      ],
      NextToken: 'i2',
    });
    ec2.on(DescribeInstancesCommand, { NextToken: 'i2' }).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-2', State: { Name: 'stopped' } }] }] });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1', IsDefault: true, CidrBlock: '172.31.0.0/16' }] });
    ec2.on(DescribeFlowLogsCommand).resolves({
      FlowLogs: [{ FlowLogId: 'fl-1', ResourceId: 'vpc-1', TrafficType: 'REJECT', FlowLogStatus: 'ACTIVE', LogDestinationType: 's3' }],
    });

    const out = assertSlice('ec2', await ec2Collector.collect(testContext()));

    assert.deepEqual(out.ebsEncryptionByDefault, { ok: true, value: true });
    assert.ok(out.securityGroups.ok);
    const [web, empty] = out.securityGroups.value;
    assert.equal(web?.groupName, 'web');
    assert.deepEqual(
      web?.rules.map((r) => r.ruleId),
      ['sgr-1', 'sgr-2', 'sgr-3'],
    );
    assert.deepEqual(web?.rules[0], {
      ruleId: 'sgr-1',
      isEgress: false,
      ipProtocol: 'tcp',
      fromPort: 22,
      toPort: 22,
      cidrIpv4: '0.0.0.0/0',
      cidrIpv6: null,
      prefixListId: null,
      referencedGroupId: null,
      description: null,
    });
    assert.equal(web?.rules[2]?.referencedGroupId, 'sg-b');
    assert.deepEqual(empty, { groupId: 'sg-b', groupName: 'empty', vpcId: null, rules: [] });
    assert.deepEqual(out.networkInterfaces, {
      ok: true,
      value: [
        { networkInterfaceId: 'eni-1', groupIds: ['sg-a'], publicIp: '203.0.113.7', vpcId: null, interfaceType: null, requesterId: null },
        { networkInterfaceId: 'eni-2', groupIds: [], publicIp: null, vpcId: null, interfaceType: null, requesterId: null },
      ],
    });
    assert.ok(out.instances.ok);
    assert.deepEqual(out.instances.value[0]?.metadataOptions, { httpTokens: 'optional', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 });
    assert.equal(out.instances.value[0]?.iamInstanceProfileArn, 'arn:aws:iam::111111111111:instance-profile/app');
    assert.deepEqual(out.instances.value[1], {
      instanceId: 'i-2',
      state: 'stopped',
      vpcId: null,
      publicIp: null,
      iamInstanceProfileArn: null,
      keyName: null,
      securityGroupIds: [],
      metadataOptions: null,
    });
    assert.deepEqual(out.vpcs, { ok: true, value: [{ vpcId: 'vpc-1', isDefault: true, cidrBlock: '172.31.0.0/16' }] });
    assert.deepEqual(out.flowLogs, {
      ok: true,
      value: [{ flowLogId: 'fl-1', resourceId: 'vpc-1', trafficType: 'REJECT', status: 'ACTIVE', destinationType: 's3' }],
    });

    // terminated instances are filtered server-side; pages are as large as the API allows
    const firstInstancesCall = ec2.commandCalls(DescribeInstancesCommand)[0]?.args[0].input;
    assert.deepEqual(firstInstancesCall?.Filters, [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }]);
    assert.equal(firstInstancesCall?.MaxResults, 1000);
    assert.equal(ec2.commandCalls(DescribeSecurityGroupRulesCommand).length, 2);
  });

  it('reads every launch template with its $Default and $Latest versions in one batch, following pagination', async () => {
    emptyRegion();
    ec2.on(DescribeLaunchTemplatesCommand).resolves({
      LaunchTemplates: [{ LaunchTemplateId: 'lt-a', LaunchTemplateName: 'web', DefaultVersionNumber: 1, LatestVersionNumber: 3 }],
      NextToken: 't2',
    });
    ec2.on(DescribeLaunchTemplatesCommand, { NextToken: 't2' }).resolves({
      LaunchTemplates: [
        { LaunchTemplateId: 'lt-b', LaunchTemplateName: 'batch', DefaultVersionNumber: 2, LatestVersionNumber: 2 },
        { LaunchTemplateId: 'lt-c', LaunchTemplateName: 'bare', DefaultVersionNumber: 1, LatestVersionNumber: 1 },
      ],
    });
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
      LaunchTemplateVersions: [
        { LaunchTemplateId: 'lt-a', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } } },
        { LaunchTemplateId: 'lt-a', VersionNumber: 3, DefaultVersion: false, LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } } },
        // $Default and $Latest are the same version: AWS may list it twice
        { LaunchTemplateId: 'lt-b', VersionNumber: 2, DefaultVersion: true, LaunchTemplateData: { MetadataOptions: { HttpEndpoint: 'disabled' } } },
      ],
      NextToken: 'v2',
    });
    ec2.on(DescribeLaunchTemplateVersionsCommand, { NextToken: 'v2' }).resolves({
      LaunchTemplateVersions: [
        { LaunchTemplateId: 'lt-b', VersionNumber: 2, DefaultVersion: true, LaunchTemplateData: { MetadataOptions: { HttpEndpoint: 'disabled' } } },
        { LaunchTemplateId: 'lt-c', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { ImageId: 'ami-1' } },
        // a template created after the listing is left out
        { LaunchTemplateId: 'lt-new', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: {} },
      ],
    });
    const out = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.deepEqual(out.launchTemplates, {
      ok: true,
      value: [
        {
          launchTemplateId: 'lt-a',
          launchTemplateName: 'web',
          versions: [
            { versionNumber: 1, isDefault: true, isLatest: false, metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled' } },
            { versionNumber: 3, isDefault: false, isLatest: true, metadataOptions: { httpTokens: 'required', httpEndpoint: null } },
          ],
        },
        {
          launchTemplateId: 'lt-b',
          launchTemplateName: 'batch',
          versions: [{ versionNumber: 2, isDefault: true, isLatest: true, metadataOptions: { httpTokens: null, httpEndpoint: 'disabled' } }],
        },
        // no MetadataOptions in the version: recorded as null, not as a guessed "optional"
        { launchTemplateId: 'lt-c', launchTemplateName: 'bare', versions: [{ versionNumber: 1, isDefault: true, isLatest: true, metadataOptions: null }] },
      ],
    });
    assert.equal(ec2.commandCalls(DescribeLaunchTemplatesCommand).length, 2);
    const versionCalls = ec2.commandCalls(DescribeLaunchTemplateVersionsCommand);
    assert.equal(versionCalls.length, 2, 'one batch for all templates (two pages), not one call per template');
    const input = versionCalls[0]?.args[0].input;
    assert.deepEqual(input?.Versions, ['$Default', '$Latest']);
    assert.equal(input?.LaunchTemplateId, undefined);
    assert.equal(input?.MaxResults, 200);
  });

  it('records a denied launch-template read under the operation that was refused', async () => {
    emptyRegion();
    ec2.on(DescribeLaunchTemplatesCommand).rejects(denied());
    let out = assertSlice('ec2', await ec2Collector.collect(testContext('eu-north-1')));
    assert.ok(!out.launchTemplates.ok);
    assert.deepEqual([out.launchTemplates.error.code, out.launchTemplates.error.operation, out.launchTemplates.error.region], [
      'AccessDenied',
      'ec2:DescribeLaunchTemplates',
      'eu-north-1',
    ]);

    ec2.reset();
    emptyRegion();
    ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateId: 'lt-a', LaunchTemplateName: 'web', DefaultVersionNumber: 1, LatestVersionNumber: 1 }] });
    ec2.on(DescribeLaunchTemplateVersionsCommand).rejects(denied());
    out = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.ok(!out.launchTemplates.ok);
    assert.equal(out.launchTemplates.error.operation, 'ec2:DescribeLaunchTemplateVersions');
    assert.deepEqual(out.instances, { ok: true, value: [] });
  });

  it('resolves each prefix list an ingress rule references, once, following pagination; a denied list is its own error', async () => {
    emptyRegion();
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-a', GroupName: 'a' }] });
    const rule = (id: string, prefixListId: string, isEgress = false) => ({
      SecurityGroupRuleId: id,
      GroupId: 'sg-a',
      IsEgress: isEgress,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      PrefixListId: prefixListId,
    });
    ec2.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [rule('sgr-1', 'pl-b'), rule('sgr-2', 'pl-a'), rule('sgr-3', 'pl-a'), rule('sgr-4', 'pl-egress', true), rule('sgr-5', 'pl-locked')],
    });
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-a' }).resolves({ Entries: [{ Cidr: '10.0.0.0/8' }], NextToken: 'e2' });
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-a', NextToken: 'e2' }).resolves({ Entries: [{ Cidr: '0.0.0.0/0', Description: 'anyone' }] });
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-b' }).resolves({ Entries: [] });
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-locked' }).rejects(denied());
    const out = assertSlice('ec2', await ec2Collector.collect(testContext('ap-south-1')));
    assert.ok(out.prefixLists.ok);
    assert.deepEqual(out.prefixLists.value.map((l) => l.prefixListId), ['pl-a', 'pl-b', 'pl-locked']);
    assert.deepEqual(out.prefixLists.value[0]?.cidrs, { ok: true, value: ['10.0.0.0/8', '0.0.0.0/0'] });
    assert.deepEqual(out.prefixLists.value[1]?.cidrs, { ok: true, value: [] });
    const locked = out.prefixLists.value[2]?.cidrs;
    assert.ok(locked && !locked.ok);
    assert.deepEqual([locked.error.code, locked.error.operation, locked.error.region], ['AccessDenied', 'ec2:GetManagedPrefixListEntries', 'ap-south-1']);
    // pl-a twice in the rules, one read (two pages); the egress-only list is not read
    const calls = ec2.commandCalls(GetManagedPrefixListEntriesCommand).map((c) => c.args[0].input.PrefixListId);
    assert.deepEqual(calls.sort(), ['pl-a', 'pl-a', 'pl-b', 'pl-locked']);
    assert.equal(ec2.commandCalls(GetManagedPrefixListEntriesCommand)[0]?.args[0].input.MaxResults, 100);
  });

  it('records the rules error as the prefix lists error when the rules could not be read', async () => {
    emptyRegion();
    ec2.on(DescribeSecurityGroupRulesCommand).rejects(denied());
    const out = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.ok(!out.securityGroups.ok && !out.prefixLists.ok);
    assert.deepEqual(out.prefixLists.error, out.securityGroups.error);
    assert.equal(out.prefixLists.error.operation, 'ec2:DescribeSecurityGroupRules');
    assert.equal(ec2.commandCalls(GetManagedPrefixListEntriesCommand).length, 0);
  });

  it('maps an empty Region to empty lists', async () => {
    emptyRegion();
    const out = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.deepEqual(out, {
      ebsEncryptionByDefault: { ok: true, value: false },
      securityGroups: { ok: true, value: [] },
      networkInterfaces: { ok: true, value: [] },
      instances: { ok: true, value: [] },
      launchTemplates: { ok: true, value: [] },
      prefixLists: { ok: true, value: [] },
      vpcs: { ok: true, value: [] },
      flowLogs: { ok: true, value: [] },
      instanceMetadataDefaults: { ok: true, value: null },
      instanceConnectEndpoints: { ok: true, value: [] },
      networkAcls: { ok: true, value: [] },
      subnets: { ok: true, value: [] },
      routeTables: { ok: true, value: [] },
    });
    // one call per field; no template means no DescribeLaunchTemplateVersions, no prefix-list rule no entries call
    assert.equal(ec2.calls().length, 13);
    assert.equal(ec2.commandCalls(DescribeLaunchTemplateVersionsCommand).length, 0);
    assert.equal(ec2.commandCalls(GetManagedPrefixListEntriesCommand).length, 0);
  });

  it('records a denied rules call on the security groups under the rules operation, and collects the rest', async () => {
    emptyRegion();
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-a', GroupName: 'web' }] });
    ec2.on(DescribeSecurityGroupRulesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    ec2.on(GetEbsEncryptionByDefaultCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const out = assertSlice('ec2', await ec2Collector.collect(testContext('ap-south-1')));
    assert.equal(out.securityGroups.ok, false);
    assert.ok(!out.securityGroups.ok);
    assert.equal(out.securityGroups.error.code, 'AccessDenied');
    assert.equal(out.securityGroups.error.operation, 'ec2:DescribeSecurityGroupRules');
    assert.equal(out.securityGroups.error.region, 'ap-south-1');
    assert.ok(!out.ebsEncryptionByDefault.ok);
    assert.equal(out.ebsEncryptionByDefault.error.operation, 'ec2:GetEbsEncryptionByDefault');
    assert.deepEqual(out.instances, { ok: true, value: [] });
    assert.deepEqual(out.vpcs, { ok: true, value: [] });
  });

  it('records an endpoint without the operation (HTML 500) as Unsupported', async () => {
    emptyRegion();
    ec2.on(DescribeFlowLogsCommand).rejects(htmlServerError());
    const out = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.ok(!out.flowLogs.ok);
    assert.equal(out.flowLogs.error.code, 'Unsupported');
    assert.equal(out.flowLogs.error.operation, 'ec2:DescribeFlowLogs');
    assert.doesNotMatch(out.flowLogs.error.message, /<html/);
  });

  it('records a response missing a required field as ParseError instead of guessing', async () => {
    emptyRegion();
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({});
    const out = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.ok(!out.vpcs.ok);
    assert.equal(out.vpcs.error.code, 'ParseError');
    assert.match(out.vpcs.error.message, /IsDefault/);
    assert.ok(!out.ebsEncryptionByDefault.ok);
    assert.equal(out.ebsEncryptionByDefault.error.code, 'ParseError');
  });

  it('declares every operation it calls', () => {
    assert.deepEqual([...ec2Collector.operations].sort(), [
      'ec2:DescribeFlowLogs',
      'ec2:DescribeInstanceConnectEndpoints',
      'ec2:DescribeInstances',
      'ec2:DescribeLaunchTemplateVersions',
      'ec2:DescribeLaunchTemplates',
      'ec2:DescribeNetworkAcls',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSecurityGroupRules',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeSubnets',
      'ec2:DescribeVpcs',
      'ec2:GetEbsEncryptionByDefault',
      'ec2:GetInstanceMetadataDefaults',
      'ec2:GetManagedPrefixListEntries',
    ]);
  });

  // --- cat-threat ---
  it('reads the account-level IMDS defaults, and an HTML 404/500 answer (an endpoint without the call) as an error', async () => {
    emptyRegion();
    ec2.on(GetInstanceMetadataDefaultsCommand).resolves({ AccountLevel: { HttpTokens: 'required', HttpPutResponseHopLimit: 2, ManagedBy: 'account' } });
    const set = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.deepEqual(set.instanceMetadataDefaults, {
      ok: true,
      value: { httpTokens: 'required', httpPutResponseHopLimit: 2, httpEndpoint: null, instanceMetadataTags: null, managedBy: 'account' },
    });
    for (const status of [404, 500]) {
      ec2.reset();
      emptyRegion();
      const page = Object.assign(new Error(`Deserialization error: <html><body>${status}</body></html>`), { $metadata: { httpStatusCode: status } });
      ec2.on(GetInstanceMetadataDefaultsCommand).rejects(status === 500 ? htmlServerError() : page);
      const out = assertSlice('ec2', await ec2Collector.collect(testContext()));
      assert.ok(!out.instanceMetadataDefaults.ok, `HTTP ${status} must not read as "no default"`);
      assert.equal(out.instanceMetadataDefaults.error.code, 'Unsupported');
      assert.equal(out.instanceMetadataDefaults.error.operation, 'ec2:GetInstanceMetadataDefaults');
    }
  });

  it('lists Instance Connect Endpoints across pages, and records a denied listing', async () => {
    emptyRegion();
    ec2.on(DescribeInstanceConnectEndpointsCommand).resolves({
      InstanceConnectEndpoints: [{ InstanceConnectEndpointId: 'eice-1', VpcId: 'vpc-1', State: 'create-complete', SecurityGroupIds: ['sg-e'] }],
      NextToken: 'p2',
    });
    ec2.on(DescribeInstanceConnectEndpointsCommand, { NextToken: 'p2' }).resolves({ InstanceConnectEndpoints: [{ InstanceConnectEndpointId: 'eice-2' }] });
    const out = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.deepEqual(out.instanceConnectEndpoints, {
      ok: true,
      value: [
        { endpointId: 'eice-1', vpcId: 'vpc-1', state: 'create-complete', securityGroupIds: ['sg-e'] },
        { endpointId: 'eice-2', vpcId: null, state: null, securityGroupIds: [] },
      ],
    });
    ec2.reset();
    emptyRegion();
    ec2.on(DescribeInstanceConnectEndpointsCommand).rejects(denied());
    const refused = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.ok(!refused.instanceConnectEndpoints.ok);
    assert.equal(refused.instanceConnectEndpoints.error.code, 'AccessDenied');
    assert.deepEqual(refused.instances, { ok: true, value: [] });
  });

  // --- cat-network ---
  it('reads network ACLs, subnets and route tables across pages, and ELB-owned ENIs with their VPC', async () => {
    emptyRegion();
    ec2.on(DescribeNetworkInterfacesCommand).resolves({
      NetworkInterfaces: [
        { NetworkInterfaceId: 'eni-lb', VpcId: 'vpc-1', InterfaceType: 'interface', RequesterId: 'amazon-elb', Groups: [{ GroupId: 'sg-lb' }], Association: { PublicIp: '198.51.100.1' } },
      ],
    });
    ec2.on(DescribeNetworkAclsCommand).resolves({
      NetworkAcls: [
        {
          NetworkAclId: 'acl-1',
          VpcId: 'vpc-1',
          IsDefault: true,
          Entries: [
            { RuleNumber: 100, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 } },
            { RuleNumber: 32767, Egress: false, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' },
          ],
          Associations: [{ SubnetId: 'subnet-1' }],
        },
      ],
      NextToken: 'a2',
    });
    ec2.on(DescribeNetworkAclsCommand, { NextToken: 'a2' }).resolves({ NetworkAcls: [{ NetworkAclId: 'acl-2', VpcId: 'vpc-2', IsDefault: false, Entries: [] }] });
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', AvailabilityZone: 'eu-west-1a', MapPublicIpOnLaunch: true, DefaultForAz: false }],
      NextToken: 's2',
    });
    ec2.on(DescribeSubnetsCommand, { NextToken: 's2' }).resolves({ Subnets: [{ SubnetId: 'subnet-2', VpcId: 'vpc-1', MapPublicIpOnLaunch: false, DefaultForAz: true }] });
    ec2.on(DescribeRouteTablesCommand).resolves({
      RouteTables: [
        {
          RouteTableId: 'rtb-1',
          VpcId: 'vpc-1',
          Associations: [{ Main: true }, { Main: false, SubnetId: 'subnet-1' }],
          Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }, { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active' }],
        },
      ],
      NextToken: 't2',
    });
    ec2.on(DescribeRouteTablesCommand, { NextToken: 't2' }).resolves({ RouteTables: [{ RouteTableId: 'rtb-2', VpcId: 'vpc-1', Routes: [{ DestinationIpv6CidrBlock: '::/0', NatGatewayId: 'nat-1' }] }] });
    const out = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.deepEqual(out.networkInterfaces, {
      ok: true,
      value: [{ networkInterfaceId: 'eni-lb', groupIds: ['sg-lb'], publicIp: '198.51.100.1', vpcId: 'vpc-1', interfaceType: 'interface', requesterId: 'amazon-elb' }],
    });
    assert.ok(out.networkAcls.ok);
    assert.deepEqual(out.networkAcls.value.map((a) => a.networkAclId), ['acl-1', 'acl-2']);
    assert.deepEqual(out.networkAcls.value[0]?.entries[0], { ruleNumber: 100, egress: false, protocol: '6', ruleAction: 'allow', cidrBlock: '0.0.0.0/0', ipv6CidrBlock: null, portRange: { from: 22, to: 22 } });
    assert.equal(out.networkAcls.value[0]?.entries[1]?.portRange, null);
    assert.deepEqual(out.networkAcls.value[0]?.subnetIds, ['subnet-1']);
    assert.ok(out.subnets.ok);
    assert.deepEqual(out.subnets.value[1], { subnetId: 'subnet-2', vpcId: 'vpc-1', cidrBlock: null, availabilityZone: null, mapPublicIpOnLaunch: false, defaultForAz: true });
    assert.ok(out.routeTables.ok);
    assert.deepEqual(out.routeTables.value[0], {
      routeTableId: 'rtb-1',
      vpcId: 'vpc-1',
      main: true,
      subnetIds: ['subnet-1'],
      routes: [
        { destinationCidrBlock: '10.0.0.0/16', destinationIpv6CidrBlock: null, gatewayId: 'local', natGatewayId: null, state: 'active' },
        { destinationCidrBlock: '0.0.0.0/0', destinationIpv6CidrBlock: null, gatewayId: 'igw-1', natGatewayId: null, state: 'active' },
      ],
    });
    assert.equal(out.routeTables.value[1]?.main, false);
    assert.equal(out.routeTables.value[1]?.routes[0]?.natGatewayId, 'nat-1');
  });

  it('records a denied network-ACL call and a subnet without MapPublicIpOnLaunch as errors, keeping the route tables', async () => {
    emptyRegion();
    ec2.on(DescribeNetworkAclsCommand).rejects(denied());
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1', DefaultForAz: false }] });
    const out = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.ok(!out.networkAcls.ok);
    assert.equal(out.networkAcls.error.code, 'AccessDenied');
    assert.equal(out.networkAcls.error.operation, 'ec2:DescribeNetworkAcls');
    assert.ok(!out.subnets.ok);
    assert.equal(out.subnets.error.code, 'ParseError');
    assert.match(out.subnets.error.message, /MapPublicIpOnLaunch/);
    assert.deepEqual(out.routeTables, { ok: true, value: [] });
  });
});
