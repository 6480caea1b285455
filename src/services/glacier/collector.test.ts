// Unit tests for the Glacier collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetVaultAccessPolicyCommand, GlacierClient, ListVaultsCommand } from '@aws-sdk/client-glacier';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { glacierCollector } from './collector.ts';

const glacier = mockClient(GlacierClient);
const varn = (n: string) => `arn:aws:glacier:eu-west-1:111111111111:vaults/${n}`;
const vault = (n: string) => ({ VaultName: n, VaultARN: varn(n) });

describe('glacier collector', () => {
  beforeEach(() => glacier.reset());
  afterEach(() => glacier.reset());

  it('lists vaults across pages; no policy is a null value, a denied one an error, an unreadable one the raw text', async () => {
    glacier.on(ListVaultsCommand).resolves({ VaultList: [vault('a')], Marker: varn('a') });
    glacier.on(ListVaultsCommand, { marker: varn('a') }).resolves({ VaultList: [vault('b'), vault('c'), vault('d')] });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'glacier:InitiateJob', Resource: varn('a') }] };
    glacier.on(GetVaultAccessPolicyCommand, { vaultName: 'a' }).resolves({ policy: { Policy: JSON.stringify(policy) } });
    glacier.on(GetVaultAccessPolicyCommand, { vaultName: 'b' }).rejects(awsError('ResourceNotFoundException', 'no policy', 404));
    glacier.on(GetVaultAccessPolicyCommand, { vaultName: 'c' }).rejects(awsError('AccessDeniedException', 'no', 403));
    glacier.on(GetVaultAccessPolicyCommand, { vaultName: 'd' }).resolves({ policy: { Policy: '{"Statement": [' } });
    const out = assertSlice('glacier', await glacierCollector.collect(testContext()));
    assert.ok(out.vaults.ok);
    const [a, b, c, d] = out.vaults.value;
    assert.deepEqual(a, { vaultName: 'a', vaultArn: varn('a'), accessPolicy: { ok: true, value: policy } });
    assert.deepEqual(b, { vaultName: 'b', vaultArn: varn('b'), accessPolicy: { ok: true, value: null } });
    assert.ok(c && !c.accessPolicy.ok);
    assert.deepEqual([c.accessPolicy.error.code, c.accessPolicy.error.operation], ['AccessDenied', 'glacier:GetVaultAccessPolicy']);
    assert.deepEqual(d?.accessPolicy, { ok: true, value: '{"Statement": [' });
    // the account of the signing credentials ("-"), on every call
    for (const call of [...glacier.commandCalls(ListVaultsCommand), ...glacier.commandCalls(GetVaultAccessPolicyCommand)]) assert.equal(call.args[0].input.accountId, '-');
    assert.equal(glacier.commandCalls(ListVaultsCommand).length, 2);
  });

  it('records a denied ListVaults, and asks for no policy then', async () => {
    glacier.on(ListVaultsCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const out = assertSlice('glacier', await glacierCollector.collect(testContext()));
    assert.ok(!out.vaults.ok);
    assert.deepEqual([out.vaults.error.code, out.vaults.error.operation, out.vaults.error.region], ['AccessDenied', 'glacier:ListVaults', 'eu-west-1']);
    assert.equal(glacier.commandCalls(GetVaultAccessPolicyCommand).length, 0);
  });

  it('a vault without a name is a ParseError, not a guessed vault', async () => {
    glacier.on(ListVaultsCommand).resolves({ VaultList: [{ VaultARN: varn('x') }] });
    const out = assertSlice('glacier', await glacierCollector.collect(testContext()));
    assert.ok(!out.vaults.ok);
    assert.equal(out.vaults.error.code, 'ParseError');
  });

  it('declares only read-only operations', () => {
    assert.deepEqual([...glacierCollector.operations].sort(), ['glacier:GetVaultAccessPolicy', 'glacier:ListVaults']);
  });
});
