// The EFS slice of a Region's snapshot: the file systems (DescribeFileSystems) with their ARNs and tags — the
// inventory backup-plans-cover-data judges against AWS Backup.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const efsFileSystemSchema = z.object({
  fileSystemId: z.string(),
  fileSystemArn: z.string(),
  /** The Name tag as DescribeFileSystems returns it; null when unset. */
  name: z.string().nullable(),
  /** creating | available | updating | deleting | deleted | error */
  lifeCycleState: z.string(),
  /** DescribeFileSystems `Tags` (returned with each file system, no extra call). */
  tags: z.record(z.string(), z.string()),
});
export type EfsFileSystem = z.infer<typeof efsFileSystemSchema>;

export const efsSchema = z.object({
  fileSystems: collectedSchema(z.array(efsFileSystemSchema)),
});
export type EfsSlice = z.infer<typeof efsSchema>;
