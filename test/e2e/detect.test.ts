// End to end: the built CLI (`node bin/rampart.js`, i.e. dist/) on a folder of gzip CloudTrail logs in the
// S3 layout, JSON lines on stdout, the Slack sink against a local recorder, `rules test` and `--to-sql`.
// Nothing leaves loopback: fake credentials, no instance metadata, webhooks on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ctEvent, gzLogFile, rootConsoleLogin, stopLogging, trailKey } from '../../src/detect/sources/fixtures.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'rampart.js');
const ACCT = '111122223333';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a child process (asynchronously, so a local server in this process can answer it). */
function rampart(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: root,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: tmpdir(),
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          NO_COLOR: '1',
          ...opts.env,
        },
        timeout: 60_000,
      },
      (err, stdout, stderr) => {
        const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : err ? 99 : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
    else child.stdin?.end();
  });
}

let logs: string;
const benign = [ctEvent({}, { time: '2026-11-20T08:01:00Z' }), ctEvent({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances' }, { time: '2026-11-20T08:02:00Z' })];
const moreBenign = [ctEvent({ eventSource: 'iam.amazonaws.com', eventName: 'GetRole', requestParameters: { roleName: 'app' } }, { time: '2026-11-20T09:01:00Z', region: 'eu-west-1' })];
const stop = stopLogging({ time: '2026-11-20T08:10:00Z' });
const rootLogin = rootConsoleLogin({ time: '2026-11-20T09:30:00Z' });

before(async () => {
  if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) {
    throw new Error('dist/src/cli/main.js is missing: run `npm run build` before the end-to-end tests');
  }
  logs = await mkdtemp(join(tmpdir(), 'rampart-e2e-detect-'));
  const put = async (key: string, data: Buffer | string) => {
    const p = join(logs, key);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, data);
  };
  await put(trailKey(ACCT, 'us-east-1', new Date('2026-11-20T08:05:00Z'), 'aaa1'), gzLogFile(benign));
  await put(trailKey(ACCT, 'us-east-1', new Date('2026-11-20T08:15:00Z'), 'bbb2'), gzLogFile([stop]));
  await put(trailKey(ACCT, 'eu-west-1', new Date('2026-11-20T09:05:00Z'), 'ccc3'), gzLogFile(moreBenign));
  await put(trailKey(ACCT, 'us-east-1', new Date('2026-11-20T09:35:00Z'), 'ddd4'), gzLogFile([rootLogin]));
  // Malformed: gzip of text that is not JSON.
  await put(trailKey(ACCT, 'us-east-1', new Date('2026-11-20T09:40:00Z'), 'bad5'), gzipSync('{"Records": [ this is not json'));
});

after(async () => {
  if (logs) await rm(logs, { recursive: true, force: true });
});

function alertsOf(stdout: string): Array<{ ruleId: string; eventId?: string; severity: string }> {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { ruleId: string; eventId?: string; severity: string });
}

test('detect on a CloudTrail-layout folder of gzip logs: alerts for StopLogging and the root login, none for benign events, malformed counted', async () => {
  const r = await rampart(['detect', logs, '--format', 'jsonl']);
  assert.equal(r.code, 0, r.stderr);
  const alerts = alertsOf(r.stdout);
  const ids = new Set(alerts.map((a) => a.ruleId));
  assert.ok(ids.has('det-cloudtrail-stop'), [...ids].join(','));
  assert.ok(ids.has('det-root-console-login'), [...ids].join(','));
  const benignIds = new Set([...benign, ...moreBenign].map((e) => e.eventID));
  assert.deepEqual(alerts.filter((a) => benignIds.has(a.eventId)), [], 'no alert for benign events');
  assert.ok(alerts.every((a) => a.eventId === stop.eventID || a.eventId === rootLogin.eventID));
  assert.match(r.stderr, /1 malformed record\/file skipped in 1 location/);
  assert.match(r.stderr, /bad5\.json\.gz \(1\): malformed JSON/);
});

test('--fail-on: exit 1 when an alert is at or above the severity, 0 otherwise', async () => {
  const failing = await rampart(['detect', logs, '--format', 'jsonl', '--fail-on', 'critical']);
  assert.equal(failing.code, 1, failing.stderr);
  const fine = await rampart(['detect', join(logs, 'AWSLogs', ACCT, 'CloudTrail', 'eu-west-1'), '--format', 'jsonl', '--fail-on', 'low']);
  assert.equal(fine.code, 0, fine.stderr);
  assert.equal(fine.stdout, '');
});

test('terminal output without a TTY: grouped, no colour, summary line; --stats on stderr', async () => {
  const r = await rampart(['detect', logs, '--stats']);
  assert.equal(r.code, 0, r.stderr);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(r.stdout, /\u001b\[/);
  assert.match(r.stdout, /^CRITICAL +CloudTrail logging stopped/m);
  assert.match(r.stdout, /\d+ alerts? \(.*critical.*\) from 5 events/);
  assert.match(r.stderr, /events: 5 from 5 files/);
});

test('--workers and --no-fast: the fast path (default) and the plain path, pooled or not (from dist/), print the same alerts and counters', async () => {
  const fast = await rampart(['detect', logs, '--format', 'jsonl', '--stats', '--workers', '2', '--verbose']);
  const fastSingle = await rampart(['detect', logs, '--format', 'jsonl', '--stats', '--workers', '0', '--verbose']);
  const pooled = await rampart(['detect', logs, '--format', 'jsonl', '--stats', '--workers', '2', '--no-fast', '--verbose']);
  const single = await rampart(['detect', logs, '--format', 'jsonl', '--stats', '--workers', '0', '--no-fast', '--verbose']);
  for (const r of [fast, fastSingle, pooled, single]) assert.equal(r.code, 0, r.stderr);
  assert.match(fast.stderr, /the main thread and 1 worker thread\(s\) read, scan \(parsing only the records a rule could match\) and match the files/);
  assert.match(fastSingle.stderr, /the main thread reads, scan \(parsing only the records a rule could match\) and match the files/);
  assert.match(pooled.stderr, /2 worker threads read, parse and match the files/);
  assert.match(single.stderr, /parsed and matched on the main thread/);
  const counters = (r: Run) => r.stderr.split('\n').filter((l) => /^(events|malformed|alerts|engine):/.test(l)).map((l) => l.replace(/ in [\d.]+ s \([\d,]+ events\/s\)/, ''));
  assert.equal(counters(single).length, 4);
  for (const r of [fast, fastSingle, pooled]) {
    assert.equal(r.stdout, single.stdout);
    assert.deepEqual(counters(r), counters(single));
  }
  const bad = await rampart(['detect', logs, '--workers', 'many']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--workers many: expected a whole number/);
});

test('stdin JSON lines', async () => {
  const r = await rampart(['detect', '-', '--format', 'jsonl'], { stdin: `${JSON.stringify(benign[0])}\n${JSON.stringify(stop)}\n` });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(alertsOf(r.stdout).map((a) => a.ruleId), ['det-cloudtrail-stop']);
});

test('Slack sink end to end: one Block Kit message per alert to a local webhook', async (t) => {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const { port } = server.address() as AddressInfo;
  const r = await rampart(['detect', logs, '--format', 'jsonl'], { env: { RAMPART_SLACK_WEBHOOK_URL: `http://127.0.0.1:${port}/services/T/B/X` } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(bodies.length, alertsOf(r.stdout).length);
  const first = JSON.parse(bodies[0]!) as { blocks: Array<{ type: string }> };
  assert.deepEqual(first.blocks.map((b) => b.type), ['header', 'section', 'section', 'context']);
});

test('an unreachable Slack webhook: alerts still printed, failure reported, exit 3', async () => {
  const r = await rampart(['detect', logs, '--format', 'jsonl', '--slack-webhook', 'http://127.0.0.1:9/hook']);
  assert.equal(r.code, 3, r.stderr);
  assert.ok(alertsOf(r.stdout).length > 0);
  assert.match(r.stderr, /could not be delivered to slack/);
});

test('usage errors exit 2 with a hint', async () => {
  const none = await rampart(['detect']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /nothing to read/);
  const http = await rampart(['detect', logs, '--webhook', 'http://example.com/hook']);
  assert.equal(http.code, 2);
  assert.match(http.stderr, /must use https/);
});

test('rules test runs every embedded test and exits 0', async () => {
  const r = await rampart(['rules', 'test']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^\d+ passed, 0 failed/m);
});

test('rules list shows the built-in rules', async () => {
  const r = await rampart(['rules', 'list', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const rules = JSON.parse(r.stdout) as Array<{ id: string; severity: string; file: string }>;
  assert.ok(rules.some((x) => x.id === 'det-cloudtrail-stop' && x.severity === 'critical' && x.file.startsWith('rules/builtin/')));
});

test('--to-sql duckdb prints the compiled SQL', async () => {
  const r = await rampart(['detect', '--to-sql', 'duckdb']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^-- det-cloudtrail-stop$/m);
  assert.match(r.stdout, /SELECT[\s\S]+FROM cloudtrail_logs/i);
  assert.match(r.stderr, /rules? compiled to duckdb SQL/);
});

test('--rules DIR adds a user rule (with --no-builtin only it runs)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-e2e-rules-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(
    join(dir, 'describe-instances.yml'),
    [
      'title: Instance inventory read',
      'id: user-describe-instances',
      'description: Someone listed EC2 instances.',
      'logsource: { product: aws, service: cloudtrail }',
      'detection:',
      '  selection:',
      '    eventSource: ec2.amazonaws.com',
      '    eventName: DescribeInstances',
      '  condition: selection',
      'severity: low',
      'tests:',
      '  - name: DescribeInstances matches',
      '    expect: match',
      '    event: { eventTime: "2026-11-20T08:00:00Z", eventSource: ec2.amazonaws.com, eventName: DescribeInstances }',
      '  - name: GetRole does not',
      '    expect: no-match',
      '    event: { eventTime: "2026-11-20T08:00:00Z", eventSource: iam.amazonaws.com, eventName: GetRole }',
      '',
    ].join('\n'),
  );
  const r = await rampart(['detect', logs, '--rules', dir, '--no-builtin', '--format', 'jsonl']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(alertsOf(r.stdout).map((a) => a.ruleId), ['user-describe-instances']);
  const tested = await rampart(['rules', 'test', '--rules', dir, '--no-builtin']);
  assert.equal(tested.code, 0, tested.stdout + tested.stderr);
  assert.match(tested.stdout, /^2 passed, 0 failed/m);
});
