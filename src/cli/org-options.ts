// The organization options shared by `scan --org` and `collect --org`, and the run they drive: collect into a
// directory, then (for scan) evaluate it account by account.
import type { Command } from 'commander';
import { DEFAULT_AUDIT_ROLE } from '../aws/assume.ts';
import type { AwsContext } from '../aws/clients.ts';
import { UsageError } from '../core/errors.ts';
import type { ScanConfig } from '../core/config.ts';
import { parseShard, type AccountSelection } from '../org/accounts.ts';
import { collectOrganization, DEFAULT_ACCOUNT_CONCURRENCY, type OrgProgress } from '../org/collect.ts';
import type { OrgIndex, OrgSnapshotDir } from '../org/store.ts';
import type { CliIO } from './io.ts';
import { parseList, parsePositiveInt } from './options.ts';

export interface OrgFlags {
  org?: boolean;
  roleName?: string;
  externalId?: string;
  accounts?: string;
  ous?: string;
  excludeAccounts?: string;
  accountConcurrency?: string;
  shard?: string;
  assumeRoot?: boolean;
}

/** The flags that only mean something with --org. */
const ORG_ONLY = ['roleName', 'externalId', 'accounts', 'ous', 'excludeAccounts', 'accountConcurrency', 'shard', 'assumeRoot'] as const;
const flagName = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export function addOrgOptions(cmd: Command, opts: { shard?: boolean } = {}): Command {
  cmd
    .option('--org', 'audit every account of the organization (run from the management account or a delegated administrator)')
    .option('--role-name <name>', `role to assume in each member account (default ${DEFAULT_AUDIT_ROLE}; config: org.roleName)`)
    .option('--external-id <id>', 'ExternalId to pass when assuming the role (config: org.externalId)')
    .option('--accounts <ids>', 'with --org: only these account ids, comma-separated')
    .option('--ous <ids>', 'with --org: only accounts anywhere under these OU (ou-…) or root (r-…) ids, comma-separated')
    .option('--exclude-accounts <ids>', 'with --org: never these account ids, comma-separated')
    .option('--account-concurrency <n>', `with --org: accounts collected at once (default ${DEFAULT_ACCOUNT_CONCURRENCY})`)
    .option(
      '--assume-root',
      'with --org: read each member\'s root credentials through an STS AssumeRoot audit session (IAMAuditRootUserCredentials task policy), for member-root-credentials-removed; needs centralized root access and `rampart iam-policy --org --assume-root` (config: org.assumeRoot)',
    );
  if (opts.shard === false) return cmd;
  return cmd.option('--shard <i/n>', 'with --org: audit only shard i of n (split deterministically by account id; join with `rampart merge`)');
}

const ACCOUNT_ID = /^\d{12}$/;
function accountList(value: string | undefined, flag: string): string[] | undefined {
  const list = parseList(value);
  if (list === undefined) return undefined;
  if (list.length === 0) throw new UsageError(`${flag} needs at least one account id`);
  for (const id of list) if (!ACCOUNT_ID.test(id)) throw new UsageError(`${flag}: "${id}" is not a 12-digit account id`);
  return list;
}

export interface OrgRequest {
  roleName?: string;
  externalId?: string;
  selection: AccountSelection;
  accountConcurrency: number;
  /** Audit member root credentials through STS AssumeRoot sessions. */
  assumeRoot?: boolean;
}

/** Validate the org flags (exit 2 on a bad one); undefined without --org, where any org-only flag is refused. */
export function orgRequestFrom(flags: OrgFlags, config?: ScanConfig): OrgRequest | undefined {
  if (!flags.org) {
    const stray = ORG_ONLY.filter((k) => flags[k] !== undefined);
    if (stray.length > 0) throw new UsageError(`${stray.map(flagName).join(', ')} only apply with --org`);
    return undefined;
  }
  const ous = parseList(flags.ous);
  if (ous?.length === 0) throw new UsageError('--ous needs at least one OU id');
  for (const id of ous ?? []) if (!/^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/.test(id)) throw new UsageError(`--ous: "${id}" is not an OU id (ou-…) or root id (r-…)`);
  const accounts = accountList(flags.accounts, '--accounts');
  const exclude = accountList(flags.excludeAccounts, '--exclude-accounts');
  const roleName = flags.roleName ?? config?.org?.roleName;
  const externalId = flags.externalId ?? config?.org?.externalId;
  if (roleName !== undefined && !/^[\w+=,.@/-]{1,64}$/.test(roleName)) throw new UsageError(`--role-name: "${roleName}" is not an IAM role name`);
  const assumeRoot = flags.assumeRoot ?? config?.org?.assumeRoot ?? false;
  return {
    ...(roleName ? { roleName } : {}),
    ...(externalId ? { externalId } : {}),
    ...(assumeRoot ? { assumeRoot } : {}),
    selection: {
      ...(accounts ? { accounts } : {}),
      ...(ous ? { ous } : {}),
      ...(exclude ? { exclude } : {}),
      ...(flags.shard !== undefined ? { shard: parseShard(flags.shard) } : {}),
    },
    accountConcurrency: parsePositiveInt(flags.accountConcurrency ?? String(DEFAULT_ACCOUNT_CONCURRENCY), '--account-concurrency'),
  };
}

/** Progress of an organization collection on a TTY: accounts done / total, in flight, throttling, ETA. */
export function orgProgressReporter(io: CliIO): { update(p: OrgProgress): void; done(): void } {
  if (!io.stderr.isTTY) return { update() {}, done() {} };
  const started = Date.now();
  let last = 0;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 200 && p.accountsDone < p.accountsTotal) return;
      last = now;
      const elapsed = now - started;
      const eta = p.accountsDone > 0 && p.accountsDone < p.accountsTotal ? ` · ETA ${Math.ceil(((elapsed / p.accountsDone) * (p.accountsTotal - p.accountsDone)) / 1000)}s` : '';
      const flying = p.inFlight.length > 0 ? ` · in flight: ${p.inFlight.slice(0, 4).join(', ')}${p.inFlight.length > 4 ? '…' : ''}` : '';
      io.stderr.write(`\r\x1b[2Kaccounts ${p.accountsDone}/${p.accountsTotal}${flying}${p.throttled > 0 ? ` · throttled ${p.throttled}` : ''}${eta}`);
    },
    done() {
      io.stderr.write('\r\x1b[2K');
    },
  };
}

/** Collect the organization into `store` with the CLI's progress line. */
export async function runOrgCollection(
  aws: AwsContext,
  store: OrgSnapshotDir,
  req: OrgRequest,
  io: CliIO,
  opts: { regions: string[] | undefined; concurrency: number; resume?: boolean },
): Promise<OrgIndex> {
  const progress = orgProgressReporter(io);
  try {
    return await collectOrganization(aws, store, {
      ...(opts.regions ? { regions: opts.regions } : {}),
      concurrency: opts.concurrency,
      accountConcurrency: req.accountConcurrency,
      ...(req.roleName ? { roleName: req.roleName } : {}),
      ...(req.externalId ? { externalId: req.externalId } : {}),
      selection: req.selection,
      ...(req.assumeRoot ? { assumeRoot: true } : {}),
      ...(opts.resume ? { resume: true } : {}),
      logger: io.logger,
      onProgress: (p) => progress.update(p),
    });
  } finally {
    progress.done();
  }
}
