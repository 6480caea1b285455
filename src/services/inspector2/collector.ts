// Amazon Inspector collector (per Region): BatchGetAccountStatus for the scanned account, what inspector-enabled reads.
// Inspector never activated answers state DISABLED (a value); a refusal, or an account the answer does not cover, is an error.
import { BatchGetAccountStatusCommand, Inspector2Client } from '@aws-sdk/client-inspector2';
import { failed, type Collected } from '../../inventory/collected.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { need, orNull, read, regionalClient } from '../../collectors/regional/shared.ts';
import type { Inspector2AccountStatus, Inspector2Slice } from './schema.ts';

const OPS = { status: 'inspector2:BatchGetAccountStatus' } as const;

/** Thrown inside the read when the answer lists the account under failedAccounts: recorded with Inspector's own code. */
class FailedAccount extends Error {
  readonly errorCode: string;
  constructor(errorCode: string, message: string) {
    super(message);
    this.errorCode = errorCode;
  }
}

export const inspector2Collector: RegionalCollector<'inspector2'> = {
  key: 'inspector2',
  operations: Object.values(OPS),
  async collect(ctx): Promise<Inspector2Slice> {
    const { region, limiter, accountId } = ctx;
    const client = regionalClient(ctx, Inspector2Client);
    let refused: FailedAccount | undefined;
    const accountStatus: Collected<Inspector2AccountStatus> = await read(OPS.status, region, () =>
      limiter.run(async () => {
        const r = await client.send(new BatchGetAccountStatusCommand({ accountIds: [accountId] }));
        const a = (r.accounts ?? []).find((x) => x.accountId === accountId);
        if (a === undefined) {
          const f = (r.failedAccounts ?? []).find((x) => x.accountId === accountId);
          refused = new FailedAccount(f?.errorCode ?? 'MISSING', f?.errorMessage ?? `the answer lists account ${accountId} neither in accounts nor in failedAccounts`);
          throw refused;
        }
        const s = a.resourceState;
        return {
          state: need(a.state?.status, 'accounts.state.status'),
          ec2: orNull(s?.ec2?.status),
          ecr: orNull(s?.ecr?.status),
          lambda: orNull(s?.lambda?.status),
          lambdaCode: orNull(s?.lambdaCode?.status),
        };
      }),
    );
    if (refused !== undefined) {
      const code = refused.errorCode === 'ACCESS_DENIED' ? 'AccessDenied' : refused.errorCode === 'MISSING' ? 'ParseError' : 'Unknown';
      return { accountStatus: failed({ code, operation: OPS.status, region, message: `${OPS.status}: ${refused.errorCode}: ${refused.message}` }) };
    }
    return { accountStatus };
  },
};
