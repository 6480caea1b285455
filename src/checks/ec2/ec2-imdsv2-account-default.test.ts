import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './ec2-imdsv2-account-default.ts';

const defaults = (httpTokens: string | null) => ({ httpTokens, httpPutResponseHopLimit: 2, httpEndpoint: 'enabled', instanceMetadataTags: null, managedBy: 'account' });

testCheck(check, {
  pass: [{ name: 'required in every Region', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
  fail: [
    { name: 'no default set', snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('ec2.instanceMetadataDefaults', null))), resources: ['eu-west-1'] },
    {
      name: 'optional tokens',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ec2.instanceMetadataDefaults', defaults('optional')))),
      resources: ['us-east-1'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /HttpTokens optional/),
    },
    { name: 'tokens unset', snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ec2.instanceMetadataDefaults', defaults(null)))), resources: ['us-east-1'] },
  ],
  error: [
    {
      name: 'an endpoint without the operation (HTML 500): an error, never a pass',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ec2.instanceMetadataDefaults', 'Unsupported', 'ec2:GetInstanceMetadataDefaults'))),
      code: 'Unsupported',
      resources: ['us-east-1'],
    },
  ],
});
