// RDS collector (per Region): DB instances, DB clusters, the account's own DB and cluster snapshots with the
// `restore` attribute of the manual ones (only those can be shared), DB subnet groups, and the route tables of the
// subnet groups' VPCs (one filtered EC2 call), so a check can tell whether a DB subnet reaches an internet gateway.
import { EC2Client, paginateDescribeRouteTables, type RouteTable as SdkRouteTable } from '@aws-sdk/client-ec2';
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBClusters,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBInstances,
  paginateDescribeDBSnapshots,
  paginateDescribeDBSubnetGroups,
  RDSClient,
  type DBCluster,
  type DBClusterSnapshot,
  type DBInstance,
  type DBSnapshot,
} from '@aws-sdk/client-rds';
import type { Limiter } from '../../aws/limiter.ts';
import { drain } from '../../collectors/collect.ts';
import { need, orNull, read, regionalClient, type RegionalContext } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok, type Collected } from '../../inventory/collected.ts';
import type { DbCluster, DbClusterSnapshot, DbInstance, DbSnapshot, DbSubnetGroup, RdsSlice, RouteTable } from './schema.ts';

const OPS = {
  instances: 'rds:DescribeDBInstances',
  clusters: 'rds:DescribeDBClusters',
  snapshots: 'rds:DescribeDBSnapshots',
  snapshotAttributes: 'rds:DescribeDBSnapshotAttributes',
  clusterSnapshots: 'rds:DescribeDBClusterSnapshots',
  clusterSnapshotAttributes: 'rds:DescribeDBClusterSnapshotAttributes',
  subnetGroups: 'rds:DescribeDBSubnetGroups',
  routeTables: 'ec2:DescribeRouteTables',
} as const;

// RDS Describe* calls return at most 100 records per page.
const PAGE = { pageSize: 100 } as const;
// EC2 filters accept up to 200 values; VPC ids are chunked to that.
const FILTER_VALUES = 200;

function toInstance(d: DBInstance): DbInstance {
  return {
    dbInstanceIdentifier: need(d.DBInstanceIdentifier, 'DBInstance.DBInstanceIdentifier'),
    arn: need(d.DBInstanceArn, 'DBInstance.DBInstanceArn'),
    engine: need(d.Engine, 'DBInstance.Engine'),
    dbClusterIdentifier: orNull(d.DBClusterIdentifier),
    publiclyAccessible: need(d.PubliclyAccessible, 'DBInstance.PubliclyAccessible'),
    storageEncrypted: need(d.StorageEncrypted, 'DBInstance.StorageEncrypted'),
    iamDatabaseAuthenticationEnabled: orNull(d.IAMDatabaseAuthenticationEnabled),
    masterUserSecretArn: orNull(d.MasterUserSecret?.SecretArn),
    port: orNull(d.Endpoint?.Port ?? d.DbInstancePort),
    vpcSecurityGroupIds: (d.VpcSecurityGroups ?? []).map((g) => need(g.VpcSecurityGroupId, 'VpcSecurityGroups.VpcSecurityGroupId')),
    dbSubnetGroupName: orNull(d.DBSubnetGroup?.DBSubnetGroupName),
  };
}

function toCluster(c: DBCluster): DbCluster {
  return {
    dbClusterIdentifier: need(c.DBClusterIdentifier, 'DBCluster.DBClusterIdentifier'),
    arn: need(c.DBClusterArn, 'DBCluster.DBClusterArn'),
    engine: need(c.Engine, 'DBCluster.Engine'),
    storageEncrypted: need(c.StorageEncrypted, 'DBCluster.StorageEncrypted'),
    iamDatabaseAuthenticationEnabled: orNull(c.IAMDatabaseAuthenticationEnabled),
    masterUserSecretArn: orNull(c.MasterUserSecret?.SecretArn),
  };
}

/** The `restore` attribute's values; an answer without that attribute means nobody else may restore. */
type AttributeList = Array<{ AttributeName?: string | undefined; AttributeValues?: string[] | undefined }> | undefined;

function restoreValues(attributes: AttributeList): string[] {
  return (attributes ?? []).filter((a) => a.AttributeName === 'restore').flatMap((a) => a.AttributeValues ?? []);
}

type SnapshotRow = Omit<DbSnapshot, 'restoreAttribute'>;
type ClusterSnapshotRow = Omit<DbClusterSnapshot, 'restoreAttribute'>;

function toSnapshotRow(s: DBSnapshot): SnapshotRow {
  return {
    dbSnapshotIdentifier: need(s.DBSnapshotIdentifier, 'DBSnapshot.DBSnapshotIdentifier'),
    arn: need(s.DBSnapshotArn, 'DBSnapshot.DBSnapshotArn'),
    dbInstanceIdentifier: orNull(s.DBInstanceIdentifier),
    snapshotType: need(s.SnapshotType, 'DBSnapshot.SnapshotType'),
    encrypted: need(s.Encrypted, 'DBSnapshot.Encrypted'),
  };
}

function toClusterSnapshotRow(s: DBClusterSnapshot): ClusterSnapshotRow {
  return {
    dbClusterSnapshotIdentifier: need(s.DBClusterSnapshotIdentifier, 'DBClusterSnapshot.DBClusterSnapshotIdentifier'),
    arn: need(s.DBClusterSnapshotArn, 'DBClusterSnapshot.DBClusterSnapshotArn'),
    dbClusterIdentifier: orNull(s.DBClusterIdentifier),
    snapshotType: need(s.SnapshotType, 'DBClusterSnapshot.SnapshotType'),
    storageEncrypted: need(s.StorageEncrypted, 'DBClusterSnapshot.StorageEncrypted'),
  };
}

/**
 * The `restore` attribute of a snapshot. Only manual snapshots can be shared (automated ones must be copied first,
 * and AWS Backup's are shared through the vault), so only they are asked; the others record null.
 */
async function restoreOf(snapshotType: string, operation: string, region: string, limiter: Limiter, fetch: () => Promise<AttributeList>): Promise<Collected<string[] | null>> {
  if (snapshotType !== 'manual') return ok(null);
  return read(operation, region, () => limiter.run(async () => restoreValues(await fetch())));
}

async function snapshotsOf(client: RDSClient, region: string, limiter: Limiter): Promise<RdsSlice['snapshots']> {
  const listed = await read(OPS.snapshots, region, () =>
    limiter.run(async () => (await drain(paginateDescribeDBSnapshots({ client, ...PAGE }, {}), (p) => p.DBSnapshots)).map(toSnapshotRow)),
  );
  if (!listed.ok) return listed;
  return ok(
    await Promise.all(
      listed.value.map(async (row): Promise<DbSnapshot> => ({
        ...row,
        restoreAttribute: await restoreOf(row.snapshotType, OPS.snapshotAttributes, region, limiter, async () => {
          const r = await client.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: row.dbSnapshotIdentifier }));
          return need(r.DBSnapshotAttributesResult, 'DBSnapshotAttributesResult').DBSnapshotAttributes;
        }),
      })),
    ),
  );
}

async function clusterSnapshotsOf(client: RDSClient, region: string, limiter: Limiter): Promise<RdsSlice['clusterSnapshots']> {
  const listed = await read(OPS.clusterSnapshots, region, () =>
    limiter.run(async () => (await drain(paginateDescribeDBClusterSnapshots({ client, ...PAGE }, {}), (p) => p.DBClusterSnapshots)).map(toClusterSnapshotRow)),
  );
  if (!listed.ok) return listed;
  return ok(
    await Promise.all(
      listed.value.map(async (row): Promise<DbClusterSnapshot> => ({
        ...row,
        restoreAttribute: await restoreOf(row.snapshotType, OPS.clusterSnapshotAttributes, region, limiter, async () => {
          const r = await client.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: row.dbClusterSnapshotIdentifier }));
          return need(r.DBClusterSnapshotAttributesResult, 'DBClusterSnapshotAttributesResult').DBClusterSnapshotAttributes;
        }),
      })),
    ),
  );
}

function toRouteTable(t: SdkRouteTable): RouteTable {
  const associations = t.Associations ?? [];
  return {
    routeTableId: need(t.RouteTableId, 'RouteTable.RouteTableId'),
    vpcId: need(t.VpcId, 'RouteTable.VpcId'),
    main: associations.some((a) => a.Main === true),
    subnetIds: associations.flatMap((a) => (a.SubnetId ? [a.SubnetId] : [])),
    routes: (t.Routes ?? []).map((r) => ({
      destinationCidrBlock: orNull(r.DestinationCidrBlock),
      destinationIpv6CidrBlock: orNull(r.DestinationIpv6CidrBlock),
      gatewayId: orNull(r.GatewayId),
    })),
  };
}

/** Route tables of the VPCs the DB subnet groups use: none to ask when there is no subnet group. */
async function routeTablesOf(ctx: RegionalContext, groups: RdsSlice['subnetGroups']): Promise<RdsSlice['routeTables']> {
  if (!groups.ok) return groups;
  const vpcIds = [...new Set(groups.value.flatMap((g) => (g.vpcId === null ? [] : [g.vpcId])))].sort();
  if (vpcIds.length === 0) return ok([]);
  const ec2 = regionalClient(ctx, EC2Client);
  return read(OPS.routeTables, ctx.region, () =>
    ctx.limiter.run(async () => {
      const out: RouteTable[] = [];
      for (let i = 0; i < vpcIds.length; i += FILTER_VALUES) {
        const filter = { Filters: [{ Name: 'vpc-id', Values: vpcIds.slice(i, i + FILTER_VALUES) }] };
        out.push(...(await drain(paginateDescribeRouteTables({ client: ec2, pageSize: 100 }, filter), (p) => p.RouteTables)).map(toRouteTable));
      }
      return out;
    }),
  );
}

export const rdsCollector: RegionalCollector<'rds'> = {
  key: 'rds',
  operations: Object.values(OPS),
  async collect(ctx): Promise<RdsSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, RDSClient);
    const [instances, clusters, snapshots, clusterSnapshots, subnetGroups] = await Promise.all([
      read(OPS.instances, region, () => limiter.run(async () => (await drain(paginateDescribeDBInstances({ client, ...PAGE }, {}), (p) => p.DBInstances)).map(toInstance))),
      read(OPS.clusters, region, () => limiter.run(async () => (await drain(paginateDescribeDBClusters({ client, ...PAGE }, {}), (p) => p.DBClusters)).map(toCluster))),
      snapshotsOf(client, region, limiter),
      clusterSnapshotsOf(client, region, limiter),
      read(OPS.subnetGroups, region, () =>
        limiter.run(async () =>
          (await drain(paginateDescribeDBSubnetGroups({ client, ...PAGE }, {}), (p) => p.DBSubnetGroups)).map(
            (g): DbSubnetGroup => ({
              name: need(g.DBSubnetGroupName, 'DBSubnetGroup.DBSubnetGroupName'),
              vpcId: orNull(g.VpcId),
              subnetIds: (g.Subnets ?? []).map((s) => need(s.SubnetIdentifier, 'Subnet.SubnetIdentifier')),
            }),
          ),
        ),
      ),
    ]);
    const routeTables = await routeTablesOf(ctx, subnetGroups);
    return { instances, clusters, snapshots, clusterSnapshots, subnetGroups, routeTables };
  },
};
