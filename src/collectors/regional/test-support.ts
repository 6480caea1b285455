// Test support for the regional collector unit tests: an offline collector context and AWS-shaped errors.
// Nothing here reaches the network: credentials are static, the metadata service is disabled, and tests mock `send`.
import { createAwsContext } from '../../aws/clients.ts';
import { createLimiter, type Limiter } from '../../aws/limiter.ts';
import { silentLogger } from '../../core/logger.ts';
import { regionalSchema, type RegionalSnapshot } from '../../inventory/snapshot.ts';
import type { RegionalContext } from './shared.ts';

export const ACCOUNT = '111111111111';

export function testContext(region = 'eu-west-1', limiter: Limiter = createLimiter(4)): RegionalContext {
  const aws = createAwsContext({
    credentials: async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }),
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
  });
  return { aws, accountId: ACCOUNT, logger: silentLogger, limiter, region };
}

/** An error shaped like an SDK v3 service exception. */
export function awsError(name: string, message = `${name} (test)`, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode } });
}

/** What the SDK throws when an endpoint (emulator, partition) answers an unknown operation with an HTML 500 page. */
export function htmlServerError(): Error {
  return Object.assign(
    new Error('Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object. <html><body>500 Internal Server Error</body></html>'),
    { $metadata: { httpStatusCode: 500 } },
  );
}

/** Fails the test if a slice does not satisfy the snapshot schema. */
export function assertSlice<K extends keyof RegionalSnapshot>(key: K, value: unknown): RegionalSnapshot[K] {
  return regionalSchema.shape[key].parse(value) as RegionalSnapshot[K];
}
