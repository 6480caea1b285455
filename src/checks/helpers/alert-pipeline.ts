// Shared by security-alert-pipeline and cis-monitoring-alarms (not a check itself): whether CloudTrail events reach
// a consumer without CloudWatch metric filters — an S3 notification on the trail bucket (the CloudTrail-to-Slack
// pattern) or an EventBridge rule on CloudTrail events with a target in every scanned Region.
import type { CollectError } from '../../inventory/collected.ts';
import type { Trail } from '../../services/cloudtrail/schema.ts';
import type { EventRule } from '../../services/eventbridge/schema.ts';
import type { CheckContext } from '../define.ts';
import { findBucket } from './logging.ts';

export const CLOUDTRAIL_DETAIL_TYPES = ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'];
const ENABLED = new Set(['ENABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS']);

function patternValues(pattern: unknown, key: string): string[] {
  if (typeof pattern !== 'object' || pattern === null) return [];
  const v = (pattern as Record<string, unknown>)[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

/** An enabled rule whose pattern names one of the detail types (or sources). */
export function ruleMatches(rule: EventRule, key: 'detail-type' | 'source', values: string[]): boolean {
  if (rule.state !== null && !ENABLED.has(rule.state)) return false;
  return patternValues(rule.eventPattern, key).some((v) => values.includes(v));
}

export type Routed = { kind: 'routed'; via: string[] } | { kind: 'none'; why: string } | { kind: 'unknown'; error: CollectError; why: string };

/** Rules in one Region's slice matching `pred` that have at least one target. */
export function routedBy(rules: EventRule[], pred: (r: EventRule) => boolean): Routed {
  const matching = rules.filter(pred);
  if (matching.length === 0) return { kind: 'none', why: 'no enabled rule matches' };
  const withTargets = matching.filter((r) => r.targets.ok && r.targets.value.length > 0);
  if (withTargets.length > 0) return { kind: 'routed', via: withTargets.map((r) => r.name) };
  const unread = matching.find((r) => !r.targets.ok);
  if (unread && !unread.targets.ok) return { kind: 'unknown', error: unread.targets.error, why: `the targets of rule ${unread.name} could not be read` };
  return { kind: 'none', why: `rule(s) ${matching.map((r) => r.name).join(', ')} have no target` };
}

/** Every trail visible to the account (own, shadow and organization trails), once each. */
export function visibleTrails<O>(ctx: CheckContext<O>): Trail[] {
  const byArn = new Map<string, Trail>();
  for (const [, data] of ctx.regions()) if (data.cloudtrail.trails.ok) for (const t of data.cloudtrail.trails.value) if (!byArn.has(t.arn)) byArn.set(t.arn, t);
  return [...byArn.values()].sort((a, b) => a.arn.localeCompare(b.arn));
}

/** Consumers the trail buckets notify (Lambda, SNS, SQS), with the buckets whose notifications could not be read. */
export function bucketWatchers<O>(ctx: CheckContext<O>, trails: Trail[]): { consumers: string[]; unknown: Array<{ bucket: string; error: CollectError }> } {
  const consumers = new Set<string>();
  const unknown: Array<{ bucket: string; error: CollectError }> = [];
  for (const name of [...new Set(trails.flatMap((t) => (t.s3BucketName ? [t.s3BucketName] : [])))].sort()) {
    const b = findBucket(ctx, name);
    if (!b.found) {
      unknown.push({ bucket: name, error: b.error });
      continue;
    }
    if (!b.bucket.notifications.ok) {
      unknown.push({ bucket: name, error: b.bucket.notifications.error });
      continue;
    }
    const n = b.bucket.notifications.value;
    for (const c of [...n.lambdaFunctionArns, ...n.topicArns, ...n.queueArns]) consumers.add(c);
  }
  return { consumers: [...consumers].sort(), unknown };
}

/** Per scanned Region: whether an EventBridge rule on CloudTrail events has a target there. Closed Regions are skipped. */
export function cloudTrailRulesByRegion<O>(ctx: CheckContext<O>): Array<{ region: string; routed: Routed }> {
  const out: Array<{ region: string; routed: Routed }> = [];
  for (const [region, data] of ctx.regions()) {
    const rules = data.eventbridge.rules;
    if (!rules.ok) {
      if (ctx.closedRegion(region, rules.error.operation) !== undefined) continue;
      out.push({ region, routed: { kind: 'unknown', error: rules.error, why: `EventBridge rules in ${region} could not be read` } });
      continue;
    }
    out.push({ region, routed: routedBy(rules.value, (r) => ruleMatches(r, 'detail-type', CLOUDTRAIL_DETAIL_TYPES)) });
  }
  return out;
}

/**
 * Whether CloudTrail events reach people without metric filters: `covered` with how, `not` with why, or `unknown`
 * with the error that keeps it open.
 */
export function cloudTrailPipeline<O>(ctx: CheckContext<O>): { kind: 'covered'; how: string } | { kind: 'not'; why: string } | { kind: 'unknown'; error: CollectError; why: string } {
  const watchers = bucketWatchers(ctx, visibleTrails(ctx));
  if (watchers.consumers.length > 0) return { kind: 'covered', how: `the trail bucket notifies ${watchers.consumers.join(', ')}` };
  const regions = cloudTrailRulesByRegion(ctx);
  const missing = regions.filter((r) => r.routed.kind === 'none');
  if (regions.length > 0 && regions.every((r) => r.routed.kind === 'routed')) {
    return { kind: 'covered', how: `EventBridge rules route CloudTrail events in every scanned Region (${regions.map((r) => `${r.region}: ${r.routed.kind === 'routed' ? r.routed.via.join(', ') : ''}`).join('; ')})` };
  }
  // EventBridge can still cover when no Region is definitely without a rule (only unreadable ones)
  const ebPossible = regions.length > 0 && missing.length === 0;
  const region = regions.find((r) => r.routed.kind === 'unknown')?.routed;
  if (ebPossible && region?.kind === 'unknown') return { kind: 'unknown', error: region.error, why: region.why };
  const w = watchers.unknown[0];
  if (w) return { kind: 'unknown', error: w.error, why: `the notifications of trail bucket ${w.bucket} could not be read` };
  return { kind: 'not', why: `no trail bucket notifies a consumer and no EventBridge rule routes CloudTrail events in ${missing.map((r) => r.region).join(', ') || 'any scanned Region'}` };
}
