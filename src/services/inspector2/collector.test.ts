// Unit tests for the Inspector collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { BatchGetAccountStatusCommand, Inspector2Client } from '@aws-sdk/client-inspector2';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT, assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { inspector2Collector } from './collector.ts';

const insp = mockClient(Inspector2Client);

describe('inspector2 collector', () => {
  beforeEach(() => insp.reset());
  afterEach(() => insp.reset());

  it("reads the scanned account's status per resource type, asking for that account only", async () => {
    insp.on(BatchGetAccountStatusCommand).resolves({
      accounts: [
        {
          accountId: ACCOUNT,
          state: { status: 'ENABLED', errorCode: undefined, errorMessage: undefined } as never,
          resourceState: { ec2: { status: 'ENABLED' }, ecr: { status: 'DISABLED' }, lambda: { status: 'ENABLED' } } as never,
        },
      ],
      failedAccounts: [],
    });
    const out = assertSlice('inspector2', await inspector2Collector.collect(testContext()));
    assert.deepEqual(out, { accountStatus: { ok: true, value: { state: 'ENABLED', ec2: 'ENABLED', ecr: 'DISABLED', lambda: 'ENABLED', lambdaCode: null } } });
    assert.deepEqual(insp.commandCalls(BatchGetAccountStatusCommand)[0]?.args[0].input, { accountIds: [ACCOUNT] });
    assert.equal(insp.calls().length, 1);
  });

  it('records an account listed under failedAccounts with its code, and a missing account as ParseError', async () => {
    insp.on(BatchGetAccountStatusCommand).resolves({
      accounts: [],
      failedAccounts: [{ accountId: ACCOUNT, errorCode: 'ACCESS_DENIED', errorMessage: 'not allowed' }],
    });
    const denied = assertSlice('inspector2', await inspector2Collector.collect(testContext('eu-north-1')));
    assert.ok(!denied.accountStatus.ok);
    assert.deepEqual([denied.accountStatus.error.code, denied.accountStatus.error.region], ['AccessDenied', 'eu-north-1']);
    assert.match(denied.accountStatus.error.message, /not allowed/);

    insp.reset();
    insp.on(BatchGetAccountStatusCommand).resolves({ accounts: [], failedAccounts: [] });
    const missing = assertSlice('inspector2', await inspector2Collector.collect(testContext()));
    assert.ok(!missing.accountStatus.ok);
    assert.equal(missing.accountStatus.error.code, 'ParseError');
  });

  it('records a refused call and an endpoint without Inspector as errors, never as "disabled"', async () => {
    insp.on(BatchGetAccountStatusCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const refused = assertSlice('inspector2', await inspector2Collector.collect(testContext()));
    assert.ok(!refused.accountStatus.ok);
    assert.equal(refused.accountStatus.error.code, 'AccessDenied');
    assert.equal(refused.accountStatus.error.operation, 'inspector2:BatchGetAccountStatus');
    insp.reset();
    insp.on(BatchGetAccountStatusCommand).rejects(htmlServerError());
    const unsupported = assertSlice('inspector2', await inspector2Collector.collect(testContext()));
    assert.ok(!unsupported.accountStatus.ok);
    assert.equal(unsupported.accountStatus.error.code, 'Unsupported');
  });
});
