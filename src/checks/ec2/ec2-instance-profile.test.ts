import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './ec2-instance-profile.ts';

testCheck(check, {
  pass: [
    {
      name: 'instances with profiles; a terminated one without is ignored',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.instance('i-good').instance('i-gone', { state: 'terminated', iamInstanceProfileArn: null }))),
      resources: ['i-good'],
      verify: (r) => assert.equal(r.find((x) => x.region === 'eu-west-1')?.status, 'not_applicable'),
    },
  ],
  fail: [
    {
      name: 'a stopped instance without a profile',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.instance('i-bare', { state: 'stopped', iamInstanceProfileArn: null }).instance('i-good'))),
      resources: ['i-bare'],
      verify: (r) => assert.match(remediationOf(check, r.find((x) => x.status === 'fail')).cli ?? '', /--instance-id i-bare --iam-instance-profile Name=<profile> --region eu-west-1/),
    },
  ],
  error: [
    {
      name: 'DescribeInstances denied in one Region',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ec2.instances', 'AccessDenied', 'ec2:DescribeInstances'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [{ name: 'no instances', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
