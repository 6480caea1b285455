// The organization-wide collection: discover the accounts and their OUs from the caller's account (the management
// account or a delegated administrator), then collect every selected account in parallel — the caller's own with its
// credentials, each member through its audit role — writing each finished account to disk and recording every
// account's outcome in the index, so nothing is silently missing and memory does not grow with the organization.
import { assumeRole, AssumeRoleFailure, DEFAULT_AUDIT_ROLE } from '../aws/assume.ts';
import { readRootCredentials } from '../aws/assume-root.ts';
import type { AwsContext } from '../aws/clients.ts';
import { discoverRegions, getIdentity, partitionOfArn } from '../aws/discovery.ts';
import { createLimiter, mapLimit } from '../aws/limiter.ts';
import { CredentialsError, RuntimeFailure, UsageError, errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { CollectError } from '../inventory/collected.ts';
import { collectMemberAccountSettings } from '../services/account/collector.ts';
import { organizationsCollector } from '../services/organizations/collector.ts';
import { collectSnapshot, standingOf } from '../collectors/run.ts';
import type { AccountSnapshot } from '../inventory/snapshot.ts';
import { tool } from '../version.ts';
import { organizationAccounts, selectAccounts, type AccountSelection, type OrgAccount } from './accounts.ts';
import { ORG_INDEX_KIND, ORG_INDEX_VERSION, type OrgAccountEntry, type OrgIndex, type OrgSnapshotDir } from './store.ts';

export interface OrgProgress {
  accountsDone: number;
  accountsTotal: number;
  /** Accounts being collected right now. */
  inFlight: string[];
  /** Throttled answers so far, across accounts. */
  throttled: number;
}

export interface OrgCollectOptions {
  regions?: string[];
  /** Collector units in flight per account (Region × service). */
  concurrency?: number;
  /** Accounts collected at once. */
  accountConcurrency?: number;
  roleName?: string;
  externalId?: string;
  selection?: AccountSelection;
  /** Continue the collection already in the directory, keeping its finished accounts. */
  resume?: boolean;
  logger?: Logger;
  onProgress?: (p: OrgProgress) => void;
  /** Session length to ask for (tests use short ones to exercise refresh). */
  sessionSeconds?: number;
  /**
   * Read each member's root credentials through an STS AssumeRoot audit session opened from the caller's account
   * (`--assume-root`); without it they are recorded as not read and member-root-credentials-removed says so.
   */
  assumeRoot?: boolean;
}

// AWS meters each account apart, so accounts parallelize well; 8 keeps one machine's sockets and CPU comfortable
export const DEFAULT_ACCOUNT_CONCURRENCY = 8;

interface Discovered {
  organizationId: string;
  managementAccountId: string;
  accounts: OrgAccount[];
  organizations: AccountSnapshot['organizations'];
}

/** List the organization from the caller's account; anything that prevents that stops the run with what to do. */
async function discover(aws: AwsContext, callerAccount: string, logger: Logger): Promise<Discovered> {
  const organizations = await organizationsCollector.collect({ aws, accountId: callerAccount, logger, limiter: createLimiter(8) });
  const org = organizations.organization;
  if (!org.ok) {
    throw new RuntimeFailure(`cannot describe the organization of account ${callerAccount}: ${org.error.message}`, {
      hint: 'grant organizations:DescribeOrganization (and the rest of `rampart iam-policy`) to the scanning principal',
    });
  }
  if (org.value === null) {
    throw new UsageError(`account ${callerAccount} is not in an AWS Organization, so --org has nothing to scan`, { hint: 'drop --org to scan this account alone' });
  }
  const structure = organizations.structure;
  if (!structure.ok || structure.value === null) {
    const why = structure.ok ? 'no structure was returned' : `${structure.error.code} on ${structure.error.operation}`;
    throw new RuntimeFailure(`cannot list the accounts of organization ${org.value.id} from account ${callerAccount} (${why})`, {
      hint: `run from the management account ${org.value.managementAccountId} or a delegated administrator for AWS Organizations`,
    });
  }
  return { organizationId: org.value.id, managementAccountId: org.value.managementAccountId, accounts: organizationAccounts(structure.value), organizations };
}

function sameRequest(a: OrgIndex['request'], b: OrgIndex['request']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Collect the organization into `store`. Returns the final index. Read-only in AWS; throws only for what stops the
 * whole run (usage, the caller's own credentials, discovery); an account that fails is recorded in its entry.
 */
export async function collectOrganization(aws: AwsContext, store: OrgSnapshotDir, opts: OrgCollectOptions = {}): Promise<OrgIndex> {
  const logger = opts.logger ?? aws.logger;
  const roleName = opts.roleName ?? DEFAULT_AUDIT_ROLE;
  const accountConcurrency = opts.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY;
  if (!Number.isInteger(accountConcurrency) || accountConcurrency < 1) throw new RangeError(`accountConcurrency must be a positive integer, got ${accountConcurrency}`);

  const identity = await getIdentity(aws);
  // also validates --regions before any account is touched
  const { scanned: expectedRegions } = await discoverRegions(aws, opts.regions, logger, partitionOfArn(identity.arn));
  const found = await discover(aws, identity.accountId, logger);
  const outcomes = selectAccounts(found.accounts, opts.selection ?? {});
  const request: OrgIndex['request'] = {
    regions: opts.regions ? [...opts.regions].sort() : null,
    roleName,
    shard: opts.selection?.shard ?? null,
  };

  await store.prepare();
  const previous = await store.readIndex();
  if (previous && !opts.resume) {
    throw new UsageError(`${store.dir} already holds an organization snapshot`, { hint: 'pass --resume to continue it, or choose an empty directory' });
  }
  if (previous && (previous.organization.id !== found.organizationId || !sameRequest(previous.request, request))) {
    throw new UsageError(`${store.dir} holds a different collection (organization ${previous.organization.id}, ${JSON.stringify(previous.request)}); --resume continues only the same request`, {
      hint: 'repeat the original --regions/--role-name/--shard, or choose an empty directory',
    });
  }
  const kept = new Map((previous?.accounts ?? []).filter((e) => e.outcome === 'audited' && e.file).map((e) => [e.accountId, e]));

  const entries = new Map<string, OrgAccountEntry>();
  for (const o of outcomes) {
    const base = { accountId: o.account.id, name: o.account.name, status: o.account.status, ouPath: o.account.ouPath };
    const keep = kept.get(o.account.id);
    if (!o.audit) entries.set(o.account.id, { ...base, outcome: 'skipped', note: o.reason });
    else if (keep) entries.set(o.account.id, { ...keep, ...base });
    // until it finishes, an account counts as failed: an interrupted run must not read as a complete one
    else entries.set(o.account.id, { ...base, outcome: 'error', error: { code: 'NotCollected', operation: 'rampart:collect', message: 'collection did not finish (interrupted run); run again with --resume' } });
  }
  const index: OrgIndex = {
    kind: ORG_INDEX_KIND,
    schemaVersion: ORG_INDEX_VERSION,
    tool: { name: tool.name, version: tool.version },
    startedAt: previous?.startedAt ?? new Date().toISOString(),
    collectedAt: null,
    organization: { id: found.organizationId, managementAccountId: found.managementAccountId },
    scannedFrom: { accountId: identity.accountId, callerArn: identity.arn },
    organizations: found.organizations,
    request,
    expectedRegions,
    accounts: [],
  };
  // index writes are serialized: each one is the whole current picture
  let writes = Promise.resolve();
  const saveIndex = () => {
    const snapshot = { ...index, accounts: [...entries.values()] };
    writes = writes.then(() => store.writeIndex(snapshot));
    return writes;
  };
  await saveIndex();

  const todo = outcomes.filter((o) => o.audit && !kept.has(o.account.id)).map((o) => o.account);
  // the caller's account first: its slice is the evaluation context of every other account
  todo.sort((a, b) => Number(b.id === identity.accountId) - Number(a.id === identity.accountId));
  if (kept.size > 0) logger.info(`resuming: ${kept.size} account(s) already collected, ${todo.length} to go`);
  logger.info(`organization ${found.organizationId}: ${outcomes.filter((o) => o.audit).length} of ${outcomes.length} account(s) selected, collecting ${todo.length} (${accountConcurrency} at a time)`);

  const inFlight = new Set<string>();
  let done = 0;
  const progress = () => opts.onProgress?.({ accountsDone: done + kept.size, accountsTotal: todo.length + kept.size, inFlight: [...inFlight], throttled: aws.ledger.totals().throttled });
  let fatal: unknown;
  const partition = partitionOfArn(identity.arn);
  const access = found.organizations.serviceAccess;
  const accountTrustedAccess = identity.accountId === found.managementAccountId && access.ok && (access.value ?? []).some((s) => s.servicePrincipal === 'account.amazonaws.com');
  const accountLimiter = createLimiter(8);
  const memberStanding = (accountId: string) => {
    const organization = standingOf(accountId, found.organizations);
    return organization !== undefined ? { organization } : {};
  };

  await mapLimit(todo, accountConcurrency, async (account) => {
    if (fatal !== undefined) return;
    inFlight.add(account.id);
    progress();
    const entry = entries.get(account.id)!;
    const own = account.id === identity.accountId;
    let ctx: AwsContext | undefined;
    try {
      ctx = own
        ? aws
        : aws.withCredentials(
            await assumeRole(aws, { accountId: account.id, roleName, ...(opts.externalId ? { externalId: opts.externalId } : {}), ...(partition ? { partition } : {}) }, identity.arn, {
              ...(opts.sessionSeconds ? { durationSeconds: opts.sessionSeconds } : {}),
            }),
          );
      // with trusted access for AWS Account Management the management account reads the member's contacts (AccountId)
      const contacts = !own && accountTrustedAccess ? await collectMemberAccountSettings({ aws, accountId: account.id, logger, limiter: accountLimiter }, account.id) : undefined;
      // the caller's own credentials open the root session (AssumeRoot is refused to the member's audit role)
      const rootCredentials =
        opts.assumeRoot && account.id !== found.managementAccountId
          ? await readRootCredentials(aws, account.id, { limiter: accountLimiter, ...(partition ? { partition } : {}) })
          : undefined;
      const snapshot = await collectSnapshot(ctx, {
        ...(rootCredentials ? { rootCredentials } : {}),
        ...(opts.regions ? { regions: opts.regions } : {}),
        ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
        logger: prefixed(logger, account.id),
        toolVersion: tool.version,
        ...(own ? { preCollected: { organizations: found.organizations } } : contacts ? { preCollected: { account: contacts } } : {}),
        // a member's standing is known from the discovery: management-only calls are not spent in it
        ...(own ? {} : memberStanding(account.id)),
      });
      const got = snapshot.accounts[0];
      // the role's credentials must act in the account they were asked for, or its data would be filed under another
      if (got?.accountId !== account.id) throw new RuntimeFailure(`the credentials for account ${account.id} act in account ${got?.accountId ?? '?'}`);
      const file = await store.writeAccount(snapshot);
      const { error: _unfinished, ...rest } = entry;
      entries.set(account.id, { ...rest, outcome: 'audited', file, scannedRegions: Object.keys(got.regional).sort() });
    } catch (e) {
      if (e instanceof UsageError || (own && e instanceof CredentialsError)) {
        // a bad flag, or the caller's own credentials: every account would fail the same way
        fatal ??= e;
      } else {
        const error = accountError(e);
        logger.warn(`account ${account.id} (${account.name}) could not be audited: ${error.message}`);
        entries.set(account.id, { ...entry, outcome: 'error', error });
      }
    } finally {
      if (ctx && !own) ctx.destroy();
      inFlight.delete(account.id);
      done += 1;
      progress();
    }
    await saveIndex();
  });
  if (fatal !== undefined) throw fatal;
  index.collectedAt = new Date().toISOString();
  await saveIndex();
  return { ...index, accounts: [...entries.values()] };
}

/** Why an account's collection failed, as the error its findings carry. */
function accountError(e: unknown): CollectError {
  if (e instanceof AssumeRoleFailure) return e.error;
  if (e instanceof CredentialsError) return { code: 'InvalidCredentials', operation: 'sts:AssumeRole', message: `${e.message}${e.hint ? `; ${e.hint}` : ''}` };
  return { code: 'Unknown', operation: 'rampart:collect', message: `collection failed: ${errorMessage(e)}` };
}

function prefixed(logger: Logger, accountId: string): Logger {
  const p = (m: string) => `[${accountId}] ${m}`;
  return { debug: (m) => logger.debug(p(m)), info: (m) => logger.info(p(m)), warn: (m) => logger.warn(p(m)), error: (m) => logger.error(p(m)) };
}
