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
import { isThrottlingError } from './errors.ts';
import { ApiLedger } from './ledger.ts';

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
  env?: NodeJS.ProcessEnv;
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
  /** Release sockets so the process can exit promptly. */
  destroy(): void;
}

/** The parts of an SDK v3 client the factory relies on. */
export interface SdkClient {
  middlewareStack: {
    add(mw: unknown, opts: { step: string; name: string; priority?: string; override?: boolean }): void;
    addRelativeTo(mw: unknown, opts: { relation: 'before' | 'after'; toMiddleware: string; name: string; override?: boolean }): void;
  };
  destroy(): void;
}
export type ClientConstructor<C> = new (config: Record<string, unknown>) => C;

interface HandlerContext {
  commandName?: string;
  clientName?: string;
}

/** Service name as used in IAM actions (`iam`, `ec2`, `securityhub`…), from the SDK's client name. */
function serviceOf(ctor: { name: string }): string {
  const special: Record<string, string> = {
    S3ControlClient: 's3',
    ConfigServiceClient: 'config',
    AccessAnalyzerClient: 'access-analyzer',
    CloudTrailClient: 'cloudtrail',
    OrganizationsClient: 'organizations',
    SecurityHubClient: 'securityhub',
    GuardDutyClient: 'guardduty',
  };
  return special[ctor.name] ?? ctor.name.replace(/Client$/, '').toLowerCase();
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
  const requestHandler = new NodeHttpHandler({ httpsAgent, httpAgent, connectionTimeout: 5_000, requestTimeout: 60_000 });
  const cache = new Map<string, SdkClient>();

  function instrument(client: SdkClient, service: string, region: string): void {
    // Per call (outside the retry loop): count it and its attempts.
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<{ output: { $metadata?: { attempts?: number } } }>, context: HandlerContext) =>
        async (args: unknown) => {
          const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
          try {
            const out = await next(args);
            ledger.recordCall(service, operation, region, { attempts: out.output.$metadata?.attempts ?? 1, failed: false });
            return out;
          } catch (e) {
            const attempts = (e as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
            ledger.recordCall(service, operation, region, { attempts, failed: true });
            throw e;
          }
        },
      { step: 'initialize', name: 'rampartLedger', priority: 'high', override: true },
    );
    // Per attempt (inside the retry loop): count throttled answers.
    client.middlewareStack.addRelativeTo(
      (next: (args: unknown) => Promise<unknown>, context: HandlerContext) => async (args: unknown) => {
        try {
          return await next(args);
        } catch (e) {
          if (isThrottlingError(e)) {
            const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
            ledger.recordThrottle(service, operation, region);
            logger.debug(`throttled: ${service}:${operation} in ${region}`);
          }
          throw e;
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
      });
      instrument(client, serviceOf(ctor), region);
      cache.set(key, client);
      return client;
    },
    destroy() {
      for (const c of cache.values()) c.destroy();
      cache.clear();
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}
