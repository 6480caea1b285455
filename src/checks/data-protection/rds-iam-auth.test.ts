import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { dbCluster, dbInstance } from '../../services/rds/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './rds-iam-auth.ts';

// The catalog row only warns: there is no fail case for this check.
testCheck(check, {
  pass: [
    {
      name: 'IAM auth on; unsupported engines and cluster members are not judged on their own',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .set('rds.instances', [
              dbInstance('pg'),
              dbInstance('ora', { engine: 'oracle-ee', iamDatabaseAuthenticationEnabled: false }),
              dbInstance('member', { engine: 'aurora-postgresql', dbClusterIdentifier: 'c1', iamDatabaseAuthenticationEnabled: false }),
            ])
            .set('rds.clusters', [dbCluster('c1'), dbCluster('docs', { engine: 'docdb', iamDatabaseAuthenticationEnabled: null })]),
        ),
      ),
      resources: ['pg', 'c1'],
    },
  ],
  fail: [],
  warn: [
    {
      name: 'MySQL instance and Aurora cluster without IAM auth',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('rds.instances', [dbInstance('mysql1', { iamDatabaseAuthenticationEnabled: false }), dbInstance('ok')]).set('rds.clusters', [dbCluster('aurora1', { iamDatabaseAuthenticationEnabled: false })]),
        ),
      ),
      resources: ['mysql1', 'aurora1'],
      verify: (results) => assert.match(remediationOf(check, results.find((r) => r.resource.id === 'aurora1')).cli ?? '', /^aws rds modify-db-cluster --db-cluster-identifier aurora1 /),
    },
  ],
  error: [
    {
      name: 'instance list denied; clusters still judged',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('rds.instances', 'AccessDenied', 'rds:DescribeDBInstances').set('rds.clusters', [dbCluster('c1')]))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'c1')?.status, 'pass'),
    },
    {
      name: 'a supported engine whose answer lacks the setting',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('rds.instances', [dbInstance('odd', { iamDatabaseAuthenticationEnabled: null })]))),
      code: 'ParseError',
      resources: ['odd'],
    },
  ],
  notApplicable: [
    { name: 'no databases', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'only engines without IAM auth',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.set('rds.instances', [dbInstance('sql', { engine: 'sqlserver-se', iamDatabaseAuthenticationEnabled: false })]))),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
});
