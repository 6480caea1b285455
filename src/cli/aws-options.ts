// The AWS connection options shared by scan and collect, and the progress line shown while collecting.
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { Command } from 'commander';
import { createAwsContext, type AwsContext } from '../aws/clients.ts';
import { knownProfiles, profileFiles } from '../aws/profiles.ts';
import { UsageError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { CliIO } from './io.ts';
import { parsePositiveInt, parseRegions } from './options.ts';

export interface AwsFlags {
  profile?: string;
  region?: string;
  regions?: string;
  concurrency?: string;
}

export function addAwsOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'AWS profile from ~/.aws/config (SSO profiles work; run `aws sso login --profile NAME` first)')
    .option('--region <region>', 'Region for global calls (default: AWS_REGION or us-east-1)')
    .option('--regions <list>', 'only scan these Regions, comma-separated (default: every enabled Region)')
    .option('--concurrency <n>', 'parallel collection units (Region × service)', '8');
}

/** `--concurrency`, validated whether or not the run calls AWS (a bad value is a mistake with --demo too). */
export function parseConcurrency(flags: AwsFlags): number {
  return parsePositiveInt(flags.concurrency ?? '8', '--concurrency');
}

/** A profile named by --profile or AWS_PROFILE must exist in the shared files: say so before any call. */
async function assertProfileExists(profile: string, fromFlag: boolean, env: NodeJS.ProcessEnv): Promise<void> {
  const known = await knownProfiles(env);
  if (known.has(profile)) return;
  const files = profileFiles(env);
  const source = fromFlag ? '--profile' : 'AWS_PROFILE';
  throw new UsageError(`${source}: the profile "${profile}" does not exist in ${files.config} or ${files.credentials}`, {
    hint:
      known.size > 0
        ? `Known profiles: ${[...known].sort().join(', ')}. Create one with \`aws configure sso --profile ${profile}\` or \`aws configure --profile ${profile}\`.`
        : `No profile is configured. Create one with \`aws configure sso --profile ${profile}\` or \`aws configure --profile ${profile}\`.`,
  });
}

/**
 * The SDK's logger for the credential chain: its one warning worth showing (both a profile and static keys in the
 * environment) is said once in Rampart's words by awsContextFrom, so the raw multi-line text is dropped here.
 */
export function sdkCredentialLogger(logger: Logger): { debug(m: unknown): void; info(m: unknown): void; warn(m: unknown): void; error(m: unknown): void } {
  const text = (m: unknown) => (typeof m === 'string' ? m : JSON.stringify(m));
  return {
    debug: (m) => logger.debug(text(m)),
    info: (m) => logger.debug(text(m)),
    warn: (m) => {
      if (!/Multiple credential sources detected/.test(text(m))) logger.warn(text(m).split('\n')[0] ?? '');
    },
    error: (m) => logger.error(text(m).split('\n')[0] ?? ''),
  };
}

export async function awsContextFrom(flags: AwsFlags, io: CliIO): Promise<{ aws: AwsContext; regions: string[] | undefined; concurrency: number }> {
  const regions = parseRegions(flags.regions);
  const region = flags.region === undefined ? undefined : parseRegions(flags.region, '--region')?.[0];
  const concurrency = parseConcurrency(flags);
  const profile = flags.profile ?? (io.env.AWS_PROFILE || undefined);
  if (profile !== undefined) {
    await assertProfileExists(profile, flags.profile !== undefined, io.env);
    if (io.env.AWS_ACCESS_KEY_ID && io.env.AWS_SECRET_ACCESS_KEY) {
      io.logger.warn(
        `both the profile "${profile}" and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set; using the profile. Unset one of them to make the choice explicit.`,
      );
    }
  }
  const aws = createAwsContext({
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(region ? { defaultRegion: region } : {}),
    credentials: fromNodeProviderChain({ ...(profile ? { profile } : {}), logger: sdkCredentialLogger(io.logger) }),
    logger: io.logger,
    env: io.env,
  });
  return { aws, regions, concurrency };
}

/** A one-line progress indicator on stderr, only when stderr is a terminal. */
export function progressReporter(io: CliIO): { update(p: { done: number; total: number; unit: string }): void; done(): void } {
  if (!io.stderr.isTTY) return { update() {}, done() {} };
  let last = 0;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      io.stderr.write(`\r\x1b[2Kcollecting ${p.done}/${p.total} ${p.unit}`);
    },
    done() {
      io.stderr.write('\r\x1b[2K');
    },
  };
}
