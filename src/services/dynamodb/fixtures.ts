// DynamoDB fixtures: the empty slice of a fixture Region and a table builder.
import { ok } from '../../inventory/collected.ts';
import type { DynamodbSlice, DynamodbTable } from './schema.ts';

export function emptyDynamodb(): DynamodbSlice {
  return { tables: ok([]) };
}

export function dynamodbTable(tableName: string, region = 'us-east-1', accountId = '111111111111'): DynamodbTable {
  return { tableName, tableArn: `arn:aws:dynamodb:${region}:${accountId}:table/${tableName}` };
}
