// Unit tests for the Secrets Manager collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetResourcePolicyCommand, GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { secretsManagerCollector } from './collector.ts';

const sm = mockClient(SecretsManagerClient);
const arn = (n: string) => `arn:aws:secretsmanager:eu-west-1:111111111111:secret:${n}-AbCdEf`;

describe('secrets manager collector', () => {
  beforeEach(() => sm.reset());
  afterEach(() => sm.reset());

  it('reads secret metadata across pages and each resource policy, never a secret value', async () => {
    sm.on(ListSecretsCommand).resolves({
      SecretList: [
        {
          Name: 'db/app',
          ARN: arn('db/app'),
          RotationEnabled: true,
          RotationRules: { AutomaticallyAfterDays: 30 },
          LastRotatedDate: new Date('2026-11-01T00:00:00Z'),
          LastChangedDate: new Date('2026-11-01T00:00:00Z'),
          CreatedDate: new Date('2025-01-01T00:00:00Z'),
          OwningService: 'rds',
        },
      ],
      NextToken: 't2',
    });
    sm.on(ListSecretsCommand, { NextToken: 't2' }).resolves({ SecretList: [{ Name: 'api-key', ARN: arn('api-key'), PrimaryRegion: 'us-east-1' }] });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] };
    sm.on(GetResourcePolicyCommand, { SecretId: arn('db/app') }).resolves({ ARN: arn('db/app'), Name: 'db/app', ResourcePolicy: JSON.stringify(policy) });
    sm.on(GetResourcePolicyCommand, { SecretId: arn('api-key') }).resolves({ ARN: arn('api-key'), Name: 'api-key' });

    const out = assertSlice('secretsManager', await secretsManagerCollector.collect(testContext()));
    assert.ok(out.secrets.ok);
    assert.deepEqual(out.secrets.value, [
      {
        name: 'db/app',
        arn: arn('db/app'),
        rotationEnabled: true,
        rotationAfterDays: 30,
        rotationSchedule: null,
        lastRotatedDate: '2026-11-01T00:00:00.000Z',
        lastChangedDate: '2026-11-01T00:00:00.000Z',
        createdDate: '2025-01-01T00:00:00.000Z',
        owningService: 'rds',
        primaryRegion: null,
        resourcePolicy: { ok: true, value: policy },
      },
      {
        name: 'api-key',
        arn: arn('api-key'),
        rotationEnabled: false,
        rotationAfterDays: null,
        rotationSchedule: null,
        lastRotatedDate: null,
        lastChangedDate: null,
        createdDate: null,
        owningService: null,
        primaryRegion: 'us-east-1',
        resourcePolicy: { ok: true, value: null },
      },
    ]);
    assert.equal(sm.commandCalls(GetSecretValueCommand).length, 0);
    assert.equal(sm.commandCalls(ListSecretsCommand).length, 2);
  });

  it('records a denied resource policy on its secret and a denied list on the Region', async () => {
    sm.on(ListSecretsCommand).resolves({ SecretList: [{ Name: 'a', ARN: arn('a') }] });
    sm.on(GetResourcePolicyCommand).rejects(awsError('AccessDeniedException', 'no', 400));
    const out = assertSlice('secretsManager', await secretsManagerCollector.collect(testContext()));
    assert.ok(out.secrets.ok && !out.secrets.value[0]!.resourcePolicy.ok);
    assert.equal(out.secrets.value[0]!.resourcePolicy.error.operation, 'secretsmanager:GetResourcePolicy');

    sm.on(ListSecretsCommand).rejects(awsError('AccessDeniedException', 'no', 400));
    const denied = assertSlice('secretsManager', await secretsManagerCollector.collect(testContext()));
    assert.ok(!denied.secrets.ok);
    assert.deepEqual([denied.secrets.error.code, denied.secrets.error.operation], ['AccessDenied', 'secretsmanager:ListSecrets']);
  });
});
