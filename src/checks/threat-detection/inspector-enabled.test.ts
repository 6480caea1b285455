import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { inspectorStatus, neverActivated } from '../../services/inspector2/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './inspector-enabled.ts';

const everywhere = (s: ReturnType<typeof inspectorStatus>) => singleAccount((a) => a.everyRegion((r) => r.set('inspector2.accountStatus', s)));

testCheck(check, {
  pass: [
    { name: 'EC2 and Lambda scanned everywhere', snapshot: everywhere(inspectorStatus({ ecr: 'DISABLED' })), resources: ['eu-west-1', 'us-east-1'] },
    { name: 'the fixture baseline', snapshot: singleAccount() },
    { name: 'ECR required and on', snapshot: everywhere(inspectorStatus()), options: { requireEcr: true } },
  ],
  fail: [
    { name: 'never activated', snapshot: everywhere(neverActivated()), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'Lambda off in one Region',
      snapshot: singleAccount((a) => a.everyRegion((r, region) => r.set('inspector2.accountStatus', inspectorStatus({ lambda: region === 'eu-west-1' ? 'DISABLED' : 'ENABLED' })))),
      resources: ['eu-west-1'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /LAMBDA \(DISABLED\)/),
    },
    { name: 'ECR required and off', snapshot: everywhere(inspectorStatus({ ecr: 'DISABLED' })), options: { requireEcr: true }, resources: ['eu-west-1', 'us-east-1'] },
  ],
  error: [
    {
      name: 'status unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('inspector2.accountStatus', 'AccessDenied', 'inspector2:BatchGetAccountStatus'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
});
