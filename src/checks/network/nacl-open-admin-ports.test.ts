import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { NetworkAcl, NetworkAclEntry } from '../../services/ec2/schema.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './nacl-open-admin-ports.ts';

const entry = (ruleNumber: number, ruleAction: 'allow' | 'deny', o: Partial<NetworkAclEntry> = {}): NetworkAclEntry => ({
  ruleNumber,
  egress: false,
  protocol: '-1',
  ruleAction,
  cidrBlock: '0.0.0.0/0',
  ipv6CidrBlock: null,
  portRange: null,
  ...o,
});
const acl = (networkAclId: string, entries: NetworkAclEntry[], subnetIds = ['subnet-1']): NetworkAcl => ({ networkAclId, vpcId: 'vpc-1', isDefault: false, entries, subnetIds });
const DEFAULT_DENY = entry(32767, 'deny');

testCheck(check, {
  pass: [
    {
      name: 'a lower-numbered deny for 22 and 3389 before an allow-all; egress allow-all does not count',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('ec2.networkAcls', [
            acl('acl-1', [
              entry(90, 'deny', { protocol: '6', portRange: { from: 22, to: 22 } }),
              entry(91, 'deny', { protocol: '6', portRange: { from: 3389, to: 3389 } }),
              entry(95, 'deny', { protocol: '-1', cidrBlock: null, ipv6CidrBlock: '::/0' }),
              entry(100, 'allow'),
              entry(100, 'allow', { egress: true }),
              DEFAULT_DENY,
            ]),
          ]),
        ),
      ),
      resources: ['acl-1'],
    },
    {
      name: 'only web ports allowed, SSH only from a private range',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('ec2.networkAcls', [
            acl('acl-2', [entry(100, 'allow', { protocol: '6', portRange: { from: 443, to: 443 } }), entry(110, 'allow', { protocol: '6', cidrBlock: '10.0.0.0/8', portRange: { from: 22, to: 22 } }), DEFAULT_DENY]),
          ]),
        ),
      ),
      resources: ['acl-2'],
    },
  ],
  fail: [
    {
      name: 'the stock default ACL (allow all at 100)',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('ec2.networkAcls', [acl('acl-def', [entry(100, 'allow'), entry(101, 'allow', { cidrBlock: null, ipv6CidrBlock: '::/0' }), DEFAULT_DENY])]))),
      resources: ['acl-def'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.equal((f?.evidence?.open as unknown[]).length, 4);
        assert.equal(f?.severity, undefined);
        assert.equal(
          remediationOf(check, f).cli,
          'aws ec2 create-network-acl-entry --network-acl-id acl-def --ingress --rule-number 99 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny --region eu-west-1',
        );
      },
    },
    {
      name: 'a deny placed after the allow does not help; an unassociated ACL is info',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('ec2.networkAcls', [acl('acl-late', [entry(100, 'allow', { protocol: '6', portRange: { from: 3000, to: 4000 } }), entry(200, 'deny', { protocol: '6', portRange: { from: 3389, to: 3389 } }), DEFAULT_DENY], [])]),
        ),
      ),
      resources: ['acl-late'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.equal(f?.severity, 'info');
        assert.match(f?.message ?? '', /tcp 3389 \(RDP\) from 0\.0\.0\.0\/0 \(rule 100\)/);
      },
    },
  ],
  error: [
    {
      name: 'network ACLs unreadable in one Region',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('ec2.networkAcls', 'AccessDenied', 'ec2:DescribeNetworkAcls'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'no network ACLs', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
