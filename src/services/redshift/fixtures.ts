// Test and demo data for the Redshift slice.
import { ok } from '../../inventory/collected.ts';
import type { RedshiftCluster, RedshiftSlice } from './schema.ts';

export function emptyRedshift(): RedshiftSlice {
  return { clusters: ok([]) };
}

/** A private, encrypted cluster unless told otherwise. */
export function redshiftCluster(id: string, over: Partial<RedshiftCluster> = {}, region = 'us-east-1', account = '111111111111'): RedshiftCluster {
  return {
    clusterIdentifier: id,
    arn: `arn:aws:redshift:${region}:${account}:cluster:${id}`,
    publiclyAccessible: false,
    encrypted: true,
    kmsKeyId: `arn:aws:kms:${region}:${account}:key/11111111-2222-3333-4444-555555555555`,
    ...over,
  };
}
