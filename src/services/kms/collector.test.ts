// Unit tests for the KMS collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListGrantsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { createLimiter } from '../../aws/limiter.ts';
import { kmsCollector } from './collector.ts';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';

const kms = mockClient(KMSClient);
const KEY_POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' }] };
const arn = (id: string) => `arn:aws:kms:eu-west-1:111111111111:key/${id}`;

function meta(id: string, over: Partial<KeyMetadata> = {}): KeyMetadata {
  return { KeyId: id, Arn: arn(id), KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', KeyState: 'Enabled', Origin: 'AWS_KMS', ...over };
}

const keys: Record<string, KeyMetadata> = {
  eligible: meta('eligible'),
  awsManaged: meta('awsManaged', { KeyManager: 'AWS' }),
  asymmetric: meta('asymmetric', { KeySpec: 'RSA_2048' }),
  disabled: meta('disabled', { KeyState: 'Disabled' }),
  pendingDeletion: meta('pendingDeletion', { KeyState: 'PendingDeletion' }),
  external: meta('external', { Origin: 'EXTERNAL' }),
};

describe('kms collector', () => {
  beforeEach(() => kms.reset());
  afterEach(() => kms.reset());

  it('reads every key across pages and asks for rotation only where the customer controls it', async () => {
    const ids = Object.keys(keys);
    kms.on(ListKeysCommand).resolves({ Keys: ids.slice(0, 3).map((id) => ({ KeyId: id, KeyArn: arn(id) })), NextMarker: 'm2', Truncated: true });
    kms.on(ListKeysCommand, { Marker: 'm2' }).resolves({ Keys: ids.slice(3).map((id) => ({ KeyId: id, KeyArn: arn(id) })), Truncated: false });
    kms.on(DescribeKeyCommand).callsFake((input: { KeyId: string }) => ({ KeyMetadata: keys[input.KeyId] }));
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: false });
    kms.on(ListResourceTagsCommand).resolves({ Tags: [] });
    kms.on(ListResourceTagsCommand, { KeyId: 'eligible' }).resolves({ Tags: [{ TagKey: 'data-classification', TagValue: 'sensitive' }], NextMarker: 't2', Truncated: true });
    kms.on(ListResourceTagsCommand, { KeyId: 'eligible', Marker: 't2' }).resolves({ Tags: [{ TagKey: 'team', TagValue: 'payments' }], Truncated: false });
    kms.on(GetKeyPolicyCommand).resolves({ Policy: JSON.stringify(KEY_POLICY) });
    kms.on(ListGrantsCommand).resolves({ Grants: [] });
    kms.on(ListGrantsCommand, { KeyId: 'eligible' }).resolves({
      Grants: [{ GrantId: 'g1', GranteePrincipal: 'arn:aws:iam::111111111111:role/app', Operations: ['Encrypt', 'Decrypt'] }],
      NextMarker: 'g2',
      Truncated: true,
    });
    kms.on(ListGrantsCommand, { KeyId: 'eligible', Marker: 'g2' }).resolves({
      Grants: [{ GrantId: 'g2', GranteePrincipal: 'ebs.amazonaws.com', Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { app: 'x' } } }],
      Truncated: false,
    });

    const out = assertSlice('kms', await kmsCollector.collect(testContext()));
    assert.ok(out.keys.ok);
    assert.deepEqual(
      out.keys.value.map((k) => k.keyId),
      ids,
    );
    const byId = new Map(out.keys.value.map((k) => [k.keyId, k]));
    assert.deepEqual(byId.get('eligible'), {
      keyId: 'eligible',
      arn: arn('eligible'),
      metadata: { ok: true, value: { keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', keyState: 'Enabled', origin: 'AWS_KMS' } },
      rotationEnabled: { ok: true, value: false },
      tags: { ok: true, value: { 'data-classification': 'sensitive', team: 'payments' } },
      policy: { ok: true, value: KEY_POLICY },
      grants: {
        ok: true,
        value: [
          { grantId: 'g1', granteePrincipal: 'arn:aws:iam::111111111111:role/app', operations: ['Encrypt', 'Decrypt'], constrained: false },
          { grantId: 'g2', granteePrincipal: 'ebs.amazonaws.com', operations: ['Decrypt'], constrained: true },
        ],
      },
    });
    for (const id of ['awsManaged', 'asymmetric', 'disabled', 'pendingDeletion', 'external']) {
      assert.deepEqual(byId.get(id)?.rotationEnabled, { ok: true, value: null }, id);
    }
    // tags, key policy and grants are read for customer-managed keys only, the policy by its one name
    const awsManaged = byId.get('awsManaged');
    assert.deepEqual([awsManaged?.tags, awsManaged?.policy, awsManaged?.grants], [{ ok: true, value: null }, { ok: true, value: null }, { ok: true, value: null }]);
    assert.equal(kms.commandCalls(GetKeyPolicyCommand).length, ids.length - 1);
    assert.ok(kms.commandCalls(GetKeyPolicyCommand).every((c) => c.args[0].input.PolicyName === 'default' && c.args[0].input.KeyId !== 'awsManaged'));
    const rotationCalls = kms.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input.KeyId);
    assert.deepEqual(rotationCalls, ['eligible']);
    assert.equal(kms.commandCalls(DescribeKeyCommand).length, ids.length);
  });

  it('maps a Region without keys to an empty list with one call', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [], Truncated: false });
    assert.deepEqual(assertSlice('kms', await kmsCollector.collect(testContext())), { keys: { ok: true, value: [] } });
    assert.equal(kms.calls().length, 1);
  });

  it('records a denied DescribeKey on its key, and leaves rotation not collected rather than null', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: 'k1', KeyArn: arn('k1') }, { KeyId: 'k2', KeyArn: arn('k2') }] });
    kms.on(DescribeKeyCommand, { KeyId: 'k1' }).rejects(awsError('AccessDeniedException', 'not authorized by the key policy', 400));
    kms.on(DescribeKeyCommand, { KeyId: 'k2' }).resolves({ KeyMetadata: meta('k2') });
    kms.on(GetKeyRotationStatusCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    kms.on(ListResourceTagsCommand).resolves({ Tags: [] });
    kms.on(GetKeyPolicyCommand).rejects(awsError('AccessDeniedException', 'not authorized by the key policy', 400));
    kms.on(ListGrantsCommand).resolves({ Grants: [] });
    const out = assertSlice('kms', await kmsCollector.collect(testContext('eu-north-1')));
    assert.ok(out.keys.ok);
    const [k1, k2] = out.keys.value;
    assert.ok(k1 && !k1.metadata.ok && !k1.rotationEnabled.ok);
    assert.deepEqual(
      { code: k1.metadata.error.code, operation: k1.metadata.error.operation, region: k1.metadata.error.region },
      { code: 'AccessDenied', operation: 'kms:DescribeKey', region: 'eu-north-1' },
    );
    assert.equal(k1.rotationEnabled.error.code, 'NotCollected');
    assert.ok(k2 && k2.metadata.ok && !k2.rotationEnabled.ok);
    assert.equal(k2.rotationEnabled.error.code, 'AccessDenied');
    assert.equal(k2.rotationEnabled.error.operation, 'kms:GetKeyRotationStatus');
    // the key policy refused is an error on that key; without DescribeKey, nothing else was asked
    assert.ok(!k2.policy.ok);
    assert.equal(k2.policy.error.code, 'AccessDenied');
    assert.equal(k2.policy.error.operation, 'kms:GetKeyPolicy');
    assert.deepEqual(k2.grants, { ok: true, value: [] });
    assert.ok(!k1.policy.ok && !k1.tags.ok && !k1.grants.ok);
    assert.equal(k1.policy.error.code, 'NotCollected');
    assert.equal(kms.commandCalls(GetKeyPolicyCommand).length, 1);
  });

  it('records a denied ListKeys', async () => {
    kms.on(ListKeysCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    const out = assertSlice('kms', await kmsCollector.collect(testContext()));
    assert.ok(!out.keys.ok);
    assert.equal(out.keys.error.operation, 'kms:ListKeys');
  });

  it('keeps per-key calls within the limiter', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `k${i}`);
    kms.on(ListKeysCommand).resolves({ Keys: ids.map((id) => ({ KeyId: id, KeyArn: arn(id) })) });
    let inFlight = 0;
    let peak = 0;
    const slow = async <T>(value: T): Promise<T> => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      return value;
    };
    kms.on(DescribeKeyCommand).callsFake((input: { KeyId: string }) => slow({ KeyMetadata: meta(input.KeyId) }));
    kms.on(GetKeyRotationStatusCommand).callsFake(() => slow({ KeyRotationEnabled: true }));
    const out = await kmsCollector.collect(testContext('eu-west-1', createLimiter(3)));
    assert.ok(out.keys.ok && out.keys.value.every((k) => k.rotationEnabled.ok && k.rotationEnabled.value === true));
    assert.ok(peak <= 3, `peak concurrency ${peak}`);
    assert.ok(peak > 1, 'calls do run concurrently');
  });
});
