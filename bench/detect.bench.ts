// Throughput of `rampart detect` on the real delivery shape: many small gzip CloudTrail files in the S3 layout.
// Generates ≥ 1,000,000 events once (reused), then runs the full pipeline (file source → parse → engine with every
// built-in rule → counting sink) and prints events/s, wall time and peak RSS. Figures only, no assertions.
// Measures the floor — the simplest reader: read + gunzipSync + JSON.parse of every file on one thread, no rules —
// then the plain path (every record parsed) and the fast path (raw-text scan, only records a rule could match
// parsed; `rampart detect`'s default), each on one thread and with the worker pool of the default size, each in its
// own child process so each peak RSS is its own; the floor is measured again at the end (the machine may be shared)
// and every configuration is printed as a ratio to the mean of the two floor runs (`× floor`).
//   ./node_modules/.bin/node bench/detect.bench.ts [--files 2000] [--per-file 500] [--dir PATH] [--regenerate] [--workers N] [--only plain|fast]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { silentLogger } from '../src/core/logger.ts';
import { DetectionEngine } from '../src/detect/engine.ts';
import { loadRules } from '../src/detect/rules/index.ts';
import { runDetection } from '../src/detect/run.ts';
import type { AlertSink } from '../src/detect/sinks/types.ts';
import { availableParallelism, loadavg } from 'node:os';
import { defaultWorkerCount, ParallelFileSource } from '../src/detect/parallel/source.ts';
import { FileSource } from '../src/detect/sources/files.ts';
import { trailKey } from '../src/detect/sources/fixtures.ts';
import type { Alert, CloudTrailRecord } from '../src/detect/types.ts';

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '2000' },
    'per-file': { type: 'string', default: '500' },
    dir: { type: 'string' },
    regenerate: { type: 'boolean', default: false },
    generate: { type: 'boolean', default: false },
    measure: { type: 'boolean', default: false },
    workers: { type: 'string' },
    mode: { type: 'string', default: 'plain' },
    only: { type: 'string' },
    repeat: { type: 'string', default: '1' },
  },
});
const FILES = Number(args.files);
const PER_FILE = Number(args['per-file']);
const DIR = args.dir ?? join(tmpdir(), `rampart-bench-detect-${FILES}x${PER_FILE}`);
// The marker sits beside the logs, not among them (the walk would count it as a malformed log file).
const DATA = join(DIR, 'logs');
const MARKER = join(DIR, 'complete.marker');

// ---- generation (runs in a child process so its memory does not count in the pipeline's peak RSS) ----

/** Deterministic PRNG, so every machine benches the same data. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNTS = Array.from({ length: 20 }, (_, i) => String(100000000000 + i * 7919));
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const ROLES = ['deploy-pipeline', 'AWSReservedSSO_ReadOnly_0a1b2c3d4e5f', 'app-backend', 'karpenter', 'datadog-integration'];
const UA = [
  'aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.1 os/linux#6.8.0-49-generic md/arch#x86_64 lang/python#3.12.7',
  'aws-sdk-go-v2/1.32.4 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.187.1',
  'Boto3/1.35.54 md/Botocore#1.35.54 ua/2.0 os/linux#5.10.227 md/arch#x86_64 lang/python#3.11.10 cfg/retry-mode#legacy',
  'console.amazonaws.com',
];

function uuid(r: () => number): string {
  const h = () => Math.floor(r() * 0x100000000).toString(16).padStart(8, '0');
  const a = h();
  const b = h();
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${h().slice(0, 3)}-${h()}${b.slice(0, 4)}`;
}

function makeEvent(r: () => number, account: string, region: string, time: Date): CloudTrailRecord {
  const role = ROLES[Math.floor(r() * ROLES.length)]!;
  const session = `session-${Math.floor(r() * 50)}`;
  const assumed = {
    type: 'AssumedRole',
    principalId: `AROA${Math.floor(r() * 1e12)}:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    accessKeyId: `ASIA${Math.floor(r() * 1e12)}`,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: `AROA${Math.floor(r() * 1e12)}`, arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role },
      attributes: { creationDate: new Date(time.getTime() - 600_000).toISOString().replace(/\.\d+Z$/, 'Z'), mfaAuthenticated: 'false' },
    },
  };
  const base = {
    eventVersion: '1.09',
    userIdentity: assumed as CloudTrailRecord['userIdentity'],
    eventTime: time.toISOString().replace(/\.\d+Z$/, 'Z'),
    awsRegion: region,
    sourceIPAddress: `198.51.100.${Math.floor(r() * 250)}`,
    userAgent: UA[Math.floor(r() * UA.length)]!,
    requestID: uuid(r),
    eventID: uuid(r),
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `ec2.${region}.amazonaws.com` },
  };
  const x = r();
  let ev: CloudTrailRecord;
  if (x < 0.3) {
    ev = { ...base, eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', requestParameters: { instancesSet: {}, filterSet: { items: [{ name: 'tag:team', valueSet: { items: [{ value: 'payments' }] } }] } }, responseElements: null };
  } else if (x < 0.45) {
    ev = { ...base, eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', userIdentity: { type: 'AWSService', invokedBy: 'ecs-tasks.amazonaws.com' }, requestParameters: { roleArn: `arn:aws:iam::${account}:role/${role}`, roleSessionName: session, durationSeconds: 3600 }, responseElements: { credentials: { accessKeyId: `ASIA${Math.floor(r() * 1e12)}`, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE', expiration: 'Nov 20, 2026, 9:14:03 AM' }, assumedRoleUser: { assumedRoleId: `AROA:${session}`, arn: assumed.arn } }, resources: [{ accountId: account, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${account}:role/${role}` }], readOnly: true };
  } else if (x < 0.6) {
    ev = { ...base, eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', userIdentity: { type: 'AWSService', invokedBy: 's3.amazonaws.com' }, requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::app-data-${account}/objects/${Math.floor(r() * 1e6)}` } }, responseElements: null, resources: [{ accountId: account, type: 'AWS::KMS::Key', ARN: `arn:aws:kms:${region}:${account}:key/${uuid(r)}` }] };
  } else if (x < 0.7) {
    ev = { ...base, eventSource: 's3.amazonaws.com', eventName: r() < 0.5 ? 'GetBucketAcl' : 'ListBuckets', requestParameters: { bucketName: `app-data-${account}`, Host: `app-data-${account}.s3.${region}.amazonaws.com`, acl: '' }, responseElements: null };
  } else if (x < 0.78) {
    ev = { ...base, eventSource: 'iam.amazonaws.com', eventName: r() < 0.5 ? 'GetRole' : 'ListAttachedRolePolicies', awsRegion: 'us-east-1', requestParameters: { roleName: role }, responseElements: null };
  } else if (x < 0.86) {
    ev = { ...base, eventSource: 'monitoring.amazonaws.com', eventName: 'PutMetricData', readOnly: false, requestParameters: { namespace: 'App/Backend', metricData: [{ metricName: 'latency', value: r() * 100, unit: 'Milliseconds' }] }, responseElements: null };
  } else if (x < 0.9) {
    ev = { ...base, eventSource: 'logs.amazonaws.com', eventName: 'CreateLogStream', readOnly: false, requestParameters: { logGroupName: `/ecs/${role}`, logStreamName: `${session}/${uuid(r)}` }, responseElements: null };
  } else if (x < 0.93) {
    ev = { ...base, eventSource: 'ec2.amazonaws.com', eventName: 'DescribeSecurityGroups', errorCode: 'Client.UnauthorizedOperation', errorMessage: 'You are not authorized to perform this operation.', requestParameters: { securityGroupSet: {}, filterSet: {} }, responseElements: null };
  } else if (x < 0.95) {
    ev = { ...base, eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', readOnly: false, userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${account}:assumed-role/AWSReservedSSO_Admin_1234/jane`, accountId: account, principalId: 'AROA:jane' }, requestParameters: null, responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MobileVersion: 'No', MFAUsed: 'No' } };
  } else if (x < 0.99995) {
    ev = { ...base, eventSource: 'lambda.amazonaws.com', eventName: 'GetFunction20150331v2', requestParameters: { functionName: `arn:aws:lambda:${region}:${account}:function:billing-export` }, responseElements: null };
  } else {
    // The rare events the rules exist for (about 1 in 20,000).
    const bad = r();
    if (bad < 0.34) ev = { ...base, eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', readOnly: false, requestParameters: { name: `arn:aws:cloudtrail:us-east-1:${account}:trail/org-trail` }, responseElements: null };
    else if (bad < 0.67) ev = { ...base, eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', readOnly: false, requestParameters: { userName: 'ci-bot' }, responseElements: { accessKey: { accessKeyId: 'AKIAEXAMPLE', status: 'Active', userName: 'ci-bot', createDate: 'Nov 20, 2026' } } };
    else ev = { ...base, eventSource: 'ec2.amazonaws.com', eventName: 'AuthorizeSecurityGroupIngress', readOnly: false, requestParameters: { groupId: 'sg-0123456789abcdef0', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } }, responseElements: { _return: true } };
  }
  return ev;
}

function generate(): void {
  rmSync(DIR, { recursive: true, force: true });
  const r = mulberry32(20261120);
  const start = Date.UTC(2026, 10, 20, 0, 0);
  let bytes = 0;
  for (let f = 0; f < FILES; f++) {
    const account = ACCOUNTS[f % ACCOUNTS.length]!;
    const region = REGIONS[Math.floor(f / ACCOUNTS.length) % REGIONS.length]!;
    // Files spread over the day, five minutes apart per account/Region, like CloudTrail's deliveries.
    const fileTime = new Date(start + Math.floor(f / (ACCOUNTS.length * REGIONS.length)) * 5 * 60_000 + 5 * 60_000);
    const records: CloudTrailRecord[] = [];
    for (let i = 0; i < PER_FILE; i++) records.push(makeEvent(r, account, region, new Date(fileTime.getTime() - 5 * 60_000 + Math.floor((i / PER_FILE) * 300_000))));
    const path = join(DATA, trailKey(account, region, fileTime, `${f.toString(36).padStart(4, '0')}Xy9`));
    mkdirSync(dirname(path), { recursive: true });
    const gz = gzipSync(JSON.stringify({ Records: records }));
    bytes += gz.length;
    writeFileSync(path, gz);
  }
  writeFileSync(MARKER, JSON.stringify({ files: FILES, perFile: PER_FILE, gzipBytes: bytes }));
}

// ---- measurement ----

class CountingSink implements AlertSink {
  readonly name = 'count';
  count = 0;
  byRule = new Map<string, number>();
  async send(a: Alert): Promise<void> {
    this.count++;
    this.byRule.set(a.ruleId, (this.byRule.get(a.ruleId) ?? 0) + 1);
  }
  async notice(): Promise<void> {}
  async close(): Promise<void> {}
}

/** What each child reports to the parent (last line of its output, after `RESULT `). */
interface Result {
  label: string;
  eventsPerSecond: number;
  rssMb: number;
  wall: number;
  /** CPU seconds of the whole process (all threads) during the measured part: less sensitive to the machine's load. */
  cpu: number;
}

function report(r: Result): void {
  console.log(`RESULT ${JSON.stringify(r)}`);
}

function walkFiles(d: string, out: string[] = []): string[] {
  const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(d, e.name);
    if (e.isDirectory()) walkFiles(p, out);
    else out.push(p);
  }
  return out;
}

/** The floor: the simplest reader, one thread, no rules, no validation. */
function measureFloor(): void {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let records = 0;
  for (const f of walkFiles(DATA)) records += (JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: unknown[] }).Records.length;
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  const cpu = (c.user + c.system) / 1e6;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log('floor:       read + gunzipSync + JSON.parse of every file, one thread, no rules');
  console.log(`machine:     load average ${loadavg()[0]!.toFixed(1)} before the run (other processes share the cores)`);
  console.log(`events:      ${fmt(records)}`);
  console.log(`wall time:   ${wall.toFixed(2)} s`);
  console.log(`throughput:  ${fmt(records / wall)} events/s`);
  console.log(`cpu:         ${cpu.toFixed(1)} s`);
  console.log(`peak RSS:    ${rssMb.toFixed(0)} MB`);
  report({ label: 'floor (read + gunzip + JSON.parse)', eventsPerSecond: records / wall, rssMb, wall, cpu });
}

/** fast-here: the main thread matches files too, beside `workers` worker threads. */
async function measure(workers: number, fast: boolean, here: boolean): Promise<void> {
  const info = JSON.parse(readFileSync(MARKER, 'utf8')) as { files: number; perFile: number; gzipBytes: number };
  // Every built-in rule enabled: give the placeholders values.
  const ruleOptions = {
    includeBuiltin: true,
    vars: {
      trail_buckets: ['org-trail-logs'],
      exception_ou_ids: ['ou-abcd-11111111'],
      org_account_ids: ACCOUNTS,
      allowed_regions: REGIONS,
      watcher_resources: ['rampart-watcher'],
    },
  };
  const rules = await loadRules(ruleOptions);

  const enabled = rules.filter((x) => !x.disabled).length;
  const sink = new CountingSink();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const common = { sinks: [{ sink }], logger: silentLogger, dedupeWindowMs: 0 };
  const engine = new DetectionEngine(rules);
  const stats = fast
    ? await runDetection({ ...common, engine, source: new ParallelFileSource({ paths: [DATA], workers, rules, fast: true, matchHereToo: here }) })
    : workers >= 2
      ? await runDetection({ ...common, engine, source: new ParallelFileSource({ paths: [DATA], workers, rules }) })
      : await runDetection({ ...common, engine, source: new FileSource({ paths: [DATA] }) });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const threads = here ? `main thread + ${workers} worker${workers === 1 ? '' : 's'}` : workers >= 2 ? `${workers} worker threads` : 'one thread';
  const label = `${fast ? 'fast path' : 'plain path'}, ${threads}`;
  console.log(`path:        ${fast ? 'fast (raw-text scan; only records a rule could match are parsed)' : 'plain (every record parsed)'}`);
  console.log(`workers:     ${here ? `the main thread and ${workers} worker thread${workers === 1 ? '' : 's'} match files` : workers >= 2 ? `${workers} worker threads (pool)` : '1 (single-thread path)'}`);
  console.log(`data:        ${fmt(info.files)} gzip files × ${info.perFile} records, ${(info.gzipBytes / 1e6).toFixed(0)} MB compressed, in ${DATA}`);
  console.log(`machine:     load average ${loadavg()[0]!.toFixed(1)} before the run (other processes share the cores)`);
  console.log(`rules:       ${enabled} enabled of ${rules.length} built-in`);
  console.log(`events:      ${fmt(stats.records)} (malformed ${stats.malformed.total})`);
  console.log(`wall time:   ${wall.toFixed(2)} s`);
  console.log(`throughput:  ${fmt(stats.records / wall)} events/s`);
  console.log(`cpu:         user ${(cpu.user / 1e6).toFixed(1)} s, system ${(cpu.system / 1e6).toFixed(1)} s (all threads)`);
  console.log(`peak RSS:    ${rssMb.toFixed(0)} MB (process.resourceUsage().maxRSS)`);
  console.log(`alerts:      ${fmt(sink.count)} — ${[...sink.byRule].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`fingerprint: ${stats.records} records, ${stats.malformed.total} malformed, ${stats.outOfRange} out of range, ${sink.count} alerts (must be the same for every path)`);
  report({ label, eventsPerSecond: stats.records / wall, rssMb, wall, cpu: (cpu.user + cpu.system) / 1e6 });
}

if (args.generate) {
  generate();
} else if (args.measure) {
  if (args.mode === 'floor') measureFloor();
  else await measure(Number(args.workers ?? '1'), args.mode === 'fast' || args.mode === 'fast-here', args.mode === 'fast-here');
} else {
  if (args.regenerate || !existsSync(MARKER)) {
    console.log(`generating ${FILES} × ${PER_FILE} events into ${DIR} (once; reused afterwards)…`);
    const g = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--generate', '--files', String(FILES), '--per-file', String(PER_FILE), '--dir', DIR], { stdio: 'inherit' });
    if (g.status !== 0) process.exit(g.status ?? 1);
  }
  const counts = args.workers !== undefined ? [Number(args.workers)] : [1, defaultWorkerCount()];
  const modes = args.only !== undefined ? [args.only] : ['plain', 'fast'];
  const runs: Array<{ mode: string; workers: number }> = [{ mode: 'floor', workers: 1 }];
  for (const mode of modes) for (const n of counts) runs.push({ mode, workers: n });
  // `rampart detect`'s default on this machine: the fast path, the main thread matching beside (default − 1) workers.
  if (modes.includes('fast') && args.workers === undefined && defaultWorkerCount() >= 2) runs.push({ mode: 'fast-here', workers: defaultWorkerCount() - 1 });
  runs.push({ mode: 'floor', workers: 1 });
  // --repeat N: the whole sequence N times, interleaved, so a change of load hits every configuration alike.
  const repeat = Math.max(1, Number(args.repeat));
  const results: Result[] = [];
  for (let k = 0; k < repeat; k++)
    for (const r of runs) {
      console.log('');
      const m = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--measure', '--mode', r.mode, '--workers', String(r.workers), '--files', String(FILES), '--per-file', String(PER_FILE), '--dir', DIR], { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 24 });
      const lines = (m.stdout ?? '').split('\n');
      for (const line of lines) if (line !== '' && !line.startsWith('RESULT ')) console.log(line);
      if (m.status !== 0) process.exit(m.status ?? 1);
      const res = lines.find((l) => l.startsWith('RESULT '));
      if (res !== undefined) results.push(JSON.parse(res.slice('RESULT '.length)) as Result);
    }
  const median = (xs: number[]) => {
    const a = [...xs].sort((x, y) => x - y);
    return a.length % 2 === 1 ? a[(a.length - 1) / 2]! : (a[a.length / 2 - 1]! + a[a.length / 2]!) / 2;
  };
  const labels = [...new Set(results.map((r) => r.label))];
  const byLabel = new Map(labels.map((l) => [l, results.filter((r) => r.label === l)]));
  const floors = byLabel.get(labels.find((l) => l.startsWith('floor'))!)!;
  const floor = median(floors.map((f) => f.eventsPerSecond));
  const floorCpu = median(floors.map((f) => f.cpu));
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log('');
  console.log(`summary: medians of ${floors.length} floor runs and ${repeat} run${repeat === 1 ? '' : 's'} of each configuration; floor = ${fmt(floor)} events/s (runs: ${floors.map((f) => fmt(f.eventsPerSecond)).join(', ')}); load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  for (const [label, rs] of byLabel) {
    const eps = median(rs.map((r) => r.eventsPerSecond));
    const cpu = median(rs.map((r) => r.cpu));
    console.log(`  ${label.padEnd(36)} ${fmt(eps).padStart(10)} events/s  ${(eps / floor).toFixed(2)}× floor  cpu ${cpu.toFixed(1)} s (${(floorCpu / cpu).toFixed(2)}× the floor's efficiency)  peak RSS ${Math.max(...rs.map((r) => r.rssMb)).toFixed(0)} MB  (runs: ${rs.map((r) => `${(r.eventsPerSecond / floor).toFixed(2)}×`).join(' ')})`);
  }
}
