// DetectionEngine: alerts from plain rules, the eventName index, threshold windows and bounded state.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DetectionEngine } from './engine.ts';
import { parseRuleText } from './rules/index.ts';
import type { CloudTrailRecord } from './types.ts';

const rule = (id: string, body: string, extra = ''): ReturnType<typeof parseRuleText> =>
  parseRuleText(`title: ${id} title\nid: ${id}\nlogsource: { product: aws, service: cloudtrail }\nlevel: high\nreferences: [https://runbook]\ndetection:\n${body}${extra}`, `${id}.yml`);

const stop = rule('stop', '  s: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging }\n  root: { userIdentity.type: Root }\n  condition: s\n', 'severityWhen: [{ condition: s and root, severity: critical }]\n');
const notRead = rule('not-read', '  read: { eventName|startswith: [Get, List, Describe] }\n  root: { userIdentity.type: Root }\n  condition: root and not read\n');
const burst = rule(
  'burst',
  '  s: { errorCode|startswith: AccessDenied }\n  condition: s\n',
  'threshold: { count: 3, window: 5m, groupBy: [userIdentity.arn] }\n',
);

const at = (minute: number, second = 0): string => new Date(Date.UTC(2024, 0, 1, 10, minute, second)).toISOString().replace('.000', '');
const denied = (arn: string, time: string): CloudTrailRecord => ({
  eventTime: time,
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  errorCode: 'AccessDenied',
  userIdentity: { type: 'IAMUser', arn },
});

describe('plain rules', () => {
  test('an alert carries the record facts, the summary line and the resources', () => {
    const engine = new DetectionEngine([stop]);
    const alerts = engine.process(
      {
        eventTime: '2024-01-01T10:00:00Z',
        eventSource: 'cloudtrail.amazonaws.com',
        eventName: 'StopLogging',
        awsRegion: 'eu-west-1',
        recipientAccountId: '111122223333',
        sourceIPAddress: '198.51.100.7',
        eventID: 'e-1',
        userIdentity: { type: 'IAMUser', userName: 'mallory', arn: 'arn:aws:iam::111122223333:user/mallory', accessKeyId: 'AKIAEXAMPLE' },
        requestParameters: { name: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org', secretAccessKey: 'do-not-copy' },
      },
      { location: 'logs/x.json', index: 3 },
    );
    assert.equal(alerts.length, 1);
    const a = alerts[0]!;
    assert.equal(a.ruleId, 'stop');
    assert.equal(a.title, 'stop title');
    assert.equal(a.severity, 'high');
    assert.equal(a.summary, 'mallory StopLogging on arn:aws:cloudtrail:eu-west-1:111122223333:trail/org in eu-west-1 (111122223333)');
    assert.deepEqual(a.resources, ['arn:aws:cloudtrail:eu-west-1:111122223333:trail/org']);
    assert.deepEqual(a.actor, { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory', userName: 'mallory', accessKeyId: 'AKIAEXAMPLE' });
    assert.deepEqual(a.origin, { location: 'logs/x.json', index: 3 });
    assert.deepEqual(a.references, ['https://runbook']);
    assert.equal(a.eventId, 'e-1');
    assert.equal(JSON.stringify(a).includes('do-not-copy'), false);
  });
  test('severityWhen raises the alert severity; root and assumed roles read well in the summary', () => {
    const engine = new DetectionEngine([stop]);
    const [root] = engine.process({ eventTime: at(0), eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', awsRegion: 'us-east-1', userIdentity: { type: 'Root', accountId: '1' } });
    assert.equal(root?.severity, 'critical');
    assert.equal(root?.summary, 'root StopLogging in us-east-1 (1)');
    const [role] = engine.process({ eventTime: at(0), eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/Admin/jo' } });
    assert.equal(role?.summary, 'assumed-role/Admin/jo StopLogging in unknown region (unknown account)');
  });
  test('the eventName index is case-insensitive and never hides rules that match any event', () => {
    const engine = new DetectionEngine([stop, notRead]);
    const a = engine.process({ eventTime: at(0), eventSource: 'cloudtrail.amazonaws.com', eventName: 'stoplogging', userIdentity: { type: 'Root' } });
    assert.deepEqual(a.map((x) => x.ruleId), ['stop', 'not-read']);
    const b = engine.process({ eventTime: at(0), eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', userIdentity: { type: 'Root' } });
    assert.deepEqual(b.map((x) => x.ruleId), ['not-read']);
    assert.deepEqual(engine.process({ eventTime: at(0), eventSource: 'iam.amazonaws.com', eventName: 'GetUser', userIdentity: { type: 'Root' } }), []);
    assert.deepEqual(engine.stats(), { records: 3, matches: 3, alerts: 3, thresholdKeys: 0, evictedKeys: 0 });
  });
  test('rules pinned only by eventSource are indexed by source and still see every eventName', () => {
    const lambda = rule('lambda', '  s: { eventSource: lambda.amazonaws.com, eventName|startswith: AddPermission }\n  condition: s\n');
    const engine = new DetectionEngine([lambda, stop]);
    const hit = engine.process({ eventTime: at(0), eventSource: 'lambda.amazonaws.com', eventName: 'AddPermission20150331v2' });
    assert.deepEqual(hit.map((a) => a.ruleId), ['lambda']);
    assert.deepEqual(engine.process({ eventTime: at(0), eventSource: 'LAMBDA.amazonaws.com', eventName: 'AddPermission' }).length, 1);
    assert.deepEqual(engine.process({ eventTime: at(0), eventSource: 's3.amazonaws.com', eventName: 'AddPermission' }), []);
  });
  test('disabled rules never alert', () => {
    const disabled = rule('d', "  s: { eventName|expand: '%x%' }\n  condition: s\n");
    const engine = new DetectionEngine([disabled]);
    assert.deepEqual(engine.process({ eventTime: at(0), eventSource: 'x', eventName: '%x%' }), []);
  });
});

describe('threshold rules', () => {
  test('alert when count matches of one group fall in the window, then count afresh', () => {
    const engine = new DetectionEngine([burst]);
    assert.deepEqual(engine.process(denied('a', at(0))), []);
    assert.deepEqual(engine.process(denied('a', at(1))), []);
    const alerts = engine.process(denied('a', at(2)));
    assert.equal(alerts.length, 1);
    assert.deepEqual(alerts[0]!.threshold, { count: 3, windowSeconds: 300, groupKey: 'a', firstEventTime: at(0) });
    assert.deepEqual(engine.process(denied('a', at(3))), []);
  });
  test('groups are counted separately', () => {
    const engine = new DetectionEngine([burst]);
    const out = [denied('a', at(0)), denied('b', at(0)), denied('a', at(1)), denied('b', at(1)), denied('c', at(1))].flatMap((r) => engine.process(r));
    assert.deepEqual(out, []);
    assert.equal(engine.stats().thresholdKeys, 3);
    assert.equal(engine.process(denied('b', at(2))).length, 1);
  });
  test('matches older than the window expire', () => {
    const engine = new DetectionEngine([burst]);
    const out = [denied('a', at(0)), denied('a', at(4)), denied('a', at(9))].flatMap((r) => engine.process(r));
    assert.deepEqual(out, []);
    assert.equal(engine.process(denied('a', at(10))).length, 0);
    assert.equal(engine.process(denied('a', at(11))).length, 1);
  });
  test('slightly out-of-order events still count', () => {
    const engine = new DetectionEngine([burst]);
    engine.process(denied('a', at(3)));
    engine.process(denied('a', at(1)));
    const alerts = engine.process(denied('a', at(2)));
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.threshold?.firstEventTime, at(1));
  });
  test('an event older than the window is not counted', () => {
    const engine = new DetectionEngine([burst]);
    engine.process(denied('a', at(20)));
    engine.process(denied('a', at(21)));
    assert.deepEqual(engine.process(denied('a', at(1))), []);
  });
  test('keys are capped with LRU eviction and counted', () => {
    const engine = new DetectionEngine([burst], { maxThresholdKeys: 2 });
    engine.process(denied('a', at(0)));
    engine.process(denied('b', at(0)));
    engine.process(denied('a', at(0, 10))); // a becomes most recently used
    engine.process(denied('c', at(0))); // over the cap: b (least recently used) is evicted
    assert.deepEqual(engine.stats(), { records: 4, matches: 4, alerts: 0, thresholdKeys: 2, evictedKeys: 1 });
    // a kept its two matches; b starts from zero again.
    assert.equal(engine.process(denied('a', at(0, 20))).length, 1);
    assert.equal(engine.process(denied('b', at(0, 10))).length, 0);
    assert.equal(engine.process(denied('b', at(0, 20))).length, 0);
  });
  test('records without a parseable eventTime use the clock', () => {
    let now = Date.UTC(2024, 0, 1);
    const engine = new DetectionEngine([burst], { now: () => now });
    const bad = (): CloudTrailRecord => ({ ...denied('a', 'not a time') });
    engine.process(bad());
    now += 1000;
    engine.process(bad());
    assert.equal(engine.process(bad()).length, 1);
  });
});
