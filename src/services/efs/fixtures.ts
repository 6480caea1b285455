// EFS fixtures: the empty slice of a fixture Region and a file-system builder.
import { ok } from '../../inventory/collected.ts';
import type { EfsFileSystem, EfsSlice } from './schema.ts';

export function emptyEfs(): EfsSlice {
  return { fileSystems: ok([]) };
}

/** An available file system without tags unless told otherwise. */
export function efsFileSystem(fileSystemId: string, opts: { region?: string; accountId?: string } & Partial<EfsFileSystem> = {}): EfsFileSystem {
  const { region = 'us-east-1', accountId = '111111111111', ...over } = opts;
  return {
    fileSystemId,
    fileSystemArn: `arn:aws:elasticfilesystem:${region}:${accountId}:file-system/${fileSystemId}`,
    name: null,
    lifeCycleState: 'available',
    tags: {},
    ...over,
  };
}
