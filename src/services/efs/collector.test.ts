// Unit tests for the EFS collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { efsCollector } from './collector.ts';

const efs = mockClient(EFSClient);
const arn = (id: string) => `arn:aws:elasticfilesystem:eu-west-1:111111111111:file-system/${id}`;
const fs = (id: string, extra: object = {}) => ({ FileSystemId: id, FileSystemArn: arn(id), LifeCycleState: 'available' as const, OwnerId: '111111111111', CreationToken: id, CreationTime: new Date(0), NumberOfMountTargets: 0, SizeInBytes: { Value: 0 }, PerformanceMode: 'generalPurpose' as const, Tags: [], ...extra });

describe('efs collector', () => {
  beforeEach(() => efs.reset());
  afterEach(() => efs.reset());

  it('lists file systems across pages with their ARNs and tags', async () => {
    efs.on(DescribeFileSystemsCommand).resolves({ FileSystems: [fs('fs-1', { Name: 'shared', Tags: [{ Key: 'Name', Value: 'shared' }, { Key: 'backup', Value: 'daily' }] })], NextMarker: 'm2' });
    efs.on(DescribeFileSystemsCommand, { Marker: 'm2' }).resolves({ FileSystems: [fs('fs-2')] });
    const out = assertSlice('efs', await efsCollector.collect(testContext()));
    assert.deepEqual(out.fileSystems, {
      ok: true,
      value: [
        { fileSystemId: 'fs-1', fileSystemArn: arn('fs-1'), name: 'shared', lifeCycleState: 'available', tags: { Name: 'shared', backup: 'daily' } },
        { fileSystemId: 'fs-2', fileSystemArn: arn('fs-2'), name: null, lifeCycleState: 'available', tags: {} },
      ],
    });
    assert.equal(efs.calls().length, 2);
  });

  it('records a denied listing, and an answer without an ARN, as data', async () => {
    efs.on(DescribeFileSystemsCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const denied = assertSlice('efs', await efsCollector.collect(testContext()));
    assert.ok(!denied.fileSystems.ok);
    assert.equal(denied.fileSystems.error.operation, 'elasticfilesystem:DescribeFileSystems');
    assert.equal(denied.fileSystems.error.code, 'AccessDenied');
    efs.reset();
    efs.on(DescribeFileSystemsCommand).resolves({ FileSystems: [fs('fs-1', { FileSystemArn: undefined })] });
    const shapeless = assertSlice('efs', await efsCollector.collect(testContext()));
    assert.ok(!shapeless.fileSystems.ok);
    assert.equal(shapeless.fileSystems.error.code, 'ParseError');
  });
});
