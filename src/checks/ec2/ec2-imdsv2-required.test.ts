import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './ec2-imdsv2-required.ts';

testCheck(check, {
  pass: [
    {
      name: 'IMDSv2 required; terminated instances are ignored',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.instance('i-good').instance('i-gone', { state: 'terminated', httpTokens: 'optional' })),
      ),
      resources: ['i-good'],
      verify: (results) => assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable'),
    },
    {
      name: 'metadata endpoint disabled (tokens optional does not matter)',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.instance('i-off', { httpTokens: 'optional', httpEndpoint: 'disabled' }))),
      resources: ['i-off'],
    },
  ],
  fail: [
    {
      name: 'running instance accepts IMDSv1',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.instance('i-v1', { httpTokens: 'optional' }).instance('i-good'))),
      resources: ['i-v1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'i-good')?.status, 'pass'),
    },
    {
      name: 'stopped instances count too',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.instance('i-stopped', { state: 'stopped', httpTokens: 'optional' }))),
      resources: ['i-stopped'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /stopped instance i-stopped/),
    },
  ],
  error: [
    {
      name: 'DescribeInstances denied in one Region',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) => r.fail('ec2.instances', 'AccessDenied', 'ec2:DescribeInstances')).inRegion('us-east-1', (r) => r.instance('i-good')),
      ),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'i-good')?.status, 'pass'),
    },
    {
      name: 'no MetadataOptions returned',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.instance('i-unknown', { metadataOptions: null }))),
      code: 'ParseError',
      resources: ['i-unknown'],
    },
  ],
  notApplicable: [
    { name: 'no instances', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'Region denied by an SCP',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('ec2.instances', 'DeniedByScp', 'ec2:DescribeInstances'))),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
});
