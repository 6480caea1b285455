// The collector contract: each collector declares the read-only operations it may call and fills one slice
// of the snapshot (an account-level key, or a per-Region key).
import type { AwsContext } from '../aws/clients.ts';
import type { Limiter } from '../aws/limiter.ts';
import type { Logger } from '../core/logger.ts';
import type { AccountSnapshot, RegionalSnapshot } from '../inventory/snapshot.ts';

/**
 * Where the scanned account stands in its organization, known before the collectors run, so that calls only the
 * management account (or a delegated administrator) can answer are not spent in every member account and Region.
 */
export interface OrganizationStanding {
  /** The organization's management account; null: the account is in no organization. */
  managementAccountId: string | null;
  /** Service principals the account is a delegated administrator for, as far as the scan knows (empty: none or unknown). */
  delegatedAdminFor: readonly string[];
}

export interface CollectorContext {
  aws: AwsContext;
  accountId: string;
  logger: Logger;
  /** Bounds concurrent calls of this collector's service within the account. */
  limiter: Limiter;
  /** Undefined when unknown (DescribeOrganization failed, or a caller that does not say): management-only calls are made. */
  organization?: OrganizationStanding;
}

/**
 * Why a management-only call is skipped in this account, or undefined when it should be made: the account is the
 * management account, one of `delegatedFor` (a delegated administrator that may also answer), or unknown.
 */
export function notManagementAccount(ctx: CollectorContext, delegatedFor: readonly string[] = []): string | undefined {
  const o = ctx.organization;
  if (o === undefined || o.managementAccountId === ctx.accountId) return undefined;
  if (o.delegatedAdminFor.some((p) => delegatedFor.includes(p))) return undefined;
  return o.managementAccountId === null
    ? `account ${ctx.accountId} is in no organization, and only an organization's management account answers it`
    : `only the management account ${o.managementAccountId}${delegatedFor.length > 0 ? ' (or a delegated administrator)' : ''} answers it, and account ${ctx.accountId} is a member`;
}

/** The account-level slices of the snapshot, one per account collector. */
export type AccountSliceKey = Exclude<keyof AccountSnapshot, 'accountId' | 'callerArn' | 'regions' | 'regional'>;

export interface AccountCollector<K extends AccountSliceKey> {
  key: K;
  /** IAM actions this collector may call, e.g. `iam:GetAccountSummary`. Read-only by construction. */
  operations: readonly string[];
  collect(ctx: CollectorContext): Promise<AccountSnapshot[K]>;
}

export interface RegionalCollector<K extends keyof RegionalSnapshot> {
  key: K;
  operations: readonly string[];
  collect(ctx: CollectorContext & { region: string }): Promise<RegionalSnapshot[K]>;
}
