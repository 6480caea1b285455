// The watcher end to end on loopback: a real gzip CloudTrail log object in the emulator's S3, the Slack URL in
// its Secrets Manager, the Lambda handler invoked with an S3 ObjectCreated event, the alert caught by a local
// Slack recorder. Plus: the package is a real bundle, the CloudFormation passes cfn-lint, the Terraform parses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { unzipSync } from 'fflate';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { fakeAwsEnv, MOTO_SKIP_REASON, motoAvailable, startMoto, type Moto } from '../support/moto.ts';
import { renderCloudFormation } from '../../src/watch/cloudformation.ts';
import { packageFunction } from '../../src/watch/package.ts';
import { buildStack } from '../../src/watch/stack.ts';
import { renderTerraform } from '../../src/watch/terraform.ts';
import { parseWatchConfig } from '../../src/watch/config.ts';

const account = '111122223333';
const key = `AWSLogs/o-abcdef1234/${account}/CloudTrail/eu-west-1/2026/11/20/${account}_CloudTrail_eu-west-1_20261120T0805Z_abc.json.gz`;
const records = [
  {
    eventVersion: '1.09', eventTime: '2026-11-20T08:01:00Z', eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging',
    awsRegion: 'eu-west-1', sourceIPAddress: '203.0.113.9', userAgent: 'aws-cli/2.15', recipientAccountId: account,
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${account}:user/mallory`, userName: 'mallory', accountId: account },
    requestParameters: { name: 'org-trail' }, responseElements: null, eventID: 'ev-stop', requestID: 'rq-1', eventType: 'AwsApiCall',
  },
  {
    eventVersion: '1.09', eventTime: '2026-11-20T08:02:00Z', eventSource: 's3.amazonaws.com', eventName: 'ListBuckets',
    awsRegion: 'eu-west-1', recipientAccountId: account, userIdentity: { type: 'IAMUser', userName: 'bob' }, eventID: 'ev-list', eventType: 'AwsApiCall',
  },
];

interface Recorder {
  url: string;
  bodies: unknown[];
  server: Server;
}

async function slackRecorder(): Promise<Recorder> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(data));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}/services/T000/B000/secret`, bodies, server };
}

describe('watch handler against the emulator', { skip: motoAvailable() ? false : MOTO_SKIP_REASON }, () => {
  let moto: Moto;
  let slack: Recorder;
  let webhook: Recorder;
  before(async () => {
    moto = await startMoto();
    slack = await slackRecorder();
    webhook = await slackRecorder();
  });
  after(async () => {
    await moto?.stop();
    slack?.server.close();
    webhook?.server.close();
  });

  test('an S3 ObjectCreated event for a real log object delivers the alert to Slack, routed by severity and account', async () => {
    Object.assign(process.env, fakeAwsEnv(moto.endpoint));
    const s3 = new S3Client({ forcePathStyle: true });
    const sm = new SecretsManagerClient({});
    await s3.send(new CreateBucketCommand({ Bucket: 'org-trail-logs' }));
    await s3.send(new PutObjectCommand({ Bucket: 'org-trail-logs', Key: key, Body: gzipSync(JSON.stringify({ Records: records })) }));
    const slackSecret = await sm.send(new CreateSecretCommand({ Name: 'rampart/slack', SecretString: slack.url }));
    const hookSecret = await sm.send(new CreateSecretCommand({ Name: 'rampart/hook', SecretString: JSON.stringify({ url: webhook.url }) }));
    process.env.RAMPART_WATCH_CONFIG = JSON.stringify({
      destinations: [
        { name: 'security', type: 'slack', secretArn: slackSecret.ARN, minSeverity: 'high' },
        // another account only: must not receive this alert
        { name: 'team-b', type: 'webhook', secretArn: hookSecret.ARN, accounts: ['444455556666'] },
      ],
    });
    process.env.RAMPART_RULES_DIR = join(import.meta.dirname, '../../rules/builtin');
    const { handler } = await import('../../src/watch/lambda.ts');
    const event = {
      Records: [
        {
          eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'eu-west-1', eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: 'org-trail-logs' }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size: 1 } },
        },
      ],
    };
    const result = await handler(event);
    assert.equal(result.objects, 1);
    assert.equal(result.records, 2);
    assert.deepEqual(result.delivered, { security: 1, 'team-b': 0 });
    assert.equal(slack.bodies.length, 1);
    const text = JSON.stringify(slack.bodies[0]);
    assert.match(text, /det-cloudtrail-stop/);
    assert.match(text, /mallory/);
    assert.equal(webhook.bodies.length, 0);
    // The digest folder and S3's test event are not logs: nothing to read, nothing sent.
    assert.deepEqual(await handler({ Event: 's3:TestEvent' }), { objects: 0, records: 0, alerts: 0, delivered: {} });
    await assert.rejects(handler({ hello: 'world' }), /unrecognised event/);
  });
});

describe('watch package and deploy', () => {
  const config = parseWatchConfig(
    JSON.stringify({ destinations: [{ name: 'security', type: 'slack', secretArn: `arn:aws:secretsmanager:eu-west-1:${account}:secret:rampart/slack-AbCdEf`, minSeverity: 'high' }] }),
    'test',
  );
  const stack = buildStack({ bucket: 'org-trail-logs', config, kmsKeyArns: [`arn:aws:kms:eu-west-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`], alarmTopicArn: `arn:aws:sns:eu-west-1:${account}:alerts` });

  test('the zip holds one esbuild bundle and the rules', async () => {
    const { zip } = await packageFunction();
    const files = Object.keys(unzipSync(zip));
    assert.ok(files.includes('index.mjs'));
    assert.ok(files.includes('rules/builtin/det-cloudtrail-stop.yml'));
    assert.ok(!files.some((f) => f.includes('node_modules')), 'dependencies are bundled, not copied');
  });

  test('the role is least privilege: read logs under the prefix, the named secrets, own logs and DLQ only', () => {
    const actions = stack.policy.Statement.flatMap((s) => [s.Action].flat());
    assert.deepEqual(actions.sort(), ['kms:Decrypt', 'logs:CreateLogStream', 'logs:PutLogEvents', 's3:GetObject', 'secretsmanager:GetSecretValue', 'sqs:SendMessage']);
    assert.ok(stack.policy.Statement.every((s) => s.Resource !== '*'));
    assert.equal(stack.policy.Statement[0]!.Resource, 'arn:aws:s3:::org-trail-logs/AWSLogs/*');
  });

  test('the CloudFormation template passes cfn-lint and holds no secret value', (t) => {
    const lint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
    if (lint.status !== 0) {
      t.skip('cfn-lint is not installed');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'rampart-cfn-'));
    const file = join(dir, 'watch.yml');
    const yml = renderCloudFormation(stack);
    writeFileSync(file, yml);
    const r = spawnSync('cfn-lint', [file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    for (const type of ['AWS::Lambda::Function', 'AWS::IAM::Role', 'AWS::Events::Rule', 'AWS::SQS::Queue', 'AWS::CloudWatch::Alarm']) assert.ok(yml.includes(type), type);
    assert.ok(!yml.includes('hooks.slack.com'));
  });

  test('the Terraform parses as HCL and wires function, role, rule, queue and alarms', async () => {
    const tf = await parseHcl('main.tf', renderTerraform(stack));
    const resources = tf.resource as Record<string, unknown>;
    for (const r of ['aws_lambda_function', 'aws_iam_role', 'aws_iam_role_policy', 'aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target', 'aws_lambda_permission', 'aws_sqs_queue', 'aws_cloudwatch_metric_alarm']) {
      assert.ok(r in resources, r);
    }
    assert.equal(Object.keys(resources.aws_cloudwatch_metric_alarm as object).length, 3);
  });
});
