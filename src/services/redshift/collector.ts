// Redshift collector (per Region): provisioned clusters with their public-access and encryption settings, from one
// paginated DescribeClusters — what redshift-public and redshift-encrypted read.
import { paginateDescribeClusters, RedshiftClient } from '@aws-sdk/client-redshift';
import { drain } from '../../collectors/collect.ts';
import { need, orNull, read, regionalClient } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import type { RedshiftSlice } from './schema.ts';

const OPS = { clusters: 'redshift:DescribeClusters' } as const;

export const redshiftCollector: RegionalCollector<'redshift'> = {
  key: 'redshift',
  operations: Object.values(OPS),
  async collect(ctx): Promise<RedshiftSlice> {
    const { region, limiter, accountId } = ctx;
    const client = regionalClient(ctx, RedshiftClient);
    const clusters = await read(OPS.clusters, region, () =>
      limiter.run(async () =>
        (await drain(paginateDescribeClusters({ client, pageSize: 100 }, {}), (p) => p.Clusters)).map((c) => {
          const id = need(c.ClusterIdentifier, 'Cluster.ClusterIdentifier');
          return {
            clusterIdentifier: id,
            arn: `arn:${region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'}:redshift:${region}:${accountId}:cluster:${id}`,
            publiclyAccessible: need(c.PubliclyAccessible, 'Cluster.PubliclyAccessible'),
            encrypted: need(c.Encrypted, 'Cluster.Encrypted'),
            kmsKeyId: orNull(c.KmsKeyId),
          };
        }),
      ),
    );
    return { clusters };
  },
};
