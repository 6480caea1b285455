// AWS clients for the detect sources and the mapping of SDK errors to Rampart's typed errors.
// Credentials come from the SDK default chain (env, SSO/profile, container, instance); AWS_ENDPOINT_URL is honoured by the SDK.
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { S3Client } from '@aws-sdk/client-s3';
import { CredentialsError, RuntimeFailure, UsageError, type RampartError } from '../../core/errors.ts';

export interface AwsClientOptions {
  profile?: string;
  region?: string;
  /** Path-style S3 URLs, needed by most local emulators (set when AWS_ENDPOINT_URL is). */
  forcePathStyle?: boolean;
}

// Adaptive retry backs off on throttling across all calls of a client, which LookupEvents (2 TPS) needs.
const retry = { maxAttempts: 8, retryMode: 'adaptive' } as const;

export function createS3Client(opts: AwsClientOptions): S3Client {
  return new S3Client({
    ...retry,
    ...(opts.profile ? { profile: opts.profile } : {}),
    // The trail bucket often lives in another Region than the one configured; follow S3's redirect.
    region: opts.region ?? 'us-east-1',
    followRegionRedirects: true,
    ...(opts.forcePathStyle ? { forcePathStyle: true } : {}),
  });
}

export function createCloudTrailClient(opts: AwsClientOptions & { region: string }): CloudTrailClient {
  return new CloudTrailClient({ ...retry, ...(opts.profile ? { profile: opts.profile } : {}), region: opts.region });
}

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'TokenRefreshRequired',
  'InvalidToken',
]);
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AllAccessDisabled']);

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
  if (CREDENTIAL_ERRORS.has(name) || /could not load credentials|credential.*expired|token.*expired/i.test(message)) {
    return new CredentialsError(`AWS credentials missing or rejected for ${ctx.action} (${name || 'error'}: ${message})`, { hint: loginHint, cause: e });
  }
  if (ACCESS_DENIED.has(name)) {
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
