import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { protectedResource } from '../../services/backup/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './backup-restore-tested.ts';

const vol = protectedResource('arn:aws:ec2:us-east-1:111111111111:volume/vol-1', 'EBS');
const db = protectedResource('arn:aws:rds:us-east-1:111111111111:db:orders', 'RDS');
const jobs = (...list: Array<[string, string]>) => ({
  since: '2026-08-22T12:00:00.000Z',
  jobs: list.map(([resourceType, completionDate], i) => ({ restoreJobId: `j${i}`, resourceType, completionDate })),
});

testCheck(check, {
  pass: [
    {
      name: 'a restore testing plan exists',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('backup.restoreTestingPlans', [{ name: 'monthly', arn: 'arn:rtp', lastExecutionTime: null }]).set('backup.protectedResources', [vol]))),
      resources: ['us-east-1'],
      verify: (results) => assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable'),
    },
    {
      name: 'every protected type had a completed restore within 90 days',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('backup.protectedResources', [vol, db]).set('backup.completedRestoreJobs', jobs(['EBS', '2026-11-01T00:00:00.000Z'], ['RDS', '2026-09-01T00:00:00.000Z']))),
      ),
      resources: ['us-east-1'],
    },
  ],
  fail: [
    {
      name: 'RDS protected but never restored; no restore testing plan',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('backup.protectedResources', [vol, db]).set('backup.completedRestoreJobs', jobs(['EBS', '2026-11-01T00:00:00.000Z'])))),
      resources: ['us-east-1'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /protected resource type\(s\) RDS$/),
    },
    {
      name: 'a restore older than 90 days (by the snapshot clock) does not count',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('backup.protectedResources', [vol]).set('backup.completedRestoreJobs', jobs(['EBS', '2026-08-01T00:00:00.000Z'])))),
      resources: ['us-east-1'],
    },
  ],
  error: [
    {
      name: 'ListProtectedResources unsupported',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('backup.protectedResources', 'Unsupported', 'backup:ListProtectedResources'))),
      code: 'Unsupported',
      resources: ['us-east-1'],
    },
    {
      name: 'restore testing plans unreadable and a type untested: no verdict',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('backup.restoreTestingPlans', 'AccessDenied', 'backup:ListRestoreTestingPlans').set('backup.protectedResources', [vol]))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
    {
      name: 'restore jobs unreadable',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('backup.protectedResources', [vol]).fail('backup.completedRestoreJobs', 'AccessDenied', 'backup:ListRestoreJobs'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [
    { name: 'AWS Backup protects nothing', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('backup.protectedResources', 'AccessDenied', 'backup:ListProtectedResources'))),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
});
