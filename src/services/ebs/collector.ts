// EBS collector (per Region, EC2 API): volumes, the account's own snapshots and their createVolumePermission, the
// account's own AMIs, and snapshot/AMI block public access — what the ebs-* and ami-public checks read.
// DescribeSnapshotAttribute is the only per-item call. DescribeSnapshots' RestorableByUserIds can only ask "shared
// with these accounts" (`all` = public), never "shared with any account", so the accounts outside the organization
// that ebs-snapshot-public warns about can only be read from each snapshot's createVolumePermission.
import {
  DescribeSnapshotAttributeCommand,
  EC2Client,
  GetImageBlockPublicAccessStateCommand,
  GetSnapshotBlockPublicAccessStateCommand,
  paginateDescribeImages,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
  type Image,
  type Snapshot as SdkSnapshot,
  type Volume,
} from '@aws-sdk/client-ec2';
import { drain } from '../../collectors/collect.ts';
import { isoOrNull } from '../../collectors/shape.ts';
import { need, orNull, read, regionalClient } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { mapLimit } from '../../aws/limiter.ts';
import { ok } from '../../inventory/collected.ts';
import type { Ami, EbsSlice, EbsSnapshot, EbsVolume } from './schema.ts';

const OPS = {
  volumes: 'ec2:DescribeVolumes',
  snapshots: 'ec2:DescribeSnapshots',
  snapshotAttribute: 'ec2:DescribeSnapshotAttribute',
  snapshotBpa: 'ec2:GetSnapshotBlockPublicAccessState',
  images: 'ec2:DescribeImages',
  imageBpa: 'ec2:GetImageBlockPublicAccessState',
} as const;

// Largest pages the APIs accept: DescribeVolumes 500, DescribeSnapshots and DescribeImages 1000.
const VOLUME_PAGE = { pageSize: 500 } as const;
const PAGE = { pageSize: 1000 } as const;
/** Snapshot attribute reads at once in a Region (the EC2 limiter bounds them across Regions too). */
const ATTRIBUTE_CONCURRENCY = 8;

function toVolume(v: Volume): EbsVolume {
  const tags: Record<string, string> = {};
  for (const t of v.Tags ?? []) tags[need(t.Key, 'Volume.Tags.Key')] = t.Value ?? '';
  return {
    volumeId: need(v.VolumeId, 'Volume.VolumeId'),
    encrypted: need(v.Encrypted, 'Volume.Encrypted'),
    state: need(v.State, 'Volume.State'),
    kmsKeyId: orNull(v.KmsKeyId),
    instanceIds: (v.Attachments ?? []).flatMap((a) => (a.InstanceId ? [a.InstanceId] : [])),
    tags,
  };
}

function toImage(i: Image): Ami {
  return { imageId: need(i.ImageId, 'Image.ImageId'), name: orNull(i.Name), public: need(i.Public, 'Image.Public'), state: need(i.State, 'Image.State') };
}

type ListedSnapshot = Omit<EbsSnapshot, 'createVolumePermissions'>;

function toSnapshot(s: SdkSnapshot): ListedSnapshot {
  return {
    snapshotId: need(s.SnapshotId, 'Snapshot.SnapshotId'),
    volumeId: orNull(s.VolumeId),
    encrypted: need(s.Encrypted, 'Snapshot.Encrypted'),
    kmsKeyId: orNull(s.KmsKeyId),
    state: need(s.State, 'Snapshot.State'),
    startTime: isoOrNull(s.StartTime),
  };
}

export const ebsCollector: RegionalCollector<'ebs'> = {
  key: 'ebs',
  operations: Object.values(OPS),
  async collect(ctx): Promise<EbsSlice> {
    const { region, limiter, accountId } = ctx;
    const client = regionalClient(ctx, EC2Client);
    const [volumes, listedSnapshots, snapshotBlockPublicAccess, images, imageBlockPublicAccess] = await Promise.all([
      read(OPS.volumes, region, () => limiter.run(async () => (await drain(paginateDescribeVolumes({ client, ...VOLUME_PAGE }, {}), (p) => p.Volumes)).map(toVolume))),
      read(OPS.snapshots, region, () =>
        limiter.run(async () =>
          (await drain(paginateDescribeSnapshots({ client, ...PAGE }, { OwnerIds: ['self'] }), (p) => p.Snapshots))
            // OwnerIds self already says so; kept for endpoints (emulators) that ignore the parameter
            .filter((s) => s.OwnerId === undefined || s.OwnerId === accountId)
            .map(toSnapshot),
        ),
      ),
      read(OPS.snapshotBpa, region, () => limiter.run(async () => need((await client.send(new GetSnapshotBlockPublicAccessStateCommand({}))).State, 'State'))),
      read(OPS.images, region, () =>
        limiter.run(async () =>
          (await drain(paginateDescribeImages({ client, ...PAGE }, { Owners: ['self'] }), (p) => p.Images))
            .filter((i) => i.OwnerId === undefined || i.OwnerId === accountId)
            .map(toImage),
        ),
      ),
      read(OPS.imageBpa, region, () =>
        limiter.run(async () => need((await client.send(new GetImageBlockPublicAccessStateCommand({}))).ImageBlockPublicAccessState, 'ImageBlockPublicAccessState')),
      ),
    ]);
    const snapshots = listedSnapshots.ok
      ? ok(
          await mapLimit(listedSnapshots.value, ATTRIBUTE_CONCURRENCY, async (s): Promise<EbsSnapshot> => ({
            ...s,
            createVolumePermissions: await read(OPS.snapshotAttribute, region, () =>
              limiter.run(async () => {
                const out = await client.send(new DescribeSnapshotAttributeCommand({ SnapshotId: s.snapshotId, Attribute: 'createVolumePermission' }));
                return (out.CreateVolumePermissions ?? []).map((p) => ({ group: orNull(p.Group), userId: orNull(p.UserId) }));
              }),
            ),
          })),
        )
      : listedSnapshots;
    return { volumes, snapshots, snapshotBlockPublicAccess, images, imageBlockPublicAccess };
  },
};
