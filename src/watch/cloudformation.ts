// The watcher stack as a CloudFormation template (YAML). The function code comes from the zip that
// `rampart watch package` wrote, uploaded to an artifacts bucket (parameters CodeBucket, CodeKey).
import { stringify } from 'yaml';
import { bucketEventBridgeCommand, type Ref, type Stack, type Value } from './stack.ts';

const refs: Record<Ref['ref'], unknown> = {
  queueArn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] },
  queueUrl: { Ref: 'DeadLetterQueue' },
  queueName: { 'Fn::GetAtt': ['DeadLetterQueue', 'QueueName'] },
  logGroupArn: { 'Fn::GetAtt': ['LogGroup', 'Arn'] },
  ruleArn: { 'Fn::GetAtt': ['NewLogObjectRule', 'Arn'] },
  functionArn: { 'Fn::GetAtt': ['WatchFunction', 'Arn'] },
  functionName: { Ref: 'WatchFunction' },
  roleArn: { 'Fn::GetAtt': ['WatchRole', 'Arn'] },
};

function resolve(v: Value): unknown {
  if (Array.isArray(v)) return v.map(resolve);
  if (typeof v === 'object') {
    if ('ref' in v && typeof v.ref === 'string' && Object.keys(v).length === 1) return refs[v.ref as Ref['ref']];
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x as Value)]));
  }
  return v;
}

export function renderCloudFormation(stack: Stack): string {
  const alarmActions = stack.alarmTopicArn ? { AlarmActions: [stack.alarmTopicArn], OKActions: [stack.alarmTopicArn] } : {};
  const resources: Record<string, unknown> = {
    DeadLetterQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 },
    },
    DeadLetterQueuePolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: { Queues: [refs.queueUrl], PolicyDocument: resolve(stack.queuePolicy as unknown as Value) },
    },
    LogGroup: {
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: `/aws/lambda/${stack.functionName}`, RetentionInDays: stack.logRetentionDays },
    },
    WatchRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: 'rampart watch: read new CloudTrail log objects and the alert destinations\' secrets, write own logs',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            },
          ],
        },
        Policies: [{ PolicyName: 'rampart-watch', PolicyDocument: resolve(stack.policy as unknown as Value) }],
      },
    },
    WatchFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: stack.functionName,
        Description: 'rampart watch: CloudTrail detections to Slack/webhooks',
        Runtime: stack.runtime,
        Handler: stack.handler,
        Architectures: ['arm64'],
        MemorySize: stack.memoryMb,
        Timeout: stack.timeoutSeconds,
        Role: refs.roleArn,
        Code: { S3Bucket: { Ref: 'CodeBucket' }, S3Key: { Ref: 'CodeKey' } },
        Environment: { Variables: stack.environment },
        DeadLetterConfig: { TargetArn: refs.queueArn },
        LoggingConfig: { LogGroup: { Ref: 'LogGroup' } },
      },
    },
    WatchFunctionRetries: {
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: { FunctionName: { Ref: 'WatchFunction' }, Qualifier: '$LATEST', MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 },
    },
    NewLogObjectRule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        Description: `rampart watch: new CloudTrail log objects in s3://${stack.bucket}/${stack.prefix}`,
        EventPattern: resolve(stack.eventPattern),
        State: 'ENABLED',
        Targets: [
          {
            Id: 'rampart-watch',
            Arn: refs.functionArn,
            RetryPolicy: { MaximumRetryAttempts: 24, MaximumEventAgeInSeconds: 86400 },
            DeadLetterConfig: { Arn: refs.queueArn },
          },
        ],
      },
    },
    InvokeFromRule: {
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'WatchFunction' }, Principal: 'events.amazonaws.com', SourceArn: refs.ruleArn },
    },
  };
  for (const a of stack.alarms) {
    resources[`${a.id}Alarm`] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmDescription: a.description,
        Namespace: a.namespace,
        MetricName: a.metric,
        Dimensions: [{ Name: a.dimension[0], Value: refs[a.dimension[1].ref] }],
        Statistic: a.metric === 'ApproximateNumberOfMessagesVisible' ? 'Maximum' : 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        ...alarmActions,
      },
    };
  }
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `rampart watch: CloudTrail detections for s3://${stack.bucket}/${stack.prefix} (generated by rampart watch deploy)`,
    Parameters: {
      CodeBucket: { Type: 'String', Description: 'Bucket holding the function.zip written by `rampart watch package`' },
      CodeKey: { Type: 'String', Default: 'rampart/function.zip', Description: 'Key of function.zip in CodeBucket' },
    },
    Resources: resources,
    Outputs: {
      FunctionArn: { Value: refs.functionArn },
      DeadLetterQueueUrl: { Value: refs.queueUrl },
      BucketSetup: { Description: 'One-time: let the trail bucket send events to EventBridge', Value: bucketEventBridgeCommand(stack.bucket) },
    },
  };
  return `# Generated by rampart watch deploy. Secrets are referenced by ARN; their values never appear here.\n${stringify(template, { lineWidth: 0 })}`;
}
