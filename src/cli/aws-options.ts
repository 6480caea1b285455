// The AWS connection options shared by scan and collect, and the progress line shown while collecting.
import type { Command } from 'commander';
import { createAwsContext, type AwsContext } from '../aws/clients.ts';
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

export function awsContextFrom(flags: AwsFlags, io: CliIO): { aws: AwsContext; regions: string[] | undefined; concurrency: number } {
  const regions = parseRegions(flags.regions);
  const region = flags.region === undefined ? undefined : parseRegions(flags.region, '--region')?.[0];
  const concurrency = parsePositiveInt(flags.concurrency ?? '8', '--concurrency');
  const aws = createAwsContext({
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(region ? { defaultRegion: region } : {}),
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
