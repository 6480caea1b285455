// Unit tests for the EBS collector, with the SDK mocked (no network): pagination, filters, per-snapshot permissions,
// errors recorded as data (an emulator's HTML answer to an unimplemented call is Unsupported, never a value).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  DescribeImagesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  GetImageBlockPublicAccessStateCommand,
  GetSnapshotBlockPublicAccessStateCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT, assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { ebsCollector } from './collector.ts';

const ec2 = mockClient(EC2Client);

function mockQuiet() {
  ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
  ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
  ec2.on(DescribeImagesCommand).resolves({ Images: [] });
  ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({ State: 'block-new-sharing' });
  ec2.on(GetImageBlockPublicAccessStateCommand).resolves({ ImageBlockPublicAccessState: 'unblocked' });
}

describe('ebs collector', () => {
  beforeEach(() => {
    ec2.reset();
    mockQuiet();
  });
  afterEach(() => ec2.reset());

  it('pages volumes, snapshots (self) and images (self), and reads each snapshot\'s createVolumePermission', async () => {
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeId: 'vol-1', Encrypted: false, State: 'in-use', Attachments: [{ InstanceId: 'i-1' }], Tags: [{ Key: 'backup', Value: 'daily' }] }], NextToken: 'v2' });
    ec2.on(DescribeVolumesCommand, { NextToken: 'v2' }).resolves({ Volumes: [{ VolumeId: 'vol-2', Encrypted: true, State: 'available', KmsKeyId: 'arn:key' }] });
    ec2.on(DescribeSnapshotsCommand).resolves({
      Snapshots: [{ SnapshotId: 'snap-1', VolumeId: 'vol-1', Encrypted: false, State: 'completed', OwnerId: ACCOUNT, StartTime: new Date('2026-01-01T00:00:00Z') }],
      NextToken: 's2',
    });
    ec2.on(DescribeSnapshotsCommand, { NextToken: 's2' }).resolves({
      Snapshots: [
        { SnapshotId: 'snap-2', Encrypted: true, State: 'completed', OwnerId: ACCOUNT },
        // an emulator that ignores OwnerIds lists other owners' snapshots too
        { SnapshotId: 'snap-amazon', Encrypted: false, State: 'completed', OwnerId: '999999999999' },
      ],
    });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-1' }).resolves({ CreateVolumePermissions: [{ Group: 'all' }, { UserId: '222222222222' }] });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-2' }).resolves({ CreateVolumePermissions: [] });
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-1', Name: 'web', Public: true, State: 'available', OwnerId: ACCOUNT }], NextToken: 'i2' });
    ec2.on(DescribeImagesCommand, { NextToken: 'i2' }).resolves({ Images: [{ ImageId: 'ami-2', Public: false, State: 'available', OwnerId: ACCOUNT }] });

    const out = assertSlice('ebs', await ebsCollector.collect(testContext()));
    assert.deepEqual(out.volumes, {
      ok: true,
      value: [
        { volumeId: 'vol-1', encrypted: false, state: 'in-use', kmsKeyId: null, instanceIds: ['i-1'], tags: { backup: 'daily' } },
        { volumeId: 'vol-2', encrypted: true, state: 'available', kmsKeyId: 'arn:key', instanceIds: [], tags: {} },
      ],
    });
    assert.ok(out.snapshots.ok);
    assert.deepEqual(out.snapshots.value.map((s) => s.snapshotId), ['snap-1', 'snap-2']);
    assert.deepEqual(out.snapshots.value[0], {
      snapshotId: 'snap-1',
      volumeId: 'vol-1',
      encrypted: false,
      kmsKeyId: null,
      state: 'completed',
      startTime: '2026-01-01T00:00:00.000Z',
      createVolumePermissions: { ok: true, value: [{ group: 'all', userId: null }, { group: null, userId: '222222222222' }] },
    });
    assert.deepEqual(out.images, {
      ok: true,
      value: [
        { imageId: 'ami-1', name: 'web', public: true, state: 'available' },
        { imageId: 'ami-2', name: null, public: false, state: 'available' },
      ],
    });
    assert.deepEqual(out.snapshotBlockPublicAccess, { ok: true, value: 'block-new-sharing' });
    assert.deepEqual(out.imageBlockPublicAccess, { ok: true, value: 'unblocked' });
    // the filters that keep the lists to the account's own resources, and the largest pages
    const snapCall = ec2.commandCalls(DescribeSnapshotsCommand)[0]?.args[0].input;
    assert.deepEqual(snapCall?.OwnerIds, ['self']);
    assert.equal(snapCall?.MaxResults, 1000);
    assert.deepEqual(ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input.Owners, ['self']);
    assert.equal(ec2.commandCalls(DescribeVolumesCommand)[0]?.args[0].input.MaxResults, 500);
    // one attribute call per own snapshot, none for the foreign one
    assert.deepEqual(ec2.commandCalls(DescribeSnapshotAttributeCommand).map((c) => [c.args[0].input.SnapshotId, c.args[0].input.Attribute]), [
      ['snap-1', 'createVolumePermission'],
      ['snap-2', 'createVolumePermission'],
    ]);
  });

  it('records errors as data: a denied list, one snapshot\'s attribute, and unimplemented block-public-access calls', async () => {
    ec2.on(DescribeVolumesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized', 403));
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-1', Encrypted: true, State: 'completed' }, { SnapshotId: 'snap-2', Encrypted: true, State: 'completed' }] });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-1' }).rejects(awsError('RequestLimitExceeded', 'slow down', 503));
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-2' }).resolves({ CreateVolumePermissions: [] });
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).rejects(htmlServerError());
    ec2.on(GetImageBlockPublicAccessStateCommand).rejects(htmlServerError());

    const out = assertSlice('ebs', await ebsCollector.collect(testContext()));
    assert.deepEqual(out.volumes, { ok: false, error: { code: 'AccessDenied', operation: 'ec2:DescribeVolumes', region: 'eu-west-1', message: 'UnauthorizedOperation: You are not authorized' } });
    assert.ok(out.snapshots.ok);
    const [s1, s2] = out.snapshots.value;
    assert.ok(s1 && !s1.createVolumePermissions.ok);
    assert.equal(s1.createVolumePermissions.error.code, 'Throttled');
    assert.deepEqual(s2?.createVolumePermissions, { ok: true, value: [] });
    assert.ok(!out.snapshotBlockPublicAccess.ok);
    assert.equal(out.snapshotBlockPublicAccess.error.code, 'Unsupported');
    assert.equal(out.snapshotBlockPublicAccess.error.operation, 'ec2:GetSnapshotBlockPublicAccessState');
    assert.ok(!out.imageBlockPublicAccess.ok);
    assert.equal(out.imageBlockPublicAccess.error.code, 'Unsupported');
    assert.deepEqual(out.images, { ok: true, value: [] });
  });

  it('a snapshot list that fails makes no attribute calls; a response missing a required field is a ParseError', async () => {
    ec2.on(DescribeSnapshotsCommand).rejects(awsError('UnauthorizedOperation', 'denied', 403));
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-1', State: 'available' }] });
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({});
    const out = assertSlice('ebs', await ebsCollector.collect(testContext()));
    assert.ok(!out.snapshots.ok);
    assert.equal(out.snapshots.error.code, 'AccessDenied');
    assert.equal(ec2.commandCalls(DescribeSnapshotAttributeCommand).length, 0);
    assert.ok(!out.images.ok);
    assert.equal(out.images.error.code, 'ParseError');
    assert.ok(!out.snapshotBlockPublicAccess.ok);
    assert.equal(out.snapshotBlockPublicAccess.error.code, 'ParseError');
  });

  it('declares exactly the read-only calls it makes', () => {
    assert.deepEqual([...ebsCollector.operations].sort(), [
      'ec2:DescribeImages',
      'ec2:DescribeSnapshotAttribute',
      'ec2:DescribeSnapshots',
      'ec2:DescribeVolumes',
      'ec2:GetImageBlockPublicAccessState',
      'ec2:GetSnapshotBlockPublicAccessState',
    ]);
  });
});
