import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { managedInstance } from '../../services/ssm/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './ec2-ssm-managed.ts';

testCheck(check, {
  pass: [
    {
      name: 'a running instance Online in SSM; stopped instances are not judged',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.instance('i-1').instance('i-stopped', { state: 'stopped' }).set('ssm.managedInstances', [managedInstance('i-1')]))),
      resources: ['i-1'],
    },
  ],
  fail: [
    {
      name: 'absent from SSM, and ConnectionLost',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) => r.instance('i-none', { iamInstanceProfileArn: null }).instance('i-lost').set('ssm.managedInstances', [managedInstance('i-lost', { pingStatus: 'ConnectionLost' })])),
      ),
      resources: ['i-lost', 'i-none'],
      verify: (results) => assert.match(results.find((r) => r.resource.id === 'i-none')?.message ?? '', /no instance profile/),
    },
  ],
  error: [
    {
      name: 'SSM unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.instance('i-1').fail('ssm.managedInstances', 'Unsupported', 'ssm:DescribeInstanceInformation'))),
      code: 'Unsupported',
      resources: ['us-east-1'],
    },
    {
      name: 'instances unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ec2.instances', 'AccessDenied', 'ec2:DescribeInstances'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [{ name: 'no running instance', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
