import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { RouteTable, Subnet } from '../../services/ec2/schema.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './subnet-auto-public-ip.ts';

const subnet = (subnetId: string, mapPublicIpOnLaunch: boolean, o: Partial<Subnet> = {}): Subnet => ({
  subnetId,
  vpcId: 'vpc-1',
  cidrBlock: '10.0.1.0/24',
  availabilityZone: 'us-east-1a',
  mapPublicIpOnLaunch,
  defaultForAz: false,
  ...o,
});
const route = (o: Partial<RouteTable['routes'][number]>) => ({ destinationCidrBlock: null, destinationIpv6CidrBlock: null, gatewayId: null, natGatewayId: null, state: 'active', ...o });
const LOCAL = route({ destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local' });
const mainPrivate: RouteTable = { routeTableId: 'rtb-main', vpcId: 'vpc-1', main: true, subnetIds: [], routes: [LOCAL, route({ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-1' })] };
const publicTable: RouteTable = { routeTableId: 'rtb-pub', vpcId: 'vpc-1', main: false, subnetIds: ['subnet-pub'], routes: [LOCAL, route({ destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-1' })] };

testCheck(check, {
  pass: [
    {
      name: 'a private subnet without auto-assign, and a designated public subnet with it',
      options: { publicSubnetIds: ['subnet-pub'] },
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('ec2.subnets', [subnet('subnet-priv', false), subnet('subnet-pub', true)]).set('ec2.routeTables', [mainPrivate, publicTable])),
      ),
      resources: ['subnet-priv', 'subnet-pub'],
    },
  ],
  fail: [
    {
      name: 'auto-assign on a subnet served by the main (NAT-only) table',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ec2.subnets', [subnet('subnet-odd', true)]).set('ec2.routeTables', [mainPrivate, publicTable]))),
      resources: ['subnet-odd'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.equal(f?.evidence?.routeTableId, 'rtb-main');
        assert.equal(remediationOf(check, f).cli, 'aws ec2 modify-subnet-attribute --subnet-id subnet-odd --no-map-public-ip-on-launch --region us-east-1');
      },
    },
    {
      name: 'an IGW route that is blackholed does not make the subnet public',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('ec2.subnets', [subnet('subnet-bh', true)]).set('ec2.routeTables', [{ ...mainPrivate, routes: [LOCAL, route({ destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-1', state: 'blackhole' })] }]),
        ),
      ),
      resources: ['subnet-bh'],
    },
  ],
  warn: [
    {
      name: 'a default subnet (public, auto-assign) not listed',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) => r.set('ec2.subnets', [subnet('subnet-pub', true, { defaultForAz: true })]).set('ec2.routeTables', [mainPrivate, publicTable])),
      ),
      resources: ['subnet-pub'],
      verify: (results) => assert.match(results.find((r) => r.status === 'warn')?.message ?? '', /default subnet.*igw-1/),
    },
  ],
  error: [
    {
      name: 'route tables unreadable: only the auto-assigning subnet is undecided',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('ec2.subnets', [subnet('subnet-a', true), subnet('subnet-b', false)]).fail('ec2.routeTables', 'AccessDenied', 'ec2:DescribeRouteTables')),
      ),
      code: 'AccessDenied',
      resources: ['subnet-a'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'subnet-b')?.status, 'pass'),
    },
    {
      name: 'subnets unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ec2.subnets', 'AccessDenied', 'ec2:DescribeSubnets'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [{ name: 'no subnets', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
