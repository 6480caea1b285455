import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { dbInstance, dbSubnetGroup, routeTable } from '../../services/rds/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './rds-private-subnet.ts';

const db = (id: string) => dbInstance(id, { dbSubnetGroupName: 'dbnet' });

testCheck(check, {
  pass: [
    {
      name: 'both subnets use the main table, which has no internet-gateway route',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('rds.instances', [db('db1')]).set('rds.subnetGroups', [dbSubnetGroup('dbnet', ['subnet-a', 'subnet-b'])]).set('rds.routeTables', [routeTable('rtb-main', { main: true })]),
        ),
      ),
      resources: ['db1'],
    },
  ],
  fail: [
    {
      name: 'one subnet of the group is explicitly associated with a table routing 0.0.0.0/0 to an internet gateway',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .set('rds.instances', [db('db1')])
            .set('rds.subnetGroups', [dbSubnetGroup('dbnet', ['subnet-a', 'subnet-b'])])
            .set('rds.routeTables', [routeTable('rtb-main', { main: true }), routeTable('rtb-public', { subnetIds: ['subnet-b'], internet: true })]),
        ),
      ),
      resources: ['db1'],
      verify: (results) => assert.match(results.find((x) => x.resource.id === 'db1')?.message ?? '', /subnet-b routes 0\.0\.0\.0\/0 to igw-0123456789abcdef0 \(rtb-public\)/),
    },
  ],
  error: [
    {
      name: 'the route tables could not be read: unknown, never private',
      code: 'AccessDenied',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('rds.instances', [db('db1')]).set('rds.subnetGroups', [dbSubnetGroup('dbnet', ['subnet-a'])]).fail('rds.routeTables', 'AccessDenied', 'ec2:DescribeRouteTables'),
        ),
      ),
      resources: ['db1'],
    },
    {
      name: 'no route table answers for a subnet (neither associated nor a main table)',
      code: 'NotCollected',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('rds.instances', [db('db1')]).set('rds.subnetGroups', [dbSubnetGroup('dbnet', ['subnet-a'])]).set('rds.routeTables', [routeTable('rtb-other', { vpcId: 'vpc-other', main: true })]),
        ),
      ),
      resources: ['db1'],
    },
    {
      name: 'the instance list was refused',
      code: 'AccessDenied',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('rds.instances', 'AccessDenied', 'rds:DescribeDBInstances'))),
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [
    {
      name: 'no DB instance in either Region',
      snapshot: singleAccount(),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
});
