// EFS collector (per Region): DescribeFileSystems, paginated (up to 100 per page); each answer carries the ARN and
// the tags, so there is no per-file-system call.
import { EFSClient, paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import { drain } from '../../collectors/collect.ts';
import { need, orNull, read, regionalClient } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import type { EfsFileSystem, EfsSlice } from './schema.ts';

const OPS = { list: 'elasticfilesystem:DescribeFileSystems' } as const;

export const efsCollector: RegionalCollector<'efs'> = {
  key: 'efs',
  operations: Object.values(OPS),
  async collect(ctx): Promise<EfsSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, EFSClient);
    const fileSystems = await read(OPS.list, region, () =>
      limiter.run(async () =>
        (await drain(paginateDescribeFileSystems({ client, pageSize: 100 }, {}), (p) => p.FileSystems)).map((f): EfsFileSystem => {
          const tags: Record<string, string> = {};
          for (const t of f.Tags ?? []) tags[need(t.Key, 'Tags.Key')] = t.Value ?? '';
          return {
            fileSystemId: need(f.FileSystemId, 'FileSystems.FileSystemId'),
            fileSystemArn: need(f.FileSystemArn, 'FileSystems.FileSystemArn'),
            name: orNull(f.Name),
            lifeCycleState: need(f.LifeCycleState, 'FileSystems.LifeCycleState'),
            tags,
          };
        }),
      ),
    );
    return { fileSystems };
  },
};
