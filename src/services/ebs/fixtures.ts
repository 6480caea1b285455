// Fixtures for the `ebs` slice: the empty default of a Region (nothing stored, block public access at its
// strictest) and item builders with sensible defaults, for tests and the demo.
import { ok } from '../../inventory/collected.ts';
import type { Ami, CreateVolumePermission, EbsSlice, EbsSnapshot, EbsVolume } from './schema.ts';

export function emptyEbs(): EbsSlice {
  return {
    volumes: ok([]),
    snapshots: ok([]),
    snapshotBlockPublicAccess: ok('block-all-sharing'),
    images: ok([]),
    imageBlockPublicAccess: ok('block-new-sharing'),
  };
}

/** An encrypted, attached volume unless told otherwise. */
export function ebsVolume(volumeId: string, over: Partial<EbsVolume> = {}): EbsVolume {
  return { volumeId, encrypted: true, state: 'in-use', kmsKeyId: 'alias/aws/ebs', instanceIds: ['i-0123456789abcdef0'], tags: {}, ...over };
}

/** An encrypted, completed, unshared snapshot unless told otherwise; `permissions` are createVolumePermission entries. */
export function ebsSnapshot(snapshotId: string, over: Partial<Omit<EbsSnapshot, 'createVolumePermissions'>> & { permissions?: CreateVolumePermission[] } = {}): EbsSnapshot {
  const { permissions, ...rest } = over;
  return {
    snapshotId,
    volumeId: 'vol-0123456789abcdef0',
    encrypted: true,
    kmsKeyId: 'alias/aws/ebs',
    state: 'completed',
    startTime: '2026-10-01T00:00:00.000Z',
    createVolumePermissions: ok(permissions ?? []),
    ...rest,
  };
}

/** A private, available AMI unless told otherwise. */
export function ami(imageId: string, over: Partial<Ami> = {}): Ami {
  return { imageId, name: imageId, public: false, state: 'available', ...over };
}
