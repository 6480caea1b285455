import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './sg-open-other-ports.ts';

const ANY4 = '0.0.0.0/0';
const ANY6 = '::/0';
const warned = (results: CheckResult[]) => results.filter((r) => r.status === 'warn');

/** An ENI of a load balancer node using the group: internet-facing when it has a public IP. */
const lbNode = (id: string, groupId: string, publicIp: string | null) => ({
  networkInterfaceId: id,
  groupIds: [groupId],
  publicIp,
  vpcId: 'vpc-0a1b2c3d',
  interfaceType: 'interface',
  requesterId: 'amazon-elb',
});

testCheck(check, {
  pass: [
    {
      name: '443 open on a group used only by internet-facing load-balancer nodes; admin/db/all-traffic and icmp left to other checks',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-alb', [
              { protocol: 'tcp', from: 443, to: 443, cidr: ANY4 },
              { protocol: 'tcp', from: 80, to: 80, cidrIpv6: ANY6 },
            ])
            .securityGroup('sg-other', [
              { protocol: 'tcp', from: 22, to: 22, cidr: ANY4 },
              { protocol: 'tcp', from: 3306, to: 3306, cidr: ANY4 },
              { protocol: '-1', cidr: ANY4 },
              { protocol: 'icmp', from: -1, to: -1, cidr: ANY4 },
              { protocol: 'tcp', from: 8080, to: 8080, cidr: '10.0.0.0/8' },
            ])
            .set('ec2.networkInterfaces', [lbNode('eni-a', 'sg-alb', '198.51.100.1'), lbNode('eni-b', 'sg-alb', '198.51.100.2')]),
        ),
      ),
      resources: ['us-east-1'],
    },
    {
      name: '443 on a group listed in the config',
      options: { allowedGroupIds: ['sg-cdn'] },
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-cdn', [{ protocol: 'tcp', from: 443, to: 443, cidr: ANY4 }], { attachedPublicIp: '203.0.113.1' }))),
      resources: ['us-east-1'],
    },
  ],
  fail: [],
  warn: [
    {
      name: '443 open on an instance group: warn, escalated to medium by the public IP',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-web', [{ protocol: 'tcp', from: 443, to: 443, cidr: ANY4 }], { attachedPublicIp: '203.0.113.1' }))),
      resources: ['sg-web/sgr-web0'],
      verify: (results) => assert.equal(warned(results)[0]?.severity, 'medium'),
    },
    {
      name: '443 on a group shared by an internet-facing LB node and an internal LB node (no public IP)',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.securityGroup('sg-lb', [{ protocol: 'tcp', from: 443, to: 443, cidr: ANY4 }]).set('ec2.networkInterfaces', [lbNode('eni-a', 'sg-lb', '198.51.100.1'), lbNode('eni-b', 'sg-lb', null)]),
        ),
      ),
      resources: ['sg-lb/sgr-lb0'],
      verify: (results) => assert.equal(warned(results)[0]?.severity, 'medium'),
    },
    {
      name: 'a non-web port on a listed group still warns; unattached → info',
      options: { allowedGroupIds: ['sg-app'] },
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.securityGroup('sg-app', [{ protocol: 'tcp', from: 8080, to: 8080, cidr: ANY4 }, { protocol: 'tcp', from: 443, to: 443, cidr: ANY4 }]))),
      resources: ['sg-app/sgr-app0'],
      verify: (results) => {
        assert.equal(warned(results)[0]?.severity, 'info');
        assert.match(warned(results)[0]?.message ?? '', /tcp 8080/);
      },
    },
  ],
  error: [
    {
      name: 'security groups unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ec2.securityGroups', 'AccessDenied', 'ec2:DescribeSecurityGroupRules'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
});
