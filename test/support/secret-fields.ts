// Where a secret can sit in what Rampart collects, and how to plant a canary there — in a fixture snapshot (the
// builders) and, where it is cheap, in the emulator. The secret-canary tests plant every entry and check that no
// report format and no log carries any of them. A collector that reads a new field that can hold a secret adds one
// entry here; a new report format adds one line to `reportFormats`.
import { CreatePolicyCommand, CreateRoleCommand, GetRoleCommand, IAMClient, PutUserPolicyCommand, TagUserCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketPolicyCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateStackCommand, CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { AccountBuilder } from '../../src/inventory/fixtures.ts';
import { repository } from '../../src/services/ecr/fixtures.ts';
import { publicDomain } from '../../src/services/opensearch/fixtures.ts';
import { secret as smSecret } from '../../src/services/secrets-manager/fixtures.ts';
import { queue } from '../../src/services/sqs/fixtures.ts';
import type { ScanReport } from '../../src/report/json.ts';
import { renderJson } from '../../src/report/json.ts';
import { renderStats, renderTerminal } from '../../src/report/terminal.ts';
import { formatIds, renderReport } from '../../src/report/formats.ts';

/** Every report format the CLI writes, rendered in its most talkative mode. Checked against `--format`'s list. */
export const reportFormats: Record<string, (report: ScanReport) => string> = {
  // every format of the registry, so a new format is covered the day it is registered
  ...Object.fromEntries(formatIds.map((id) => [id, (r: ScanReport) => renderReport(id, r, { color: true, showPassed: true, asffRegion: 'us-east-1' })])),
  terminal: (r) => renderTerminal(r, { color: true, showPassed: true, maxResourcesPerCheck: 1000 }) + renderStats(r),
  json: (r) => renderJson(r),
};

/** A statement that grants a lot (so the checks look at it closely), restricted by a condition holding the secret. */
const withSecretCondition = (secret: string, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Canary', Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/token': secret } }, ...extra }],
});
const publicRead = (bucket: string, secret: string) => ({
  Version: '2012-10-17',
  // the CloudFront "secret Referer" pattern: a real bucket policy that carries a shared secret
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*`, Condition: { StringLike: { 'aws:Referer': secret } } }],
});
const openTrust = (secret: string) => ({
  Version: '2012-10-17',
  // sts:ExternalId is a shared secret between the account and a third party
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': secret } } }],
});

export interface SecretField {
  /** Where the secret sits; also the seed of its canary value, so a leak names the field. */
  field: string;
  plant: (a: AccountBuilder, secret: string) => void;
}

/** Planted with the fixture builders (every collected field that can carry a secret). */
export const fixtureSecretFields: SecretField[] = [
  { field: 'user inline policy condition', plant: (a, s) => a.iamUser('canary-user', { console: true, inlinePolicies: { canary: withSecretCondition(s) } }) },
  { field: 'user inline policy that does not parse', plant: (a, s) => a.iamUser('canary-user-raw', { inlinePolicies: { raw: `{"Statement": ${s}` } }) },
  { field: 'role trust policy sts:ExternalId', plant: (a, s) => a.role('canary-role', openTrust(s)) },
  { field: 'role trust policy that does not parse', plant: (a, s) => a.role('canary-role-raw', `${s} is not a policy`) },
  { field: 'role inline policy', plant: (a, s) => a.role('canary-role-inline', openTrust('x'), { inlinePolicies: [{ policyName: 'p', document: withSecretCondition(s) }] }) },
  { field: 'customer managed policy document', plant: (a, s) => a.managedPolicy('canary-admin', withSecretCondition(s)) },
  { field: 'customer managed policy that does not parse', plant: (a, s) => a.managedPolicy('canary-admin-raw', `%7B${s}`) },
  { field: 'bucket policy aws:Referer', plant: (a, s) => a.bucket('canary-bucket', { policy: publicRead('canary-bucket', s), publicAccessBlock: null }) },
  { field: 'bucket policy that does not parse', plant: (a, s) => a.bucket('canary-bucket-raw', { policy: `{${s}`, publicAccessBlock: null }) },
  { field: 'access point policy', plant: (a, s) => a.accessPoint('canary-ap', 'canary-bucket', { policy: publicRead('canary-bucket', s), publicAccessBlock: null }) },
  {
    field: 'bucket tag value',
    plant: (a, s) => {
      a.bucket('canary-bucket-tagged');
      const buckets = a.data.s3.buckets;
      if (buckets.ok) buckets.value.at(-1)!.tags = { ok: true, value: { 'data-classification': 'internal', token: s } };
    },
  },
  {
    field: 'KMS key tag and key policy condition',
    plant: (a, s) =>
      a.inRegion(a.regionNames()[0] ?? 'us-east-1', (r) =>
        r
          .kmsKey('canary-key')
          .set('kms.keys.value.0.tags', { 'data-classification': 'sensitive', token: s })
          .set('kms.keys.value.0.policy', {
            Version: '2012-10-17',
            Statement: [{ Sid: 'App', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${a.accountId}:role/app` }, Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:token': s } } }],
          }),
      ),
  },
  { field: 'service control policy', plant: (a, s) => a.org((o) => o.scp('p-canary', 'canary-scp', withSecretCondition(s, { Effect: 'Deny' }), [o.rootId])) },
  {
    // judged by opensearch-public: a public domain whose policy is open but for a shared secret, and one that does not parse
    field: 'OpenSearch access policy',
    plant: (a, s) =>
      a.everyRegion((r) =>
        r.set('opensearch.domains', [
          publicDomain('canary-search', { accessPolicies: { ...withSecretCondition(s, { Principal: '*', Action: 'es:ESHttpGet', Condition: { StringLike: { 'aws:Referer': s } } }) } }),
          publicDomain('canary-search-raw', { accessPolicies: `{${s}` }),
        ]),
      ),
  },
  { field: 'Secrets Manager resource policy', plant: (a, s) => a.everyRegion((r) => r.set('secretsManager.secrets', [{ ...smSecret('canary-secret'), resourcePolicy: { ok: true, value: withSecretCondition(s) } }])) },
  { field: 'SQS queue policy', plant: (a, s) => a.everyRegion((r) => r.set('sqs.queues', [queue('canary-queue', withSecretCondition(s))])) },
  { field: 'ECR repository policy', plant: (a, s) => a.everyRegion((r) => r.set('ecr.repositories', [repository('canary-repo', withSecretCondition(s))])) },
];

export interface EmulatorSecretField {
  field: string;
  plant: (endpoint: string, secret: string) => Promise<void>;
  /**
   * A value the collectors read but only hand to the secret detector (src/secrets): it must not be in the saved
   * snapshot either, not only in reports and logs (policy documents, by contrast, are kept in the snapshot).
   */
  notInSnapshot?: true;
}

/** The smallest valid zip (an empty archive): the emulator stores function code without running it. */
export const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

/** A role the emulator accepts for Lambda functions: the trust-policy canary's role, so no extra role is seeded. */
export async function canaryRoleArn(endpoint: string): Promise<string> {
  const role = await new IAMClient(cfg(endpoint)).send(new GetRoleCommand({ RoleName: 'canary-role' }));
  if (!role.Role?.Arn) throw new Error('the canary-role is planted before the Lambda canary');
  return role.Role.Arn;
}

const cfg = (endpoint: string) => ({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });

/** Planted in the emulator as they arrive from AWS (including fields Rampart does not collect today: tags, user data). */
export const emulatorSecretFields: EmulatorSecretField[] = [
  {
    field: 'emulator: user inline policy and user tags',
    plant: async (e, s) => {
      const iam = new IAMClient(cfg(e));
      await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'canary', PolicyDocument: JSON.stringify(withSecretCondition(s)) }));
      await iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'token', Value: s }] }));
    },
  },
  { field: 'emulator: role trust sts:ExternalId', plant: (e, s) => new IAMClient(cfg(e)).send(new CreateRoleCommand({ RoleName: 'canary-role', AssumeRolePolicyDocument: JSON.stringify(openTrust(s)) })).then(() => {}) },
  { field: 'emulator: customer managed policy', plant: (e, s) => new IAMClient(cfg(e)).send(new CreatePolicyCommand({ PolicyName: 'canary-admin', PolicyDocument: JSON.stringify(withSecretCondition(s)) })).then(() => {}) },
  {
    field: 'emulator: bucket policy aws:Referer and bucket tags',
    plant: async (e, s) => {
      const s3 = new S3Client({ ...cfg(e), forcePathStyle: true });
      await s3.send(new CreateBucketCommand({ Bucket: 'canary-bucket' }));
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'canary-bucket', Policy: JSON.stringify(publicRead('canary-bucket', s)) }));
      await s3.send(new PutBucketTaggingCommand({ Bucket: 'canary-bucket', Tagging: { TagSet: [{ Key: 'token', Value: s }] } }));
    },
  },
  {
    field: 'emulator: instance user data',
    notInSnapshot: true,
    plant: (e, s) =>
      new EC2Client(cfg(e))
        .send(
          new RunInstancesCommand({
            ImageId: 'ami-12c6146b',
            MinCount: 1,
            MaxCount: 1,
            InstanceType: 't3.micro',
            MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
            UserData: Buffer.from(`#!/bin/sh\nexport DB_PASSWORD=${s}\n`).toString('base64'),
            TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'token', Value: s }] }],
          }),
        )
        .then(() => {}),
  },
  {
    field: 'emulator: Lambda environment variable',
    notInSnapshot: true,
    plant: async (e, s) => {
      const Role = await canaryRoleArn(e);
      await new LambdaClient(cfg(e)).send(
        new CreateFunctionCommand({ FunctionName: 'canary-fn', Runtime: 'python3.12', Role, Handler: 'index.handler', Code: { ZipFile: EMPTY_ZIP }, Environment: { Variables: { DB_PASSWORD: s } } }),
      );
    },
  },
  {
    field: 'emulator: CloudFormation parameter and output',
    notInSnapshot: true,
    plant: (e, s) =>
      new CloudFormationClient(cfg(e))
        .send(
          new CreateStackCommand({
            StackName: 'canary-stack',
            TemplateBody: JSON.stringify({
              Parameters: { DbPassword: { Type: 'String' } },
              Resources: { Queue: { Type: 'AWS::SQS::Queue' } },
              Outputs: { ApiToken: { Value: { Ref: 'DbPassword' } } },
            }),
            Parameters: [{ ParameterKey: 'DbPassword', ParameterValue: s }],
          }),
        )
        .then(() => {}),
  },
  {
    field: 'emulator: ECS task definition environment',
    notInSnapshot: true,
    plant: (e, s) =>
      new ECSClient(cfg(e))
        .send(new RegisterTaskDefinitionCommand({ family: 'canary-task', containerDefinitions: [{ name: 'app', image: 'app:1', memory: 128, environment: [{ name: 'API_TOKEN', value: s }] }] }))
        .then(() => {}),
  },
];
