import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './default-vpc-unused.ts';

const eni = (id: string, vpcId: string) => ({ networkInterfaceId: id, groupIds: [], publicIp: null, vpcId, interfaceType: 'interface', requesterId: null });

testCheck(check, {
  pass: [
    {
      name: 'no default VPC in one Region, a used one in the other',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.vpc('vpc-def', { isDefault: true }).vpc('vpc-app').set('ec2.networkInterfaces', [eni('eni-1', 'vpc-def')])),
      ),
      resources: ['eu-west-1', 'vpc-def'],
    },
  ],
  fail: [
    {
      name: 'a default VPC with no ENI (ENIs elsewhere do not count)',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.vpc('vpc-def', { isDefault: true }).vpc('vpc-app').set('ec2.networkInterfaces', [eni('eni-1', 'vpc-app')]))),
      resources: ['vpc-def'],
      verify: (results) => assert.match(remediationOf(check, results.find((r) => r.status === 'fail')).cli ?? '', /delete-vpc --vpc-id vpc-def --region eu-west-1/),
    },
    {
      name: 'a used default VPC in a Region outside the approved list, even with ENIs unreadable',
      options: { allowedRegions: ['us-east-1'] },
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.vpc('vpc-def', { isDefault: true }).fail('ec2.networkInterfaces', 'AccessDenied', 'ec2:DescribeNetworkInterfaces'))),
      resources: ['vpc-def'],
    },
  ],
  error: [
    {
      name: 'ENIs unreadable in an approved Region: usage unknown',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.vpc('vpc-def', { isDefault: true }).fail('ec2.networkInterfaces', 'Throttled', 'ec2:DescribeNetworkInterfaces'))),
      code: 'Throttled',
      resources: ['vpc-def'],
    },
    {
      name: 'VPCs unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ec2.vpcs', 'AccessDenied', 'ec2:DescribeVpcs'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
});
