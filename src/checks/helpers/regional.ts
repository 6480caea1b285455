// Per-Region helpers for regional and regional-resource checks: the Region as a resource, and the one rule for
// Region data that could not be read (a Region shown to be closed → not_applicable, anything else → error).
import type { CollectError, Collected } from '../../inventory/collected.ts';
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import type { Trail } from '../../services/cloudtrail/schema.ts';
import type { CheckContext } from '../define.ts';

export type Read<T> = { ok: true; value: T } | { ok: false; result: CheckResult };

export function regionResource(region: string): ResourceRef {
  return { type: 'AwsRegion', id: region };
}

/**
 * Why the Region is closed for the call that failed, when that is shown (config regions.denied, or an SCP in force
 * for the account denying it there: see region-closure.ts); undefined otherwise. A Region closed to everyone in the
 * account, attackers included, leaves a regional control nothing to protect. Apply this to a Region-level read (the
 * first listing of a service in the Region); once that listing worked, a later per-item failure stays an error.
 */
export function regionClosedFor<O>(ctx: CheckContext<O>, region: string, error: CollectError): string | undefined {
  return ctx.closedRegion(region, error.operation);
}

/**
 * The result for Region data that failed to collect: not_applicable naming the proof when the Region is shown to be
 * closed (regionClosedFor), error with the cause otherwise. Never pass or fail.
 */
export function unreadableInRegion<O>(
  ctx: CheckContext<O>,
  resource: ResourceRef,
  error: CollectError,
  what: string,
  region: string,
): CheckResult {
  const closed = regionClosedFor(ctx, region, error);
  if (closed === undefined) return ctx.error(resource, error, `could not read ${what}`, { region });
  return ctx.notApplicable(resource, `${what} in ${region} could not be read, and the Region is closed: ${closed} (${error.code} on ${error.operation})`, {
    region,
    evidence: { closedBecause: closed, code: error.code, operation: error.operation, message: error.message },
  });
}

/** The value of a Region-level field, or the not_applicable/error result for the Region (or the given resource). */
export function readInRegion<O, T>(
  ctx: CheckContext<O>,
  collected: Collected<T>,
  what: string,
  region: string,
  resource: ResourceRef = regionResource(region),
): Read<T> {
  if (collected.ok) return { ok: true, value: collected.value };
  return { ok: false, result: unreadableInRegion(ctx, resource, collected.error, what, region) };
}

/**
 * Zero resources of a kind in a Region. Resource checks report this as one not_applicable on the Region, so a
 * scan shows the check ran there, without counting "nothing to check" as a passed control.
 */
export function noneInRegion<O>(ctx: CheckContext<O>, region: string, what: string): CheckResult {
  return ctx.notApplicable(regionResource(region), `no ${what} in ${region}`, { region });
}

/**
 * The resources of one kind, Region by Region, for a resource check that judges each of them. A Region whose list
 * could not be read gets its readInRegion result, a Region without any gets noneInRegion; both go to `results` and
 * the Region is skipped, so the caller's loop only sees resources to judge.
 */
export function* resourcesByRegion<O, T>(
  ctx: CheckContext<O>,
  results: CheckResult[],
  list: (data: RegionalSnapshot) => Collected<T[]>,
  what: { list: string; none: string },
): Generator<{ region: string; data: RegionalSnapshot; items: T[] }> {
  for (const [region, data] of ctx.regions()) {
    const listed = readInRegion(ctx, list(data), what.list, region);
    if (!listed.ok) results.push(listed.result);
    else if (listed.value.length === 0) results.push(noneInRegion(ctx, region, what.none));
    else yield { region, data, items: listed.value };
  }
}

/**
 * Several resource lists of one Region judged together (say instances, clusters and their snapshots). Each list is
 * read on its own, so one denied list leaves the others judged: an unreadable list gets its readInRegion result, each
 * item `judge`'s verdict, and a Region with nothing to judge and nothing unreadable one noneInRegion.
 */
export function judgeRegionalLists<O, T>(
  ctx: CheckContext<O>,
  region: string,
  lists: ReadonlyArray<readonly [Collected<T[]>, string]>,
  none: string,
  judge: (item: T) => CheckResult,
): CheckResult[] {
  const results: CheckResult[] = [];
  let judged = 0;
  let unreadable = 0;
  for (const [collected, what] of lists) {
    const items = readInRegion(ctx, collected, what, region);
    if (!items.ok) {
      results.push(items.result);
      unreadable++;
      continue;
    }
    for (const item of items.value) {
      judged++;
      results.push(judge(item));
    }
  }
  if (judged === 0 && unreadable === 0) results.push(noneInRegion(ctx, region, none));
  return results;
}

/** The account id inside an ARN (`arn:partition:service:region:account:resource`), or undefined. */
export function arnAccountId(arn: string): string | undefined {
  const id = arn.split(':')[4];
  return id === undefined || id === '' ? undefined : id;
}

/**
 * Trails to judge in this account, once each. DescribeTrails with shadow trails lists a multi-Region or
 * organization trail in every Region, so copies are merged by ARN and the trail is reported in its home Region
 * (the copy from the home Region is preferred; every copy carries the same configuration). A trail owned by
 * another account that is also in this snapshot (an organization trail seen from a member) is left to that
 * account, so an organization scan reports it once; when the owner is not in the snapshot it is judged here,
 * so a member-only scan still covers it. Regions whose trail list failed yield `unreadable` results.
 */
export function trailsToJudge<O>(ctx: CheckContext<O>): {
  trails: Trail[];
  unreadable: CheckResult[];
  ownedElsewhere: Array<{ trail: Trail; owner: string }>;
} {
  const byArn = new Map<string, Trail>();
  const unreadable: CheckResult[] = [];
  for (const [region, data] of ctx.regions()) {
    const listed = readInRegion(ctx, data.cloudtrail.trails, 'CloudTrail trails', region);
    if (!listed.ok) {
      unreadable.push(listed.result);
      continue;
    }
    for (const t of listed.value) {
      if (!byArn.has(t.arn) || t.homeRegion === region) byArn.set(t.arn, t);
    }
  }
  const scanned = new Set(ctx.snapshot.accounts.map((a) => a.accountId));
  const trails: Trail[] = [];
  const ownedElsewhere: Array<{ trail: Trail; owner: string }> = [];
  for (const t of [...byArn.values()].sort((a, b) => a.arn.localeCompare(b.arn))) {
    const owner = arnAccountId(t.arn);
    if (owner !== undefined && owner !== ctx.account.accountId && scanned.has(owner)) ownedElsewhere.push({ trail: t, owner });
    else trails.push(t);
  }
  return { trails, unreadable, ownedElsewhere };
}

export function trailResource(t: Trail): ResourceRef {
  return { type: 'AwsCloudTrailTrail', id: t.name, arn: t.arn };
}

/** The single not_applicable a trail check reports when this account has no trail of its own to judge. */
export function noTrailsToJudge<O>(ctx: CheckContext<O>, ownedElsewhere: Array<{ trail: Trail; owner: string }>): CheckResult {
  const id = ctx.account.accountId;
  const message =
    ownedElsewhere.length > 0
      ? `account ${id} owns no CloudTrail trail; the trails visible here are judged in their owner accounts: ${ownedElsewhere
          .map((o) => `${o.trail.name} (${o.owner})`)
          .join(', ')}`
      : `no CloudTrail trail is visible in account ${id} (cloudtrail-multi-region reports the missing coverage)`;
  return ctx.notApplicable(ctx.accountResource(), message, {
    evidence: { ownedElsewhere: ownedElsewhere.map((o) => o.trail.arn) },
  });
}
