// Unit tests for the tagging collector (GetResources filtered to data stores, Macie session), SDK mocked.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { DATA_STORE_RESOURCE_TYPES, taggingCollector } from './collector.ts';
import { resourceTypeOfArn } from './schema.ts';

const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const macie = mockClient(Macie2Client);

describe('tagging collector', () => {
  beforeEach(() => {
    tagging.reset();
    macie.reset();
  });
  afterEach(() => {
    tagging.reset();
    macie.reset();
  });

  it('lists the data stores of the Region with their tags over pages, filtered by type, and the Macie status', async () => {
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [{ ResourceARN: 'arn:aws:s3:::orders-data', Tags: [{ Key: 'data-classification', Value: 'confidential' }] }],
      PaginationToken: 'p2',
    });
    tagging.on(GetResourcesCommand, { PaginationToken: 'p2' }).resolves({
      ResourceTagMappingList: [{ ResourceARN: 'arn:aws:rds:eu-west-1:111111111111:db:orders', Tags: [{ Key: 'team', Value: 'shop' }] }],
      PaginationToken: '',
    });
    macie.on(GetMacieSessionCommand).resolves({ status: 'ENABLED' });
    const out = assertSlice('tagging', await taggingCollector.collect(testContext()));
    assert.deepEqual(out.dataStores, {
      ok: true,
      value: [
        { arn: 'arn:aws:s3:::orders-data', resourceType: 's3', tags: { 'data-classification': 'confidential' } },
        { arn: 'arn:aws:rds:eu-west-1:111111111111:db:orders', resourceType: 'rds:db', tags: { team: 'shop' } },
      ],
    });
    assert.deepEqual(out.macie, { ok: true, value: { status: 'ENABLED' } });
    const calls = tagging.commandCalls(GetResourcesCommand);
    assert.equal(calls.length, 2);
    assert.deepEqual(calls[0]?.args[0].input.ResourceTypeFilters, [...DATA_STORE_RESOURCE_TYPES]);
  });

  it('records "Macie is not enabled" as null but any other refusal as an error', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
    macie.on(GetMacieSessionCommand).rejects(awsError('AccessDeniedException', 'Macie is not enabled.', 401));
    const off = assertSlice('tagging', await taggingCollector.collect(testContext()));
    assert.deepEqual(off.macie, { ok: true, value: null });
    macie.on(GetMacieSessionCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: macie2:GetMacieSession', 403));
    const denied = assertSlice('tagging', await taggingCollector.collect(testContext()));
    assert.ok(!denied.macie.ok);
    assert.equal(denied.macie.error.code, 'AccessDenied');
  });

  it('records an answer the SDK cannot deserialize as a ParseError', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
    macie.on(GetMacieSessionCommand).rejects(new TypeError('Invalid RFC-3339 date-time value'));
    const out = assertSlice('tagging', await taggingCollector.collect(testContext()));
    assert.ok(!out.macie.ok);
    assert.equal(out.macie.error.code, 'ParseError');
  });

  it('records a refused GetResources as an error of its own field', async () => {
    tagging.on(GetResourcesCommand).rejects(awsError('AccessDeniedException', 'no tag:GetResources', 403));
    macie.on(GetMacieSessionCommand).resolves({ status: 'PAUSED' });
    const out = assertSlice('tagging', await taggingCollector.collect(testContext()));
    assert.ok(!out.dataStores.ok);
    assert.equal(out.dataStores.error.operation, 'tag:GetResources');
    assert.equal(out.dataStores.error.region, 'eu-west-1');
    assert.deepEqual(out.macie, { ok: true, value: { status: 'PAUSED' } });
  });

  it('names resource types from ARNs', () => {
    assert.equal(resourceTypeOfArn('arn:aws:dynamodb:us-east-1:111111111111:table/orders'), 'dynamodb:table');
    assert.equal(resourceTypeOfArn('arn:aws:rds:us-east-1:111111111111:cluster:aurora-1'), 'rds:cluster');
    assert.equal(resourceTypeOfArn('arn:aws:s3:::bucket'), 's3');
  });
});
