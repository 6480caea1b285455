// The RDS slice of a Region's snapshot: DB instances, DB clusters, their own snapshots (with the restore attribute of
// the manual ones, which alone can be shared), DB subnet groups, and the route tables of the VPCs those groups use.
// Read by rds-public, rds-encrypted, rds-snapshot-public, rds-iam-auth, db-secrets-rotation (and rds-private-subnet).
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';


export const dbInstanceSchema = z.object({
  dbInstanceIdentifier: z.string(),
  arn: z.string(),
  engine: z.string(),
  /** The Aurora / Multi-AZ DB cluster this instance belongs to, or null. */
  dbClusterIdentifier: z.string().nullable(),
  publiclyAccessible: z.boolean(),
  storageEncrypted: z.boolean(),
  /** IAMDatabaseAuthenticationEnabled; null when the answer carries none (engines without IAM auth, e.g. DocumentDB). */
  iamDatabaseAuthenticationEnabled: z.boolean().nullable(),
  /** MasterUserSecret.SecretArn: the master password is managed in Secrets Manager; null when it is not. */
  masterUserSecretArn: z.string().nullable(),
  /** Endpoint.Port, else DbInstancePort; null while the instance has neither (e.g. still creating). */
  port: z.number().int().nullable(),
  vpcSecurityGroupIds: z.array(z.string()),
  /** DBSubnetGroup.DBSubnetGroupName, null for an instance outside a VPC subnet group. */
  dbSubnetGroupName: z.string().nullable(),
});
export type DbInstance = z.infer<typeof dbInstanceSchema>;

export const dbClusterSchema = z.object({
  dbClusterIdentifier: z.string(),
  arn: z.string(),
  engine: z.string(),
  storageEncrypted: z.boolean(),
  /** IAMDatabaseAuthenticationEnabled; null when the answer carries none (engines without IAM auth, e.g. DocumentDB). */
  iamDatabaseAuthenticationEnabled: z.boolean().nullable(),
  masterUserSecretArn: z.string().nullable(),
});
export type DbCluster = z.infer<typeof dbClusterSchema>;

/** Who may restore the snapshot: the `restore` attribute's values (`all` = public, else account ids). */
const restoreSchema = collectedSchema(z.array(z.string()).nullable());

export const dbSnapshotSchema = z.object({
  dbSnapshotIdentifier: z.string(),
  arn: z.string(),
  dbInstanceIdentifier: z.string().nullable(),
  /** manual | automated | awsbackup | … as returned. */
  snapshotType: z.string(),
  encrypted: z.boolean(),
  /** DescribeDBSnapshotAttributes `restore`; null for non-manual snapshots, which cannot be shared, so it is not asked. */
  restoreAttribute: restoreSchema,
});
export type DbSnapshot = z.infer<typeof dbSnapshotSchema>;

export const dbClusterSnapshotSchema = z.object({
  dbClusterSnapshotIdentifier: z.string(),
  arn: z.string(),
  dbClusterIdentifier: z.string().nullable(),
  snapshotType: z.string(),
  storageEncrypted: z.boolean(),
  /** DescribeDBClusterSnapshotAttributes `restore`; null for non-manual snapshots (not asked). */
  restoreAttribute: restoreSchema,
});
export type DbClusterSnapshot = z.infer<typeof dbClusterSnapshotSchema>;

export const dbSubnetGroupSchema = z.object({
  name: z.string(),
  vpcId: z.string().nullable(),
  subnetIds: z.array(z.string()),
});
export type DbSubnetGroup = z.infer<typeof dbSubnetGroupSchema>;

export const routeTableSchema = z.object({
  routeTableId: z.string(),
  vpcId: z.string(),
  /** Whether this is its VPC's main route table (used by subnets without an explicit association). */
  main: z.boolean(),
  /** Subnets explicitly associated with the table. */
  subnetIds: z.array(z.string()),
  routes: z.array(
    z.object({
      destinationCidrBlock: z.string().nullable(),
      destinationIpv6CidrBlock: z.string().nullable(),
      /** igw-… for an internet gateway, local, vgw-…; null when the target is not a gateway. */
      gatewayId: z.string().nullable(),
    }),
  ),
});
export type RouteTable = z.infer<typeof routeTableSchema>;

export const rdsSchema = z.object({
  instances: collectedSchema(z.array(dbInstanceSchema)),
  clusters: collectedSchema(z.array(dbClusterSchema)),
  /** DescribeDBSnapshots of the account's own snapshots (manual and automated; not shared or public ones). */
  snapshots: collectedSchema(z.array(dbSnapshotSchema)),
  clusterSnapshots: collectedSchema(z.array(dbClusterSnapshotSchema)),
  subnetGroups: collectedSchema(z.array(dbSubnetGroupSchema)),
  /**
   * EC2 DescribeRouteTables for the VPCs of the DB subnet groups (one filtered call), so a check can tell whether a
   * DB subnet routes 0.0.0.0/0 to an internet gateway; the subnet groups' error when they could not be read.
   */
  routeTables: collectedSchema(z.array(routeTableSchema)),
});
export type RdsSlice = z.infer<typeof rdsSchema>;
