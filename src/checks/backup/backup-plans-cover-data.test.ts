import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { RegionBuilder } from '../../inventory/fixtures.ts';
import { backupPlan, protectedResource } from '../../services/backup/fixtures.ts';
import { dynamodbTable } from '../../services/dynamodb/fixtures.ts';
import { ebsVolume } from '../../services/ebs/fixtures.ts';
import { efsFileSystem } from '../../services/efs/fixtures.ts';
import { dbCluster, dbInstance } from '../../services/rds/fixtures.ts';
import { taggedResource } from '../../services/tagging/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './backup-plans-cover-data.ts';

// the fixture snapshot is collected at 2026-11-20T12:00Z
const FRESH = '2026-11-20T00:00:00.000Z';
const STALE = '2026-11-17T00:00:00.000Z';
const A = 'arn:aws:rds:us-east-1:111111111111';
const ORDERS = `${A}:db:orders`;
const AURORA = `${A}:cluster:aurora`;
const USERS = 'arn:aws:dynamodb:us-east-1:111111111111:table/users';
const FS = 'arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-1';
const VOL = 'arn:aws:ec2:us-east-1:111111111111:volume/vol-1';
const INSTANCE = 'arn:aws:ec2:us-east-1:111111111111:instance/i-0123456789abcdef0';

/** One of each data store in us-east-1 (plus an Aurora member instance, judged with its cluster). */
function stores(r: RegionBuilder): RegionBuilder {
  return r
    .set('rds.instances', [dbInstance('orders'), dbInstance('aurora-1', { dbClusterIdentifier: 'aurora', engine: 'aurora-postgresql' })])
    .set('rds.clusters', [dbCluster('aurora')])
    .set('dynamodb.tables', [dynamodbTable('users')])
    .set('efs.fileSystems', [efsFileSystem('fs-1', { name: 'shared' })])
    .set('ebs.volumes', [ebsVolume('vol-1')]);
}

const allProtected = (time = FRESH) => [
  protectedResource(ORDERS, 'RDS', time),
  protectedResource(AURORA, 'Aurora', time),
  protectedResource(USERS, 'DynamoDB', time),
  protectedResource(FS, 'EFS', time),
  protectedResource(VOL, 'EBS', time),
];

testCheck(check, {
  pass: [
    {
      name: 'a plan exists and every data store had a backup within 48 hours',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => stores(r).set('backup.plans', [backupPlan('daily')]).set('backup.protectedResources', allProtected()))),
      resources: ['orders', 'aurora', 'users', 'fs-1', 'vol-1', 'us-east-1'],
      verify: (results) => {
        assert.equal(results.find((r) => r.resource.id === 'aurora-1'), undefined, 'an Aurora member is judged with its cluster');
        assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable');
        assert.equal(results.find((r) => r.resource.id === 'users')?.resource.arn, USERS);
      },
    },
    {
      name: 'a volume attached to a protected instance is covered; scopeTags leaves untagged stores out',
      options: { scopeTags: ['backup=daily', 'critical'] },
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .set('ebs.volumes', [ebsVolume('vol-1', { tags: { backup: 'daily' } }), ebsVolume('vol-scratch', { instanceIds: [], state: 'available', tags: { backup: 'never' } })])
            .set('dynamodb.tables', [dynamodbTable('users'), dynamodbTable('cache')])
            .set('efs.fileSystems', [efsFileSystem('fs-1')])
            .set('tagging.dataStores', [taggedResource(USERS, { critical: 'yes' }), taggedResource('arn:aws:dynamodb:us-east-1:111111111111:table/cache', { team: 'x' })])
            .set('backup.plans', [backupPlan('daily')])
            .set('backup.protectedResources', [protectedResource(INSTANCE, 'EC2', FRESH), protectedResource(USERS, 'DynamoDB', FRESH)]),
        ),
      ),
      resources: ['vol-1', 'users', 'us-east-1'],
      verify: (results) => assert.match(results.find((r) => r.resource.id === 'vol-1')?.message ?? '', /through arn:aws:ec2:us-east-1:111111111111:instance\/i-0123456789abcdef0/),
    },
  ],
  fail: [
    {
      name: 'an unprotected table, a stale volume backup and a file system never backed up',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          stores(r)
            .set('backup.plans', [backupPlan('daily')])
            .set('backup.protectedResources', [protectedResource(ORDERS, 'RDS', FRESH), protectedResource(AURORA, 'Aurora', FRESH), protectedResource(FS, 'EFS', null), protectedResource(VOL, 'EBS', STALE)]),
        ),
      ),
      resources: ['users', 'fs-1', 'vol-1'],
      verify: (results) => {
        const msg = (id: string) => results.find((r) => r.resource.id === id)?.message;
        assert.equal(msg('users'), 'DynamoDB table users is not protected by AWS Backup (no backup plan selects it)');
        assert.equal(msg('fs-1'), 'EFS file system shared (fs-1) is protected by AWS Backup but has never been backed up');
        assert.equal(msg('vol-1'), 'the last AWS Backup of EBS volume vol-1 is 84 hours old (more than 48)');
        assert.match(remediationOf(check, results.find((r) => r.resource.id === 'users')).cli ?? '', /--resource-arn-list arn:aws:dynamodb:us-east-1:111111111111:table\/users/);
        assert.equal(results.find((r) => r.resource.id === 'us-east-1')?.status, 'pass');
      },
    },
    {
      name: 'no backup plan in a Region that holds data stores',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('dynamodb.tables', [dynamodbTable('events', 'eu-west-1')]))),
      resources: ['eu-west-1', 'events'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'eu-west-1')?.message, 'eu-west-1 holds 1 data store(s) and has no AWS Backup plan'),
    },
    {
      name: 'a tighter maxBackupAgeHours fails a 12-hour-old backup',
      options: { maxBackupAgeHours: 6 },
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => stores(r).set('backup.plans', [backupPlan('daily')]).set('backup.protectedResources', allProtected()))),
      resources: ['orders', 'aurora', 'users', 'fs-1', 'vol-1'],
    },
  ],
  error: [
    {
      name: 'the protected-resources list unreadable: every store is an error, never a pass',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .set('rds.instances', [dbInstance('orders')])
            .set('dynamodb.tables', [dynamodbTable('users')])
            .set('backup.plans', [backupPlan('daily')])
            .fail('backup.protectedResources', 'AccessDenied', 'backup:ListProtectedResources'),
        ),
      ),
      code: 'AccessDenied',
      resources: ['orders', 'users'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'us-east-1')?.status, 'pass'),
    },
    {
      name: 'an inventory unreadable: the Region is an error, the readable stores are still judged',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .set('rds.instances', [dbInstance('orders')])
            .fail('dynamodb.tables', 'AccessDenied', 'dynamodb:ListTables')
            .set('backup.plans', [backupPlan('daily')])
            .set('backup.protectedResources', [protectedResource(ORDERS, 'RDS', FRESH)]),
        ),
      ),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => {
        assert.equal(results.find((r) => r.resource.id === 'orders')?.status, 'pass');
        assert.match(results.find((r) => r.resource.id === 'us-east-1')?.message ?? '', /DynamoDB tables/);
      },
    },
    {
      name: 'no plan, no store readable as present, and the EFS listing unreadable: no verdict on the Region',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('efs.fileSystems', 'Unsupported', 'elasticfilesystem:DescribeFileSystems'))),
      code: 'Unsupported',
      resources: ['us-east-1'],
    },
    {
      name: 'scopeTags set and the Tagging API unreadable: RDS and DynamoDB scope unknown',
      options: { scopeTags: ['backup'] },
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .set('rds.instances', [dbInstance('orders')])
            .set('ebs.volumes', [ebsVolume('vol-1', { tags: { backup: 'daily' } })])
            .fail('tagging.dataStores', 'AccessDenied', 'tag:GetResources')
            .set('backup.plans', [backupPlan('daily')])
            .set('backup.protectedResources', [protectedResource(VOL, 'EBS', FRESH)]),
        ),
      ),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => {
        assert.equal(results.find((r) => r.resource.id === 'vol-1')?.status, 'pass');
        assert.equal(results.find((r) => r.resource.id === 'orders'), undefined);
      },
    },
    {
      name: 'ListBackupPlans denied',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('backup.plans', 'AccessDenied', 'backup:ListBackupPlans'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'no data store and no plan anywhere', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
