import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_COLLECTED_AT, singleAccount } from '../../inventory/fixtures.ts';
import { dbCluster, dbInstance } from '../../services/rds/fixtures.ts';
import { secret } from '../../services/secrets-manager/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check, { scheduleDays } from './db-secrets-rotation.ts';

const now = DEFAULT_COLLECTED_AT;

testCheck(check, {
  pass: [
    {
      name: 'rotating secrets and RDS-managed master passwords',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .set('secretsManager.secrets', [
              secret('api/stripe', {}, { now }),
              secret('rds!db-db1', { owningService: 'rds', rotationAfterDays: 7 }, { now, rotatedDaysAgo: 9 }),
              secret('weekly', { rotationAfterDays: null, rotationSchedule: 'rate(10 days)' }, { now, rotatedDaysAgo: 12 }),
            ])
            .set('rds.instances', [dbInstance('db1'), dbInstance('member', { dbClusterIdentifier: 'c1', masterUserSecretArn: null })])
            .set('rds.clusters', [dbCluster('c1')]),
        ),
      ),
      resources: ['api/stripe', 'rds!db-db1', 'weekly', 'db1', 'c1'],
      verify: (results) => {
        assert.equal(results.find((r) => r.resource.id === 'rds!db-db1')?.evidence?.database, true);
        assert.equal(results.find((r) => r.resource.id === 'api/stripe')?.evidence?.database, false);
      },
    },
    {
      name: 'a replica is judged in its primary Region only',
      snapshot: singleAccount((a) =>
        a
          .inRegion('us-east-1', (r) => r.set('secretsManager.secrets', [secret('shared', {}, { now })]))
          .inRegion('eu-west-1', (r) => r.set('secretsManager.secrets', [secret('shared', { rotationEnabled: false, primaryRegion: 'us-east-1' }, { now, region: 'eu-west-1' })])),
      ),
      resources: ['shared'],
      verify: (results) => assert.equal(results.filter((r) => r.resource.id === 'shared').length, 1),
    },
  ],
  fail: [
    {
      name: 'rotation off',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('secretsManager.secrets', [secret('db/legacy', { rotationEnabled: false, rotationAfterDays: null }, { now }), secret('ok', {}, { now })]))),
      resources: ['db/legacy'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /does not rotate automatically/),
    },
    {
      name: 'rotation on but overdue beyond schedule + grace; cron schedule beyond 90 days',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('secretsManager.secrets', [
            secret('late', { rotationAfterDays: 30 }, { now, rotatedDaysAgo: 33.5 }),
            secret('justInTime', { rotationAfterDays: 30 }, { now, rotatedDaysAgo: 33 }),
            secret('cron', { rotationAfterDays: null, rotationSchedule: 'cron(0 4 1 */6 ? *)' }, { now, rotatedDaysAgo: 91 }),
            secret('never', { lastRotatedDate: null }, { now }),
          ]),
        ),
      ),
      resources: ['late', 'cron', 'never'],
      verify: (results) => assert.match(results.find((r) => r.resource.id === 'never')?.message ?? '', /has not rotated since it was created 400 days ago/),
    },
  ],
  warn: [
    {
      name: 'RDS instance and cluster with self-managed master passwords',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r
            .set('rds.instances', [dbInstance('selfpw', { masterUserSecretArn: null }, 'eu-west-1'), dbInstance('graph', { engine: 'neptune', masterUserSecretArn: null }, 'eu-west-1')])
            .set('rds.clusters', [dbCluster('cselfpw', { masterUserSecretArn: null }, 'eu-west-1')]),
        ),
      ),
      resources: ['selfpw', 'cselfpw'],
      verify: (results) => assert.match(remediationOf(check, results.find((r) => r.resource.id === 'cselfpw')).cli ?? '', /modify-db-cluster --db-cluster-identifier cselfpw .*--region eu-west-1/),
    },
  ],
  error: [
    {
      name: 'secret list denied; RDS still judged',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('secretsManager.secrets', 'AccessDenied', 'secretsmanager:ListSecrets').set('rds.instances', [dbInstance('db1')]))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'db1')?.status, 'pass'),
    },
    {
      name: 'RDS cluster list unsupported',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('rds.clusters', 'Unsupported', 'rds:DescribeDBClusters'))),
      code: 'Unsupported',
      resources: ['eu-west-1'],
    },
    {
      name: 'rotating secret without any date',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('secretsManager.secrets', [secret('nodate', { lastRotatedDate: null, createdDate: null }, { now })]))),
      code: 'ParseError',
      resources: ['nodate'],
    },
  ],
  notApplicable: [{ name: 'no secrets and no databases', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});

describe('db-secrets-rotation schedule', () => {
  it('reads AutomaticallyAfterDays and rate() expressions; cron() has no interval', () => {
    assert.equal(scheduleDays({ rotationAfterDays: 30, rotationSchedule: null }), 30);
    assert.equal(scheduleDays({ rotationAfterDays: null, rotationSchedule: 'rate(4 hours)' }), 1 / 6);
    assert.equal(scheduleDays({ rotationAfterDays: null, rotationSchedule: 'rate(1 day)' }), 1);
    assert.equal(scheduleDays({ rotationAfterDays: null, rotationSchedule: 'cron(0 16 1,15 * ? *)' }), undefined);
  });
});
