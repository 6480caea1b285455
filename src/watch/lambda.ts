// The AWS Lambda entry point (bundled by `rampart watch package`): configuration from the environment,
// rules from the `rules/` folder packaged beside this file, AWS clients from the execution role.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createStderrLogger } from '../core/logger.ts';
import { loadRules } from '../detect/rules/index.ts';
import { parseWatchConfig } from './config.ts';
import { createWatchHandler, type WatchResult } from './handler.ts';

export const CONFIG_ENV = 'RAMPART_WATCH_CONFIG';

let ready: Promise<(event: unknown) => Promise<WatchResult>> | undefined;

async function setup(): Promise<(event: unknown) => Promise<WatchResult>> {
  const text = process.env[CONFIG_ENV];
  if (text === undefined) throw new Error(`${CONFIG_ENV} is not set: deploy with \`rampart watch deploy\``);
  const config = parseWatchConfig(text, CONFIG_ENV);
  const rulesDir = process.env.RAMPART_RULES_DIR ?? join(dirname(fileURLToPath(import.meta.url)), 'rules');
  const rules = await loadRules({ dirs: [rulesDir], includeBuiltin: false, vars: config.vars });
  const logger = createStderrLogger('info', (s) => process.stderr.write(s));
  const disabled = rules.filter((r) => r.disabled).map((r) => r.id);
  if (disabled.length > 0) logger.warn(`rules disabled until their variables are set in the config: ${disabled.join(', ')}`);
  // An emulator endpoint (AWS_ENDPOINT_URL, local tests) needs path-style S3 URLs, as the CLI uses.
  const s3 = new S3Client({ forcePathStyle: process.env.AWS_ENDPOINT_URL !== undefined });
  return createWatchHandler({ s3, secrets: new SecretsManagerClient({}), rules, config, logger });
}

export async function handler(event: unknown): Promise<WatchResult> {
  ready ??= setup().catch((e: unknown) => {
    ready = undefined;
    throw e;
  });
  return (await ready)(event);
}
