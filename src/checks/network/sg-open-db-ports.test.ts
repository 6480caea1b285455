import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './sg-open-db-ports.ts';

const ANY4 = '0.0.0.0/0';
const ANY6 = '::/0';
const failed = (results: CheckResult[]) => results.filter((r) => r.status === 'fail');

testCheck(check, {
  pass: [
    {
      name: 'web ports open, MySQL only from a private range',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.securityGroup('sg-web', [
            { protocol: 'tcp', from: 443, to: 443, cidr: ANY4 },
            { protocol: 'tcp', from: 3306, to: 3306, cidr: '10.0.0.0/8' },
          ]),
        ),
      ),
      resources: ['us-east-1'],
    },
    {
      name: 'a range stopping just short of 1433, and udp 3306',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.securityGroup('sg-app', [
            { protocol: 'tcp', from: 1000, to: 1432, cidr: ANY4 },
            { protocol: 'udp', from: 3306, to: 3306, cidr: ANY4 },
          ]),
        ),
      ),
      resources: ['us-east-1'],
    },
    {
      name: 'a port list narrowed by config leaves 6379 alone',
      options: { ports: ['5432'] },
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-redis', [{ protocol: 'tcp', from: 6379, to: 6379, cidr: ANY4 }]))),
      resources: ['us-east-1'],
    },
  ],
  fail: [
    {
      name: 'MySQL open to IPv4 on a group with a public IP: escalated to critical',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.securityGroup('sg-db', [{ protocol: 'tcp', from: 3306, to: 3306, cidr: ANY4 }], { attachedPublicIp: '203.0.113.10' })),
      ),
      resources: ['sg-db/sgr-db0'],
      verify: (results) => {
        const f = failed(results)[0];
        assert.equal(f?.severity, 'critical');
        assert.deepEqual(f?.evidence?.services, ['tcp 3306 (MySQL/MariaDB/Aurora)']);
        assert.equal(remediationOf(check, f).cli, 'aws ec2 revoke-security-group-ingress --group-id sg-db --security-group-rule-ids sgr-db0 --region us-east-1');
      },
    },
    {
      name: 'PostgreSQL over IPv6 on an attached group without public IP: catalog severity',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) => r.securityGroup('sg-pg', [{ protocol: 'tcp', from: 5432, to: 5432, cidrIpv6: ANY6 }], { attachedPublicIp: null })),
      ),
      resources: ['sg-pg/sgr-pg0'],
      verify: (results) => {
        assert.equal(failed(results)[0]?.severity, undefined);
        assert.equal(failed(results)[0]?.evidence?.family, 'ipv6');
      },
    },
    {
      name: 'a wide range overlapping several data ports, on an idle group: info',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-wide', [{ protocol: 'tcp', from: 9000, to: 9300, cidr: ANY4 }]))),
      resources: ['sg-wide/sgr-wide0'],
      verify: (results) => {
        assert.deepEqual(failed(results)[0]?.evidence?.services, ['tcp 9200 (OpenSearch)', 'tcp 9300 (OpenSearch)', 'tcp 9042 (Cassandra)', 'tcp 9160 (Cassandra)', 'tcp 9092 (Kafka)']);
        assert.equal(failed(results)[0]?.severity, 'info');
      },
    },
    {
      name: 'Redis through a prefix list holding 0.0.0.0/0',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.securityGroup('sg-pl', [{ protocol: 'tcp', from: 6379, to: 6379, prefixListId: 'pl-open' }]).prefixList('pl-open', [ANY4])),
      ),
      resources: ['sg-pl/sgr-pl0'],
    },
    {
      name: 'a configured extra port (tcp 8086)',
      options: { ports: ['8086'] },
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-influx', [{ protocol: 'tcp', from: 8086, to: 8086, cidr: ANY4 }]))),
      resources: ['sg-influx/sgr-influx0'],
    },
  ],
  error: [
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
      name: 'MySQL from a prefix list whose entries could not be read',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-pl', [{ protocol: 'tcp', from: 3306, to: 3306, prefixListId: 'pl-locked' }])
            .prefixList('pl-locked', [ANY4])
            .fail('ec2.prefixLists.value.0.cidrs', 'AccessDenied', 'ec2:GetManagedPrefixListEntries'),
        ),
      ),
      code: 'AccessDenied',
      resources: ['sg-pl/sgr-pl0'],
    },
  ],
  notApplicable: [{ name: 'no security groups', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});

// option validation is part of the check's contract
assert.deepEqual(check.optionProblems?.({ ports: ['3306', '99999', 'abc'] }), [
  'ports: "99999" is not a port or port range (e.g. 3306 or 1433-1434)',
  'ports: "abc" is not a port or port range (e.g. 3306 or 1433-1434)',
]);
