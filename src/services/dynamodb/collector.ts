// DynamoDB collector (per Region): ListTables, paginated — one call per 100 tables. The ARN is built from the name,
// the Region and the account (DescribeTable would cost a call per table for the same string). Tags are not read
// here: the tagging slice (GetResources) carries the tags of DynamoDB tables.
import { DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import { partitionOfRegion } from '../../aws/discovery.ts';
import { drain } from '../../collectors/collect.ts';
import { read, regionalClient } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import type { DynamodbSlice } from './schema.ts';

const OPS = { list: 'dynamodb:ListTables' } as const;

export function tableArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOfRegion(region)}:dynamodb:${region}:${accountId}:table/${name}`;
}

export const dynamodbCollector: RegionalCollector<'dynamodb'> = {
  key: 'dynamodb',
  operations: Object.values(OPS),
  async collect(ctx): Promise<DynamodbSlice> {
    const { region, limiter, accountId } = ctx;
    const client = regionalClient(ctx, DynamoDBClient);
    const tables = await read(OPS.list, region, () =>
      limiter.run(async () =>
        (await drain(paginateListTables({ client, pageSize: 100 }, {}), (p) => p.TableNames)).map((tableName) => ({ tableName, tableArn: tableArn(region, accountId, tableName) })),
      ),
    );
    return { tables };
  },
};
