import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { dbInstance, dbSubnetGroup, routeTable } from '../../services/rds/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './rds-public.ts';

const publicDb = dbInstance('pub', { publiclyAccessible: true, vpcSecurityGroupIds: ['sg-db'], dbSubnetGroupName: 'dbnet' });
const severityOf = (results: Array<{ resource: { id: string }; severity?: string }>, id: string) => results.find((r) => r.resource.id === id)?.severity;

testCheck(check, {
  pass: [
    {
      name: 'private instance; the other Region has none',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('rds.instances', [dbInstance('db1')]))),
      resources: ['db1'],
      verify: (results) => assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable'),
    },
  ],
  fail: [
    {
      name: 'public, port open to the world and an internet route: critical',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-db', [{ protocol: 'tcp', from: 3306, cidr: '0.0.0.0/0' }])
            .set('rds.instances', [publicDb, dbInstance('priv')])
            .set('rds.subnetGroups', [dbSubnetGroup('dbnet', ['subnet-a', 'subnet-b'])])
            .set('rds.routeTables', [routeTable('rtb-main', { main: true }), routeTable('rtb-pub', { subnetIds: ['subnet-b'], internet: true })]),
        ),
      ),
      resources: ['pub'],
      verify: (results) => {
        assert.equal(severityOf(results, 'pub'), 'critical');
        assert.match(results.find((r) => r.resource.id === 'pub')?.message ?? '', /reachable from the internet: sg-db rule .* subnet-b routes 0.0.0.0\/0 to igw-/);
      },
    },
    {
      name: 'public but the security group admits only the VPC: high',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-db', [{ protocol: 'tcp', from: 3306, cidr: '10.0.0.0/16' }, { protocol: 'tcp', from: 22, cidr: '0.0.0.0/0' }])
            .set('rds.instances', [publicDb])
            .set('rds.subnetGroups', [dbSubnetGroup('dbnet', ['subnet-a'])])
            .set('rds.routeTables', [routeTable('rtb-main', { main: true, internet: true })]),
        ),
      ),
      resources: ['pub'],
      verify: (results) => assert.equal(severityOf(results, 'pub'), 'high'),
    },
    {
      name: 'public, open group, but private subnets only (main table without an internet gateway): high',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-db', [{ protocol: '-1', cidrIpv6: '::/0' }])
            .set('rds.instances', [publicDb])
            .set('rds.subnetGroups', [dbSubnetGroup('dbnet', ['subnet-a'])])
            .set('rds.routeTables', [routeTable('rtb-main', { main: true })]),
        ),
      ),
      resources: ['pub'],
      verify: (results) => assert.equal(severityOf(results, 'pub'), 'high'),
    },
    {
      name: 'public, open group, route tables unreadable: the worst case stands',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-db', [{ protocol: 'tcp', from: 0, to: 65535, cidr: '0.0.0.0/0' }])
            .set('rds.instances', [publicDb])
            .set('rds.subnetGroups', [dbSubnetGroup('dbnet', ['subnet-a'])])
            .fail('rds.routeTables', 'AccessDenied', 'ec2:DescribeRouteTables'),
        ),
      ),
      resources: ['pub'],
      verify: (results) => {
        assert.equal(severityOf(results, 'pub'), 'critical');
        assert.match(results.find((r) => r.resource.id === 'pub')?.message ?? '', /could not be ruled out: .*route tables unreadable \(AccessDenied/);
      },
    },
  ],
  error: [
    {
      name: 'instance list denied in one Region',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.fail('rds.instances', 'AccessDenied', 'rds:DescribeDBInstances')).inRegion('eu-west-1', (r) => r.set('rds.instances', [dbInstance('db2', {}, 'eu-west-1')])),
      ),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'db2')?.status, 'pass'),
    },
    {
      name: 'the endpoint does not implement DescribeDBInstances',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.fail('rds.instances', 'Unsupported', 'rds:DescribeDBInstances'))),
      code: 'Unsupported',
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
  notApplicable: [
    { name: 'no instances', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('rds.instances', 'AccessDenied', 'rds:DescribeDBInstances'))),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
});
