import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './ebs-snapshot-bpa.ts';

testCheck(check, {
  pass: [{ name: 'block-all-sharing everywhere', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
  fail: [
    { name: 'unblocked in one Region', snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('ebs.snapshotBlockPublicAccess', 'unblocked'))), resources: ['eu-west-1'] },
  ],
  warn: [
    { name: 'block-new-sharing', snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ebs.snapshotBlockPublicAccess', 'block-new-sharing'))), resources: ['us-east-1'] },
  ],
  error: [
    {
      name: 'not supported by the endpoint',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('ebs.snapshotBlockPublicAccess', 'Unsupported', 'ec2:GetSnapshotBlockPublicAccessState'))),
      code: 'Unsupported',
      resources: ['us-east-1'],
    },
    { name: 'an unknown state', snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ebs.snapshotBlockPublicAccess', 'something-new'))), code: 'ParseError', resources: ['us-east-1'] },
  ],
});
