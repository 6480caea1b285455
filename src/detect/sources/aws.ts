// Mapping of SDK errors met by the detect sources to Rampart's typed errors.
// Clients come from the shared factory (src/aws/clients.ts), so detect gets the same credential chain, retries,
// socket pool and API-call ledger as the scan; errors are classified by the same rules (src/aws/errors.ts).
import { classifyErrorCode } from '../../aws/errors.ts';
import { CredentialsError, RuntimeFailure, UsageError, type RampartError } from '../../core/errors.ts';

export interface AwsCallContext {
  /** IAM action, e.g. `s3:ListBucket`. */
  action: string;
  /** What it was called on, e.g. `bucket org-trail-logs` or `Region eu-west-1`. */
  resource: string;
  profile?: string;
}

/** Turns an SDK error into the error the CLI knows how to explain. Unknown errors become RuntimeFailure. */
export function mapAwsError(e: unknown, ctx: AwsCallContext): RampartError {
  const name = e instanceof Error ? e.name : '';
  const message = e instanceof Error ? e.message : String(e);
  const loginHint = `run \`aws sso login --profile ${ctx.profile ?? 'X'}\` or set AWS_PROFILE (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)`;
  const code = classifyErrorCode(e);
  if (code === 'InvalidCredentials' || /could not load credentials|credential.*expired|token.*expired/i.test(message)) {
    return new CredentialsError(`AWS credentials missing or rejected for ${ctx.action} (${name || 'error'}: ${message})`, { hint: loginHint, cause: e });
  }
  if (code === 'AccessDenied' || code === 'DeniedByScp' || name === 'AllAccessDisabled') {
    return new CredentialsError(`access denied: ${ctx.action} on ${ctx.resource}`, {
      hint: `grant ${ctx.action} on ${ctx.resource} to the identity you run as (check SCPs, bucket and KMS key policies too)`,
      cause: e,
    });
  }
  if (name === 'NoSuchBucket') return new UsageError(`${ctx.resource} does not exist`, { hint: 'check the --s3 URL', cause: e });
  if (/region is missing/i.test(message)) {
    return new UsageError('no AWS Region configured', { hint: 'pass --region or set AWS_REGION', cause: e });
  }
  return new RuntimeFailure(`${ctx.action} on ${ctx.resource} failed: ${name ? `${name}: ` : ''}${message}`, { cause: e });
}

/** True for errors that concern a single object (deleted meanwhile), which the run can count and skip. */
export function isPerObjectError(e: unknown): boolean {
  const name = e instanceof Error ? e.name : '';
  return name === 'NoSuchKey' || name === 'InvalidObjectState';
}
