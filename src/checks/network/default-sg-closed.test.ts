import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { SecurityGroup } from '../../services/ec2/schema.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './default-sg-closed.ts';

const rule = (id: string, isEgress: boolean) => ({
  ruleId: id,
  isEgress,
  ipProtocol: '-1',
  fromPort: -1,
  toPort: -1,
  cidrIpv4: isEgress ? '0.0.0.0/0' : null,
  cidrIpv6: null,
  prefixListId: null,
  referencedGroupId: isEgress ? null : 'sg-def',
  description: null,
});
const group = (groupId: string, rules: SecurityGroup['rules'], groupName = 'default'): SecurityGroup => ({ groupId, groupName, vpcId: 'vpc-1', rules });

testCheck(check, {
  pass: [
    {
      name: 'default group emptied; other groups may have rules',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('ec2.securityGroups', [group('sg-def', []), group('sg-app', [rule('sgr-1', false)], 'app')])),
      ),
      resources: ['sg-def'],
    },
  ],
  fail: [
    {
      name: 'the stock default group (self-referencing ingress, all egress) with an ENI still using it',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r
            .set('ec2.securityGroups', [group('sg-def', [rule('sgr-in', false), rule('sgr-out', true)])])
            .set('ec2.networkInterfaces', [{ networkInterfaceId: 'eni-1', groupIds: ['sg-def'], publicIp: null, vpcId: 'vpc-1', interfaceType: 'interface', requesterId: null }]),
        ),
      ),
      resources: ['sg-def'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.deepEqual(f?.evidence?.attachedInterfaces, ['eni-1']);
        assert.match(f?.message ?? '', /1 ingress and 1 egress.*eni-1/);
        assert.equal(
          remediationOf(check, f).cli,
          'aws ec2 revoke-security-group-ingress --group-id sg-def --security-group-rule-ids sgr-in --region eu-west-1 && aws ec2 revoke-security-group-egress --group-id sg-def --security-group-rule-ids sgr-out --region eu-west-1',
        );
      },
    },
    {
      name: 'egress only, ENI list unreadable: still a fail (the rules are known)',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('ec2.securityGroups', [group('sg-def', [rule('sgr-out', true)])]).fail('ec2.networkInterfaces', 'AccessDenied', 'ec2:DescribeNetworkInterfaces'),
        ),
      ),
      resources: ['sg-def'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.match(f?.message ?? '', /could not be read \(AccessDenied/);
        assert.equal(remediationOf(check, f).cli, 'aws ec2 revoke-security-group-egress --group-id sg-def --security-group-rule-ids sgr-out --region us-east-1');
      },
    },
  ],
  error: [
    {
      name: 'security groups unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ec2.securityGroups', 'AccessDenied', 'ec2:DescribeSecurityGroups'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [{ name: 'no VPC, so no default group', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
