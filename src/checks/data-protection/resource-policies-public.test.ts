// resource-policies-public over fixture snapshots: for every resource type a pass, a fail and an error; the Lambda
// function URL (AuthType NONE) and its allow-list; conditions that restrict; NotPrincipal and {"AWS": ["*"]}.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failed, ok } from '../../inventory/collected.ts';
import { collectError, singleAccount } from '../../inventory/fixtures.ts';
import type { Snapshot } from '../../inventory/snapshot.ts';
import type { RegionBuilder } from '../../inventory/fixtures.ts';
import { backupVault } from '../../services/backup/fixtures.ts';
import { logsResourcePolicy } from '../../services/cloudwatch-logs/fixtures.ts';
import { repository } from '../../services/ecr/fixtures.ts';
import { glacierVault } from '../../services/glacier/fixtures.ts';
import { lambdaFunction } from '../../services/lambda/fixtures.ts';
import { secret } from '../../services/secrets-manager/fixtures.ts';
import { snsTopic } from '../../services/sns/fixtures.ts';
import { queue } from '../../services/sqs/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './resource-policies-public.ts';

const ACCOUNT = '111111111111';
const R = 'us-east-1';
const arn = (service: string, rest: string) => `arn:aws:${service}:${R}:${ACCOUNT}:${rest}`;
const FN = arn('lambda', 'function:api');
const QUEUE = arn('sqs', 'orders');
const TOPIC = arn('sns', 'events');
const SECRET = arn('secretsmanager', 'secret:db-AbCdEf');
const KEY = arn('kms', 'key/k-1');
const REPO = arn('ecr', 'repository/app');
const BACKUP = arn('backup', 'backup-vault:main');
const GLACIER = arn('glacier', 'vaults/archive');
const LOG_GROUP = arn('logs', 'log-group:/aws/app');

type Raw = Record<string, unknown>;
const policy = (...statements: Raw[]) => ({ Version: '2012-10-17', Statement: statements });
const open = (action: string | string[], extra: Raw = {}): Raw => ({ Effect: 'Allow', Principal: '*', Action: action, Resource: '*', ...extra });
const inRegion = (edit: (r: RegionBuilder) => void): Snapshot => singleAccount((a) => a.inRegion(R, edit), { regions: [R] });

/** The message of the result for one resource id. */
const messageOf = (results: CheckResult[], id: string): string => results.find((r) => r.resource.id === id)?.message ?? '';

const urlFn = (name: string, authType: string, extra: Parameters<typeof lambdaFunction>[1] = {}) =>
  lambdaFunction(name, { urlConfigs: ok([{ functionUrl: `https://${name}.lambda-url.${R}.on.aws/`, authType }]), ...extra });
/** The two statements AWS writes for a function URL with AuthType NONE. */
const urlPolicy = (name: string) =>
  policy(
    { Sid: 'FunctionURLAllowPublicAccess', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: arn('lambda', `function:${name}`), Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } },
    { Sid: 'FunctionURLInvokeAllowPublicAccess', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: arn('lambda', `function:${name}`), Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } } },
  );

testCheck(check, {
  pass: [
    {
      name: 'every resource type without a policy, or with one for fixed principals only',
      snapshot: inRegion((r) =>
        r
          .set('lambda.functions', [lambdaFunction('api'), lambdaFunction('worker', { policy: ok(policy({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: '*' })) })])
          .set('sqs.queues', [queue('orders'), queue('jobs', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::222222222222:root` }, Action: 'sqs:SendMessage', Resource: '*' }))])
          .set('sns.topics', [snsTopic(TOPIC, { policy: policy({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'SNS:Publish', Resource: TOPIC }) })])
          .set('secretsManager.secrets', [secret('db')])
          .kmsKey('k-1')
          .set('ecr.repositories', [repository('app')])
          .set('backup.vaults', [backupVault('main')])
          .set('glacier.vaults', [glacierVault('archive')])
          .set('cloudwatchLogs.resourcePolicies', [logsResourcePolicy('delivery', policy({ Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 'logs:PutLogEvents', Resource: '*' }))]),
      ),
      resources: [FN, arn('lambda', 'function:worker'), QUEUE, arn('sqs', 'jobs'), TOPIC, SECRET, KEY, REPO, BACKUP, GLACIER, 'delivery'],
      verify: (results) => {
        assert.match(messageOf(results, QUEUE), /has no resource policy/);
        assert.match(messageOf(results, FN), /no resource policy; it has no function URL/);
      },
    },
    {
      name: 'Principal "*" pinned by a condition on every service (SourceArn, SourceAccount, SourceOwner, PrincipalOrgID, SourceVpce, kms:CallerAccount)',
      snapshot: inRegion((r) =>
        r
          .set('lambda.functions', [lambdaFunction('api', { policy: ok(policy(open('lambda:InvokeFunction', { Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::uploads' } } }))) })])
          .set('sqs.queues', [queue('orders', policy(open('sqs:SendMessage', { Condition: { ArnEquals: { 'aws:SourceArn': TOPIC } } })))])
          // the policy SNS gives every new topic
          .set('sns.topics', [snsTopic(TOPIC, { policy: policy({ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish', 'SNS:Subscribe'], Resource: TOPIC, Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } } }) })])
          .set('secretsManager.secrets', [secret('db', { resourcePolicy: ok(policy(open('secretsmanager:GetSecretValue', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }))) })])
          .set('ecr.repositories', [repository('app', policy(open(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })))])
          .set('backup.vaults', [backupVault('main', { accessPolicy: ok(policy(open('backup:CopyIntoBackupVault', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }))) })])
          .set('glacier.vaults', [glacierVault('archive', policy(open('glacier:InitiateJob', { Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } })))])
          .set('cloudwatchLogs.resourcePolicies', [logsResourcePolicy('route53', policy(open('logs:PutLogEvents', { Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } })), { policyScope: 'RESOURCE', resourceArn: LOG_GROUP })])
          .set('kms.keys', [
            {
              keyId: 'k-1',
              arn: KEY,
              metadata: ok({ keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', keyState: 'Enabled', origin: 'AWS_KMS' }),
              rotationEnabled: ok(true),
              tags: ok({}),
              policy: ok(policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': `ec2.${R}.amazonaws.com` } } })),
              grants: ok([]),
            },
          ]),
      ),
      resources: [FN, QUEUE, TOPIC, SECRET, KEY, REPO, BACKUP, GLACIER, LOG_GROUP],
      verify: (results) => assert.match(messageOf(results, TOPIC), /grants nothing to everyone/),
    },
    {
      name: 'a public function URL on the allow-list, by name: the URL and the statements AWS writes for it pass',
      snapshot: inRegion((r) => r.set('lambda.functions', [urlFn('site', 'NONE', { policy: ok(urlPolicy('site')) })])),
      options: { allowedPublicFunctionUrls: ['site'] },
      resources: [arn('lambda', 'function:site')],
      verify: (results) => {
        assert.match(messageOf(results, arn('lambda', 'function:site')), /public \(AuthType NONE\) on purpose/);
        const evidence = results[0]?.evidence as { acceptedForPublicFunctionUrl: Array<{ sid: string }> };
        assert.deepEqual(evidence.acceptedForPublicFunctionUrl.map((s) => s.sid), ['FunctionURLAllowPublicAccess', 'FunctionURLInvokeAllowPublicAccess']);
      },
    },
    {
      name: 'a function URL with AWS_IAM auth',
      snapshot: inRegion((r) => r.set('lambda.functions', [urlFn('internal', 'AWS_IAM')])),
      resources: [arn('lambda', 'function:internal')],
      verify: (results) => assert.match(results[0]?.message ?? '', /requires IAM authentication/),
    },
    {
      name: 'AWS managed keys are not judged (their policy is AWS\'s and is not read); a customer key is',
      snapshot: inRegion((r) => r.kmsKey('aws-ebs', { keyManager: 'AWS' }).kmsKey('k-1')),
      resources: [KEY],
    },
    {
      name: 'a public grant removed for outsiders by a Deny outside the organization',
      snapshot: inRegion((r) =>
        r.set('sqs.queues', [
          queue('orders', policy(open('sqs:*'), { Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })),
        ]),
      ),
      resources: [QUEUE],
    },
  ],
  fail: [
    {
      name: 'Lambda: a policy letting anyone invoke the function',
      snapshot: inRegion((r) => r.set('lambda.functions', [lambdaFunction('api', { policy: ok(policy(open('lambda:InvokeFunction', { Sid: 'anyone' }))) }), lambdaFunction('worker')])),
      resources: [FN],
      verify: (results) => {
        assert.equal(
          messageOf(results, FN),
          'Lambda function api is open to everyone: statement #0 (Sid "anyone") allows lambda:InvokeFunction to Principal "*" (anyone, including anonymous callers), with no condition that pins the caller to fixed accounts, organizations, sources or endpoints',
        );
        const fix = remediationOf(check, results.find((x) => x.status === 'fail'));
        assert.equal(fix.cli, 'aws lambda remove-permission --function-name api --statement-id anyone --region us-east-1');
      },
    },
    {
      name: 'Lambda: a function URL with AuthType NONE (not allow-listed) fails, with the statements that open it',
      snapshot: inRegion((r) => r.set('lambda.functions', [urlFn('site', 'NONE', { policy: ok(urlPolicy('site')) })])),
      resources: [arn('lambda', 'function:site')],
      verify: (results) => {
        const m = messageOf(results, arn('lambda', 'function:site'));
        assert.match(m, /function URL https:\/\/site\.lambda-url\.us-east-1\.on\.aws\/ has AuthType NONE/);
        assert.match(m, /statement #0 \(Sid "FunctionURLAllowPublicAccess"\) allows lambda:InvokeFunctionUrl/);
      },
    },
    {
      name: 'Lambda: AuthType NONE fails even with no statement for it (the allow-list names another function)',
      snapshot: inRegion((r) => r.set('lambda.functions', [urlFn('site', 'NONE')])),
      options: { allowedPublicFunctionUrls: ['other', arn('lambda', 'function:other')] },
      resources: [arn('lambda', 'function:site')],
      verify: (results) => {
        assert.match(messageOf(results, arn('lambda', 'function:site')), /has AuthType NONE/);
        assert.equal(remediationOf(check, results[0]).cli, 'aws lambda update-function-url-config --function-name site --auth-type AWS_IAM --region us-east-1');
      },
    },
    {
      name: 'Lambda: an allow-listed URL (by ARN) does not excuse a statement that grants more than the URL',
      snapshot: inRegion((r) =>
        r.set('lambda.functions', [
          urlFn('site', 'NONE', { policy: ok(policy(...urlPolicy('site').Statement, open('lambda:UpdateFunctionCode', { Sid: 'deploy' }))) }),
        ]),
      ),
      options: { allowedPublicFunctionUrls: [arn('lambda', 'function:site')] },
      resources: [arn('lambda', 'function:site')],
      verify: (results) => {
        const m = messageOf(results, arn('lambda', 'function:site'));
        assert.match(m, /statement #2 \(Sid "deploy"\) allows lambda:UpdateFunctionCode/);
        assert.doesNotMatch(m, /FunctionURL|AuthType NONE/);
      },
    },
    {
      name: 'SQS: {"AWS": ["*"]} may receive the messages; another queue is private',
      snapshot: inRegion((r) => r.set('sqs.queues', [queue('orders', policy({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'sqs:ReceiveMessage', Resource: QUEUE })), queue('jobs')])),
      resources: [QUEUE],
      verify: (results) => {
        assert.match(messageOf(results, QUEUE), /statement #0 allows sqs:ReceiveMessage to Principal\.AWS "\*"/);
        assert.equal(remediationOf(check, results.find((x) => x.status === 'fail')).cli, `aws sqs set-queue-attributes --queue-url https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/orders --attributes file://attributes.json --region us-east-1`);
      },
    },
    {
      name: 'SNS: anyone may publish and subscribe (a condition on a key that does not say who)',
      snapshot: inRegion((r) => r.set('sns.topics', [snsTopic(TOPIC, { policy: policy(open(['SNS:Publish', 'SNS:Subscribe'], { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })) })])),
      resources: [TOPIC],
      verify: (results) => assert.match(messageOf(results, TOPIC), /SNS topic events is open to everyone: statement #0 allows SNS:Publish, SNS:Subscribe to Principal "\*"/),
    },
    {
      name: 'Secrets Manager: Allow with NotPrincipal reads the secret',
      snapshot: inRegion((r) =>
        r.set('secretsManager.secrets', [secret('db', { resourcePolicy: ok(policy({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' })) })]),
      ),
      resources: [SECRET],
      verify: (results) => assert.match(messageOf(results, SECRET), /NotPrincipal/),
    },
    {
      name: 'KMS: a customer key anyone may decrypt with (kms:ViaService alone does not say who)',
      snapshot: inRegion((r) =>
        r.kmsKey('k-1').set('kms.keys.value.0.policy', policy(open('kms:Decrypt', { Condition: { StringEquals: { 'kms:ViaService': `s3.${R}.amazonaws.com` } } }))),
      ),
      resources: [KEY],
    },
    {
      name: 'ECR: anyone may pull (a wildcard organization id restricts nothing)',
      snapshot: inRegion((r) => r.set('ecr.repositories', [repository('app', policy(open(['ecr:BatchGetImage'], { Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } })))])),
      resources: [REPO],
    },
    {
      name: 'Backup: anyone may delete recovery points',
      snapshot: inRegion((r) => r.set('backup.vaults', [backupVault('main', { accessPolicy: ok(policy(open('backup:DeleteRecoveryPoint'))) })])),
      resources: [BACKUP],
    },
    {
      name: 'Glacier: anyone may start retrieval jobs (an IfExists condition lets callers without the key through)',
      snapshot: inRegion((r) => r.set('glacier.vaults', [glacierVault('archive', policy(open('glacier:InitiateJob', { Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })))])),
      resources: [GLACIER],
    },
    {
      name: 'CloudWatch Logs: an account-level resource policy lets anyone write log events',
      snapshot: inRegion((r) => r.set('cloudwatchLogs.resourcePolicies', [logsResourcePolicy('open-logs', policy(open(['logs:CreateLogStream', 'logs:PutLogEvents'])))])),
      resources: ['open-logs'],
    },
    {
      name: 'Lambda: a public policy fails even when the URL configuration could not be read',
      snapshot: inRegion((r) =>
        r.set('lambda.functions', [lambdaFunction('api', { policy: ok(policy(open('lambda:InvokeFunction'))), urlConfigs: failed(collectError('AccessDenied', 'lambda:ListFunctionUrlConfigs', R)) })]),
      ),
      resources: [FN],
      verify: (results) => assert.match(messageOf(results, FN), /the function URL configuration of Lambda function api could not be read: AccessDenied/),
    },
  ],
  error: [
    {
      name: 'Lambda: GetPolicy denied',
      snapshot: inRegion((r) => r.set('lambda.functions', [lambdaFunction('api', { policy: failed(collectError('AccessDenied', 'lambda:GetPolicy', R)) })])),
      code: 'AccessDenied',
      resources: [FN],
    },
    {
      name: 'Lambda: a private policy but the URL configuration could not be read',
      snapshot: inRegion((r) => r.set('lambda.functions', [lambdaFunction('api', { urlConfigs: failed(collectError('AccessDenied', 'lambda:ListFunctionUrlConfigs', R)) })])),
      code: 'AccessDenied',
      resources: [FN],
    },
    {
      name: 'SQS: GetQueueAttributes denied (the queue is named by the ARN its URL gives)',
      snapshot: inRegion((r) => r.set('sqs.queues', [queue('orders')]).fail('sqs.queues.value.0.attributes', 'AccessDenied', 'sqs:GetQueueAttributes')),
      code: 'AccessDenied',
      resources: [QUEUE],
    },
    {
      name: 'SNS: GetTopicAttributes denied',
      snapshot: inRegion((r) => r.set('sns.topics', [snsTopic(TOPIC)]).fail('sns.topics.value.0.attributes', 'AccessDenied', 'sns:GetTopicAttributes')),
      code: 'AccessDenied',
      resources: [TOPIC],
    },
    {
      name: 'Secrets Manager: a policy that does not parse is an error, never a pass',
      snapshot: inRegion((r) => r.set('secretsManager.secrets', [secret('db', { resourcePolicy: ok('{"Statement": [') })])),
      code: 'ParseError',
      resources: [SECRET],
      verify: (results) => assert.match(results[0]?.error?.message ?? '', /resource policy of secret db could not be parsed/),
    },
    {
      name: 'KMS: DescribeKey failed, so the key policy was not read',
      snapshot: inRegion((r) =>
        r.kmsKey('k-1').fail('kms.keys.value.0.metadata', 'AccessDenied', 'kms:DescribeKey').fail('kms.keys.value.0.policy', 'NotCollected', 'kms:GetKeyPolicy'),
      ),
      code: 'NotCollected',
      resources: [KEY],
    },
    {
      name: 'ECR: a statement with an unknown element (a typo that would drop a condition)',
      snapshot: inRegion((r) => r.set('ecr.repositories', [repository('app', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condtion: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] })])),
      code: 'ParseError',
      resources: [REPO],
      verify: (results) => assert.equal(results[0]?.error?.operation, 'ecr:GetRepositoryPolicy'),
    },
    {
      name: 'Backup: GetBackupVaultAccessPolicy denied',
      snapshot: inRegion((r) => r.set('backup.vaults', [backupVault('main', { accessPolicy: failed(collectError('AccessDenied', 'backup:GetBackupVaultAccessPolicy', R)) })])),
      code: 'AccessDenied',
      resources: [BACKUP],
    },
    {
      name: 'Glacier: GetVaultAccessPolicy denied',
      snapshot: inRegion((r) => r.set('glacier.vaults', [glacierVault('archive')]).fail('glacier.vaults.value.0.accessPolicy', 'AccessDenied', 'glacier:GetVaultAccessPolicy')),
      code: 'AccessDenied',
      resources: [GLACIER],
    },
    {
      name: 'CloudWatch Logs: a resource policy document that does not parse',
      snapshot: inRegion((r) => r.set('cloudwatchLogs.resourcePolicies', [logsResourcePolicy('broken', 'not json')])),
      code: 'ParseError',
      resources: ['broken'],
    },
    {
      name: 'a Region whose lists could not be read: one error per service, no verdict for it',
      snapshot: inRegion((r) =>
        r
          .fail('lambda.functions', 'AccessDenied', 'lambda:ListFunctions')
          .fail('sqs.queues', 'AccessDenied', 'sqs:ListQueues')
          .fail('sns.topics', 'AccessDenied', 'sns:ListTopics')
          .fail('secretsManager.secrets', 'AccessDenied', 'secretsmanager:ListSecrets')
          .fail('kms.keys', 'AccessDenied', 'kms:ListKeys')
          .fail('ecr.repositories', 'AccessDenied', 'ecr:DescribeRepositories')
          .fail('backup.vaults', 'AccessDenied', 'backup:ListBackupVaults')
          .fail('glacier.vaults', 'Unsupported', 'glacier:ListVaults')
          .fail('cloudwatchLogs.resourcePolicies', 'AccessDenied', 'logs:DescribeResourcePolicies'),
      ),
      resources: [R],
      verify: (results) => {
        assert.equal(results.filter((x) => x.status === 'error').length, 9);
        assert.deepEqual(results.filter((x) => x.status === 'error').map((x) => x.error?.operation).sort(), [
          'backup:ListBackupVaults', 'ecr:DescribeRepositories', 'glacier:ListVaults', 'kms:ListKeys', 'lambda:ListFunctions', 'logs:DescribeResourcePolicies', 'secretsmanager:ListSecrets', 'sns:ListTopics', 'sqs:ListQueues',
        ]);
        assert.ok(results.some((x) => x.message.includes('the Glacier vault list')));
      },
    },
    {
      name: 'one list unreadable, the others judged',
      snapshot: inRegion((r) => r.fail('glacier.vaults', 'AccessDenied', 'glacier:ListVaults').set('sqs.queues', [queue('orders')])),
      code: 'AccessDenied',
      resources: [R],
      verify: (results) => assert.equal(results.find((x) => x.resource.id === QUEUE)?.status, 'pass'),
    },
  ],
  notApplicable: [
    {
      name: 'a Region with none of these resources',
      snapshot: inRegion(() => undefined),
      resources: [R],
    },
  ],
});

describe('resource-policies-public options', () => {
  it('refuses an empty function name in the allow-list, accepts names and ARNs', () => {
    assert.deepEqual(check.optionProblems?.({ allowedPublicFunctionUrls: ['site', ' '] }), ['allowedPublicFunctionUrls holds an empty name: give function names or ARNs']);
    assert.deepEqual(check.optionProblems?.({ allowedPublicFunctionUrls: ['site', FN] }), []);
  });
});
