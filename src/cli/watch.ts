// `rampart watch`: ship the detector as an AWS Lambda watching the trail bucket. `package` builds function.zip,
// `deploy` prints the stack (CloudFormation or Terraform). Thin edge: flags → src/watch.
import { readFile, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { InputFileError, UsageError } from '../core/errors.ts';
import { alertSeverityOrder, type AlertSeverity } from '../detect/types.ts';
import { parseWatchConfig, type WatchConfig } from '../watch/config.ts';
import { renderCloudFormation } from '../watch/cloudformation.ts';
import { packageFunction } from '../watch/package.ts';
import { buildStack } from '../watch/stack.ts';
import { renderTerraform } from '../watch/terraform.ts';
import { parseVars } from './detect.ts';
import type { CliIO } from './io.ts';

interface PackageFlags {
  output: string;
  rules: string[];
  builtin: boolean;
}

interface DeployFlags {
  format: 'cloudformation' | 'terraform';
  bucket?: string;
  prefix: string;
  config?: string;
  slackSecret: string[];
  webhookSecret: string[];
  minSeverity?: AlertSeverity;
  var: string[];
  kmsKey: string[];
  alarmTopic?: string;
  functionName: string;
  output?: string;
}

const repeat = (v: string, prev: string[] = []) => [...prev, v];

export function registerWatchCommand(program: Command, io: CliIO): void {
  const watch = program
    .command('watch')
    .description('watch CloudTrail continuously: an AWS Lambda on the trail bucket that sends alerts to Slack/webhooks (see docs/watch.md)');

  watch
    .command('package')
    .description('bundle the watcher Lambda (esbuild) and the rules into a deployable zip')
    .requiredOption('-o, --output <file>', 'where to write the zip (e.g. function.zip)')
    .option('--rules <dir>', 'also package the rules in DIR; repeatable', repeat, [])
    .option('--no-builtin', 'do not package the built-in rules')
    .action(async (flags: PackageFlags) => {
      if (!flags.builtin && flags.rules.length === 0) throw new UsageError('nothing to package: --no-builtin without --rules DIR');
      const r = await packageFunction({ ruleDirs: flags.rules, includeBuiltin: flags.builtin });
      await writeFile(flags.output, r.zip);
      const rules = r.files.filter((f) => f.startsWith('rules/')).length;
      io.stderr.write(`wrote ${flags.output}: ${(r.zip.length / 1024).toFixed(0)} KiB (bundle ${(r.bundleBytes / 1024).toFixed(0)} KiB, ${rules} rule files)\n`);
    });

  watch
    .command('deploy')
    .description('print the watcher stack: function, least-privilege role, EventBridge rule, dead-letter queue, alarms')
    .addOption(new Option('--format <format>', 'template language').choices(['cloudformation', 'terraform']).makeOptionMandatory())
    .option('--bucket <name>', 'the (organization) trail bucket')
    .option('--prefix <prefix>', 'key prefix of the log objects', 'AWSLogs/')
    .option('--config <file>', 'watch configuration JSON: destinations with routing by account and severity, vars (docs/watch.md)')
    .option('--slack-secret <arn>', 'Secrets Manager secret holding a Slack incoming-webhook URL; repeatable', repeat, [])
    .option('--webhook-secret <arn>', 'Secrets Manager secret holding a webhook URL; repeatable', repeat, [])
    .addOption(new Option('--min-severity <severity>', 'with --slack-secret/--webhook-secret: only alerts at or above this').choices([...alertSeverityOrder]))
    .option('--var <name=a,b>', 'values for rule placeholders (trail_buckets, org_account_ids…); repeatable', repeat, [])
    .option('--kms-key <arn>', 'KMS key of the SSE-KMS trail bucket or of the secrets; repeatable', repeat, [])
    .option('--alarm-topic <arn>', 'SNS topic for the alarms')
    .option('--function-name <name>', 'Lambda function name', 'rampart-watch')
    .option('-o, --output <file>', 'write the template to FILE instead of stdout')
    .action(async (flags: DeployFlags) => {
      if (flags.bucket === undefined) throw new UsageError('--bucket is required: the trail bucket the watcher reads');
      const config = await configFromFlags(flags);
      const stack = buildStack({
        bucket: flags.bucket,
        prefix: flags.prefix,
        config,
        functionName: flags.functionName,
        kmsKeyArns: flags.kmsKey,
        ...(flags.alarmTopic ? { alarmTopicArn: flags.alarmTopic } : {}),
      });
      const text = flags.format === 'cloudformation' ? renderCloudFormation(stack) : renderTerraform(stack);
      if (flags.output) {
        await writeFile(flags.output, text);
        io.stderr.write(`wrote ${flags.output} (${flags.format})\n`);
      } else io.stdout.write(text);
    });
}

async function configFromFlags(flags: DeployFlags): Promise<WatchConfig> {
  const simple = flags.slackSecret.length + flags.webhookSecret.length > 0;
  if (flags.config !== undefined) {
    if (simple || flags.minSeverity) throw new UsageError('--config holds the destinations: do not combine it with --slack-secret, --webhook-secret or --min-severity');
    const text = await readFile(flags.config, 'utf8').catch(() => {
      throw new InputFileError(flags.config!, 'cannot read the watch configuration');
    });
    const config = parseWatchConfig(text, flags.config);
    return { ...config, vars: { ...config.vars, ...parseVars(flags.var) } };
  }
  if (!simple) throw new UsageError('no alert destination', { hint: 'pass --slack-secret ARN (a secret holding the webhook URL) or --config FILE' });
  const destinations = [
    ...flags.slackSecret.map((secretArn, i) => ({ name: `slack-${i + 1}`, type: 'slack', secretArn })),
    ...flags.webhookSecret.map((secretArn, i) => ({ name: `webhook-${i + 1}`, type: 'webhook', secretArn })),
  ].map((d) => (flags.minSeverity ? { ...d, minSeverity: flags.minSeverity } : d));
  // Through the same schema as a config file, so both are checked alike.
  return parseWatchConfig(JSON.stringify({ destinations, vars: parseVars(flags.var) }), 'flags');
}
