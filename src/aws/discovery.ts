// Who the scan runs as (STS GetCallerIdentity) and which Regions it covers (EC2 DescribeRegions), before any collector.
// Identity failures stop the run with a hint; a Region list we cannot read is recorded as an error (the scan covers
// the requested or default Region, and every per-Region check says the Region set is unknown).
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { AwsContext } from './clients.ts';
import { classifyErrorCode, toCollectError } from './errors.ts';
import { failed, ok, type Collected, type CollectError } from '../inventory/collected.ts';
import type { RegionEntry } from '../inventory/snapshot.ts';
import { CredentialsError, RuntimeFailure, UsageError, errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';

export interface CallerIdentity {
  accountId: string;
  arn: string;
  userId: string;
}

export interface RegionDiscovery {
  /** Every Region DescribeRegions knows, marked scanned or not with the reason; or why the list could not be read. */
  regions: Collected<RegionEntry[]>;
  /** The Regions to collect, sorted. */
  scanned: string[];
}

const SESSION_EXPIRED = /expired|refresh failed/i;

function loginHint(aws: AwsContext): string {
  const profile = aws.profile ?? 'X';
  return `run \`aws sso login --profile ${profile}\`, or set AWS_PROFILE / AWS_ACCESS_KEY_ID`;
}

/** The calling principal; throws CredentialsError when there are no usable credentials. */
export async function getIdentity(aws: AwsContext): Promise<CallerIdentity> {
  let out;
  try {
    out = await aws.client(STSClient).send(new GetCallerIdentityCommand({}));
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    const message = errorMessage(e);
    if (/ExpiredToken|TokenRefreshRequired/.test(name) || (classifyErrorCode(e) === 'InvalidCredentials' && SESSION_EXPIRED.test(message))) {
      throw new CredentialsError(`your AWS session expired: ${message}`, { hint: loginHint(aws), cause: e });
    }
    if (classifyErrorCode(e) === 'InvalidCredentials') {
      throw new CredentialsError(`no valid AWS credentials: ${message}`, { hint: loginHint(aws), cause: e });
    }
    throw new RuntimeFailure(`could not identify the caller (sts:GetCallerIdentity): ${message}`, {
      hint: 'check network access to AWS STS (or AWS_ENDPOINT_URL) and try again',
      cause: e,
    });
  }
  if (!out.Account || !out.Arn || !out.UserId) {
    throw new RuntimeFailure('sts:GetCallerIdentity returned no account, ARN or user id');
  }
  return { accountId: out.Account, arn: out.Arn, userId: out.UserId };
}

/** Why DescribeRegions failed, told apart: a missing permission and throttling need different next steps. */
export function regionListFailure(error: CollectError): string {
  switch (error.code) {
    case 'AccessDenied':
      return `ec2:DescribeRegions was refused (AccessDenied): grant ec2:DescribeRegions to scan every enabled Region`;
    case 'Throttled':
      return `ec2:DescribeRegions was still throttled after retries (Throttled): run again later or lower --concurrency`;
    default:
      return `ec2:DescribeRegions failed (${error.code}: ${error.message})`;
  }
}

// Region names look like us-east-1, eu-central-2, us-gov-west-1, ap-southeast-7.
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ENABLED = new Set(['opt-in-not-required', 'opted-in']);

/**
 * All Regions of the partition with their opt-in status; scans the enabled ones, narrowed by `requested`.
 * A requested Region that does not exist is a UsageError; one that is not opted in is recorded, not fatal.
 */
/** The partition a Region belongs to, from its name (aws-cn: cn-*, aws-us-gov: us-gov-*, aws-iso*: us-iso*). */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

/** The partition of an ARN (`arn:aws-cn:…` → aws-cn); undefined when the ARN names no known partition. */
export function partitionOfArn(arn: string): string | undefined {
  const partition = arn.split(':')[1] ?? '';
  return /^aws(-cn|-us-gov|-iso(-[a-z])?)?$/.test(partition) ? partition : undefined;
}

export async function discoverRegions(
  aws: AwsContext,
  requested?: string[],
  logger: Logger = aws.logger,
  partition?: string,
): Promise<RegionDiscovery> {
  const wanted = requested && requested.length > 0 ? [...new Set(requested.map((r) => r.trim()).filter(Boolean))].sort() : undefined;
  for (const r of wanted ?? []) {
    if (!REGION_NAME.test(r)) throw new UsageError(`"${r}" is not an AWS Region name`, { hint: 'use Region codes such as us-east-1,eu-west-1' });
  }

  let listed;
  try {
    listed = await aws.client(EC2Client).send(new DescribeRegionsCommand({ AllRegions: true }));
  } catch (e) {
    const error = toCollectError(e, 'ec2:DescribeRegions', aws.defaultRegion);
    if (error.code === 'InvalidCredentials') throw new CredentialsError(`no valid AWS credentials: ${error.message}`, { hint: loginHint(aws), cause: e });
    const scanned = wanted ?? [aws.defaultRegion];
    logger.warn(
      `could not list the account's Regions: ${regionListFailure(error)}. Scanning only ${scanned.join(', ')}; every per-Region check reports the Region set as unknown.`,
    );
    return { regions: failed(error), scanned };
  }

  const known = new Map<string, string | null>();
  for (const r of listed.Regions ?? []) {
    if (!r.RegionName) continue;
    // credentials work in one partition only; an endpoint that lists other partitions' Regions (some emulators do)
    // would otherwise make every call there fail
    if (partition && partitionOfRegion(r.RegionName) !== partition) {
      logger.debug(`ignoring Region ${r.RegionName}: it is not in partition ${partition}`);
      continue;
    }
    known.set(r.RegionName, r.OptInStatus ?? null);
  }
  const unknown = (wanted ?? []).filter((r) => !known.has(r));
  if (unknown.length > 0) {
    throw new UsageError(`unknown Region${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
      hint: `Regions of this partition: ${[...known.keys()].sort().join(', ')}`,
    });
  }

  const entries: RegionEntry[] = [...known.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, optInStatus]) => {
      const selected = wanted ? wanted.includes(name) : true;
      // No status is no answer: the Region is scanned, so its calls show whether it is enabled (an error each when
      // it is not) instead of the Region silently counting as enabled or disappearing from the report.
      if (optInStatus === null) {
        return { name, optInStatus, scanned: selected, note: selected ? 'DescribeRegions gave no opt-in status; scanned to find out' : 'not selected (--regions)' };
      }
      const enabled = ENABLED.has(optInStatus);
      const note = !enabled ? 'not enabled (opt-in Region)' : selected ? null : 'not selected (--regions)';
      return { name, optInStatus, scanned: enabled && selected, note };
    });
  for (const e of entries) {
    if (wanted?.includes(e.name) && !e.scanned) logger.warn(`Region ${e.name} is not enabled for this account (opt-in Region); skipped`);
  }
  return { regions: ok(entries), scanned: entries.filter((e) => e.scanned).map((e) => e.name) };
}
