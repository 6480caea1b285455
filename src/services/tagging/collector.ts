// Tagging collector (per Region): the tags of the Region's data stores (Resource Groups Tagging API GetResources,
// filtered by resource type, so one paginated call per Region however many other resources exist) and whether Macie
// is enabled (Macie2 GetMacieSession).
import { GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { paginateGetResources, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { drain } from '../../collectors/collect.ts';
import { need, read, regionalClient, ResponseShapeError } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { resourceTypeOfArn, type TaggedResource, type TaggingSlice } from './schema.ts';

const OPS = { getResources: 'tag:GetResources', macieSession: 'macie2:GetMacieSession' } as const;

/** The data-store resource types asked for (Tagging API ResourceTypeFilters spelling). */
export const DATA_STORE_RESOURCE_TYPES = [
  's3',
  'rds:db',
  'rds:cluster',
  'dynamodb:table',
  'redshift:cluster',
  'elasticfilesystem:file-system',
] as const;

/** Macie answers GetMacieSession with AccessDeniedException "Macie is not enabled" when it is off: a value, not a refusal. */
function isMacieNotEnabled(e: unknown): boolean {
  const err = e as { name?: string; message?: string };
  return err.name === 'AccessDeniedException' && /macie is not enabled/i.test(err.message ?? '');
}

export const taggingCollector: RegionalCollector<'tagging'> = {
  key: 'tagging',
  operations: Object.values(OPS),
  async collect(ctx): Promise<TaggingSlice> {
    const { region, limiter } = ctx;
    const tagging = regionalClient(ctx, ResourceGroupsTaggingAPIClient);
    const macie = regionalClient(ctx, Macie2Client);
    const [dataStores, session] = await Promise.all([
      read(OPS.getResources, region, () =>
        limiter.run(async () => {
          const list = await drain(
            paginateGetResources({ client: tagging, pageSize: 100 }, { ResourceTypeFilters: [...DATA_STORE_RESOURCE_TYPES] }),
            (p) => p.ResourceTagMappingList,
          );
          return list.map((r): TaggedResource => {
            const arn = need(r.ResourceARN, 'ResourceTagMapping.ResourceARN');
            const tags: Record<string, string> = {};
            for (const t of r.Tags ?? []) tags[need(t.Key, 'Tag.Key')] = t.Value ?? '';
            return { arn, resourceType: resourceTypeOfArn(arn), tags };
          });
        }),
      ),
      read(OPS.macieSession, region, () =>
        limiter.run(async () => {
          try {
            const out = await macie.send(new GetMacieSessionCommand({}));
            return { status: need(out.status, 'status') };
          } catch (e) {
            if (isMacieNotEnabled(e)) return null;
            // a response the SDK cannot deserialize (the emulator sends createdAt in a non-RFC-3339 form) is not understood
            if (e instanceof TypeError && /date-time/i.test(e.message)) throw new ResponseShapeError(`GetMacieSession response could not be read: ${e.message}`);
            throw e;
          }
        }),
      ),
    ]);
    return { dataStores, macie: session };
  },
};
