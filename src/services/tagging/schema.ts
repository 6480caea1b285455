// Snapshot slice of the Resource Groups Tagging API and Macie (per Region): the tags of the Region's data stores and
// whether Macie runs there — what data-classification-tags reads.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const taggedResourceSchema = z.object({
  arn: z.string(),
  /** `service:type` from the ARN, e.g. `rds:db`, `dynamodb:table`, `s3` (buckets). */
  resourceType: z.string(),
  tags: z.record(z.string(), z.string()),
});
export type TaggedResource = z.infer<typeof taggedResourceSchema>;

export const taggingSchema = z.object({
  /**
   * GetResources filtered to the data-store types (DATA_STORE_RESOURCE_TYPES). The API returns only resources that
   * are or once were tagged: a data store that never had a tag is not listed, so checks must not read absence here
   * as "no data store".
   */
  dataStores: collectedSchema(z.array(taggedResourceSchema)),
  /** Macie2 GetMacieSession; null: Macie is not enabled in this Region (AccessDeniedException "Macie is not enabled"). */
  macie: collectedSchema(z.object({ status: z.string() }).nullable()),
});
export type TaggingSlice = z.infer<typeof taggingSchema>;

/** `service:type` of an ARN (`rds:db`, `dynamodb:table`), or the bare service when the resource has no type (S3 buckets). */
export function resourceTypeOfArn(arn: string): string {
  const parts = arn.split(':');
  const service = parts[2] ?? '';
  const resource = parts.slice(5).join(':');
  const m = /^([^:/]+)[:/]/.exec(resource);
  return m ? `${service}:${m[1]}` : service;
}
