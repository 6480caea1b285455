// Classify SDK errors into CollectError codes, so collectors record *why* data is missing.
import type { CollectError, CollectErrorCode } from '../inventory/collected.ts';

const accessDenied = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
  'InsufficientPermissionsException',
]);
const throttled = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);
const badCredentials = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'CredentialsProviderError',
  'TokenRefreshRequired',
  'TokenProviderError',
  // EC2's "AWS was not able to validate the provided access credentials": a credentials problem, not an opt-in
  'AuthFailure',
]);
const optIn = new Set(['OptInRequired', 'SubscriptionRequiredException']);
const unsupported = new Set(['UnsupportedOperation', 'UnsupportedOperationException', 'InvalidAction', 'NotImplemented', 'UnknownOperationException']);

/** Names the SDK gives an error it could not map to a modeled exception. */
const genericNames = new Set(['Error', 'UnknownError', 'SyntaxError', 'NotFound', 'UnknownOperation']);

interface SdkErrorLike {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string> };
}

function errorName(e: SdkErrorLike): string {
  return e.name && e.name !== 'Error' ? e.name : (e.Code ?? e.code ?? 'Error');
}

export function isThrottlingError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (throttled.has(errorName(e as SdkErrorLike)) || (e as SdkErrorLike).$metadata?.httpStatusCode === 429);
}

/** AWS's way of saying "there is none" (NoSuchBucketPolicy, …NotFoundError, NoSuchEntity…): an answer, not a failure. */
export function isAbsenceError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const name = errorName(e as SdkErrorLike);
  return /^NoSuch|NotFound(Error|Exception)?$/.test(name) || name === 'AWSOrganizationsNotInUseException' || isSecurityHubNotSubscribed(e);
}

/**
 * Security Hub answers DescribeHub with InvalidAccessException "Account … is not subscribed to AWS Security Hub"
 * when it is off; some Regions/versions use ResourceNotFoundException with the same wording. Only that wording means
 * "off": InvalidAccessException is also Security Hub's answer to a caller that may not use it at all (e.g. a member
 * account restricted by its administrator), and then whether a hub exists is unknown.
 */
export function isSecurityHubNotSubscribed(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, message } = e as { name?: string; message?: string };
  return (name === 'InvalidAccessException' || name === 'ResourceNotFoundException') && /not subscribed/i.test(message ?? '');
}

export function isCredentialsError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && badCredentials.has(errorName(e as SdkErrorLike));
}

export function classifyErrorCode(e: unknown): CollectErrorCode {
  if (typeof e !== 'object' || e === null) return 'Unknown';
  const err = e as SdkErrorLike;
  const name = errorName(err);
  const message = err.message ?? '';
  const status = err.$metadata?.httpStatusCode ?? err.$response?.statusCode;
  // Whether an SCP caused a refusal is decided from the SCPs themselves (src/checks/helpers/region-closure.ts), never
  // from the wording of the message.
  if (accessDenied.has(name)) return 'AccessDenied';
  if (throttled.has(name) || status === 429) return 'Throttled';
  if (badCredentials.has(name)) return 'InvalidCredentials';
  if (optIn.has(name)) return 'OptInRequired';
  if (unsupported.has(name)) return 'Unsupported';
  if (name === 'TimeoutError' || /ETIMEDOUT|ECONNRESET|socket hang up/i.test(message)) return 'Timeout';
  // An endpoint that does not implement the operation (an emulator, a partition without the service) answers 501,
  // or 404/500 with an HTML page instead of an AWS error document; that is "unsupported", not a verdict.
  // A 404 with an AWS error document (NoSuchBucket, NoSuchEntity…) is a real answer and was classified above.
  if (status === 501) return 'Unsupported';
  const contentType = err.$response?.headers?.['content-type'] ?? err.$response?.headers?.['Content-Type'] ?? '';
  const htmlBody = /text\/html/i.test(contentType) || /<html|<!doctype/i.test(message);
  const undeserializable = /deseriali|XML parse error|Unexpected token|is not valid JSON|char '<'/i.test(message);
  if ((status === 404 || (status !== undefined && status >= 500)) && (htmlBody || undeserializable)) return 'Unsupported';
  if (status === 404 && genericNames.has(name)) return 'Unsupported';
  return 'Unknown';
}

/** A CollectError for a failed call. `operation` is `service:Operation` in IAM action spelling. */
export function toCollectError(e: unknown, operation: string, region?: string): CollectError {
  const code = classifyErrorCode(e);
  const raw = e instanceof Error ? e.message : String(e);
  const name = typeof e === 'object' && e !== null ? errorName(e as SdkErrorLike) : 'Error';
  // keep messages short and free of response bodies (HTML pages, request ids)
  const firstLine = raw.split('\n')[0]?.slice(0, 300) ?? '';
  const message = code === 'Unsupported' ? `${operation} is not supported by this endpoint (${name})` : `${name}: ${firstLine}`;
  return { code, operation, message, ...(region ? { region } : {}) };
}
