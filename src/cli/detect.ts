// `rampart detect`: read CloudTrail records from files, stdin, S3 or LookupEvents, run the detection rules,
// deliver alerts to the terminal/JSON lines/Slack/webhook. Thin edge: flags → sources, engine, sinks → runDetection.
import { stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { InputFileError, UsageError } from '../core/errors.ts';
import { DetectionEngine } from '../detect/engine.ts';
import { loadRules, type DetectionRule, type LoadRulesOptions } from '../detect/rules/index.ts';
import { defaultWorkerCount, ParallelFileSource } from '../detect/parallel/source.ts';
import type { MatchedSource } from '../detect/parallel/types.ts';
import { runDetection, type DetectStats, type SinkSetup } from '../detect/run.ts';
import { compileRulesToSql } from '../detect/sql.ts';
import { athenaDdl, renderAthenaScript } from '../detect/athena.ts';
import { validateWebhookUrl } from '../detect/sinks/http.ts';
import { JsonLinesSink } from '../detect/sinks/jsonl.ts';
import { SlackSink } from '../detect/sinks/slack.ts';
import { shouldColor, TerminalSink } from '../detect/sinks/terminal.ts';
import { WebhookSink } from '../detect/sinks/webhook.ts';
import { OcsfDetectionSink } from '../report/ocsf-detection.ts';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { S3Client } from '@aws-sdk/client-s3';
import { createAwsContext, type AwsContext } from '../aws/clients.ts';
import { FileSource } from '../detect/sources/files.ts';
import { LookupEventsSource } from '../detect/sources/lookup.ts';
import { S3Source } from '../detect/sources/s3.ts';
import { parseS3Url } from '../detect/sources/s3-layout.ts';
import { parseDuration, parseTimeArg } from '../detect/sources/time-range.ts';
import type { RecordSource } from '../detect/sources/types.ts';
import { alertSeverityOrder, type AlertSeverity } from '../detect/types.ts';
import type { CliIO } from './io.ts';

interface DetectFlags {
  s3?: string;
  lookup?: boolean;
  since?: string;
  until?: string;
  accounts?: string[];
  regions?: string[];
  region?: string[];
  profile?: string;
  follow?: boolean;
  pollInterval?: string;
  rules: string[];
  builtin: boolean;
  var: string[];
  format: 'terminal' | 'jsonl' | 'ocsf';
  slackWebhook?: string;
  webhook?: string;
  minSeverity?: AlertSeverity;
  failOn?: AlertSeverity;
  dedupeWindow: string;
  maxAlertsPerMinute?: string;
  toSql?: 'athena' | 'duckdb';
  athenaDdl?: boolean;
  table?: string;
  stats?: boolean;
  workers?: string;
  /** false with --no-fast. */
  fast?: boolean;
}

/** Slack and webhooks get this cap unless --max-alerts-per-minute says otherwise (Slack accepts about 1 message/s). */
const DEFAULT_REMOTE_CAP = 30;
const DEFAULT_LOOKBACK = '24h';

const repeat = (v: string, prev: string[] = []) => [...prev, v];
const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** Shared by `detect` and `rules`: where rules come from. */
export function addRuleOptions(cmd: Command): Command {
  return cmd
    .option('--rules <dir>', 'add the rules in DIR (YAML, Sigma included) to the built-in ones; repeatable', repeat, [])
    .option('--no-builtin', 'do not load the built-in rules')
    .option('--var <name=a,b>', 'values for a rule placeholder (`|expand %name%`); repeatable', repeat, []);
}

export function parseVars(entries: string[]): Record<string, string[]> {
  const vars: Record<string, string[]> = {};
  for (const e of entries) {
    const i = e.indexOf('=');
    if (i <= 0) throw new UsageError(`--var ${e}: expected name=value[,value…]`, { hint: 'e.g. --var trail_buckets=org-trail-logs,audit-logs' });
    const name = e.slice(0, i).trim();
    vars[name] = [...(vars[name] ?? []), ...e.slice(i + 1).split(',').map((s) => s.trim()).filter(Boolean)];
  }
  return vars;
}

function ruleOptionsFromFlags(flags: { rules: string[]; builtin: boolean; var: string[] }): LoadRulesOptions {
  return { dirs: flags.rules, includeBuiltin: flags.builtin, vars: parseVars(flags.var) };
}

export async function loadRulesFromFlags(flags: { rules: string[]; builtin: boolean; var: string[] }): Promise<DetectionRule[]> {
  const rules = await loadRules(ruleOptionsFromFlags(flags));
  if (rules.length === 0) throw new UsageError('no detection rules loaded', { hint: 'drop --no-builtin or pass --rules DIR' });
  return rules;
}

export function registerDetectCommand(program: Command, io: CliIO): void {
  const severities = [...alertSeverityOrder];
  const cmd = program
    .command('detect')
    .description('detect dangerous activity in CloudTrail logs (files, stdin, S3, LookupEvents) and send alerts')
    .argument('[paths...]', 'log files or folders (CloudTrail S3 layout, .json/.json.gz/.jsonl[.gz]); - for stdin')
    .option('--s3 <url>', 'read a trail bucket: s3://bucket/prefix (organization trails included)')
    .option('--lookup', 'read management events of the last 90 days through the LookupEvents API')
    .option('--since <time>', `start time: ISO date/time or relative (24h, 7d); S3 and --lookup default to ${DEFAULT_LOOKBACK}`)
    .option('--until <time>', 'end time: ISO date/time or relative; default now')
    .option('--accounts <ids>', 'only these account ids, comma-separated (S3: by key; files and stdin: by the event\'s recipientAccountId)', list)
    .option('--regions <names>', 'only these Regions, comma-separated (S3: by key; files and stdin: by the event\'s awsRegion)', list)
    .option('--region <names>', 'AWS Region(s): the Regions --lookup reads; the S3 client Region', list)
    .option('--profile <name>', 'AWS profile (default credential chain otherwise)')
    .option('--follow', 'keep reading new files / objects / events until interrupted (Ctrl-C)')
    .option('--poll-interval <duration>', 'follow mode: how often to look for new input (default 5s for files, 60s for S3 and --lookup)');
  addRuleOptions(cmd)
    .addOption(new Option('--format <format>', 'stdout format (ocsf: OCSF 1.6.0 Detection Findings, one per line)').choices(['terminal', 'jsonl', 'ocsf']).default('terminal'))
    .option('--slack-webhook <url>', 'also send alerts to this Slack incoming webhook (or set RAMPART_SLACK_WEBHOOK_URL)')
    .option('--webhook <url>', 'also POST each alert as JSON to this HTTPS URL')
    .addOption(new Option('--min-severity <severity>', 'drop alerts below this severity').choices(severities))
    .addOption(new Option('--fail-on <severity>', 'exit 1 if any alert is at or above this severity').choices(severities))
    .option('--dedupe-window <duration>', 'suppress repeats (same rule, actor, event, resource) within this event-time window; 0 = off', '10m')
    .option('--max-alerts-per-minute <n>', `rate cap per destination (default: ${DEFAULT_REMOTE_CAP} for Slack and webhooks, none for stdout)`)
    .addOption(new Option('--to-sql <dialect>', 'print the rules compiled to SQL and exit').choices(['athena', 'duckdb']))
    .option('--athena-ddl', 'print the Athena CloudTrail table (partition projection over --s3 s3://BUCKET/AWSLogs/[o-ORGID/], --accounts, --regions) and the rules as named queries, and exit')
    .option('--table <name>', 'table name for --to-sql and --athena-ddl', 'cloudtrail_logs')
    .option('--stats', 'print counters (events, events/s, malformed, suppressed, delivered) on stderr')
    .option('--workers <n>', `files and folders (not stdin, S3, --lookup or --follow): threads that parse and match (default ${defaultWorkerCount()}: one per core, at most 4; 0 or 1 = all on the main thread; with the fast path the main thread is one of them)`)
    .option('--no-fast', 'files and folders: parse every record instead of only those a rule could match (the fast path reads the raw text first; both give the same alerts and counters)')
    .action(async (paths: string[], flags: DetectFlags) => {
      await detectAction(paths, flags, io);
    });
}

async function detectAction(paths: string[], flags: DetectFlags, io: CliIO): Promise<void> {
  const rules = await loadRulesFromFlags(flags);
  if (flags.toSql) {
    printSql(rules, flags.toSql, flags.table, io);
    return;
  }
  if (flags.athenaDdl) {
    printAthenaDdl(rules, flags, io);
    return;
  }
  reportDisabled(rules, io);

  const ac = new AbortController();
  // one client factory for the whole run (shared credentials, sockets and retries); released in `finally`
  const aws = createAwsContext({ ...(flags.profile ? { profile: flags.profile } : {}), logger: io.logger, env: io.env });
  const range = timeRange(flags, false);
  const source = await buildSource(paths, flags, io, aws, { rules, range });
  io.logger.debug(
    source instanceof ParallelFileSource
      ? `detect: ${source.matchHereToo ? `the main thread and ${source.workers} worker thread(s) read` : source.workers >= 2 ? `${source.workers} worker threads read` : 'the main thread reads'}, ${source.fast ? 'scan (parsing only the records a rule could match)' : 'parse'} and match the files`
      : 'detect: records read, parsed and matched on the main thread',
  );
  const sinks = buildSinks(flags, io);
  const dedupeWindowMs = parseDuration(flags.dedupeWindow) ?? (flags.dedupeWindow.trim() === '0' ? 0 : undefined);
  if (dedupeWindowMs === undefined) throw new UsageError(`--dedupe-window ${flags.dedupeWindow}: expected a duration such as 10m or 1h, or 0`);
  const engine = new DetectionEngine(rules);

  // First Ctrl-C: stop reading, deliver what is pending, print counters. Second: leave at once.
  let interrupts = 0;
  const onSigint = () => {
    if (++interrupts > 1) process.exit(130);
    io.logger.info('stopping… (Ctrl-C again to quit at once)');
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  let stats: DetectStats;
  try {
    stats = await runDetection({
      ...('prematched' in source ? { source, engine } : { source, engine }),
      sinks,
      logger: io.logger,
      dedupeWindowMs,
      signal: ac.signal,
      flushOnTick: flags.follow === true,
      ...(flags.minSeverity ? { minSeverity: flags.minSeverity } : {}),
      ...(range.since ? { since: range.since } : {}),
      ...(range.until ? { until: range.until } : {}),
      // Local input carries no key layout to prune by: the record filter applies (S3 prunes by key already).
      ...(paths.length > 0 && flags.accounts ? { accounts: flags.accounts } : {}),
      ...(paths.length > 0 && flags.regions ? { regions: flags.regions } : {}),
    });
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    aws.destroy();
  }

  reportMalformed(stats, io);
  if (flags.stats || stats.interrupted) printStats(stats, engine, io);
  const undelivered = Object.entries(stats.sinks).filter(([, s]) => s.failed > 0);
  for (const [name, s] of undelivered) io.logger.error(`${s.failed} alert${s.failed === 1 ? '' : 's'} could not be delivered to ${name}: ${s.firstError ?? 'unknown error'}`);
  // Nothing read and something unreadable: the run saw nothing, which must not look like "no alerts".
  const nothingRead = stats.records === 0 && stats.outOfRange === 0 && stats.malformed.total > 0;
  if (nothingRead) io.logger.error(`no event read: ${stats.malformed.locations} input${stats.malformed.locations === 1 ? ' was' : 's were'} malformed or empty (see above)`);
  if (undelivered.length > 0) io.setExitCode(3);
  else if (nothingRead) io.setExitCode(2);
  else if (flags.failOn && atOrAbove(stats, flags.failOn) > 0) io.setExitCode(1);
}

function atOrAbove(stats: DetectStats, sev: AlertSeverity): number {
  return alertSeverityOrder.slice(alertSeverityOrder.indexOf(sev)).reduce((n, s) => n + stats.alerts.raisedBySeverity[s], 0);
}

function printSql(rules: DetectionRule[], dialect: 'athena' | 'duckdb', table: string | undefined, io: CliIO): void {
  const { queries, skipped } = compileRulesToSql(rules, dialect, table ? { table } : {});
  const parts = queries.map((q) => `-- ${q.ruleId}\n${q.sql.trimEnd().replace(/;$/, '')};\n`);
  io.stdout.write(parts.join('\n'));
  for (const s of skipped) io.stderr.write(`skipped ${s.ruleId}: ${s.reason}\n`);
  io.stderr.write(`${queries.length} rule${queries.length === 1 ? '' : 's'} compiled to ${dialect} SQL, ${skipped.length} skipped\n`);
}

function printAthenaDdl(rules: DetectionRule[], flags: DetectFlags, io: CliIO): void {
  const url = flags.s3 === undefined ? undefined : parseS3Url(flags.s3);
  if (url === undefined) throw new UsageError('--athena-ddl needs --s3 s3://BUCKET/[PREFIX/]AWSLogs/[o-ORGID/] (where the trail writes)');
  const ddl = athenaDdl(rules, {
    location: url,
    accounts: flags.accounts ?? [],
    ...(flags.regions ? { regions: flags.regions } : {}),
    ...(flags.since ? { since: timeRange(flags, false).since! } : {}),
    ...(flags.table ? { table: flags.table } : {}),
  });
  io.stdout.write(renderAthenaScript(ddl));
  for (const s of ddl.skipped) io.stderr.write(`skipped ${s.ruleId}: ${s.reason}\n`);
  io.stderr.write(`CloudTrail table and ${ddl.namedQueries.length} named queries for Athena, ${ddl.skipped.length} rules skipped\n`);
}

function timeRange(flags: DetectFlags, defaultSince: boolean): { since: Date | undefined; until: Date | undefined } {
  const now = new Date();
  const parse = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const d = parseTimeArg(v, now);
    if (!d) throw new UsageError(`${flag} ${v}: expected an ISO date/time (2026-11-20T08:00:00Z) or a duration (24h, 7d)`);
    return d;
  };
  const since = parse('--since', flags.since ?? (defaultSince ? DEFAULT_LOOKBACK : undefined));
  const until = parse('--until', flags.until);
  if (since && until && since > until) throw new UsageError('--since is after --until');
  if (until && flags.follow) throw new UsageError('--until cannot be combined with --follow');
  return { since, until };
}

/** Worker threads for local files: --workers, else one per core (at most 4); fewer than 2 means the single-thread path. */
function workerCount(flags: DetectFlags): number {
  if (flags.workers === undefined) return defaultWorkerCount();
  const n = Number(flags.workers);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`--workers ${flags.workers}: expected a whole number from 0 to 64`);
  return n;
}

async function buildSource(
  paths: string[],
  flags: DetectFlags,
  io: CliIO,
  aws: AwsContext,
  setup: { rules: DetectionRule[]; range: { since: Date | undefined; until: Date | undefined } },
): Promise<RecordSource | MatchedSource> {
  const workers = workerCount(flags);
  const chosen = [paths.length > 0, flags.s3 !== undefined, flags.lookup === true].filter(Boolean).length;
  if (chosen === 0) throw new UsageError('nothing to read', { hint: 'pass log files or folders, - for stdin, --s3 s3://bucket/prefix, or --lookup' });
  if (chosen > 1) throw new UsageError('choose one input: paths, --s3 or --lookup');
  const pollIntervalMs = flags.pollInterval === undefined ? undefined : parseDuration(flags.pollInterval);
  if (flags.pollInterval !== undefined && (pollIntervalMs === undefined || pollIntervalMs <= 0)) throw new UsageError(`--poll-interval ${flags.pollInterval}: expected a duration such as 30s`);
  const poll = pollIntervalMs === undefined ? {} : { pollIntervalMs };
  const profile = flags.profile ? { profile: flags.profile } : {};
  const follow = flags.follow === true;

  if (paths.length > 0) {
    for (const p of paths) {
      if (p === '-') continue;
      if (!(await stat(p).catch(() => undefined))) throw new InputFileError(p, 'no such file or folder');
    }
    // The pool reads local files only; stdin and follow mode stay on the main thread (S3 could use it later).
    const fast = flags.fast !== false;
    if ((workers >= 2 || fast) && !follow && !paths.includes('-')) {
      return new ParallelFileSource({
        paths,
        // The fast path counts this thread as one of the --workers: it matches files beside workers − 1 threads.
        ...(fast && workers >= 2 ? { workers: workers - 1, matchHereToo: true } : { workers }),
        fast,
        rules: setup.rules,
        since: setup.range.since,
        until: setup.range.until,
        accounts: flags.accounts,
        regions: flags.regions,
      });
    }
    return new FileSource({ paths, stdin: io.stdin, follow, ...poll });
  }

  const regionsFlag = flags.region ?? [];
  const envRegion = io.env['AWS_REGION'] ?? io.env['AWS_DEFAULT_REGION'];
  const range = timeRange(flags, true);
  const since = range.since ?? new Date(0);
  if (flags.s3 !== undefined) {
    const url = parseS3Url(flags.s3);
    if (!url) throw new UsageError(`--s3 ${flags.s3}: expected s3://bucket/prefix`);
    const region = regionsFlag[0] ?? envRegion;
    const client = aws.client(S3Client, region);
    return new S3Source({
      client,
      bucket: url.bucket,
      prefix: url.prefix,
      since,
      ...(range.until ? { until: range.until } : {}),
      ...(flags.accounts ? { accounts: flags.accounts } : {}),
      ...(flags.regions ? { regions: flags.regions } : {}),
      follow,
      ...poll,
      ...profile,
    });
  }
  if (flags.accounts || flags.regions) throw new UsageError('--accounts and --regions apply to files, stdin and --s3, not --lookup', { hint: '--lookup reads the account of the credentials; choose its Regions with --region' });
  const regions = regionsFlag.length > 0 ? regionsFlag : envRegion ? [envRegion] : [];
  if (regions.length === 0) throw new UsageError('--lookup needs a Region', { hint: 'pass --region eu-west-1[,us-east-1…] or set AWS_REGION' });
  if (since.getTime() < Date.now() - 90 * 86_400_000) io.logger.warn('LookupEvents only keeps 90 days; older events come from the trail bucket (--s3)');
  return new LookupEventsSource({
    clientFor: (region) => aws.client(CloudTrailClient, region),
    regions,
    since,
    ...(range.until ? { until: range.until } : {}),
    follow,
    ...poll,
    ...profile,
  });
}

function buildSinks(flags: DetectFlags, io: CliIO): SinkSetup[] {
  let cap: number | undefined;
  if (flags.maxAlertsPerMinute !== undefined) {
    cap = Number(flags.maxAlertsPerMinute);
    if (!Number.isInteger(cap) || cap < 1) throw new UsageError(`--max-alerts-per-minute ${flags.maxAlertsPerMinute}: expected a whole number ≥ 1`);
  }
  const local = cap === undefined ? {} : { maxPerMinute: cap };
  const remote = { maxPerMinute: cap ?? DEFAULT_REMOTE_CAP };
  const sinks: SinkSetup[] = [
    flags.format === 'jsonl'
      ? { sink: new JsonLinesSink(io.stdout), ...local }
      : flags.format === 'ocsf'
        ? { sink: new OcsfDetectionSink(io.stdout), ...local }
        : { sink: new TerminalSink(io.stdout, { color: shouldColor(io.stdout, io.env) }), ...local },
  ];
  const slack = flags.slackWebhook ?? io.env['RAMPART_SLACK_WEBHOOK_URL'];
  if (slack) sinks.push({ sink: new SlackSink(validateWebhookUrl(slack, flags.slackWebhook ? '--slack-webhook' : 'RAMPART_SLACK_WEBHOOK_URL')), ...remote });
  if (flags.webhook) sinks.push({ sink: new WebhookSink(validateWebhookUrl(flags.webhook, '--webhook')), ...remote });
  return sinks;
}

/** One line for rules waiting for `--var` values, instead of one long reason per rule. */
function reportDisabled(rules: DetectionRule[], io: CliIO): void {
  // Rules that run on a default instead of a site value say so once, so the user knows what to pass.
  const assumed = new Map<string, string[]>();
  for (const r of rules) for (const a of r.disabled ? [] : (r.assumptions ?? [])) assumed.set(a, [...(assumed.get(a) ?? []), r.id]);
  for (const [a, ids] of assumed) io.logger.info(`${ids.join(', ')}: ${a}`);
  const disabled = rules.filter((r) => r.disabled);
  if (disabled.length === 0) return;
  const vars = new Set<string>();
  for (const r of disabled) for (const m of r.disabled?.reason.matchAll(/placeholder %([\w.-]+)%/g) ?? []) if (m[1]) vars.add(m[1]);
  const hint = vars.size > 0 ? `; enable with ${[...vars].map((v) => `--var ${v}=…`).join(' ')}` : '';
  io.logger.info(`${disabled.length} rule${disabled.length === 1 ? '' : 's'} disabled (${disabled.map((r) => r.id).join(', ')})${hint}; details: rampart rules list`);
}

const MALFORMED_SHOWN = 5;

function reportMalformed(stats: DetectStats, io: CliIO): void {
  const m = stats.malformed;
  if (m.total === 0) return;
  io.logger.warn(`${m.total} malformed record${m.total === 1 ? '' : 's'}/file${m.total === 1 ? '' : 's'} skipped in ${m.locations} location${m.locations === 1 ? '' : 's'}:`);
  for (const s of m.samples.slice(0, MALFORMED_SHOWN)) io.logger.warn(`  ${s.location} (${s.count}): ${s.reasons.join('; ')}`);
  if (m.locations > MALFORMED_SHOWN) io.logger.warn(`  … and ${m.locations - MALFORMED_SHOWN} more location${m.locations - MALFORMED_SHOWN === 1 ? '' : 's'}`);
}

function printStats(stats: DetectStats, engine: DetectionEngine, io: CliIO): void {
  const n = (x: number) => x.toLocaleString('en-US');
  const a = stats.alerts;
  const sev = [...alertSeverityOrder].reverse().filter((s) => a.raisedBySeverity[s] > 0).map((s) => `${s} ${a.raisedBySeverity[s]}`).join(', ');
  const lines = [
    `events: ${n(stats.records)} from ${n(stats.locations)} file${stats.locations === 1 ? '' : 's'}/pages in ${(stats.elapsedMs / 1000).toFixed(1)} s (${n(stats.eventsPerSecond)} events/s)${stats.interrupted ? ', interrupted' : ''}`,
    `malformed: ${n(stats.malformed.total)} in ${n(stats.malformed.locations)} location${stats.malformed.locations === 1 ? '' : 's'}; outside the time range or --accounts/--regions: ${n(stats.outOfRange)}`,
    `alerts: ${n(a.raised)} raised${sev ? ` (${sev})` : ''}; ${n(a.emitted)} passed on; suppressed: ${n(a.duplicates)} duplicate${a.duplicates === 1 ? '' : 's'}, ${n(a.belowMinSeverity)} below --min-severity`,
    ...Object.entries(stats.sinks).map(([name, s]) => `  ${name}: ${n(s.delivered)} delivered, ${n(s.rateCapped)} held back by the rate cap, ${n(s.failed)} failed`),
  ];
  const e = engine.stats();
  lines.push(`engine: ${n(e.matches)} rule matches, ${n(e.thresholdKeys)} open threshold groups${e.evictedKeys > 0 ? `, ${n(e.evictedKeys)} evicted` : ''}`);
  io.stderr.write(`${lines.join('\n')}\n`);
}
