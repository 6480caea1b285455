// Unit tests for the RDS collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DescribeRouteTablesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  DescribeDBSubnetGroupsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { rdsCollector } from './collector.ts';

const rds = mockClient(RDSClient);
const ec2 = mockClient(EC2Client);
const arn = (kind: string, id: string) => `arn:aws:rds:eu-west-1:111111111111:${kind}:${id}`;

function instance(id: string, over: Record<string, unknown> = {}) {
  return {
    DBInstanceIdentifier: id,
    DBInstanceArn: arn('db', id),
    Engine: 'postgres',
    PubliclyAccessible: false,
    StorageEncrypted: true,
    IAMDatabaseAuthenticationEnabled: false,
    Endpoint: { Address: `${id}.x.rds.amazonaws.com`, Port: 5432 },
    VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-1', Status: 'active' }],
    DBSubnetGroup: { DBSubnetGroupName: 'db-subnets' },
    ...over,
  };
}

function emptyAnswers() {
  rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
  rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
  rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
  rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
  rds.on(DescribeDBSubnetGroupsCommand).resolves({ DBSubnetGroups: [] });
}

describe('rds collector', () => {
  beforeEach(() => {
    rds.reset();
    ec2.reset();
  });
  afterEach(() => {
    rds.reset();
    ec2.reset();
  });

  it('reads instances across pages, clusters, snapshots with the restore attribute of manual ones, subnet groups and their VPC route tables', async () => {
    emptyAnswers();
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [instance('db1', { PubliclyAccessible: true, MasterUserSecret: { SecretArn: 'arn:sm:1' } })], Marker: 'p2' });
    rds.on(DescribeDBInstancesCommand, { Marker: 'p2' }).resolves({ DBInstances: [instance('db2', { Endpoint: undefined, DbInstancePort: 0, DBClusterIdentifier: 'c1' })] });
    rds.on(DescribeDBClustersCommand).resolves({
      DBClusters: [{ DBClusterIdentifier: 'c1', DBClusterArn: arn('cluster', 'c1'), Engine: 'aurora-mysql', StorageEncrypted: false, IAMDatabaseAuthenticationEnabled: true }],
    });
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [
        { DBSnapshotIdentifier: 'rds:db1-auto', DBSnapshotArn: arn('snapshot', 'rds:db1-auto'), DBInstanceIdentifier: 'db1', SnapshotType: 'automated', Encrypted: true },
        { DBSnapshotIdentifier: 'shared', DBSnapshotArn: arn('snapshot', 'shared'), DBInstanceIdentifier: 'db1', SnapshotType: 'manual', Encrypted: false },
      ],
    });
    rds.on(DescribeDBSnapshotAttributesCommand).resolves({
      DBSnapshotAttributesResult: { DBSnapshotIdentifier: 'shared', DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all', '222222222222'] }] },
    });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({
      DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'cs1', DBClusterSnapshotArn: arn('cluster-snapshot', 'cs1'), DBClusterIdentifier: 'c1', SnapshotType: 'manual', StorageEncrypted: true }],
    });
    rds.on(DescribeDBClusterSnapshotAttributesCommand).resolves({ DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [] } });
    rds.on(DescribeDBSubnetGroupsCommand).resolves({
      DBSubnetGroups: [{ DBSubnetGroupName: 'db-subnets', VpcId: 'vpc-1', Subnets: [{ SubnetIdentifier: 'subnet-a' }, { SubnetIdentifier: 'subnet-b' }] }],
    });
    ec2.on(DescribeRouteTablesCommand).resolves({
      RouteTables: [
        {
          RouteTableId: 'rtb-main',
          VpcId: 'vpc-1',
          Associations: [{ Main: true }],
          Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }, { DestinationIpv6CidrBlock: '::/0', NatGatewayId: 'nat-1' }],
        },
        { RouteTableId: 'rtb-a', VpcId: 'vpc-1', Associations: [{ Main: false, SubnetId: 'subnet-a' }], Routes: [] },
      ],
    });

    const out = assertSlice('rds', await rdsCollector.collect(testContext()));
    assert.ok(out.instances.ok && out.clusters.ok && out.snapshots.ok && out.clusterSnapshots.ok && out.subnetGroups.ok && out.routeTables.ok);
    assert.deepEqual(out.instances.value[0], {
      dbInstanceIdentifier: 'db1',
      arn: arn('db', 'db1'),
      engine: 'postgres',
      dbClusterIdentifier: null,
      publiclyAccessible: true,
      storageEncrypted: true,
      iamDatabaseAuthenticationEnabled: false,
      masterUserSecretArn: 'arn:sm:1',
      port: 5432,
      vpcSecurityGroupIds: ['sg-1'],
      dbSubnetGroupName: 'db-subnets',
    });
    assert.equal(out.instances.value[1]?.port, 0, 'DbInstancePort when there is no endpoint');
    assert.equal(out.instances.value[1]?.dbClusterIdentifier, 'c1');
    assert.deepEqual(out.clusters.value[0], {
      dbClusterIdentifier: 'c1',
      arn: arn('cluster', 'c1'),
      engine: 'aurora-mysql',
      storageEncrypted: false,
      iamDatabaseAuthenticationEnabled: true,
      masterUserSecretArn: null,
    });
    assert.deepEqual(
      out.snapshots.value.map((s) => [s.dbSnapshotIdentifier, s.restoreAttribute]),
      [
        ['rds:db1-auto', { ok: true, value: null }],
        ['shared', { ok: true, value: ['all', '222222222222'] }],
      ],
    );
    // automated snapshots cannot be shared: their attributes are not asked
    assert.deepEqual(rds.commandCalls(DescribeDBSnapshotAttributesCommand).map((c) => c.args[0].input.DBSnapshotIdentifier), ['shared']);
    assert.deepEqual(out.clusterSnapshots.value[0]?.restoreAttribute, { ok: true, value: [] });
    assert.deepEqual(out.subnetGroups.value, [{ name: 'db-subnets', vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'] }]);
    assert.deepEqual(ec2.commandCalls(DescribeRouteTablesCommand)[0]?.args[0].input.Filters, [{ Name: 'vpc-id', Values: ['vpc-1'] }]);
    assert.deepEqual(out.routeTables.value[0], {
      routeTableId: 'rtb-main',
      vpcId: 'vpc-1',
      main: true,
      subnetIds: [],
      routes: [
        { destinationCidrBlock: '0.0.0.0/0', destinationIpv6CidrBlock: null, gatewayId: 'igw-1' },
        { destinationCidrBlock: null, destinationIpv6CidrBlock: '::/0', gatewayId: null },
      ],
    });
    assert.deepEqual(out.routeTables.value[1]?.subnetIds, ['subnet-a']);
    assert.equal(rds.commandCalls(DescribeDBInstancesCommand).length, 2);
  });

  it('an empty Region costs one call per list and no EC2 call', async () => {
    emptyAnswers();
    const out = assertSlice('rds', await rdsCollector.collect(testContext()));
    assert.deepEqual(out.routeTables, { ok: true, value: [] });
    assert.equal(rds.calls().length, 5);
    assert.equal(ec2.calls().length, 0);
  });

  it('records each denied or unsupported call on its own field', async () => {
    emptyAnswers();
    rds.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied', 'not authorized', 403));
    rds.on(DescribeDBClustersCommand).rejects(htmlServerError());
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [{ DBSnapshotIdentifier: 's1', DBSnapshotArn: arn('snapshot', 's1'), SnapshotType: 'manual', Encrypted: true }],
    });
    rds.on(DescribeDBSnapshotAttributesCommand).rejects(awsError('AccessDenied', 'not authorized', 403));
    rds.on(DescribeDBSubnetGroupsCommand).rejects(awsError('Throttling', 'slow down', 400));
    const out = assertSlice('rds', await rdsCollector.collect(testContext('eu-north-1')));
    assert.ok(!out.instances.ok && !out.clusters.ok && !out.subnetGroups.ok && !out.routeTables.ok);
    assert.deepEqual([out.instances.error.code, out.instances.error.operation, out.instances.error.region], ['AccessDenied', 'rds:DescribeDBInstances', 'eu-north-1']);
    // an emulator's HTML 500 for an unknown operation is an error, never an empty list
    assert.deepEqual([out.clusters.error.code, out.clusters.error.operation], ['Unsupported', 'rds:DescribeDBClusters']);
    assert.equal(out.subnetGroups.error.code, 'Throttled');
    // no subnet groups, no route tables: the subnet groups' error is carried
    assert.equal(out.routeTables.error.operation, 'rds:DescribeDBSubnetGroups');
    assert.ok(out.snapshots.ok);
    const s1 = out.snapshots.value[0];
    assert.ok(s1 && !s1.restoreAttribute.ok);
    assert.equal(s1.restoreAttribute.error.operation, 'rds:DescribeDBSnapshotAttributes');
  });

  it('a response without a required field is a ParseError, not a default', async () => {
    emptyAnswers();
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [instance('db1', { PubliclyAccessible: undefined })] });
    const out = assertSlice('rds', await rdsCollector.collect(testContext()));
    assert.ok(!out.instances.ok);
    assert.equal(out.instances.error.code, 'ParseError');
  });
});
