import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './sg-open-admin-ports.ts';

const ANY4 = '0.0.0.0/0';
const ANY6 = '::/0';
const failed = (results: CheckResult[]) => results.filter((r) => r.status === 'fail');

testCheck(check, {
  pass: [
    {
      name: 'web ports open, admin ports only from a private range',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.securityGroup(
            'sg-web',
            [
              { protocol: 'tcp', from: 443, to: 443, cidr: ANY4 },
              { protocol: 'tcp', from: 22, to: 22, cidr: '10.0.0.0/8' },
              { protocol: 'tcp', from: 3389, to: 3389, cidrIpv6: '2001:db8::/32' },
            ],
            { attachedPublicIp: '203.0.113.10' },
          ),
        ),
      ),
      resources: ['us-east-1'],
      verify: (results) => assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable'),
    },
    {
      name: 'a port range that stops just short of 3389, and one starting after 22',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.securityGroup('sg-app', [
            { protocol: 'tcp', from: 3000, to: 3388, cidr: ANY4 },
            { protocol: 'tcp', from: 23, to: 80, cidr: ANY4 },
          ]),
        ),
      ),
      resources: ['us-east-1'],
    },
    {
      name: 'udp 22 is not SSH, and icmp is not an admin port',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.securityGroup('sg-misc', [
            { protocol: 'udp', from: 22, to: 22, cidr: ANY4 },
            { protocol: 'icmp', from: -1, to: -1, cidr: ANY4 },
          ]),
        ),
      ),
      resources: ['us-east-1'],
    },
    {
      name: 'SSH from a prefix list of private ranges only',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-corp', [{ protocol: 'tcp', from: 22, to: 22, prefixListId: 'pl-corp' }], { attachedPublicIp: '203.0.113.10' })
            .prefixList('pl-corp', ['10.0.0.0/8', '192.168.0.0/16', '2001:db8::/32']),
        ),
      ),
      resources: ['us-east-1'],
    },
    {
      name: 'a prefix list holding 0.0.0.0/0 on a non-admin port is not this check\'s business',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.securityGroup('sg-web', [{ protocol: 'tcp', from: 443, to: 443, prefixListId: 'pl-any' }]).prefixList('pl-any', [ANY4])),
      ),
      resources: ['us-east-1'],
    },
    {
      name: 'a prefix-list rule on a non-admin port needs no resolution',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-pl', [{ protocol: 'tcp', from: 443, to: 443, prefixListId: 'pl-123' }]))),
      resources: ['us-east-1'],
    },
  ],
  fail: [
    {
      name: 'SSH open to IPv4 on a group with a public IP: critical',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.securityGroup('sg-ssh', [{ protocol: 'tcp', from: 22, to: 22, cidr: ANY4 }], { attachedPublicIp: '203.0.113.10' })),
      ),
      resources: ['sg-ssh/sgr-ssh0'],
      verify: (results) => {
        const f = failed(results)[0];
        assert.equal(f?.severity, undefined); // the catalog's critical stands
        assert.equal(f?.region, 'us-east-1');
        assert.equal(f?.evidence?.cisAws3, '5.2');
        assert.match(f?.message ?? '', /tcp 22 \(SSH\).*203\.0\.113\.10/);
        assert.equal(remediationOf(check, f).cli, 'aws ec2 revoke-security-group-ingress --group-id sg-ssh --security-group-rule-ids sgr-ssh0 --region us-east-1');
        // eu-west-1 has no security groups; no Region pass in us-east-1 when something failed there
        assert.equal(results.filter((r) => r.status === 'pass').length, 0);
      },
    },
    {
      name: 'SSH open to IPv6 is reported as its own finding (CIS 5.3)',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.securityGroup(
            'sg-dual',
            [
              { protocol: 'tcp', from: 22, to: 22, cidr: ANY4 },
              { protocol: 'tcp', from: 22, to: 22, cidrIpv6: ANY6 },
            ],
            { attachedPublicIp: null },
          ),
        ),
      ),
      resources: ['sg-dual/sgr-dual0', 'sg-dual/sgr-dual1'],
      verify: (results) => {
        const v6 = failed(results).find((r) => r.resource.id === 'sg-dual/sgr-dual1');
        assert.equal(v6?.evidence?.family, 'ipv6');
        assert.equal(v6?.evidence?.cisAws3, '5.3');
        assert.equal(v6?.severity, undefined); // attached (no public IP): catalog severity
      },
    },
    {
      name: 'a wide tcp range covering both 22 and 3389',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-wide', [{ protocol: 'tcp', from: 0, to: 65535, cidr: ANY4 }], { attachedPublicIp: '198.51.100.7' }))),
      resources: ['sg-wide/sgr-wide0'],
      verify: (results) => assert.deepEqual(failed(results)[0]?.evidence?.services, ['tcp 22 (SSH)', 'tcp 3389 (RDP)']),
    },
    {
      name: 'protocol -1 (all traffic) covers SSH and RDP over tcp and udp',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-all', [{ protocol: '-1', from: null, to: null, cidr: ANY4 }], { attachedPublicIp: '198.51.100.8' }))),
      resources: ['sg-all/sgr-all0'],
      verify: (results) => assert.deepEqual(failed(results)[0]?.evidence?.services, ['tcp 22 (SSH)', 'tcp 3389 (RDP)', 'udp 3389 (RDP)']),
    },
    {
      name: 'udp 3389 (RDP over UDP)',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-rdpu', [{ protocol: 'udp', from: 3389, to: 3389, cidr: ANY4 }], { attachedPublicIp: null }))),
      resources: ['sg-rdpu/sgr-rdpu0'],
    },
    {
      name: 'protocol given as number 17 (udp) on 3389',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-u17', [{ protocol: '17', from: 3389, to: 3389, cidr: ANY4 }], { attachedPublicIp: null }))),
      resources: ['sg-u17/sgr-u170'],
      verify: (results) => assert.deepEqual(failed(results)[0]?.evidence?.services, ['udp 3389 (RDP)']),
    },
    {
      name: 'protocol given as number 6 (tcp) with a range ending at 22',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-num', [{ protocol: '6', from: 20, to: 22, cidr: ANY4 }], { attachedPublicIp: null }))),
      resources: ['sg-num/sgr-num0'],
    },
    {
      name: 'group attached to nothing: downgraded to info',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-idle', [{ protocol: 'tcp', from: 3389, to: 3389, cidr: ANY4 }]))),
      resources: ['sg-idle/sgr-idle0'],
      verify: (results) => {
        assert.equal(failed(results)[0]?.severity, 'info');
        assert.match(failed(results)[0]?.message ?? '', /not attached/);
      },
    },
    {
      name: 'ENIs unreadable: attachment unknown, catalog severity kept',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.securityGroup('sg-ssh', [{ protocol: 'tcp', from: 22, to: 22, cidr: ANY4 }]).fail('ec2.networkInterfaces', 'AccessDenied', 'ec2:DescribeNetworkInterfaces'),
        ),
      ),
      resources: ['sg-ssh/sgr-ssh0'],
      verify: (results) => {
        assert.equal(failed(results)[0]?.severity, undefined);
        assert.match(failed(results)[0]?.message ?? '', /could not be read/);
      },
    },
    {
      name: 'SSH from a prefix list that contains 0.0.0.0/0 is open to the internet',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-plssh', [{ protocol: 'tcp', from: 22, to: 22, prefixListId: 'pl-open' }], { attachedPublicIp: '203.0.113.10' })
            .prefixList('pl-open', ['10.0.0.0/8', ANY4]),
        ),
      ),
      resources: ['sg-plssh/sgr-plssh0'],
      verify: (results) => {
        const f = failed(results);
        assert.equal(f.length, 1);
        assert.equal(f[0]?.severity, undefined); // the catalog's critical, as for a CIDR rule
        assert.equal(f[0]?.evidence?.prefixListId, 'pl-open');
        assert.equal(f[0]?.evidence?.family, 'ipv4');
        assert.equal(f[0]?.evidence?.cisAws3, '5.2');
        assert.match(f[0]?.message ?? '', /through prefix list pl-open, which contains 0\.0\.0\.0\/0/);
      },
    },
    {
      name: 'RDP from a prefix list with both ::/0 and 0.0.0.0/0: one finding per address family',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.securityGroup('sg-plrdp', [{ protocol: 'tcp', from: 3389, to: 3389, prefixListId: 'pl-dual' }]).prefixList('pl-dual', [` ${ANY6}`, ANY4]),
        ),
      ),
      resources: ['sg-plrdp/sgr-plrdp0'],
      verify: (results) => {
        assert.deepEqual(failed(results).map((r) => r.evidence?.family).sort(), ['ipv4', 'ipv6']);
        // attached to nothing: info, exactly as for a CIDR rule
        assert.ok(failed(results).every((r) => r.severity === 'info'));
      },
    },
  ],
  error: [
    {
      name: 'SSH from a prefix list whose entries could not be read: error with that cause',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-pl', [{ protocol: 'tcp', from: 22, to: 22, prefixListId: 'pl-locked' }])
            .prefixList('pl-locked', [ANY4])
            .fail('ec2.prefixLists.value.0.cidrs', 'AccessDenied', 'ec2:GetManagedPrefixListEntries'),
        ),
      ),
      code: 'AccessDenied',
      resources: ['sg-pl/sgr-pl0'],
      verify: (results) => {
        const e = results.find((r) => r.status === 'error');
        assert.equal(e?.error?.operation, 'ec2:GetManagedPrefixListEntries');
        assert.match(e?.message ?? '', /pl-locked/);
        assert.equal(results.filter((r) => r.status === 'pass').length, 0);
      },
    },
    {
      name: 'the Region\'s prefix lists unreadable: every admin-port prefix-list rule is an error, CIDR rules still judged',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-pl', [
              { protocol: 'tcp', from: 22, to: 22, prefixListId: 'pl-1' },
              { protocol: 'tcp', from: 443, to: 443, prefixListId: 'pl-2' },
            ])
            .securityGroup('sg-ssh', [{ protocol: 'tcp', from: 22, to: 22, cidr: ANY4 }])
            .fail('ec2.prefixLists', 'Throttled', 'ec2:GetManagedPrefixListEntries'),
        ),
      ),
      code: 'Throttled',
      resources: ['sg-pl/sgr-pl0'],
      verify: (results) => assert.deepEqual(failed(results).map((r) => r.resource.id), ['sg-ssh/sgr-ssh0']),
    },
    {
      name: 'security groups denied in one Region; the other still judged',
      snapshot: singleAccount((a) =>
        a
          .inRegion('eu-west-1', (r) => r.fail('ec2.securityGroups', 'AccessDenied', 'ec2:DescribeSecurityGroupRules'))
          .inRegion('us-east-1', (r) => r.securityGroup('sg-web', [{ protocol: 'tcp', from: 443, to: 443, cidr: ANY4 }])),
      ),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
      verify: (results) => assert.equal(results.find((r) => r.region === 'us-east-1')?.status, 'pass'),
    },
    {
      name: 'SSH from a prefix list whose entries were not collected',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.securityGroup('sg-pl', [
            { protocol: 'tcp', from: 22, to: 22, prefixListId: 'pl-0abc' },
            { protocol: 'tcp', from: 443, to: 443, cidr: ANY4 },
          ]),
        ),
      ),
      code: 'NotCollected',
      resources: ['sg-pl/sgr-pl0'],
      verify: (results) => {
        // no Region-level pass while a rule could not be judged
        assert.equal(results.filter((r) => r.status === 'pass').length, 0);
        assert.match(results.find((r) => r.status === 'error')?.message ?? '', /pl-0abc/);
      },
    },
  ],
  notApplicable: [
    { name: 'no security groups', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('ec2.securityGroups', 'AccessDenied', 'ec2:DescribeSecurityGroupRules'))),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
});
