// The fast path (raw-text scan + prefilter, parse only what a rule could match) against the plain path (parse
// every record): identical alerts, counters and engine stats on every built-in rule's own test events and on
// bench-like generated logs with awkward records in them; plus the scanner and the prefilter on their own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createMemoryLogger } from '../../core/logger.ts';
import { DetectionEngine } from '../engine.ts';
import { ParallelFileSource } from '../parallel/source.ts';
import { loadRules, parseRuleText, type DetectionRule, type LoadRulesOptions } from '../rules/index.ts';
import { runDetection, type DetectStats } from '../run.ts';
import type { AlertSink } from '../sinks/types.ts';
import { FileSource } from '../sources/files.ts';
import { ctEvent, rootConsoleLogin, stopLogging, trailKey } from '../sources/fixtures.ts';
import type { Alert, CloudTrailRecord } from '../types.ts';
import { isoTime } from '../record.ts';
import { isIsoTime, PARSE, Prefilter, SKIP, SpanMap } from './prefilter.ts';
import { makeScanPlan, scanCompactTrail, type RecordScan } from './scan.ts';
import { fastMatchBytes } from './match.ts';
import { matchBatch } from '../parallel/match-batch.ts';
import { decodeText, decompressSync } from '../sources/decode.ts';

const ACCT = '111122223333';
const ruleOptions: LoadRulesOptions = {
  includeBuiltin: true,
  vars: { allowed_regions: ['us-east-1', 'eu-west-1'], org_account_ids: [ACCT, '444455556666'], trail_buckets: ['org-trail-logs'], exception_ou_ids: ['ou-abcd-11111111'], watcher_resources: ['rampart-watcher'] },
};
let dir: string;
let rules: DetectionRule[];
/** Each built-in rule compiled with its own test values (testVars), as its embedded tests expect. */
let testRules: DetectionRule[];

class MemorySink implements AlertSink {
  readonly name = 'memory';
  alerts: Alert[] = [];
  async send(a: Alert) {
    this.alerts.push(a);
  }
  async notice() {}
  async close() {}
}

async function put(key: string, data: Buffer | string): Promise<string> {
  const p = join(dir, key);
  await mkdir(dirname(p), { recursive: true });
  await writeFile(p, data);
  return p;
}

interface Outcome {
  alerts: Alert[];
  stats: Omit<DetectStats, 'elapsedMs' | 'eventsPerSecond' | 'source'>;
  engine: ReturnType<DetectionEngine['stats']>;
}

type Range = { since?: Date; until?: Date; accounts?: string[]; regions?: string[] };

/** mode: plain single thread (FileSource), fast on the main thread, fast in a pool of 2 workers, fast on the main thread and 1 worker. */
async function run(mode: 'plain' | 'fast' | 'fast-pool' | 'fast-here', paths: string[], withRules: DetectionRule[] = rules, range: Range = {}): Promise<Outcome> {
  const sink = new MemorySink();
  const engine = new DetectionEngine(withRules);
  const common = { sinks: [{ sink }], logger: createMemoryLogger(), dedupeWindowMs: 600_000, ...range };
  const stats =
    mode === 'plain'
      ? await runDetection({ ...common, engine, source: new FileSource({ paths }) })
      : await runDetection({ ...common, engine, source: new ParallelFileSource({ paths, workers: mode === 'fast-pool' ? 2 : 1, matchHereToo: mode === 'fast-here', perWorker: 2, waitForWorkers: true, rules: withRules, fast: true, ...range }) });
  const { elapsedMs: _e, eventsPerSecond: _r, source: _s, ...rest } = stats;
  return { alerts: sink.alerts, stats: rest, engine: engine.stats() };
}

async function assertSame(paths: string[], withRules: DetectionRule[] = rules, range: Range = {}, pool = true): Promise<Outcome> {
  const plain = await run('plain', paths, withRules, range);
  for (const mode of pool ? (['fast', 'fast-pool', 'fast-here'] as const) : (['fast'] as const)) {
    const fast = await run(mode, paths, withRules, range);
    assert.deepEqual(fast.alerts, plain.alerts, `${mode}: alerts`);
    assert.deepEqual(fast.stats, plain.stats, `${mode}: counters`);
    assert.deepEqual(fast.engine, plain.engine, `${mode}: engine stats`);
  }
  return plain;
}

// ---- bench-like data: the bench's event mix, the rare events rules exist for, and awkward records ----

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function benchEvent(r: () => number, time: string, region: string): CloudTrailRecord {
  const o = { time, region, user: `user-${Math.floor(r() * 5)}` };
  const x = r();
  if (x < 0.3) return ctEvent({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', requestParameters: { filterSet: { items: [{ name: 'tag:team', valueSet: { items: [{ value: 'payments' }] } }] } } }, o);
  if (x < 0.45) return ctEvent({ eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', userIdentity: { type: 'AWSService', invokedBy: 'ecs-tasks.amazonaws.com' }, resources: [{ accountId: ACCT, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${ACCT}:role/app` }] }, o);
  if (x < 0.6) return ctEvent({ eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', userIdentity: { type: 'AWSService', invokedBy: 's3.amazonaws.com' }, requestParameters: { encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/{k}' } } }, o);
  if (x < 0.7) return ctEvent({ eventSource: 'monitoring.amazonaws.com', eventName: 'PutMetricData', readOnly: false }, o);
  if (x < 0.78) return ctEvent({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeSecurityGroups', errorCode: 'Client.UnauthorizedOperation' }, { ...o, user: 'mallory' });
  if (x < 0.82) return ctEvent({ eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances', readOnly: false, awsRegion: 'ap-south-1' }, o);
  if (x < 0.86) return ctEvent({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', readOnly: false, responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: 'No' } }, o);
  if (x < 0.88) return stopLogging(o);
  if (x < 0.9) return rootConsoleLogin(o);
  if (x < 0.92) return ctEvent({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', readOnly: false, requestParameters: { userName: 'ci-bot' } }, o);
  if (x < 0.94)
    return ctEvent({ eventSource: 'ec2.amazonaws.com', eventName: 'AuthorizeSecurityGroupIngress', readOnly: false, requestParameters: { groupId: 'sg-1', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } } }, o);
  return ctEvent({ eventSource: 'lambda.amazonaws.com', eventName: 'GetFunction20150331v2', requestParameters: { functionName: 'say "}{" and \\ back' } }, o);
}

/** Record texts the scanner must get right, spliced into a compact file by hand (JSON.stringify would normalise them). */
const awkward = [
  // An escaped key that is `eventName` in disguise, and an escaped value that is StopLogging in disguise.
  `{"eventVersion":"1.09","eventTime":"2026-11-20T08:00:01Z","eventSource":"cloudtrail.amazonaws.com","event\\u004eame":"StopLogging","awsRegion":"us-east-1","recipientAccountId":"${ACCT}","userIdentity":{"type":"IAMUser","accountId":"${ACCT}","arn":"arn:aws:iam::${ACCT}:user/eve1"}}`,
  `{"eventVersion":"1.09","eventTime":"2026-11-20T08:00:02Z","eventSource":"cloudtrail.amazonaws.com","eventName":"Stop\\u004cogging","awsRegion":"us-east-1","recipientAccountId":"${ACCT}","userIdentity":{"type":"IAMUser","accountId":"${ACCT}","arn":"arn:aws:iam::${ACCT}:user/eve2"}}`,
  // Duplicate keys: JSON.parse keeps the last one (a StopLogging).
  `{"eventTime":"2026-11-20T08:00:03Z","eventSource":"cloudtrail.amazonaws.com","eventName":"DescribeTrails","eventName":"StopLogging","awsRegion":"us-east-1","userIdentity":{"type":"IAMUser","accountId":"${ACCT}"},"userIdentity":{"type":"Root","accountId":"${ACCT}","arn":"arn:aws:iam::${ACCT}:root"}}`,
  // Braces, brackets, quotes and backslashes inside strings; a key with a dot at the top level.
  `{"eventTime":"2026-11-20T08:00:04Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"us-east-1","userIdentity":{"type":"IAMUser","accountId":"${ACCT}"},"requestParameters":{"q":"}]},{\\"eventName\\":\\"StopLogging\\"}\\\\","r":"\\\\\\""},"userIdentity.type":"Root"}`,
  // Invalid records among valid ones: bad eventTime, eventName a number, userIdentity an array, resources of strings, not an object.
  `{"eventTime":"yesterday","eventSource":"s3.amazonaws.com","eventName":"ListBuckets"}`,
  `{"eventTime":"2026-11-20T08:00:05Z","eventSource":"s3.amazonaws.com","eventName":42}`,
  `{"eventTime":"2026-11-20T08:00:06Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","userIdentity":[]}`,
  `{"eventTime":"2026-11-20T08:00:07Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","resources":["arn:aws:s3:::b"]}`,
  `7`,
  `null`,
  `{}`,
  // Non-ASCII text, numbers in every form, literals.
  `{"eventTime":"2026-11-20T08:00:08Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"us-east-1","userAgent":"café ☕ \\ud83d\\ude00","n":[0,-1,2.5e-3,1E+2,true,false,null],"readOnly":false}`,
];

before(async () => {
  rules = await loadRules(ruleOptions);
  testRules = rules.map((r) => (r.forTests ? r.forTests() : r));
  dir = await mkdtemp(join(tmpdir(), 'rampart-fast-'));
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('every built-in rule\'s own test events: the fast path gives the plain path\'s alerts and counters', async () => {
  const paths: string[] = [];
  for (const r of testRules) {
    if (r.disabled) continue;
    for (const [i, t] of r.tests.entries()) paths.push(await put(`rules/${r.id}/${i}-${t.expect}.json.gz`, gzipSync(JSON.stringify({ Records: t.events }))));
  }
  assert.ok(paths.length >= 2 * testRules.filter((r) => !r.disabled).length);
  const plain = await assertSame(paths, testRules, {}, false);
  // Every rule with a matching test fired: the data exercises every rule.
  const fired = new Set(plain.alerts.map((a) => a.ruleId));
  for (const r of testRules) if (!r.disabled && r.tests.some((t) => t.expect === 'match')) assert.ok(fired.has(r.id), `${r.id} fired`);
  // The same events under the configured rules (other variable values), on the main thread and in the pool.
  await assertSame(paths);
});

test('the prefilter never skips an event a rule matches, and skips most non-matching ones', () => {
  const pf = new Prefilter(testRules);
  let skipped = 0;
  let noMatch = 0;
  for (const r of testRules) {
    if (r.disabled) continue;
    for (const t of r.tests) {
      const buf = Buffer.from(JSON.stringify({ Records: t.events }));
      const decisions: number[] = [];
      assert.ok(scanCompactTrail(buf, pf.plan, (s) => decisions.push(pf.decide(buf, s))), `${r.id}: compact shape`);
      assert.equal(decisions.length, t.events.length);
      t.events.forEach((e, i) => {
        if (r.threshold === undefined && r.match(e).matched) assert.equal(decisions[i], PARSE, `${r.id} matches event ${i} of "${t.name}": it must be parsed`);
        if (r.threshold !== undefined && t.expect === 'match') assert.equal(decisions[i], PARSE, `${r.id}: threshold event ${i} of "${t.name}"`);
        if (!testRules.some((x) => !x.disabled && x.match(e).matched)) {
          noMatch++;
          if (decisions[i] === SKIP) skipped++;
        }
      });
    }
  }
  assert.ok(noMatch > 20 && skipped > noMatch / 2, `skipped ${skipped} of ${noMatch} events no rule matches`);
});

test('bench-like logs with awkward records: identical alerts and counters, main thread and pool, with and without a scope', async () => {
  const r = mulberry32(20261120);
  const paths: string[] = [];
  for (let f = 0; f < 20; f++) {
    const region = f % 2 === 0 ? 'us-east-1' : 'eu-west-1';
    const at = (i: number) => new Date(Date.UTC(2026, 10, 20, 8, f * 3, i % 60)).toISOString().replace(/\.\d+Z$/, 'Z');
    const records = Array.from({ length: 60 }, (_, i) => JSON.stringify(benchEvent(r, at(i), region)));
    if (f % 5 === 0) records.splice(7, 0, ...awkward);
    paths.push(await put(trailKey(ACCT, region, new Date(Date.UTC(2026, 10, 20, 8, f * 3)), `b${String(f).padStart(2, '0')}`), gzipSync(`{"Records":[${records.join(',')}]}`)));
  }
  // Files outside the compact shape go the plain way whole: pretty-printed, a BOM, trailing whitespace, truncated, not JSON, another layout.
  const some = [ctEvent({}, { time: '2026-11-20T09:00:00Z' }), stopLogging({ time: '2026-11-20T09:00:01Z' })];
  paths.push(await put('other/pretty.json', JSON.stringify({ Records: some }, null, 2)));
  paths.push(await put('other/bom.json', `\ufeff${JSON.stringify({ Records: some })}`));
  paths.push(await put('other/trailing.json', `${JSON.stringify({ Records: some })}\n`));
  paths.push(await put('other/truncated.json.gz', gzipSync(JSON.stringify({ Records: some }).slice(0, 300))));
  paths.push(await put('other/bad-escape.json', JSON.stringify({ Records: some }).replace('ListBuckets', 'List\\qBuckets')));
  paths.push(await put('other/control-char.json', JSON.stringify({ Records: some }).replace('ListBuckets', 'List\tBuckets')));
  paths.push(await put('other/array.json', JSON.stringify(some)));
  paths.push(await put('other/more-keys.json', JSON.stringify({ Records: some, Digest: 1 })));
  paths.push(await put('other/empty-records.json', '{"Records":[]}'));
  paths.push(await put('other/not-cloudtrail.json', '{"hello":"world"}'));
  // Bytes the byte scanner must not take at face value: invalid UTF-8 inside a string (decoded with a replacement
  // character by the plain path: the file goes that way), a truncated gzip stream, garbage behind a gzip header,
  // an empty gzip member, two gzip members (the trailer's size announces only the last), an escaped `Records` key.
  const compact = Buffer.from(JSON.stringify({ Records: some }));
  const at = compact.indexOf('ListBuckets');
  paths.push(await put('other/invalid-utf8.json', Buffer.concat([compact.subarray(0, at), Buffer.from([0xe2, 0x28, 0xa1, 0xff]), compact.subarray(at)])));
  const gz = gzipSync(compact);
  paths.push(await put('other/truncated-gzip.json.gz', gz.subarray(0, gz.length - 9)));
  paths.push(await put('other/garbage-gzip.json.gz', Buffer.concat([gz.subarray(0, 10), Buffer.from('not deflate data at all')])));
  paths.push(await put('other/empty-gzip.json.gz', gzipSync('')));
  const half = compact.indexOf('},{') + 1;
  paths.push(await put('other/two-members.json.gz', Buffer.concat([gzipSync(compact.subarray(0, half)), gzipSync(compact.subarray(half))])));
  paths.push(await put('other/escaped-records-key.json', JSON.stringify({ Records: some }).replace('"Records"', '"Rec\\u006frds"')));
  // Valid multi-byte UTF-8 in the text, beside the keys and values the scan reads: still the fast path.
  paths.push(await put('other/utf8.json.gz', gzipSync(JSON.stringify({ Records: some.map((e, i) => ({ ...e, userAgent: `café ☕ 😀 ${i}`, requestParameters: { name: 'ünïcødé' } })) }))));

  const plain = await assertSame(paths);
  assert.ok(plain.stats.records > 1000);
  assert.ok(plain.stats.malformed.total >= 4 * 6, 'the awkward invalid records are counted');
  assert.ok(plain.alerts.some((a) => a.ruleId === 'det-cloudtrail-stop' && a.eventTime === '2026-11-20T08:00:02Z'), 'the escaped StopLogging is found');
  assert.ok(plain.alerts.some((a) => a.ruleId === 'det-cloudtrail-stop' && a.eventTime === '2026-11-20T08:00:03Z'), 'the duplicate-key StopLogging is found');
  assert.ok(plain.alerts.some((a) => a.ruleId === 'det-access-denied-burst'));
  // A scope: time range, accounts and Regions are judged from the raw text too.
  await assertSame(paths, rules, { since: new Date('2026-11-20T08:10:00Z'), until: new Date('2026-11-20T08:40:00Z') });
  await assertSame(paths, rules, { accounts: [ACCT], regions: ['eu-west-1'] });
});

// ---- the scanner and the prefilter on their own ----

/** The records' spans as text offsets (the scan reports byte offsets) and whether each must be parsed. */
function scanAll(text: string | Buffer): Array<{ start: number; end: number; mustParse: boolean }> | undefined {
  const plan = makeScanPlan(['eventName', 'eventSource'], [['userIdentity', 'type']]);
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const out: Array<{ start: number; end: number; mustParse: boolean }> = [];
  const chars = (byte: number) => buf.toString('utf8', 0, byte).length;
  return scanCompactTrail(buf, plan, (r: RecordScan) => out.push({ start: chars(r.start), end: chars(r.end), mustParse: r.mustParse })) ? out : undefined;
}

test('record boundaries: braces, brackets and escaped quotes inside strings do not cut a record', () => {
  const records = [
    { eventName: 'A', s: '}{][,' },
    { eventName: 'B', s: 'a \\"}" b', nested: { deep: [{ x: '}' }, [[], {}]] } },
    { eventName: 'C', s: '\\' },
  ];
  const text = JSON.stringify({ Records: records });
  const spans = scanAll(text);
  assert.ok(spans);
  assert.deepEqual(spans.map((s) => JSON.parse(text.slice(s.start, s.end))), records);
});

test('the scanner accepts only what JSON.parse accepts, and then cuts exactly its records (mutation fuzz)', () => {
  const base = JSON.stringify({ Records: [{ eventName: 'A', n: -1.5e3, t: true, f: false, z: null, a: [1, { b: 'x\\"y' }], s: 'é\u0001\n' }, { eventName: 'B' }, 7] });
  const r = mulberry32(7);
  const alphabet = '{}[]",:\\ 0123456789.-+eEtrufalsn\u0000\t\nuA';
  let accepted = 0;
  for (let k = 0; k < 4000; k++) {
    let t = base;
    const edits = 1 + Math.floor(r() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(r() * t.length);
      const op = r();
      const ch = alphabet[Math.floor(r() * alphabet.length)]!;
      t = op < 0.4 ? t.slice(0, at) + ch + t.slice(at + 1) : op < 0.7 ? t.slice(0, at) + ch + t.slice(at) : t.slice(0, at) + t.slice(at + 1);
    }
    const spans = scanAll(t);
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch {
      parsed = undefined;
    }
    if (spans === undefined) continue;
    accepted++;
    assert.notEqual(parsed, undefined, `accepted text JSON.parse refuses: ${JSON.stringify(t)}`);
    const recs = (parsed as { Records: unknown[] }).Records;
    assert.deepEqual(spans.map((s) => JSON.parse(t.slice(s.start, s.end))), recs, JSON.stringify(t));
  }
  assert.ok(accepted > 100, `accepted ${accepted} mutants`);
});

test('text outside the compact shape is refused (the file is then parsed the plain way)', () => {
  const rec = { eventName: 'A' };
  for (const t of [JSON.stringify({ Records: [rec] }, null, 1), ` {"Records":[]}`, `{"Records":[]} `, `\ufeff{"Records":[]}`, `[{"eventName":"A"}]`, `{"Records":[],"x":1}`, `{"Records":[{"eventName":"A"},]}`, `{"Records":[{"eventName":"A"}]`])
    assert.equal(scanAll(t), undefined, JSON.stringify(t));
  assert.deepEqual(scanAll('{"Records":[]}'), []);
});

test('a key with escapes or a dotted top-level key forces a parse', () => {
  const spans = scanAll('{"Records":[{"event\\u004eame":"A"},{"userIdentity.type":"Root"},{"x\\"y":1},{"eventName":"B","userIdentity":{"ty\\u0070e":"Root"}},{"eventName":"C","k.l":1}]}');
  assert.deepEqual(spans?.map((s) => s.mustParse), [true, true, true, true, false]);
});

function rule(detection: string, extra = ''): DetectionRule {
  return parseRuleText(`title: t\nid: det-t\nlevel: high\nlogsource: { product: aws, service: cloudtrail }\ndetection:\n${detection}\n${extra}`, 'x.yml');
}

function decideAll(rs: DetectionRule[], records: unknown[]): number[] {
  const pf = new Prefilter(rs);
  const buf = Buffer.from(JSON.stringify({ Records: records }));
  const out: number[] = [];
  assert.ok(scanCompactTrail(buf, pf.plan, (s) => out.push(pf.decide(buf, s))));
  return out;
}

test('a rule with nothing the scan can read (keywords, derived fields, deep paths) makes every record parsed', () => {
  const records = [ctEvent(), ctEvent({ eventName: 'GetObject' })];
  for (const d of ['  keywords: [evil]\n  condition: keywords', '  sel:\n    rampart.requestPolicy.public: true\n  condition: sel', '  sel:\n    requestParameters.policy.Statement.Effect: Allow\n  condition: sel', '  sel:\n    userIdentity.type: Root\n  condition: not sel']) {
    const r = rule(d);
    const pf = new Prefilter([r]);
    if (!d.includes('not sel')) assert.deepEqual(pf.info.alwaysParse, ['det-t'], d);
    assert.deepEqual(decideAll([r], records), d.includes('not sel') ? [PARSE, PARSE] : [PARSE, PARSE], d);
  }
});

test('top-level and one-level-down scalars decide; case-insensitive names; unknown shapes are parsed', () => {
  const r = rule('  sel:\n    eventName: StopLogging\n    userIdentity.type: IAMUser\n  condition: sel');
  const records = [
    ctEvent({ eventName: 'ListBuckets' }), // another name: skipped
    ctEvent({ eventName: 'stoplogging' }), // same name in other case: the engine matches case-insensitively
    ctEvent({ eventName: 'StopLogging', userIdentity: { type: 'Root' } }), // known and false
    ctEvent({ eventName: 'StopLogging', userIdentity: { type: ['IAMUser'] } as unknown as CloudTrailRecord['userIdentity'] }), // an array: unknown
    ctEvent({ eventName: 'StopLogging', userIdentity: { type: 'iamuser' } }), // matches
  ];
  assert.deepEqual(decideAll([r], records), [SKIP, PARSE, SKIP, PARSE, PARSE]);
  assert.deepEqual(records.map((e) => r.match(e).matched), [false, true, false, true, true]);
});

test('the span checks agree with what they replace: isIsoTime with record.ts\'s pattern, SpanMap with a Map', () => {
  const r = mulberry32(11);
  const samples = ['2026-11-20T08:14:03Z', '2026-11-20T08:14:03.123Z', '2026-11-20T08:14:03+01:00', '2026-11-20T08:14:03-0130', '2026-11-20T08:14:03.5+02:00', '2026-11-20 08:14:03Z', '2026-11-20T08:14:03', '2026-11-20T08:14:03.Z', '2026-11-20T08:14:03ZZ', '2026-11-20T08:14:03+1:00', '2026-1-20T08:14:03Z', ''];
  const chars = '0123456789-T:Z.+ xé';
  for (let k = 0; k < 3000; k++) {
    let t = samples[k % 5]!;
    const at = Math.floor(r() * (t.length + 1));
    const op = r();
    const ch = chars[Math.floor(r() * chars.length)]!;
    t = op < 0.4 ? t.slice(0, at) + ch + t.slice(at + 1) : op < 0.7 ? t.slice(0, at) + ch + t.slice(at) : t.slice(0, at) + t.slice(at + 1);
    samples.push(t);
  }
  for (const t of samples) {
    const bytes = Buffer.from(`"${t}"`);
    assert.equal(isIsoTime(bytes, 1, bytes.length - 1), isoTime.test(t), JSON.stringify(t));
  }
  const m = new SpanMap<number>();
  const ref = new Map<string, number>();
  for (let k = 0; k < 2000; k++) {
    const key = `k${Math.floor(r() * 300)}`;
    m.set(Buffer.from(key), 0, key.length, k);
    ref.set(key, k);
  }
  assert.equal(m.size, ref.size);
  for (let k = 0; k < 400; k++) {
    const key = `k${k}`;
    const bytes = Buffer.from(`xx"${key}"yy`);
    assert.equal(m.get(bytes, 3, 3 + key.length), ref.get(key));
  }
});

test('the fast path refuses bytes that are not UTF-8, takes valid multi-byte text, and reads the scan\'s values exactly', async () => {
  const engine = new DetectionEngine(rules);
  const pf = new Prefilter(rules);
  const records = [ctEvent({ eventName: 'ListBuckets', userAgent: 'café ☕ 😀' } as Partial<CloudTrailRecord>), stopLogging()];
  const good = Buffer.from(JSON.stringify({ Records: records }));
  const batch = fastMatchBytes('x', good, engine, {}, pf);
  assert.ok(batch, 'valid UTF-8 in the compact shape goes the fast way');
  assert.equal(batch.records, 2);
  assert.equal(batch.statelessMatches, matchBatch(decodeText('x', good.toString('utf8')), new DetectionEngine(rules), {}).statelessMatches);
  const bad = Buffer.from(good);
  bad[good.indexOf('café') + 3] = 0xff; // the first byte of é replaced: no longer UTF-8
  assert.equal(fastMatchBytes('x', bad, engine, {}, pf), undefined);
});

test('decompressSync gives gunzip\'s bytes, also when the trailer\'s size is not the whole (two members) or the input is not gzip', () => {
  const text = Buffer.from(JSON.stringify({ Records: Array.from({ length: 300 }, (_, i) => ctEvent({}, { time: `2026-11-20T08:00:${String(i % 60).padStart(2, '0')}Z` })) }));
  const one = gzipSync(text);
  assert.deepEqual(decompressSync(one), gunzipSync(one));
  const two = Buffer.concat([gzipSync(text.subarray(0, 1000)), gzipSync(text.subarray(1000))]);
  assert.deepEqual(decompressSync(two), text);
  assert.equal(decompressSync(text), text);
  assert.throws(() => decompressSync(one.subarray(0, one.length - 9)), /unexpected end of file/);
});
