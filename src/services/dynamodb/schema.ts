// The DynamoDB slice of a Region's snapshot: the table names (ListTables) with their ARNs, built from the Region and
// account so no per-table call is needed — the inventory backup-plans-cover-data judges against AWS Backup.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const dynamodbTableSchema = z.object({
  tableName: z.string(),
  /** `arn:<partition>:dynamodb:<region>:<account>:table/<name>`, the ARN AWS Backup lists the table under. */
  tableArn: z.string(),
});
export type DynamodbTable = z.infer<typeof dynamodbTableSchema>;

export const dynamodbSchema = z.object({
  tables: collectedSchema(z.array(dynamodbTableSchema)),
});
export type DynamodbSlice = z.infer<typeof dynamodbSchema>;
