import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './vpc-flow-logs.ts';

const flowLog = (resourceId: string, trafficType: string, status = 'ACTIVE') => ({ flowLogId: `fl-${trafficType}`, resourceId, trafficType, status, destinationType: 's3' });

testCheck(check, {
  pass: [
    {
      name: 'a VPC with an active ALL flow log, another with REJECT',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.vpc('vpc-1').set('ec2.vpcs', [{ vpcId: 'vpc-1', isDefault: false, cidrBlock: null }, { vpcId: 'vpc-2', isDefault: true, cidrBlock: null }]).set('ec2.flowLogs', [flowLog('vpc-1', 'ALL'), flowLog('vpc-2', 'REJECT')])),
      ),
      resources: ['vpc-1', 'vpc-2'],
    },
  ],
  fail: [
    {
      name: 'a VPC without flow logs next to one with; the other Region passes',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.vpc('vpc-1').vpc('vpc-2', { flowLogs: false })).inRegion('eu-west-1', (r) => r.vpc('vpc-3'))),
      resources: ['vpc-2'],
      verify: (results) => {
        assert.equal(results.find((r) => r.resource.id === 'vpc-1')?.status, 'pass');
        assert.match(results.find((r) => r.resource.id === 'vpc-2')?.message ?? '', /has no flow log/);
      },
    },
    {
      name: 'ACCEPT-only and failed flow logs do not count',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('ec2.vpcs', [{ vpcId: 'vpc-1', isDefault: false, cidrBlock: null }]).set('ec2.flowLogs', [flowLog('vpc-1', 'ACCEPT'), flowLog('vpc-1', 'ALL', 'FAILED')])),
      ),
      resources: ['vpc-1'],
      verify: (results) => assert.match(results.find((r) => r.resource.id === 'vpc-1')?.message ?? '', /none is ACTIVE/),
    },
  ],
  error: [
    {
      name: 'flow logs unreadable in a Region with VPCs',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.vpc('vpc-3').fail('ec2.flowLogs', 'AccessDenied', 'ec2:DescribeFlowLogs'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [
    { name: 'no VPC at all', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'VPC listing refused in a Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('ec2.vpcs', 'AccessDenied', 'ec2:DescribeVpcs'))),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
});
