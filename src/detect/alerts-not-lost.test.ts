// End-to-end guarantees of issue 12 ("alerts that must not be lost or understated"): the built-in rules,
// the real engine and the real pipeline (dedupe, terminal grouping) over crafted CloudTrail records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { silentLogger } from '../core/logger.ts';
import { DetectionEngine } from './engine.ts';
import { loadRules } from './rules/index.ts';
import { runDetection } from './run.ts';
import { TerminalSink } from './sinks/terminal.ts';
import type { AlertSink } from './sinks/types.ts';
import { ctEvent } from './sources/fixtures.ts';
import type { RecordSource } from './sources/types.ts';
import type { Alert, CloudTrailRecord } from './types.ts';

const rules = await loadRules({ includeBuiltin: true });

function sgIngress(time: string, port: number): CloudTrailRecord {
  return ctEvent({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    eventTime: time,
    readOnly: false,
    requestParameters: {
      groupId: 'sg-0123456789abcdef0',
      ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] },
    },
    responseElements: { _return: true },
  });
}

function source(records: CloudTrailRecord[]): RecordSource {
  return {
    name: 'test',
    async *batches() {
      yield { location: 'test.json', records, startIndex: 0, problems: [], droppedCount: 0 };
    },
  };
}

class Memory implements AlertSink {
  readonly name = 'memory';
  alerts: Alert[] = [];
  async send(a: Alert) {
    this.alerts.push(a);
  }
  async notice() {}
  async close() {}
}

async function run(records: CloudTrailRecord[], extra: AlertSink[] = []) {
  const sink = new Memory();
  const stats = await runDetection({
    source: source(records),
    engine: new DetectionEngine(rules),
    sinks: [{ sink }, ...extra.map((s) => ({ sink: s }))],
    logger: silentLogger,
    dedupeWindowMs: 10 * 60_000,
  });
  return { alerts: sink.alerts, stats };
}

test('dedupe never hides a more severe alert: port 443 then port 22 on one group 3 s apart are both delivered', async () => {
  const { alerts, stats } = await run([sgIngress('2026-11-20T10:00:00Z', 443), sgIngress('2026-11-20T10:00:03Z', 22)]);
  const sg = alerts.filter((a) => a.ruleId === 'det-sg-open-world');
  assert.deepEqual(sg.map((a) => a.severity), ['medium', 'critical']);
  assert.equal(stats.alerts.duplicates, 0);
});

test('dedupe still suppresses a true repeat (same rule, actor, event, resource and severity)', async () => {
  const { alerts, stats } = await run([sgIngress('2026-11-20T10:00:00Z', 22), sgIngress('2026-11-20T10:00:03Z', 22)]);
  assert.equal(alerts.filter((a) => a.ruleId === 'det-sg-open-world').length, 1);
  assert.equal(stats.alerts.duplicates, 1);
});

test('the terminal shows a group under the highest severity in it', async () => {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  await run([sgIngress('2026-11-20T10:00:00Z', 443), sgIngress('2026-11-20T10:00:03Z', 22)], [new TerminalSink(out, { color: false })]);
  const header = chunks.join('').split('\n').find((l) => l.includes('det-sg-open-world'));
  assert.match(header ?? '', /^CRITICAL /);
});
