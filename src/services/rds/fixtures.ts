// Test and demo data for the RDS slice: the empty default of a fixture Region, and item builders with secure defaults.
import { ok } from '../../inventory/collected.ts';
import type { DbCluster, DbClusterSnapshot, DbInstance, DbSnapshot, DbSubnetGroup, RdsSlice, RouteTable } from './schema.ts';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';

export function emptyRds(): RdsSlice {
  return { instances: ok([]), clusters: ok([]), snapshots: ok([]), clusterSnapshots: ok([]), subnetGroups: ok([]), routeTables: ok([]) };
}

/** A private, encrypted MySQL instance with IAM auth and a Secrets Manager-managed password, unless told otherwise. */
export function dbInstance(id: string, over: Partial<DbInstance> = {}, region = REGION, account = ACCOUNT): DbInstance {
  return {
    dbInstanceIdentifier: id,
    arn: `arn:aws:rds:${region}:${account}:db:${id}`,
    engine: 'mysql',
    dbClusterIdentifier: null,
    publiclyAccessible: false,
    storageEncrypted: true,
    iamDatabaseAuthenticationEnabled: true,
    masterUserSecretArn: `arn:aws:secretsmanager:${region}:${account}:secret:rds!db-${id}-AbCdEf`,
    port: 3306,
    vpcSecurityGroupIds: [],
    dbSubnetGroupName: null,
    ...over,
  };
}

export function dbCluster(id: string, over: Partial<DbCluster> = {}, region = REGION, account = ACCOUNT): DbCluster {
  return {
    dbClusterIdentifier: id,
    arn: `arn:aws:rds:${region}:${account}:cluster:${id}`,
    engine: 'aurora-postgresql',
    storageEncrypted: true,
    iamDatabaseAuthenticationEnabled: true,
    masterUserSecretArn: `arn:aws:secretsmanager:${region}:${account}:secret:rds!cluster-${id}-AbCdEf`,
    ...over,
  };
}

/** A manual, encrypted snapshot shared with nobody. */
export function dbSnapshot(id: string, over: Partial<DbSnapshot> = {}, region = REGION, account = ACCOUNT): DbSnapshot {
  return {
    dbSnapshotIdentifier: id,
    arn: `arn:aws:rds:${region}:${account}:snapshot:${id}`,
    dbInstanceIdentifier: 'db1',
    snapshotType: 'manual',
    encrypted: true,
    restoreAttribute: ok([]),
    ...over,
  };
}

export function dbClusterSnapshot(id: string, over: Partial<DbClusterSnapshot> = {}, region = REGION, account = ACCOUNT): DbClusterSnapshot {
  return {
    dbClusterSnapshotIdentifier: id,
    arn: `arn:aws:rds:${region}:${account}:cluster-snapshot:${id}`,
    dbClusterIdentifier: 'cluster1',
    snapshotType: 'manual',
    storageEncrypted: true,
    restoreAttribute: ok([]),
    ...over,
  };
}

export function dbSubnetGroup(name: string, subnetIds: string[], vpcId = 'vpc-0a1b2c3d'): DbSubnetGroup {
  return { name, vpcId, subnetIds };
}

/** A route table; `internet: true` adds 0.0.0.0/0 → igw-…. */
export function routeTable(id: string, opts: { vpcId?: string; main?: boolean; subnetIds?: string[]; internet?: boolean } = {}): RouteTable {
  return {
    routeTableId: id,
    vpcId: opts.vpcId ?? 'vpc-0a1b2c3d',
    main: opts.main ?? false,
    subnetIds: opts.subnetIds ?? [],
    routes: [
      { destinationCidrBlock: '10.0.0.0/16', destinationIpv6CidrBlock: null, gatewayId: 'local' },
      ...(opts.internet ? [{ destinationCidrBlock: '0.0.0.0/0', destinationIpv6CidrBlock: null, gatewayId: 'igw-0123456789abcdef0' }] : []),
    ],
  };
}
