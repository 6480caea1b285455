// Test and demo data for the Secrets Manager slice (metadata only: there is no secret value in the snapshot).
import { ok } from '../../inventory/collected.ts';
import type { Secret, SecretsManagerSlice } from './schema.ts';

export function emptySecretsManager(): SecretsManagerSlice {
  return { secrets: ok([]) };
}

/** A secret rotating every 30 days, last rotated `rotatedDaysAgo` (default 10) days before `now`, without a resource policy. */
export function secret(
  name: string,
  over: Partial<Secret> = {},
  opts: { now?: string; rotatedDaysAgo?: number; region?: string; account?: string } = {},
): Secret {
  const now = Date.parse(opts.now ?? '2026-11-20T12:00:00.000Z');
  const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();
  const region = opts.region ?? 'us-east-1';
  return {
    name,
    arn: `arn:aws:secretsmanager:${region}:${opts.account ?? '111111111111'}:secret:${name}-AbCdEf`,
    rotationEnabled: true,
    rotationAfterDays: 30,
    rotationSchedule: null,
    lastRotatedDate: ago(opts.rotatedDaysAgo ?? 10),
    lastChangedDate: ago(opts.rotatedDaysAgo ?? 10),
    createdDate: ago(400),
    owningService: null,
    primaryRegion: null,
    resourcePolicy: ok(null),
    ...over,
  };
}
