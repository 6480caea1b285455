import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './sg-open-all-ports.ts';

const ANY4 = '0.0.0.0/0';
const ANY6 = '::/0';
const failed = (results: CheckResult[]) => results.filter((r) => r.status === 'fail');

testCheck(check, {
  pass: [
    {
      name: 'single ports and a large range that is not every port',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.securityGroup('sg-web', [
            { protocol: 'tcp', from: 443, to: 443, cidr: ANY4 },
            { protocol: 'tcp', from: 1, to: 65535, cidr: ANY4 },
            { protocol: '-1', from: null, to: null, cidr: '10.0.0.0/8' },
          ]),
        ),
      ),
      resources: ['us-east-1'],
    },
  ],
  fail: [
    {
      name: 'protocol -1 from 0.0.0.0/0 on a group with a public IP',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-all', [{ protocol: '-1', from: -1, to: -1, cidr: ANY4 }], { attachedPublicIp: '198.51.100.8' }))),
      resources: ['sg-all/sgr-all0'],
      verify: (results) => {
        assert.equal(failed(results)[0]?.severity, undefined);
        assert.equal(failed(results)[0]?.evidence?.cisAws3, '5.2');
      },
    },
    {
      name: 'udp 0-65535 from ::/0',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.securityGroup('sg-udp', [{ protocol: 'udp', from: 0, to: 65535, cidrIpv6: ANY6 }], { attachedPublicIp: null }))),
      resources: ['sg-udp/sgr-udp0'],
      verify: (results) => assert.equal(failed(results)[0]?.evidence?.cisAws3, '5.3'),
    },
  ],
  error: [
    {
      name: 'security groups unreadable',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('ec2.securityGroups', 'Throttled', 'ec2:DescribeSecurityGroups'))),
      code: 'Throttled',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'no security groups', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
