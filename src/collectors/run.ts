// The collection orchestrator: identity and Regions first, then the account-level collectors and every
// (Region × service) unit as one queue with bounded concurrency and a limiter per service; the result is validated
// against the snapshot schema before anyone evaluates it.
import { z } from 'zod';
import { createLimiter, mapLimit, type Limiter } from '../aws/limiter.ts';
import type { AwsContext } from '../aws/clients.ts';
import { discoverRegions, getIdentity, partitionOfArn } from '../aws/discovery.ts';
import { CredentialsError, RuntimeFailure, errorMessage, isRampartError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { Collected, CollectError } from '../inventory/collected.ts';
import { SNAPSHOT_KIND, SNAPSHOT_VERSION, snapshotSchema, type AccountSnapshot, type RegionalSnapshot, type Snapshot } from '../inventory/snapshot.ts';
import { tool } from '../version.ts';
import { accountCollector } from '../services/account/collector.ts';
import { iamCollector } from '../services/iam/collector.ts';
import { organizationsCollector } from '../services/organizations/collector.ts';
import { regionalCollectors } from './regional/index.ts';
import { s3Collector } from '../services/s3/collector.ts';
import { cloudfrontCollector } from '../services/edge/collector.ts';
import { wafv2CloudfrontCollector } from '../services/wafv2/collector.ts';
import { shieldCollector } from '../services/shield/collector.ts';
import type { AccountCollector, AccountSliceKey, CollectorContext, OrganizationStanding, RegionalCollector } from './types.ts';

export interface CollectSnapshotOptions {
  /** Narrow the scan to these Regions (`--regions`). */
  regions?: string[];
  logger?: Logger;
  onProgress?: (p: { done: number; total: number; unit: string }) => void;
  /** Collector units running at once (default 8). */
  concurrency?: number;
  toolVersion?: string;
  /**
   * Account-level slices already read by the caller (an organization scan reads the management account's
   * Organizations slice to discover the accounts): reused, not collected twice.
   */
  preCollected?: Partial<Pick<AccountSnapshot, AccountKey>>;
  /**
   * Where the account stands in its organization, when the caller knows it (an organization scan knows it for every
   * member). Otherwise it is taken from the Organizations slice, which is then collected before the other units.
   */
  organization?: OrganizationStanding;
  /**
   * The account's root credentials as an AssumeRoot audit session read them (`scan --org --assume-root`, from the
   * management account): recorded in place of the IAM collector's "not read".
   */
  rootCredentials?: AccountSnapshot['iam']['rootCredentials'];
}

/** The account's standing, from its Organizations slice (or the management account's, for a member); undefined when unreadable. */
export function standingOf(accountId: string, slice: AccountSnapshot['organizations']): OrganizationStanding | undefined {
  const org = slice.organization;
  if (!org.ok) return undefined;
  if (org.value === null) return { managementAccountId: null, delegatedAdminFor: [] };
  const admins = slice.delegatedAdministrators;
  const mine = admins.ok ? (admins.value ?? []).find((a) => a.accountId === accountId)?.servicePrincipals ?? [] : [];
  return { managementAccountId: org.value.managementAccountId, delegatedAdminFor: mine };
}

export type AccountKey = AccountSliceKey;

/** Any one of the account collectors, whatever its key. */
type AnyAccountCollector = { [K in AccountSliceKey]: AccountCollector<K> }[AccountSliceKey];

/** Every account-level collector, one per account slice of the snapshot. */
export const accountCollectors = [iamCollector, accountCollector, organizationsCollector, s3Collector, cloudfrontCollector, wafv2CloudfrontCollector, shieldCollector] as const satisfies readonly AnyAccountCollector[];

// Compile-time proof that the list covers every account slice.
type AccountCovered = (typeof accountCollectors)[number]['key'];
const everyAccountSliceCovered: [AccountSliceKey] extends [AccountCovered] ? true : never = true;
void everyAccountSliceCovered;

/** Calls made before any collector runs. */
const DISCOVERY_OPERATIONS = ['sts:GetCallerIdentity', 'ec2:DescribeRegions'];

/** Every IAM action a scan may call: the least-privilege policy of `rampart iam-policy`. */
export function allCollectorOperations(): string[] {
  const all = [...DISCOVERY_OPERATIONS, ...accountCollectors.flatMap((c) => c.operations), ...regionalCollectors.flatMap((c) => c.operations)];
  return [...new Set(all)].sort();
}

const DEFAULT_CONCURRENCY = 8;
/**
 * Calls in flight per service within the account, across Regions. S3 gets more: its per-bucket reads are many small
 * calls spread over bucket Regions, and S3's request rates are far above the control-plane APIs'.
 */
const SERVICE_CONCURRENCY: Record<string, number> = { s3: 16 };
const DEFAULT_SERVICE_CONCURRENCY = 8;

interface Unit {
  label: string;
  run(): Promise<unknown>;
}

// ---------- walking Collected values ----------

function isCollected(x: unknown): x is Collected<unknown> {
  return typeof x === 'object' && x !== null && 'ok' in x && typeof x.ok === 'boolean' && ('value' in x || 'error' in x);
}

/** The outermost Collected values under a node (not those nested inside a collected value). */
function outermostCollected(node: unknown, out: Array<Collected<unknown>> = []): Array<Collected<unknown>> {
  if (isCollected(node)) out.push(node);
  else if (Array.isArray(node)) for (const n of node) outermostCollected(n, out);
  else if (typeof node === 'object' && node !== null) for (const v of Object.values(node)) outermostCollected(v, out);
  return out;
}

/** Every recorded error under a node, nested ones included. */
function allErrors(node: unknown, out: CollectError[] = []): CollectError[] {
  if (isCollected(node)) {
    if (!node.ok) out.push(node.error);
    else allErrors(node.value, out);
  } else if (Array.isArray(node)) for (const n of node) allErrors(n, out);
  else if (typeof node === 'object' && node !== null) for (const v of Object.values(node)) allErrors(v, out);
  return out;
}

/**
 * The one error code shared by every call made in a Region, when all of them failed the same way (e.g. every call
 * refused with AccessDenied): worth one note on the Region. It says what happened, not why: whether an SCP or the
 * config closes the Region is decided at evaluation, from the SCPs and the config, never guessed from messages.
 * NotCollected fields made no call (they depended on a failed one), so they neither count for nor against.
 */
function everyCallFailed(slices: Partial<RegionalSnapshot>): CollectError['code'] | undefined {
  const calls = outermostCollected(slices).filter((c) => c.ok || c.error.code !== 'NotCollected');
  const codes = new Set(calls.map((c) => (c.ok ? 'ok' : c.error.code)));
  const [only] = codes;
  return calls.length > 0 && codes.size === 1 && only !== 'ok' ? (only as CollectError['code']) : undefined;
}

// ---------- the run ----------

async function runAccountCollector<K extends AccountKey>(c: AccountCollector<K>, ctx: CollectorContext, into: Partial<Pick<AccountSnapshot, AccountKey>>) {
  into[c.key] = await c.collect(ctx);
  return into[c.key];
}

async function runRegionalCollector<K extends keyof RegionalSnapshot>(
  c: RegionalCollector<K>,
  ctx: CollectorContext & { region: string },
  into: Partial<RegionalSnapshot>,
) {
  into[c.key] = await c.collect(ctx);
  return into[c.key];
}

/** Collect the account the credentials belong to, in every enabled (or requested) Region. Read-only. */
export async function collectSnapshot(aws: AwsContext, opts: CollectSnapshotOptions = {}): Promise<Snapshot> {
  const logger = opts.logger ?? aws.logger;
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);

  const identity = await getIdentity(aws);
  const { regions, scanned } = await discoverRegions(aws, opts.regions, logger, partitionOfArn(identity.arn));
  logger.info(`collecting account ${identity.accountId} as ${identity.arn} in ${scanned.length} Region(s)`);

  // every RegionalSnapshot key has a collector: src/collectors/regional/index.ts proves it at compile time
  const limiters = new Map<string, Limiter>();
  const limiterFor = (service: string): Limiter => {
    let l = limiters.get(service);
    if (!l) limiters.set(service, (l = createLimiter(SERVICE_CONCURRENCY[service] ?? DEFAULT_SERVICE_CONCURRENCY)));
    return l;
  };
  const accountSlices: Partial<Pick<AccountSnapshot, AccountKey>> = { ...opts.preCollected };
  // Expired credentials fail every later call the same way: stop starting units once one records it.
  let credentialsFailure: CollectError | undefined;
  // The organization standing decides whether management-only calls are made: read it first when no one said.
  let organization = opts.organization;
  let ranFirst: string | undefined;
  if (organization === undefined) {
    if (accountSlices.organizations === undefined) ranFirst = organizationsCollector.key;
    const base: CollectorContext = { aws, accountId: identity.accountId, logger, limiter: limiterFor(organizationsCollector.key) };
    const slice = (accountSlices.organizations ??= await organizationsCollector.collect(base));
    credentialsFailure = allErrors(slice).find((e) => e.code === 'InvalidCredentials');
    organization = standingOf(identity.accountId, slice);
  }
  const context = (service: string): CollectorContext => ({
    aws,
    accountId: identity.accountId,
    logger,
    limiter: limiterFor(service),
    ...(organization !== undefined ? { organization } : {}),
  });

  const regional: Record<string, Partial<RegionalSnapshot>> = Object.fromEntries(scanned.map((r) => [r, {}]));
  const units: Unit[] = [
    ...accountCollectors.filter((c) => accountSlices[c.key] === undefined).map((c) => ({ label: c.key, run: () => runAccountCollector<AccountKey>(c, context(c.key), accountSlices) })),
    ...scanned.flatMap((region) =>
      regionalCollectors.map((c) => ({
        label: `${c.key} ${region}`,
        run: () => runRegionalCollector<keyof RegionalSnapshot>(c, { ...context(c.key), region }, regional[region] ?? {}),
      })),
    ),
  ];

  let fatal: unknown;
  let done = ranFirst === undefined ? 0 : 1;
  const total = units.length + done;
  if (ranFirst !== undefined) opts.onProgress?.({ done, total, unit: ranFirst });
  await mapLimit(units, concurrency, async (unit) => {
    if (credentialsFailure === undefined && fatal === undefined) {
      try {
        const slice = await unit.run();
        credentialsFailure ??= allErrors(slice).find((e) => e.code === 'InvalidCredentials');
      } catch (e) {
        // collectors record errors as data; a throw is a bug (or an error the run cannot continue after)
        fatal ??= isRampartError(e) ? e : new RuntimeFailure(`collector ${unit.label} failed: ${errorMessage(e)}`, { cause: e });
      }
    }
    done += 1;
    opts.onProgress?.({ done, total, unit: unit.label });
    logger.debug(`collected ${unit.label} (${done}/${total})`);
  });
  if (fatal !== undefined) throw fatal;
  if (credentialsFailure) {
    throw new CredentialsError(`credentials expired or became invalid during the scan; ${credentialsFailure.operation}: ${credentialsFailure.message}`, {
      hint: `refresh them (e.g. \`aws sso login --profile ${aws.profile ?? 'X'}\`) and run the scan again`,
    });
  }

  // Region notes: scanned Regions where every call failed the same way.
  const failedEverywhere = new Map(scanned.flatMap((r) => {
    const code = everyCallFailed(regional[r] ?? {});
    return code === undefined ? [] : [[r, code] as const];
  }));
  const regionEntries = regions.ok
    ? regions.value.map((e) => {
        const code = e.scanned ? failedEverywhere.get(e.name) : undefined;
        return code === undefined ? e : { ...e, note: `every call ${code === 'AccessDenied' ? 'refused' : 'failed'} (${code})` };
      })
    : undefined;
  for (const [r, code] of failedEverywhere) logger.warn(`Region ${r}: every call ${code === 'AccessDenied' ? 'was refused' : 'failed'} (${code})`);

  if (opts.rootCredentials !== undefined && accountSlices.iam !== undefined) accountSlices.iam = { ...accountSlices.iam, rootCredentials: opts.rootCredentials };

  const candidate = {
    kind: SNAPSHOT_KIND,
    schemaVersion: SNAPSHOT_VERSION,
    tool: { name: tool.name, version: opts.toolVersion ?? tool.version },
    collectedAt: new Date().toISOString(),
    source: 'aws',
    accounts: [
      {
        accountId: identity.accountId,
        callerArn: identity.arn,
        regions: regionEntries ? { ok: true, value: regionEntries } : regions,
        ...accountSlices,
        regional,
      },
    ],
  };
  const parsed = snapshotSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new RuntimeFailure(`the collected snapshot does not match the schema (a collector bug):\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
