// Micro-benchmark: events/s through DetectionEngine with every built-in rule, over 200k synthetic records in memory.
// Prints figures only; never asserts timings.

import { DetectionEngine } from '../src/detect/engine.ts';
import { loadRules } from '../src/detect/rules/index.ts';
import type { CloudTrailRecord } from '../src/detect/types.ts';

const N = 200_000;
const rules = await loadRules({ includeBuiltin: true });

// A realistic mix: mostly reads and role assumptions, some failures, a few of the sensitive calls.
const templates: Array<{ eventSource: string; eventName: string } & Record<string, unknown>> = [
  { eventSource: 's3.amazonaws.com', eventName: 'GetObject', readOnly: true, requestParameters: { bucketName: 'data', key: 'a/b.csv' } },
  { eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', readOnly: true, requestParameters: { roleArn: 'arn:aws:iam::1:role/app', roleSessionName: 's' } },
  { eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', readOnly: true, requestParameters: { maxResults: 100 } },
  { eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', readOnly: true, requestParameters: { encryptionContext: { a: 'b' } } },
  { eventSource: 'lambda.amazonaws.com', eventName: 'Invoke', readOnly: false, requestParameters: { functionName: 'f' } },
  { eventSource: 'iam.amazonaws.com', eventName: 'GetUser', readOnly: true, errorCode: 'AccessDenied', errorMessage: 'denied' },
  { eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances', readOnly: false, errorCode: 'Client.UnauthorizedOperation', requestParameters: { instanceType: 'p4d.24xlarge' } },
  { eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Failure' }, additionalEventData: { MFAUsed: 'No' } },
  { eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'b', bucketPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] } } },
  { eventSource: 'ec2.amazonaws.com', eventName: 'AuthorizeSecurityGroupIngress', requestParameters: { groupId: 'sg-1', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } } },
  { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: { name: 'org' } },
];
const weights = [30, 25, 15, 10, 8, 5, 3, 2, 1, 1, 0.2];
const total = weights.reduce((a, b) => a + b, 0);
const start = Date.UTC(2024, 0, 1);
const records: CloudTrailRecord[] = [];
for (let i = 0; i < N; i++) {
  let r = ((i * 7919) % 1000) / 1000 * total;
  let t = 0;
  while (t < weights.length - 1 && r >= weights[t]!) r -= weights[t++]!;
  const userName = `user${i % 500}`;
  const template = structuredClone(templates[t]!);
  records.push({
    ...template,
    eventSource: template.eventSource,
    eventName: template.eventName,
    eventVersion: '1.09',
    eventTime: new Date(start + i * 50).toISOString(),
    awsRegion: i % 3 === 0 ? 'us-east-1' : 'eu-west-1',
    sourceIPAddress: `198.51.100.${i % 250}`,
    userAgent: 'aws-cli/2.15.0 Python/3.11 Linux/6.1',
    eventID: `e-${i}`,
    recipientAccountId: '111122223333',
    userIdentity: { type: 'IAMUser', userName, arn: `arn:aws:iam::111122223333:user/${userName}`, accountId: '111122223333', principalId: 'AIDA' },
  });
}

function run(): { seconds: number; alerts: number; stats: ReturnType<DetectionEngine['stats']> } {
  const engine = new DetectionEngine(rules);
  let alerts = 0;
  const t0 = performance.now();
  for (const r of records) alerts += engine.process(r).length;
  return { seconds: (performance.now() - t0) / 1000, alerts, stats: engine.stats() };
}

console.log(`rules: ${rules.length} built-in (${rules.filter((r) => r.disabled).length} disabled without vars), records: ${N}`);
run(); // warm-up: JIT and derived-field caches start cold in real use too, but one pass settles the JIT
for (let i = 1; i <= 3; i++) {
  const { seconds, alerts, stats } = run();
  console.log(
    `run ${i}: ${(N / seconds).toFixed(0)} events/s (${seconds.toFixed(3)} s), ${alerts} alerts, ${stats.matches} matches, ${stats.thresholdKeys} threshold keys`,
  );
}
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
