// CloudTrail collector (per Region): the trails visible in the Region (its own and shadow multi-Region/organization
// trails) with their logging status and event selectors — what the cloudtrail-* checks read.
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail as SdkTrail,
} from '@aws-sdk/client-cloudtrail';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok, type Collected } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import type { Trail } from './schema.ts';
import { isoOrNull } from '../../collectors/shape.ts';
import { need, orNull, read, regionalClient, type RegionalContext, type ValueOf } from '../../collectors/regional/shared.ts';

type TrailStatus = ValueOf<Trail['status']>;
type EventSelectors = ValueOf<Trail['eventSelectors']>;

const OPS = {
  describe: 'cloudtrail:DescribeTrails',
  status: 'cloudtrail:GetTrailStatus',
  selectors: 'cloudtrail:GetEventSelectors',
} as const;

/**
 * De-duplication across Regions. A multi-Region or organization trail is one resource that DescribeTrails shows in
 * every Region (as a shadow trail); its status and selectors are the same whichever Region asks, so asking again in
 * each of 17+ Regions only multiplies calls. Each Region still lists its trails itself (per-Region correctness), and
 * a Region reuses another Region's answer for the same trail ARN only when that answer was a success; a failure is
 * never shared — the Region asks itself and records its own error (e.g. a Region-deny SCP).
 * The cache lives on ctx.limiter, which the orchestrator creates per account and service for one scan, so it never
 * outlives a scan nor crosses accounts (the account id is in the key too). An orchestrator that creates a limiter per
 * Region simply gets no de-duplication.
 */
const sharedReads = new WeakMap<object, Map<string, Promise<Collected<unknown>>>>();

async function once<T>(ctx: RegionalContext, key: string, fetch: () => Promise<Collected<T>>): Promise<Collected<T>> {
  let cache = sharedReads.get(ctx.limiter);
  if (!cache) {
    cache = new Map();
    sharedReads.set(ctx.limiter, cache);
  }
  const fullKey = `${ctx.accountId}|${key}`;
  const earlier = cache.get(fullKey) as Promise<Collected<T>> | undefined;
  if (earlier) {
    const r = await earlier;
    if (r.ok) return r;
  }
  const mine = fetch();
  cache.set(fullKey, mine);
  return mine;
}

function toTrail(t: SdkTrail): Omit<Trail, 'status' | 'eventSelectors'> {
  return {
    name: need(t.Name, 'Trail.Name'),
    arn: need(t.TrailARN, 'Trail.TrailARN'),
    homeRegion: need(t.HomeRegion, 'Trail.HomeRegion'),
    isMultiRegionTrail: need(t.IsMultiRegionTrail, 'Trail.IsMultiRegionTrail'),
    isOrganizationTrail: need(t.IsOrganizationTrail, 'Trail.IsOrganizationTrail'),
    logFileValidationEnabled: need(t.LogFileValidationEnabled, 'Trail.LogFileValidationEnabled'),
    includeGlobalServiceEvents: need(t.IncludeGlobalServiceEvents, 'Trail.IncludeGlobalServiceEvents'),
    kmsKeyId: orNull(t.KmsKeyId),
    s3BucketName: orNull(t.S3BucketName),
    cloudWatchLogsLogGroupArn: orNull(t.CloudWatchLogsLogGroupArn),
  };
}

async function trailDetails(ctx: RegionalContext, client: CloudTrailClient, arn: string): Promise<Pick<Trail, 'status' | 'eventSelectors'>> {
  const { region, limiter } = ctx;
  // Both calls take the ARN, not the name: a shadow trail's name is not resolvable outside its home Region.
  // A failure (e.g. a member account reading an organization trail) stays an error on this trail; isLogging is never assumed.
  const [status, eventSelectors] = await Promise.all([
    once(ctx, `status|${arn}`, () =>
      read<TrailStatus>(OPS.status, region, () =>
        limiter.run(async () => {
          const s = await client.send(new GetTrailStatusCommand({ Name: arn }));
          return {
            isLogging: need(s.IsLogging, 'IsLogging'),
            latestDeliveryError: orNull(s.LatestDeliveryError),
            latestCloudWatchLogsDeliveryTime: isoOrNull(s.LatestCloudWatchLogsDeliveryTime),
          };
        }),
      ),
    ),
    once(ctx, `selectors|${arn}`, () =>
      read<EventSelectors>(OPS.selectors, region, () =>
        limiter.run(async () => {
          const s = await client.send(new GetEventSelectorsCommand({ TrailName: arn }));
          return {
            basic: (s.EventSelectors ?? []).map((e) => ({ readWriteType: orNull(e.ReadWriteType), includeManagementEvents: orNull(e.IncludeManagementEvents) })),
            advanced: s.AdvancedEventSelectors ?? [],
          };
        }),
      ),
    ),
  ]);
  return { status, eventSelectors };
}

export const cloudtrailCollector: RegionalCollector<'cloudtrail'> = {
  key: 'cloudtrail',
  operations: Object.values(OPS),
  async collect(ctx): Promise<RegionalSnapshot['cloudtrail']> {
    const client = regionalClient(ctx, CloudTrailClient);
    const listed = await read(OPS.describe, ctx.region, () =>
      ctx.limiter.run(async () => ((await client.send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? []).map(toTrail)),
    );
    if (!listed.ok) return { trails: listed };
    const trails = await Promise.all(listed.value.map(async (t) => ({ ...t, ...(await trailDetails(ctx, client, t.arn)) })));
    return { trails: ok(trails) };
  },
};
