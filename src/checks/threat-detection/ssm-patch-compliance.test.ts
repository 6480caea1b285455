import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { managedInstance, patchCompliance } from '../../services/ssm/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './ssm-patch-compliance.ts';

testCheck(check, {
  pass: [
    {
      name: 'a managed, compliant instance',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.instance('i-1').set('ssm.managedInstances', [managedInstance('i-1')]).set('ssm.patchCompliance', [patchCompliance('i-1')])),
      ),
      resources: ['i-1'],
    },
  ],
  fail: [
    {
      name: 'a non-compliant instance and a non-compliant hybrid node',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r
            .set('ssm.managedInstances', [managedInstance('i-2'), managedInstance('mi-0123456789abcdef0')])
            .set('ssm.patchCompliance', [patchCompliance('i-2', { status: 'NON_COMPLIANT' }), patchCompliance('mi-0123456789abcdef0', { status: 'NON_COMPLIANT' })]),
        ),
      ),
      resources: ['i-2', 'mi-0123456789abcdef0'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /3 missing/),
    },
  ],
  error: [
    {
      name: 'SSM unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.instance('i-1').fail('ssm.managedInstances', 'AccessDenied', 'ssm:DescribeInstanceInformation'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
    {
      name: 'an instance SSM does not manage, and a managed one with no compliance data',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.instance('i-unmanaged').instance('i-new').set('ssm.managedInstances', [managedInstance('i-new')]))),
      code: 'NotCollected',
      resources: ['i-new', 'i-unmanaged'],
    },
  ],
  notApplicable: [{ name: 'no instances', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
