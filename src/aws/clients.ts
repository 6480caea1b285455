// One client factory for every AWS call: the SDK's standard credential chain (env, shared files, SSO, container,
// instance roles), --profile, AWS_ENDPOINT_URL (the SDK reads it), adaptive retries, a bounded socket pool,
// and the API-call ledger attached to every client.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Logger } from '../core/logger.ts';
import { silentLogger } from '../core/logger.ts';
import { iamActionName, sdkClientName, serviceOf } from './actions.ts';
import { classifyErrorCode, isAbsenceError, isThrottlingError } from './errors.ts';
import { ApiLedger } from './ledger.ts';
import { RateLimits } from './rate.ts';

export interface AwsContextOptions {
  profile?: string;
  /** Region for global calls (IAM, Organizations, STS, S3 ListBuckets). */
  defaultRegion?: string;
  credentials?: AwsCredentialIdentityProvider;
  ledger?: ApiLedger;
  logger?: Logger;
  /** Attempts per call, including the first (adaptive retry mode). */
  maxAttempts?: number;
  /** Sockets per client host; bounds concurrency against one endpoint. */
  maxSockets?: number;
  /** Socket idle time (ms) before an attempt is abandoned and retried; 60 s by default. */
  requestTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Token buckets per Region × service for this credential set (default: AWS-like limits; a fresh set per context). */
  rateLimits?: RateLimits;
}

export interface AwsContext {
  readonly profile: string | undefined;
  readonly defaultRegion: string;
  readonly credentials: AwsCredentialIdentityProvider;
  readonly ledger: ApiLedger;
  readonly logger: Logger;
  /** A custom endpoint (AWS_ENDPOINT_URL), e.g. a local emulator. */
  readonly endpoint: string | undefined;
  client<C extends SdkClient>(ctor: ClientConstructor<C>, region?: string): C;
  /**
   * A context for another credential set (an assumed role in a member account): same endpoint, retries and logger,
   * its own client and socket pool, and a ledger that also counts into this one.
   */
  withCredentials(credentials: AwsCredentialIdentityProvider): AwsContext;
  /** Release sockets so the process can exit promptly. */
  destroy(): void;
}

/**
 * What the factory needs of an SDK v3 client. The middleware stack is typed per client (overloaded `add` per step,
 * bound to the client's input/output unions), so no one structural type accepts every client: it is `object` here
 * and instrument() uses it through the narrow StackLike view below.
 */
export interface SdkClient {
  readonly middlewareStack: object;
  destroy(): void;
}
/** The two stack methods instrument() calls, with the options it passes. */
interface StackLike {
  add(mw: unknown, opts: { step: 'initialize'; name: string; priority?: 'high' | 'normal' | 'low'; override?: boolean }): void;
  addRelativeTo(mw: unknown, opts: { relation: 'before' | 'after'; toMiddleware: string; name: string; override?: boolean }): void;
}
export type ClientConstructor<C> = new (config: Record<string, unknown>) => C;

interface HandlerContext {
  commandName?: string;
  clientName?: string;
}

/**
 * An HTTP 5xx whose body is an HTML page (not an AWS error document) comes from an endpoint that does not implement
 * the operation (an emulator, a proxy). The SDK would retry it as a server error; retrying cannot help, so it is
 * rethrown as a non-retryable UnsupportedOperation. Real AWS 5xx answers carry JSON/XML and are untouched.
 */
function unsupportedAsFinal(e: unknown): unknown {
  const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status === undefined || status < 500 || classifyErrorCode(e) !== 'Unsupported') return e;
  const final = new Error(`the endpoint does not implement this operation (HTTP ${status})`);
  final.name = 'UnsupportedOperation';
  return Object.assign(final, { $metadata: { httpStatusCode: 400, attempts: 1 }, $fault: 'client' });
}

export function createAwsContext(opts: AwsContextOptions = {}): AwsContext {
  const env = opts.env ?? process.env;
  const ledger = opts.ledger ?? new ApiLedger();
  const logger = opts.logger ?? silentLogger;
  const profile = opts.profile ?? env.AWS_PROFILE;
  const defaultRegion = opts.defaultRegion ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  // one credential provider for all clients: resolves (and refreshes) once instead of per client
  const credentials = opts.credentials ?? fromNodeProviderChain(profile ? { profile } : {});
  const endpoint = env.AWS_ENDPOINT_URL || undefined;
  const maxSockets = opts.maxSockets ?? 50;
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
  // requestTimeout alone only logs a warning when exceeded (smithy keeps it lenient for compatibility): a hung
  // answer would stall the scan for good. Abandon the attempt instead (TimeoutError, which the SDK retries).
  const timeout = opts.requestTimeoutMs ?? 60_000;
  const requestHandler = new NodeHttpHandler({
    httpsAgent,
    httpAgent,
    connectionTimeout: 5_000,
    requestTimeout: timeout,
    throwOnRequestTimeout: true,
    socketTimeout: timeout,
  });
  const cache = new Map<string, SdkClient>();
  const rateLimits = opts.rateLimits ?? new RateLimits();

  function instrument(client: SdkClient, clientName: string, region: string): void {
    const service = serviceOf(clientName);
    // the ledger speaks IAM actions (what `rampart iam-policy` grants), not API names: s3 ListBuckets → ListAllMyBuckets
    const actionOf = (context: HandlerContext) => iamActionName(clientName, (context.commandName ?? 'Unknown').replace(/Command$/, ''));
    const stack = client.middlewareStack as StackLike;
    // Per call (outside the retry loop): count it and its attempts.
    stack.add(
      (next: (args: unknown) => Promise<{ output: { $metadata?: { attempts?: number } } }>, context: HandlerContext) =>
        async (args: unknown) => {
          const operation = actionOf(context);
          try {
            const out = await next(args);
            ledger.recordCall(service, operation, region, { attempts: out.output.$metadata?.attempts ?? 1, failed: false });
            return out;
          } catch (e) {
            const attempts = (e as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
            // "no such policy / no configuration" answers are how AWS says a thing is absent: a value, not a failure
            ledger.recordCall(service, operation, region, { attempts, failed: !isAbsenceError(e) });
            throw e;
          }
        },
      { step: 'initialize', name: 'rampartLedger', priority: 'high', override: true },
    );
    // Per attempt (inside the retry loop): wait for the (Region × service) bucket, count throttled answers and slow
    // the bucket down on them, and stop retrying endpoints that do not implement the operation at all.
    const bucket = rateLimits.bucket(region, service);
    stack.addRelativeTo(
      (next: (args: unknown) => Promise<unknown>, context: HandlerContext) => async (args: unknown) => {
        await bucket.take();
        try {
          const out = await next(args);
          bucket.succeeded();
          return out;
        } catch (e) {
          if (isThrottlingError(e)) {
            bucket.throttled();
            const operation = actionOf(context);
            ledger.recordThrottle(service, operation, region);
            logger.debug(`throttled: ${service}:${operation} in ${region}`);
          }
          throw unsupportedAsFinal(e);
        }
      },
      { relation: 'after', toMiddleware: 'retryMiddleware', name: 'rampartThrottleCounter', override: true },
    );
  }

  return {
    profile,
    defaultRegion,
    credentials,
    ledger,
    logger,
    endpoint,
    client<C extends SdkClient>(ctor: ClientConstructor<C>, region = defaultRegion): C {
      const key = `${ctor.name}|${region}`;
      const cached = cache.get(key);
      if (cached) return cached as C;
      const client = new ctor({
        region,
        credentials,
        maxAttempts: opts.maxAttempts ?? 6,
        retryMode: 'adaptive',
        requestHandler,
        // an emulator or proxy endpoint cannot route virtual-hosted bucket names
        ...(endpoint ? { forcePathStyle: true } : {}),
        // a bucket (e.g. the organization trail's) often lives in another Region than the client's: follow S3's redirect
        ...(sdkClientName(ctor) === 'S3Client' ? { followRegionRedirects: true } : {}),
      });
      instrument(client, sdkClientName(ctor), region);
      cache.set(key, client);
      return client;
    },
    withCredentials(other) {
      return createAwsContext({ ...opts, ...(profile ? { profile } : {}), defaultRegion, credentials: other, ledger: new ApiLedger(ledger), logger, env, rateLimits: rateLimits.fresh() });
    },
    destroy() {
      for (const c of cache.values()) c.destroy();
      cache.clear();
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}
