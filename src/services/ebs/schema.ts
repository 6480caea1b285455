// The `ebs` slice of a Region: EBS volumes, the account's own snapshots with who may create volumes from them, the
// account's own AMIs, and the two block-public-access settings (snapshots and AMIs) — read with the EC2 API.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date');

export const ebsVolumeSchema = z.object({
  volumeId: z.string(),
  encrypted: z.boolean(),
  /** creating | available | in-use | deleting | deleted | error */
  state: z.string(),
  kmsKeyId: z.string().nullable(),
  /** Instances the volume is attached to. */
  instanceIds: z.array(z.string()),
  /** DescribeVolumes `Tags` (returned with each volume, no extra call); read to scope backup-plans-cover-data by tag. */
  tags: z.record(z.string(), z.string()),
});
export type EbsVolume = z.infer<typeof ebsVolumeSchema>;

/** One entry of a snapshot's createVolumePermission attribute: `group` "all" means public. */
export const createVolumePermissionSchema = z.object({ group: z.string().nullable(), userId: z.string().nullable() });
export type CreateVolumePermission = z.infer<typeof createVolumePermissionSchema>;

export const ebsSnapshotSchema = z.object({
  snapshotId: z.string(),
  volumeId: z.string().nullable(),
  encrypted: z.boolean(),
  kmsKeyId: z.string().nullable(),
  state: z.string(),
  startTime: iso.nullable(),
  /** DescribeSnapshotAttribute createVolumePermission, read per snapshot so one failure does not hide the others. */
  createVolumePermissions: collectedSchema(z.array(createVolumePermissionSchema)),
});
export type EbsSnapshot = z.infer<typeof ebsSnapshotSchema>;

export const amiSchema = z.object({
  imageId: z.string(),
  name: z.string().nullable(),
  /** DescribeImages `Public`: the image has public launch permissions. */
  public: z.boolean(),
  state: z.string(),
});
export type Ami = z.infer<typeof amiSchema>;

export const ebsSchema = z.object({
  volumes: collectedSchema(z.array(ebsVolumeSchema)),
  /** DescribeSnapshots with OwnerIds self. */
  snapshots: collectedSchema(z.array(ebsSnapshotSchema)),
  /** GetSnapshotBlockPublicAccessState `State`: block-all-sharing | block-new-sharing | unblocked. */
  snapshotBlockPublicAccess: collectedSchema(z.string()),
  /** DescribeImages with Owners self. */
  images: collectedSchema(z.array(amiSchema)),
  /** GetImageBlockPublicAccessState `ImageBlockPublicAccessState`: block-new-sharing | unblocked. */
  imageBlockPublicAccess: collectedSchema(z.string()),
});
export type EbsSlice = z.infer<typeof ebsSchema>;
