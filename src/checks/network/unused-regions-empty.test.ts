import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './unused-regions-empty.ts';
import { httpApi } from '../../services/edge/fixtures.ts';

const APPROVED = { allowedRegions: ['us-east-1'] };

testCheck(check, {
  pass: [
    {
      name: 'the unapproved Region holds only default artefacts (default VPC and its group)',
      options: APPROVED,
      snapshot: singleAccount((a) =>
        a
          .inRegion('eu-west-1', (r) => r.vpc('vpc-def', { isDefault: true }).securityGroup('sg-def', [], { name: 'default' }))
          .inRegion('us-east-1', (r) => r.instance('i-1').vpc('vpc-app')),
      ),
      resources: ['eu-west-1'],
      verify: (results) => {
        assert.equal(results.find((r) => r.region === 'us-east-1')?.status, 'not_applicable');
        assert.ok((results.find((r) => r.status === 'pass')?.evidence?.enumerated as string[]).includes('EC2 instances'));
      },
    },
  ],
  fail: [
    {
      name: 'an instance and a customer key in the unapproved Region',
      options: APPROVED,
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.instance('i-miner').kmsKey('k-1').kmsKey('k-aws', { keyManager: 'AWS', rotation: null }),
        ),
      ),
      resources: ['eu-west-1'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.deepEqual(f?.evidence?.found, { 'EC2 instances': ['i-miner'], 'customer-managed KMS keys': ['k-1'] });
      },
    },
    {
      name: 'an HTTP API in the unapproved Region',
      options: APPROVED,
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('edge.httpApis', [httpApi('h1')]))),
      resources: ['eu-west-1'],
      verify: (results) => assert.deepEqual(results.find((r) => r.status === 'fail')?.evidence?.found, { 'API Gateway HTTP/WebSocket APIs': ['h1'] }),
    },
    {
      name: 'a resource found is a fail even when another kind is unreadable',
      options: APPROVED,
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.vpc('vpc-x').fail('ec2.instances', 'AccessDenied', 'ec2:DescribeInstances'))),
      resources: ['eu-west-1'],
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
      name: 'nothing found, but instances unreadable: no pass',
      options: APPROVED,
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('ec2.instances', 'AccessDenied', 'ec2:DescribeInstances'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'no approved list configured', snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.instance('i-1'))), resources: ['eu-west-1', 'us-east-1'] }],
});
