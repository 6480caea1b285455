// Unit tests for the DynamoDB collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { dynamodbCollector } from './collector.ts';

const ddb = mockClient(DynamoDBClient);

describe('dynamodb collector', () => {
  beforeEach(() => ddb.reset());
  afterEach(() => ddb.reset());

  it('lists tables across pages and builds their ARNs without a per-table call', async () => {
    ddb.on(ListTablesCommand).resolves({ TableNames: ['orders'], LastEvaluatedTableName: 'orders' });
    ddb.on(ListTablesCommand, { ExclusiveStartTableName: 'orders' }).resolves({ TableNames: ['users'] });
    const out = assertSlice('dynamodb', await dynamodbCollector.collect(testContext('eu-west-1')));
    assert.deepEqual(out.tables, {
      ok: true,
      value: [
        { tableName: 'orders', tableArn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/orders' },
        { tableName: 'users', tableArn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/users' },
      ],
    });
    assert.equal(ddb.calls().length, 2);
  });

  it('uses the partition of the Region in the ARN', async () => {
    ddb.on(ListTablesCommand).resolves({ TableNames: ['t'] });
    const out = assertSlice('dynamodb', await dynamodbCollector.collect(testContext('cn-north-1')));
    assert.ok(out.tables.ok);
    assert.equal(out.tables.value[0]?.tableArn, 'arn:aws-cn:dynamodb:cn-north-1:111111111111:table/t');
  });

  it('records a denied listing as data', async () => {
    ddb.on(ListTablesCommand).rejects(awsError('AccessDeniedException', 'no', 400));
    const out = assertSlice('dynamodb', await dynamodbCollector.collect(testContext()));
    assert.ok(!out.tables.ok);
    assert.equal(out.tables.error.code, 'AccessDenied');
    assert.equal(out.tables.error.operation, 'dynamodb:ListTables');
  });
});
