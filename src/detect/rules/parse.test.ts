// Rule file loading: metadata, Rampart extensions, strict errors with file and line, Sigma rules unchanged.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuleText } from './parse.ts';
import type { CloudTrailRecord } from '../types.ts';

const base = `title: Trail stopped
id: det-x
logsource: { product: aws, service: cloudtrail }
detection:
  selection: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging }
  condition: selection
`;
const ev = (fields: Partial<CloudTrailRecord>): CloudTrailRecord => ({
  eventTime: '2024-01-01T00:00:00Z',
  eventSource: 'cloudtrail.amazonaws.com',
  eventName: 'StopLogging',
  ...fields,
});

describe('metadata', () => {
  test('Sigma level maps to severity (informational → info)', () => {
    assert.equal(parseRuleText(`${base}level: informational\n`, 'a.yml').severity, 'info');
    assert.equal(parseRuleText(`${base}level: high\n`, 'a.yml').severity, 'high');
  });
  test('Rampart severity wins over level', () => {
    assert.equal(parseRuleText(`${base}level: low\nseverity: critical\n`, 'a.yml').severity, 'critical');
  });
  test('lists and strings are normalised; file and line recorded', () => {
    const r = parseRuleText(
      `${base}level: high\ndescription: d\nreferences: [https://x]\nfalsepositives: Maintenance\ntags: [attack.t1562]\nauthor: me\nstatus: stable\n`,
      'dir/a.yml',
    );
    assert.equal(r.id, 'det-x');
    assert.equal(r.title, 'Trail stopped');
    assert.equal(r.description, 'd');
    assert.deepEqual(r.references, ['https://x']);
    assert.deepEqual(r.falsepositives, ['Maintenance']);
    assert.deepEqual(r.tags, ['attack.t1562']);
    assert.equal(r.file, 'dir/a.yml');
    assert.equal(r.line, 1);
  });
  test('the AST is attached but not enumerable', () => {
    const r = parseRuleText(`${base}level: high\n`, 'a.yml');
    assert.ok(r.ast);
    assert.equal(Object.keys(r).includes('ast'), false);
    assert.deepEqual([...r.ast.selections.keys()], ['selection']);
  });
});

describe('severityWhen', () => {
  test('first matching entry wins, else the base severity', () => {
    const r = parseRuleText(
      `title: t
id: t
logsource: { product: aws, service: cloudtrail }
severity: medium
detection:
  selection: { eventName: StopLogging }
  root: { userIdentity.type: Root }
  assumed: { userIdentity.type: AssumedRole }
  condition: selection
severityWhen:
  - condition: selection and root
    severity: critical
  - { condition: root or assumed, severity: low }
`,
      's.yml',
    );
    assert.deepEqual(r.match(ev({ userIdentity: { type: 'Root' } })), { matched: true, severity: 'critical' });
    assert.deepEqual(r.match(ev({ userIdentity: { type: 'AssumedRole' } })), { matched: true, severity: 'low' });
    assert.deepEqual(r.match(ev({ userIdentity: { type: 'IAMUser' } })), { matched: true, severity: 'medium' });
    assert.equal(r.match(ev({ eventName: 'StartLogging', userIdentity: { type: 'Root' } })).matched, false);
  });
  test('a severityWhen condition naming a missing selection is an error with its line', () => {
    assert.throws(
      () => parseRuleText(`${base}level: low\nseverityWhen:\n  - condition: nope\n    severity: high\n`, 's.yml'),
      /s\.yml:9: condition names selection "nope"/,
    );
  });
});

describe('threshold and tests', () => {
  test('threshold parses window units and groupBy', () => {
    const r = parseRuleText(`${base}level: low\nthreshold: { count: 5, window: 10m, groupBy: [userIdentity.userName, sourceIPAddress] }\n`, 't.yml');
    assert.deepEqual(r.threshold, { count: 5, windowSeconds: 600, groupBy: ['userIdentity.userName', 'sourceIPAddress'] });
    assert.equal(parseRuleText(`${base}level: low\nthreshold: { count: 2, window: 1h }\n`, 't.yml').threshold?.windowSeconds, 3600);
    assert.equal(parseRuleText(`${base}level: low\nthreshold: { count: 2, window: 30s }\n`, 't.yml').threshold?.windowSeconds, 30);
  });
  test('threshold errors', () => {
    assert.throws(() => parseRuleText(`${base}level: low\nthreshold:\n  count: 0\n  window: 5m\n`, 't.yml'), /t\.yml:9: threshold\.count/);
    assert.throws(() => parseRuleText(`${base}level: low\nthreshold:\n  count: 3\n  window: 5 minutes\n`, 't.yml'), /t\.yml:10: threshold\.window/);
    assert.throws(() => parseRuleText(`${base}level: low\nthreshold:\n  count: 3\n  window: 5m\n  by: [x]\n`, 't.yml'), /t\.yml:11: threshold: unknown key "by"/);
  });
  test('tests carry expect, events and their line', () => {
    const r = parseRuleText(
      `${base}level: low
tests:
  - name: one
    expect: match
    event: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging }
  - expect: no-match
    events:
      - { eventSource: cloudtrail.amazonaws.com, eventName: StartLogging }
      - { eventSource: cloudtrail.amazonaws.com, eventName: DeleteTrail }
`,
      't.yml',
    );
    assert.equal(r.tests.length, 2);
    assert.deepEqual({ ...r.tests[0], events: r.tests[0]!.events.length }, { name: 'one', expect: 'match', events: 1, line: 9 });
    assert.equal(r.tests[1]!.line, 12);
    assert.equal(r.tests[1]!.events.length, 2);
  });
  test('test errors', () => {
    assert.throws(() => parseRuleText(`${base}level: low\ntests:\n  - expect: maybe\n    event: { eventSource: a, eventName: b }\n`, 't.yml'), /t\.yml:9: test expect must be match or no-match/);
    assert.throws(() => parseRuleText(`${base}level: low\ntests:\n  - expect: match\n    event: { eventName: b }\n`, 't.yml'), /t\.yml:10: a test event needs at least eventSource and eventName/);
    assert.throws(() => parseRuleText(`${base}level: low\ntests:\n  - expect: match\n`, 't.yml'), /t\.yml:9: a test needs expect and event/);
  });
});

describe('load errors name file and line', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['unknown top-level key', `${base}level: low\nseverty: high\n`, /^r\.yml:8: unknown top-level key "severty"/],
    ['bad YAML', `${base}level: low\nreferences: [a, b\n`, /^r\.yml:\d+: invalid YAML/],
    ['duplicate key', `${base}level: low\nlevel: high\n`, /^r\.yml:8: invalid YAML: Map keys must be unique/],
    ['missing logsource', base.replace('logsource: { product: aws, service: cloudtrail }\n', '') + 'level: low\n', /^r\.yml:1: missing required key "logsource"/],
    ['other logsource', base.replace('cloudtrail }', 'guardduty }') + 'level: low\n', /^r\.yml:3: logsource must be \{ product: aws, service: cloudtrail \}/],
    ['logsource category', base.replace('{ product: aws,', '{ category: process_creation, product: aws,') + 'level: low\n', /^r\.yml:3: logsource: "category" is not supported/],
    ['missing level and severity', base, /^r\.yml:1: missing "level" \(Sigma\) or "severity"/],
    ['bad level', `${base}level: severe\n`, /^r\.yml:7: "level": /],
    ['missing id', base.replace('id: det-x\n', '') + 'level: low\n', /^r\.yml:1: missing required key "id"/],
    ['detection not a map', 'title: t\nid: t\nlogsource: { product: aws, service: cloudtrail }\nlevel: low\ndetection: [a]\n', /^r\.yml:5: detection must be a map/],
    ['mixed selection list', 'title: t\nid: t\nlogsource: { product: aws, service: cloudtrail }\nlevel: low\ndetection:\n  s: [a, { b: 1 }]\n  condition: s\n', /^r\.yml:6: selection "s" mixes maps/],
    ['timeframe', `${base.replace('  condition: selection\n', '  timeframe: 5m\n  condition: selection\n')}level: low\n`, /^r\.yml:6: detection\.timeframe/],
    ['multi-document', `${base}level: low\n---\ntitle: other\n`, /^r\.yml:8: one rule per file/],
    ['empty file', '', /^r\.yml:1: empty rule file/],
  ];
  for (const [name, text, pattern] of cases) {
    test(name, () =>
      assert.throws(() => parseRuleText(text, 'r.yml'), (e: Error & { file?: string; line?: number }) => {
        assert.equal(e.name, 'RuleLoadError');
        assert.equal(e.file, 'r.yml');
        assert.equal(typeof e.line, 'number');
        assert.match(e.message, pattern);
        return true;
      }),
    );
  }
});

// Published SigmaHQ rule (rules/cloud/aws/cloudtrail/aws_root_account_usage.yml), kept byte-for-byte in Sigma's layout.
const sigmaRootAccountUsage = `title: AWS Root Credentials
id: 8ad1600d-e9dc-4251-b0ee-a65268f29add
status: test
description: Detects AWS root account usage
references:
    - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
author: vitaliy0x1
date: 2020-01-21
modified: 2022-10-09
tags:
    - attack.privilege-escalation
    - attack.t1078.004
logsource:
    product: aws
    service: cloudtrail
detection:
    selection_usertype:
        userIdentity.type: Root
    selection_eventtype:
        eventType: AwsServiceEvent
    condition: selection_usertype and not selection_eventtype
falsepositives:
    - AWS Tasks That Require AWS Account Root User Credentials https://docs.aws.amazon.com/general/latest/gr/aws_tasks-that-require-root.html
level: medium
`;

// SigmaHQ rules/cloud/aws/cloudtrail/aws_cloudtrail_disable_logging.yml (same shape as published).
const sigmaCloudTrailImportantChange = `title: AWS CloudTrail Important Change
id: 4db60cc0-36fb-4c29-92a8-2e5ca98bf2aa
status: test
description: Detects disabling, deleting and updating of a Trail
references:
    - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html
author: vitaliy0x1
date: 2020-01-21
modified: 2022-10-09
tags:
    - attack.defense-evasion
    - attack.t1562.001
logsource:
    product: aws
    service: cloudtrail
detection:
    selection_source:
        eventSource: cloudtrail.amazonaws.com
        eventName:
            - StopLogging
            - UpdateTrail
            - DeleteTrail
    condition: selection_source
falsepositives:
    - Valid change in a Trail
level: medium
`;

describe('Sigma rules load unchanged', () => {
  test('AWS Root Credentials', () => {
    const r = parseRuleText(sigmaRootAccountUsage, 'aws_root_account_usage.yml');
    assert.equal(r.id, '8ad1600d-e9dc-4251-b0ee-a65268f29add');
    assert.equal(r.severity, 'medium');
    assert.deepEqual(r.tags, ['attack.privilege-escalation', 'attack.t1078.004']);
    const root = { type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' };
    assert.equal(r.match(ev({ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', userIdentity: root })).matched, true);
    assert.equal(r.match(ev({ eventSource: 's3.amazonaws.com', eventName: 'GetBucketAcl', userIdentity: root, eventType: 'AwsServiceEvent' })).matched, false);
    assert.equal(r.match(ev({ eventName: 'CreateUser', userIdentity: { type: 'IAMUser', userName: 'alice' } })).matched, false);
  });
  test('AWS CloudTrail Important Change', () => {
    const r = parseRuleText(sigmaCloudTrailImportantChange, 'aws_cloudtrail_disable_logging.yml');
    assert.equal(r.match(ev({ eventName: 'UpdateTrail' })).matched, true);
    assert.equal(r.match(ev({ eventName: 'DescribeTrails' })).matched, false);
    assert.equal(r.match(ev({ eventSource: 'iam.amazonaws.com', eventName: 'DeleteTrail' })).matched, false);
  });
});
