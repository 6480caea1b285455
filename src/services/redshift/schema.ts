// The Redshift slice of a Region's snapshot: provisioned clusters, as redshift-public and redshift-encrypted read them.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const redshiftClusterSchema = z.object({
  clusterIdentifier: z.string(),
  /** Built from Region, account and identifier (DescribeClusters returns no cluster ARN). */
  arn: z.string(),
  publiclyAccessible: z.boolean(),
  encrypted: z.boolean(),
  kmsKeyId: z.string().nullable(),
});
export type RedshiftCluster = z.infer<typeof redshiftClusterSchema>;

export const redshiftSchema = z.object({
  clusters: collectedSchema(z.array(redshiftClusterSchema)),
});
export type RedshiftSlice = z.infer<typeof redshiftSchema>;
