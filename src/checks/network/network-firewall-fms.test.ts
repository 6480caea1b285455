import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { RouteTable } from '../../services/ec2/schema.ts';
import { fmsPolicy } from '../../services/network-firewall/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './network-firewall-fms.ts';

const ME = '111111111111';
const REQUIRED = { required: true };
const igwTable = (vpcId: string): RouteTable => ({
  routeTableId: `rtb-${vpcId}`,
  vpcId,
  main: true,
  subnetIds: [],
  routes: [{ destinationCidrBlock: '0.0.0.0/0', destinationIpv6CidrBlock: null, gatewayId: 'igw-1', natGatewayId: null, state: 'active' }],
});
const firewall = (vpcId: string) => ({ name: `fw-${vpcId}`, arn: `arn:aws:network-firewall:us-east-1:${ME}:firewall/fw-${vpcId}`, vpcId });

testCheck(check, {
  pass: [
    {
      name: 'the internet-connected VPC has a firewall; this account is the FMS admin with a compliant WAFV2 policy',
      options: REQUIRED,
      snapshot: singleAccount((a) =>
        a
          .inRegion('us-east-1', (r) =>
            r.vpc('vpc-1').vpc('vpc-2').set('ec2.routeTables', [igwTable('vpc-1')]).set('networkFirewall.firewalls', [firewall('vpc-1')]).set('fms.adminAccount', ME).set('fms.policies', [fmsPolicy('waf', 'WAFV2')]),
          )
          .inRegion('eu-west-1', (r) => r.set('fms.adminAccount', ME)),
      ),
      resources: ['vpc-1', 'waf'],
    },
  ],
  fail: [
    {
      name: 'an internet-connected VPC without firewall; no FMS administrator',
      options: REQUIRED,
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.vpc('vpc-1').set('ec2.routeTables', [igwTable('vpc-1')]))),
      resources: ['vpc-1', ME],
    },
    {
      name: 'FMS admin with only a non-audit policy that has a non-compliant member',
      options: REQUIRED,
      snapshot: singleAccount((a) => a.everyRegion((r) => r.set('fms.adminAccount', ME)).inRegion('us-east-1', (r) => r.set('fms.policies', [fmsPolicy('nfw', 'NETWORK_FIREWALL', ['222222222222'])]))),
      resources: ['nfw', ME],
      verify: (results) => assert.match(results.find((r) => r.resource.id === 'nfw')?.message ?? '', /222222222222/),
    },
  ],
  error: [
    {
      name: 'nothing of the account could be collected (Region list unreadable), even where the option leaves the check off',
      snapshot: singleAccount((a) => a.fail('regions', 'AccessDenied', 'sts:AssumeRole')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
    {
      name: 'firewalls unreadable (emulator without Network Firewall); FMS admin unreadable',
      options: REQUIRED,
      snapshot: singleAccount((a) =>
        a.everyRegion((r) => r.fail('networkFirewall.firewalls', 'Unsupported', 'network-firewall:ListFirewalls').fail('fms.adminAccount', 'Unsupported', 'fms:GetAdminAccount')),
      ),
      code: 'Unsupported',
      resources: ['eu-west-1', 'us-east-1', ME],
    },
  ],
  notApplicable: [
    { name: 'not required (the default)', snapshot: singleAccount(), resources: [ME] },
    {
      name: 'another account is the FMS admin; no VPC routes to an IGW',
      options: REQUIRED,
      snapshot: singleAccount((a) => a.everyRegion((r) => r.set('fms.adminAccount', '999999999999'))),
      resources: ['eu-west-1', 'us-east-1', ME],
    },
  ],
});
