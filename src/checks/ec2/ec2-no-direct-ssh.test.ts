import assert from 'node:assert/strict';
import { singleAccount, type RegionBuilder } from '../../inventory/fixtures.ts';
import { managedInstance } from '../../services/ssm/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './ec2-no-direct-ssh.ts';

/** An instance with a key pair behind one group whose SSH rule is `rule`. */
const keyed = (rule: Record<string, unknown>) => (r: RegionBuilder) =>
  r
    .set('ec2.securityGroups', [
      {
        groupId: 'sg-app',
        groupName: 'app',
        vpcId: 'vpc-0a1b2c3d',
        rules: [{ ruleId: 'sgr-1', isEgress: false, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: null, cidrIpv6: null, prefixListId: null, referencedGroupId: null, description: null, ...rule }],
      },
    ])
    .instance('i-1', { keyName: 'ops-key', securityGroupIds: ['sg-app'] });

testCheck(check, {
  pass: [
    { name: 'no key pair, noted as SSM-managed', snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.instance('i-0').set('ssm.managedInstances', [managedInstance('i-0')]))), resources: ['i-0'], verify: (results) => assert.match(results.find((r) => r.resource.id === 'i-0')?.message ?? '', /SSM managed/) },
    { name: 'SSH from an admin CIDR', snapshot: singleAccount((a) => a.inRegion('us-east-1', keyed({ cidrIpv4: '203.0.113.8/29' }))), options: { adminCidrs: ['203.0.113.0/24'] }, resources: ['i-1'] },
    {
      name: 'SSH from an Instance Connect Endpoint group',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => keyed({ referencedGroupId: 'sg-eice' })(r).set('ec2.instanceConnectEndpoints', [{ endpointId: 'eice-1', vpcId: 'vpc-0a1b2c3d', state: 'create-complete', securityGroupIds: ['sg-eice'] }])),
      ),
      resources: ['i-1'],
    },
  ],
  fail: [
    { name: 'SSH from the internet', snapshot: singleAccount((a) => a.inRegion('eu-west-1', keyed({ cidrIpv4: '0.0.0.0/0' }))), resources: ['i-1'] },
    { name: 'SSH from a range wider than the admin CIDR', snapshot: singleAccount((a) => a.inRegion('eu-west-1', keyed({ cidrIpv4: '203.0.0.0/16' }))), options: { adminCidrs: ['203.0.113.0/24'] }, resources: ['i-1'] },
    { name: 'all traffic from another group', snapshot: singleAccount((a) => a.inRegion('eu-west-1', keyed({ ipProtocol: '-1', fromPort: -1, toPort: -1, referencedGroupId: 'sg-other' }))), resources: ['i-1'] },
  ],
  error: [
    {
      name: 'the source group may be an endpoint whose list is unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => keyed({ referencedGroupId: 'sg-x' })(r).fail('ec2.instanceConnectEndpoints', 'Unsupported', 'ec2:DescribeInstanceConnectEndpoints'))),
      code: 'Unsupported',
      resources: ['i-1'],
    },
    {
      name: 'security groups unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => keyed({ cidrIpv4: '0.0.0.0/0' })(r).fail('ec2.securityGroups', 'AccessDenied', 'ec2:DescribeSecurityGroupRules'))),
      code: 'AccessDenied',
      resources: ['i-1'],
    },
  ],
  notApplicable: [{ name: 'no instances', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
