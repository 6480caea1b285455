// Assume the audit role in a member account: credentials from sts:AssumeRole made through the caller's own (ledgered)
// STS client, refreshed before they expire so a scan longer than the session does not fail at the one-hour mark, and
// failures explained as a cause and a fix (role missing, trust refused, SCP…) instead of a bare AccessDenied.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { CollectError } from '../inventory/collected.ts';
import type { AwsContext } from './clients.ts';
import { toCollectError } from './errors.ts';

export const ASSUME_ROLE_OPERATION = 'sts:AssumeRole';
export const DEFAULT_AUDIT_ROLE = 'OrganizationAccountAccessRole';

export interface AssumeRoleTarget {
  accountId: string;
  roleName: string;
  externalId?: string;
  /** The partition of the caller (arn:aws-cn:… roles live in aws-cn). */
  partition?: string;
}

export interface AssumeOptions {
  /** Refresh this long before the credentials expire (default 5 minutes: longer than any one call takes). */
  refreshMarginMs?: number;
  /** Session length asked for; role chaining caps it at one hour, which is why refresh matters. */
  durationSeconds?: number;
  now?: () => number;
}

/** The role could not be assumed; `error` is what the account's findings carry (cause and fix in the message). */
export class AssumeRoleFailure extends Error {
  readonly error: CollectError;
  constructor(error: CollectError, options?: { cause?: unknown }) {
    super(error.message, options);
    this.name = 'AssumeRoleFailure';
    this.error = error;
  }
}

export function roleArnOf(target: AssumeRoleTarget): string {
  return `arn:${target.partition ?? 'aws'}:iam::${target.accountId}:role/${target.roleName}`;
}

/** What went wrong and what to do, for a failed AssumeRole. AWS does not say which of the causes it was, so we list them. */
export function explainAssumeFailure(e: unknown, target: AssumeRoleTarget, callerArn: string): CollectError {
  const raw = toCollectError(e, ASSUME_ROLE_OPERATION);
  const roleArn = roleArnOf(target);
  const name = (e as { name?: string }).name ?? '';
  const deploy = `deploy the audit role to account ${target.accountId} (\`rampart audit-role --format cloudformation\` prints a StackSet that does it for the whole organization), or pass --role-name with a role that exists there and trusts ${callerArn}`;
  let cause: string;
  // AWS's own message names the SCP ("explicit deny in a service control policy"): pass that on as the likely fix,
  // keeping the code AccessDenied (the error code never rests on message text).
  if (raw.code === 'AccessDenied' && /service control polic/i.test(raw.message))
    cause = `AWS says a service control policy denies sts:AssumeRole into ${roleArn}; exempt the audit role in that SCP`;
  else if (raw.code === 'AccessDenied')
    cause = `${callerArn} may not assume ${roleArn}: the role does not exist, its trust policy does not allow this caller${target.externalId ? ' with this external id' : ''}, or the caller lacks sts:AssumeRole; ${deploy}`;
  else if (name === 'RegionDisabledException') cause = `STS is not activated in this Region for the account; activate it in IAM account settings or pass --region with an active Region`;
  else if (raw.code === 'InvalidCredentials') cause = `the caller's credentials were refused while assuming ${roleArn}; sign in again`;
  else cause = `could not assume ${roleArn}; ${deploy}`;
  return { code: raw.code, operation: ASSUME_ROLE_OPERATION, message: `${cause} (${raw.message})` };
}

function sessionName(callerArn: string): string {
  // visible in the member's CloudTrail: say who audits; 2–64 chars of [\w+=,.@-]
  const who = (callerArn.split('/').pop() ?? 'caller').replace(/[^\w+=,.@-]/g, '-');
  return `rampart-audit-${who}`.slice(0, 64);
}

/**
 * A credential provider for the member account. The first call happens in `assumeRole` (so a refusal is known
 * before any collector runs); later calls return the cached credentials until `refreshMarginMs` before expiry, then
 * assume again. Concurrent callers share one refresh.
 */
export async function assumeRole(
  base: AwsContext,
  target: AssumeRoleTarget,
  callerArn: string,
  opts: AssumeOptions = {},
): Promise<AwsCredentialIdentityProvider> {
  const margin = opts.refreshMarginMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const sts = base.client(STSClient);
  const fetchOnce = async (): Promise<AwsCredentialIdentity> => {
    let out;
    try {
      out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArnOf(target),
          RoleSessionName: sessionName(callerArn),
          ...(target.externalId ? { ExternalId: target.externalId } : {}),
          ...(opts.durationSeconds ? { DurationSeconds: opts.durationSeconds } : {}),
        }),
      );
    } catch (e) {
      throw new AssumeRoleFailure(explainAssumeFailure(e, target, callerArn), { cause: e });
    }
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new AssumeRoleFailure({ code: 'ParseError', operation: ASSUME_ROLE_OPERATION, message: `sts:AssumeRole into ${roleArnOf(target)} returned no credentials` });
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
    };
  };

  let current = await fetchOnce();
  let refreshing: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    const expiresAt = current.expiration?.getTime();
    if (expiresAt === undefined || expiresAt - now() > margin) return current;
    refreshing ??= fetchOnce().then(
      (fresh) => {
        current = fresh;
        refreshing = undefined;
        return fresh;
      },
      (e: unknown) => {
        refreshing = undefined;
        // named like the SDK's own provider errors, so collectors record InvalidCredentials and the account stops
        throw Object.assign(new Error(`refreshing the audit role credentials failed: ${e instanceof Error ? e.message : String(e)}`), {
          name: 'CredentialsProviderError',
        });
      },
    );
    return refreshing;
  };
}
