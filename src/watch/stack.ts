// What `rampart watch deploy` deploys, independent of the template language: the function, its least-privilege
// role, the EventBridge rule for new log objects, the dead-letter queue and the alarms. cloudformation.ts and
// terraform.ts render this; a reference to another resource is a `Ref` resolved by each renderer.
import { UsageError } from '../core/errors.ts';
import type { WatchConfig } from './config.ts';
import { LAMBDA_HANDLER, LAMBDA_RUNTIME } from './package.ts';

/** Another resource's attribute: `arn` of the queue, the log group, the rule, the function or the role. */
export interface Ref {
  ref: 'queueArn' | 'logGroupArn' | 'ruleArn' | 'functionArn' | 'roleArn' | 'queueUrl' | 'queueName' | 'functionName';
}
export type Value = string | number | boolean | Ref | Value[] | { [key: string]: Value };

export interface DeployOptions {
  bucket: string;
  /** Key prefix of the log objects (default `AWSLogs/`). */
  prefix?: string;
  config: WatchConfig;
  functionName?: string;
  /** KMS keys the logs (SSE-KMS) or the secrets are encrypted with. */
  kmsKeyArns?: string[];
  /** SNS topic for the alarms; without one the alarms only show in the console. */
  alarmTopicArn?: string;
}

export interface Stack {
  functionName: string;
  bucket: string;
  prefix: string;
  runtime: string;
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  logRetentionDays: number;
  environment: Record<string, string>;
  /** The execution role's only policy. */
  policy: { Version: string; Statement: Array<Record<string, Value>> };
  eventPattern: Record<string, Value>;
  /** Lets EventBridge put events it could not deliver into the dead-letter queue. */
  queuePolicy: { Version: string; Statement: Array<Record<string, Value>> };
  alarms: Array<{ id: string; description: string; namespace: string; metric: string; dimension: [string, Ref] }>;
  alarmTopicArn: string | undefined;
}

const arnPattern = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:.+$/;

export function buildStack(opts: DeployOptions): Stack {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(opts.bucket)) throw new UsageError(`--bucket ${opts.bucket}: not an S3 bucket name`);
  const functionName = opts.functionName ?? 'rampart-watch';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(functionName)) throw new UsageError(`--function-name ${functionName}: letters, digits, - and _ (at most 64)`);
  for (const arn of [...(opts.kmsKeyArns ?? []), ...(opts.alarmTopicArn ? [opts.alarmTopicArn] : [])]) {
    if (!arnPattern.test(arn)) throw new UsageError(`${arn}: not an ARN`);
  }
  const prefix = opts.prefix ?? 'AWSLogs/';
  const objectArn = `arn:aws:s3:::${opts.bucket}/${prefix}*`;
  const statements: Array<Record<string, Value>> = [
    { Sid: 'ReadNewLogObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: objectArn },
    { Sid: 'ReadDestinationSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [...new Set(opts.config.destinations.map((d) => d.secretArn))] },
    { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { ref: 'logGroupArn' } },
    { Sid: 'DeadLetter', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { ref: 'queueArn' } },
  ];
  if (opts.kmsKeyArns && opts.kmsKeyArns.length > 0) {
    // Only through S3 (the logs) and Secrets Manager (the webhook secrets), never direct use of the key.
    statements.push({
      Sid: 'DecryptViaS3AndSecretsManager',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: opts.kmsKeyArns,
      Condition: { 'ForAnyValue:StringLike': { 'kms:ViaService': ['s3.*.amazonaws.com', 'secretsmanager.*.amazonaws.com'] } },
    });
  }
  return {
    functionName,
    bucket: opts.bucket,
    prefix,
    runtime: LAMBDA_RUNTIME,
    handler: LAMBDA_HANDLER,
    memoryMb: 512,
    timeoutSeconds: 300,
    logRetentionDays: 365,
    environment: { RAMPART_WATCH_CONFIG: JSON.stringify(opts.config), NODE_OPTIONS: '--enable-source-maps' },
    policy: { Version: '2012-10-17', Statement: statements },
    eventPattern: {
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: [opts.bucket] }, object: { key: [{ prefix }] } },
    },
    queuePolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EventBridgeDeadLetters',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: { ref: 'queueArn' },
          Condition: { ArnEquals: { 'aws:SourceArn': { ref: 'ruleArn' } } },
        },
      ],
    },
    alarms: [
      { id: 'Errors', description: 'rampart watch: the function failed (a log not read or an alert not delivered); Lambda retries, then the event goes to the dead-letter queue', namespace: 'AWS/Lambda', metric: 'Errors', dimension: ['FunctionName', { ref: 'functionName' }] },
      { id: 'Throttles', description: 'rampart watch: invocations throttled (logs wait or are dropped)', namespace: 'AWS/Lambda', metric: 'Throttles', dimension: ['FunctionName', { ref: 'functionName' }] },
      { id: 'DeadLetters', description: 'rampart watch: log events in the dead-letter queue were NOT analysed; inspect and redrive them', namespace: 'AWS/SQS', metric: 'ApproximateNumberOfMessagesVisible', dimension: ['QueueName', { ref: 'queueName' }] },
    ],
    alarmTopicArn: opts.alarmTopicArn,
  };
}

/** The one-time bucket setting the EventBridge rule relies on (it does not change existing notifications). */
export function bucketEventBridgeCommand(bucket: string): string {
  return `aws s3api put-bucket-notification-configuration --bucket ${bucket} --notification-configuration '{"EventBridgeConfiguration": {}}'  # merge with the bucket's existing notification configuration, if any`;
}
