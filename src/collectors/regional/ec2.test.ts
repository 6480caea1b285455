// Unit tests for the EC2 collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ec2Collector } from './ec2.ts';
import { assertSlice, awsError, htmlServerError, testContext } from './test-support.ts';

const ec2 = mockClient(EC2Client);

function emptyRegion(): void {
  ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: false });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  ec2.on(DescribeSecurityGroupRulesCommand).resolves({ SecurityGroupRules: [] });
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
  ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
}

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
        { networkInterfaceId: 'eni-1', groupIds: ['sg-a'], publicIp: '203.0.113.7' },
        { networkInterfaceId: 'eni-2', groupIds: [], publicIp: null },
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

  it('maps an empty Region to empty lists', async () => {
    emptyRegion();
    const out = assertSlice('ec2', await ec2Collector.collect(testContext()));
    assert.deepEqual(out, {
      ebsEncryptionByDefault: { ok: true, value: false },
      securityGroups: { ok: true, value: [] },
      networkInterfaces: { ok: true, value: [] },
      instances: { ok: true, value: [] },
      vpcs: { ok: true, value: [] },
      flowLogs: { ok: true, value: [] },
    });
    assert.equal(ec2.calls().length, 7);
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
      'ec2:DescribeInstances',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSecurityGroupRules',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeVpcs',
      'ec2:GetEbsEncryptionByDefault',
    ]);
  });
});
