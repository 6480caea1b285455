// The collector contract: each collector declares the read-only operations it may call and fills one slice
// of the snapshot (an account-level key, or a per-Region key).
import type { AwsContext } from '../aws/clients.ts';
import type { Limiter } from '../aws/limiter.ts';
import type { Logger } from '../core/logger.ts';
import type { AccountSnapshot, RegionalSnapshot } from '../inventory/snapshot.ts';

export interface CollectorContext {
  aws: AwsContext;
  accountId: string;
  logger: Logger;
  /** Bounds concurrent calls of this collector's service within the account. */
  limiter: Limiter;
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
