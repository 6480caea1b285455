// Fixtures of the tagging slice: the empty default of a fixture Region (no tagged data store, Macie not enabled)
// and a builder of tagged resources.
import { ok } from '../../inventory/collected.ts';
import { resourceTypeOfArn, type TaggedResource, type TaggingSlice } from './schema.ts';

export function emptyTagging(): TaggingSlice {
  return { dataStores: ok([]), macie: ok(null) };
}

/** A data store as GetResources lists it: `taggedResource('arn:aws:rds:us-east-1:111111111111:db:orders', { 'data-classification': 'internal' })`. */
export function taggedResource(arn: string, tags: Record<string, string> = {}): TaggedResource {
  return { arn, resourceType: resourceTypeOfArn(arn), tags };
}
