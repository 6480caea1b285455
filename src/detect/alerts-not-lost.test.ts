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

function alertsFor(record: CloudTrailRecord): Alert[] {
  return new DetectionEngine(rules).process(record);
}

test('every alert says why: port and CIDR of a security-group rule, and the group for ModifySecurityGroupRules too', () => {
  const [a] = alertsFor(sgIngress('2026-11-20T10:00:00Z', 22)).filter((x) => x.ruleId === 'det-sg-open-world');
  assert.ok(a?.why?.includes('inbound tcp port 22 from 0.0.0.0/0'), JSON.stringify(a?.why));
  const modify = ctEvent({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifySecurityGroupRules',
    readOnly: false,
    requestParameters: {
      ModifySecurityGroupRulesRequest: {
        GroupId: 'sg-0123456789abcdef0',
        SecurityGroupRule: { tag: 1, SecurityGroupRuleId: 'sgr-0a1b', SecurityGroupRule: { IpProtocol: '-1', CidrIpv4: '0.0.0.0/0' } },
      },
    },
  });
  const [m] = alertsFor(modify).filter((x) => x.ruleId === 'det-sg-open-world');
  assert.deepEqual(m?.resources, ['sg-0123456789abcdef0']);
  assert.match(m?.summary ?? '', /on sg-0123456789abcdef0/);
  assert.ok(m?.why?.includes('inbound all traffic from 0.0.0.0/0'), JSON.stringify(m?.why));
});

test('every alert says why: the policy statement that made a bucket public, and the account a snapshot was shared with', () => {
  const policy = { Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shop-assets/*' }] };
  const [p] = alertsFor(ctEvent({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'shop-assets', bucketPolicy: policy } })).filter(
    (x) => x.ruleId === 'det-s3-policy-public',
  );
  assert.ok(p?.why?.some((w) => w.startsWith('bucketPolicy statement PublicRead: Allow s3:GetObject to * on arn:aws:s3:::shop-assets/*')), JSON.stringify(p?.why));
  const share = ctEvent({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifySnapshotAttribute',
    recipientAccountId: '111122223333',
    requestParameters: { snapshotId: 'snap-0a1b2c3d4e5f67890', createVolumePermission: { add: { items: [{ userId: '444455556666' }] } }, attributeType: 'CREATE_VOLUME_PERMISSION' },
  });
  const [s] = alertsFor(share).filter((x) => x.ruleId === 'det-snapshot-shared-external');
  assert.ok(s?.why?.some((w) => w.startsWith('grants account 444455556666 (createVolumePermission')), JSON.stringify(s?.why));
  assert.deepEqual(s?.resources, ['snap-0a1b2c3d4e5f67890']);
});

test('every built-in rule carries a next step, and its alerts carry it', () => {
  const missing = rules.filter((r) => r.nextStep === undefined).map((r) => r.id);
  assert.deepEqual(missing, []);
  const [a] = alertsFor(sgIngress('2026-11-20T10:00:00Z', 22)).filter((x) => x.ruleId === 'det-sg-open-world');
  assert.equal(a?.nextStep, rules.find((r) => r.id === 'det-sg-open-world')?.nextStep);
});

const outsideShares: Array<[string, CloudTrailRecord]> = [
  ['det-ami-shared-external', ctEvent({ eventSource: 'ec2.amazonaws.com', eventName: 'ModifyImageAttribute', requestParameters: { imageId: 'ami-1', launchPermission: { add: { items: [{ userId: '444455556666' }] } } } })],
  ['det-snapshot-shared-external', ctEvent({ eventSource: 'ec2.amazonaws.com', eventName: 'ModifySnapshotAttribute', requestParameters: { snapshotId: 'snap-1', createVolumePermission: { add: { items: [{ userId: '444455556666' }] } } } })],
  ['det-db-snapshot-shared-external', ctEvent({ eventSource: 'rds.amazonaws.com', eventName: 'ModifyDBClusterSnapshotAttribute', requestParameters: { dBClusterSnapshotIdentifier: 'c-1', attributeName: 'restore', valuesToAdd: ['444455556666'] } })],
  ['det-role-trust-external', ctEvent({ eventSource: 'iam.amazonaws.com', eventName: 'UpdateAssumeRolePolicy', requestParameters: { roleName: 'r', policyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' }] }) } })],
  ['det-s3-policy-cross-account', ctEvent({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'b', bucketPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] } } })],
];

test('sharing with another account is detected by default (no --var), and the alert states the assumption', () => {
  for (const [ruleId, record] of outsideShares) {
    const rule = rules.find((r) => r.id === ruleId);
    assert.equal(rule?.disabled, undefined, `${ruleId} must run without --var`);
    const [a] = alertsFor(record).filter((x) => x.ruleId === ruleId);
    assert.ok(a, `${ruleId} fires on a share with 444455556666 from 111122223333`);
    assert.ok(a.why?.some((w) => w.startsWith('org_account_ids not set')), `${ruleId}: ${JSON.stringify(a.why)}`);
    assert.ok(a.why?.some((w) => w.startsWith('grants account 444455556666')), `${ruleId}: ${JSON.stringify(a.why)}`);
  }
});

test('with org_account_ids, a share with an organization account is quiet and one outside it still fires', async () => {
  const orgRules = await loadRules({ includeBuiltin: true, vars: { org_account_ids: ['111122223333', '444455556666'] } });
  const engine = new DetectionEngine(orgRules);
  for (const [ruleId, record] of outsideShares) assert.equal(engine.process(record).filter((a) => a.ruleId === ruleId).length, 0, ruleId);
  const orgOnly = new DetectionEngine(await loadRules({ includeBuiltin: true, vars: { org_account_ids: ['111122223333'] } }));
  for (const [ruleId, record] of outsideShares) {
    const [a] = orgOnly.process(record).filter((x) => x.ruleId === ruleId);
    assert.ok(a, ruleId);
    assert.ok(!a.why?.some((w) => w.startsWith('org_account_ids not set')), 'no assumption once the organization is known');
  }
});

// ---- item 4: each built-in rule fires exactly when its catalog row says ----

const ids = (record: CloudTrailRecord) => alertsFor(record).map((a) => `${a.ruleId}:${a.severity}`).sort();

test('access key: minted for someone else is high, for oneself medium', () => {
  const key = (userName: string | undefined) => ctEvent({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', requestParameters: userName ? { userName } : {} }, { user: 'alice' });
  assert.deepEqual(ids(key('bob')), ['det-create-access-key:high']);
  assert.deepEqual(ids(key('alice')), ['det-create-access-key:medium']);
  assert.deepEqual(ids(key(undefined)), ['det-create-access-key:medium']);
});

const root = { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' };

test('root activity excludes what AWS services do on root\'s behalf', () => {
  const call = (extra: Partial<CloudTrailRecord>) => ctEvent({ eventSource: 's3.amazonaws.com', eventName: 'DeleteBucket', userIdentity: root, requestParameters: { bucketName: 'b' }, ...extra });
  assert.deepEqual(ids(call({})), ['det-root-activity:high']);
  assert.deepEqual(ids(call({ userIdentity: { ...root, invokedBy: 'cloudformation.amazonaws.com' } })), []);
  assert.deepEqual(ids(call({ eventType: 'AwsServiceEvent' })), []);
});

function rootLogin(result: 'Success' | 'Failure', mfa: 'Yes' | 'No'): CloudTrailRecord {
  return ctEvent({
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    eventType: 'AwsConsoleSignIn',
    readOnly: false,
    userIdentity: root,
    requestParameters: null,
    responseElements: { ConsoleLogin: result },
    additionalEventData: { MFAUsed: mfa, LoginTo: 'https://console.aws.amazon.com/console/home' },
    ...(result === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
  });
}

test('a failed root login is not titled "signed in"; one root login is one incident with linked alerts', () => {
  const failed = alertsFor(rootLogin('Failure', 'No'));
  assert.deepEqual(failed.map((a) => a.ruleId), ['det-root-console-login-failure']);
  assert.doesNotMatch(failed[0]!.title, /signed in/i);
  assert.equal(failed[0]!.severity, 'high');
  const ok = alertsFor(rootLogin('Success', 'No'));
  assert.deepEqual(ok.map((a) => a.ruleId).sort(), ['det-console-login-no-mfa', 'det-root-console-login']);
  const byRule = new Map(ok.map((a) => [a.ruleId, a]));
  assert.deepEqual(byRule.get('det-root-console-login')?.related, ['det-console-login-no-mfa']);
  assert.deepEqual(byRule.get('det-console-login-no-mfa')?.related, ['det-root-console-login']);
  assert.deepEqual(alertsFor(rootLogin('Success', 'Yes')).map((a) => `${a.ruleId}:${a.severity}`), ['det-root-console-login:critical']);
});

test('NACL entries allowing admin ports from anywhere fire for every shape CloudTrail writes', () => {
  const entry = (params: Record<string, unknown>) =>
    ctEvent({ eventSource: 'ec2.amazonaws.com', eventName: 'CreateNetworkAclEntry', requestParameters: { networkAclId: 'acl-0a1b', ruleNumber: 100, icmpTypeCode: {}, ...params } });
  const shapes: Array<Record<string, unknown>> = [
    { egress: false, ruleAction: 'allow', aclProtocol: '6', portRange: { from: 22, to: 22 }, cidrBlock: '0.0.0.0/0' },
    { egress: false, ruleAction: 'allow', aclProtocol: '6', portRange: { from: '3389', to: '3389' }, cidrBlock: '0.0.0.0/0' },
    { egress: false, ruleAction: 'allow', aclProtocol: '-1', cidrBlock: '0.0.0.0/0' },
    { egress: false, ruleAction: 'allow', aclProtocol: '6', cidrBlock: '0.0.0.0/0' },
    { egress: 'false', ruleAction: 'ALLOW', aclProtocol: '17', portRange: { from: 3000, to: 4000 }, ipv6CidrBlock: '::/0' },
    { egress: false, ruleAction: 'allow', protocol: 'tcp', portRange: { from: 0, to: 65535 }, cidrBlock: '0.0.0.0/0' },
  ];
  for (const shape of shapes) assert.deepEqual(ids(entry(shape)), ['det-nacl-open-world:medium'], JSON.stringify(shape));
  const quiet: Array<Record<string, unknown>> = [
    { egress: true, ruleAction: 'allow', aclProtocol: '-1', cidrBlock: '0.0.0.0/0' },
    { egress: false, ruleAction: 'deny', aclProtocol: '-1', cidrBlock: '0.0.0.0/0' },
    { egress: false, ruleAction: 'allow', aclProtocol: '6', portRange: { from: 443, to: 443 }, cidrBlock: '0.0.0.0/0' },
    { egress: false, ruleAction: 'allow', aclProtocol: '17', portRange: { from: 22, to: 22 }, cidrBlock: '0.0.0.0/0' },
    { egress: false, ruleAction: 'allow', aclProtocol: '6', portRange: { from: 22, to: 22 }, cidrBlock: '10.0.0.0/8' },
  ];
  for (const shape of quiet) assert.deepEqual(ids(entry(shape)), [], JSON.stringify(shape));
});

test('database publicity and snapshot sharing rules cover clusters as well as instances', () => {
  const rds = (eventName: string, params: Record<string, unknown>) => ctEvent({ eventSource: 'rds.amazonaws.com', eventName, requestParameters: params });
  for (const name of ['ModifyDBInstance', 'CreateDBInstance', 'CreateDBInstanceReadReplica', 'RestoreDBInstanceToPointInTime', 'ModifyDBCluster', 'CreateDBCluster', 'RestoreDBClusterFromSnapshot'])
    assert.deepEqual(ids(rds(name, { dBInstanceIdentifier: 'db1', publiclyAccessible: true })), ['det-rds-public:high'], name);
  assert.deepEqual(
    ids(ctEvent({ eventSource: 'redshift.amazonaws.com', eventName: 'RestoreFromClusterSnapshot', requestParameters: { clusterIdentifier: 'dw', publiclyAccessible: true } })),
    ['det-rds-public:high'],
  );
  assert.deepEqual(ids(rds('ModifyDBClusterSnapshotAttribute', { dBClusterSnapshotIdentifier: 's', attributeName: 'restore', valuesToAdd: ['all'] })), ['det-db-snapshot-public:critical']);
});
