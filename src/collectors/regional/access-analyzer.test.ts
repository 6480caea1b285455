// Unit tests for the IAM Access Analyzer collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import { accessAnalyzerCollector } from './access-analyzer.ts';
import { assertSlice, awsError, htmlServerError, testContext } from './test-support.ts';

const aa = mockClient(AccessAnalyzerClient);
const at = new Date('2025-01-01T00:00:00Z');

describe('access analyzer collector', () => {
  beforeEach(() => aa.reset());
  afterEach(() => aa.reset());

  it('lists account and organization analyzers across pages, without a type filter', async () => {
    aa.on(ListAnalyzersCommand).resolves({
      analyzers: [{ arn: 'arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/acct', name: 'acct', type: 'ACCOUNT', status: 'ACTIVE', createdAt: at }],
      nextToken: 'p2',
    });
    aa.on(ListAnalyzersCommand, { nextToken: 'p2' }).resolves({
      analyzers: [{ arn: 'arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/org', name: 'org', type: 'ORGANIZATION', status: 'FAILED', createdAt: at }],
    });
    const out = assertSlice('accessAnalyzer', await accessAnalyzerCollector.collect(testContext()));
    assert.deepEqual(out, {
      analyzers: {
        ok: true,
        value: [
          { arn: 'arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/acct', name: 'acct', type: 'ACCOUNT', status: 'ACTIVE' },
          { arn: 'arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/org', name: 'org', type: 'ORGANIZATION', status: 'FAILED' },
        ],
      },
    });
    for (const call of aa.commandCalls(ListAnalyzersCommand)) assert.equal(call.args[0].input.type, undefined);
  });

  it('maps no analyzer to an empty list', async () => {
    aa.on(ListAnalyzersCommand).resolves({ analyzers: [] });
    assert.deepEqual(assertSlice('accessAnalyzer', await accessAnalyzerCollector.collect(testContext())), { analyzers: { ok: true, value: [] } });
  });

  it('records AccessDenied and Unsupported, never an empty list', async () => {
    aa.on(ListAnalyzersCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const denied = assertSlice('accessAnalyzer', await accessAnalyzerCollector.collect(testContext('us-west-2')));
    assert.ok(!denied.analyzers.ok);
    assert.deepEqual(
      { code: denied.analyzers.error.code, operation: denied.analyzers.error.operation, region: denied.analyzers.error.region },
      { code: 'AccessDenied', operation: 'access-analyzer:ListAnalyzers', region: 'us-west-2' },
    );
    aa.reset();
    aa.on(ListAnalyzersCommand).rejects(htmlServerError());
    const unsupported = assertSlice('accessAnalyzer', await accessAnalyzerCollector.collect(testContext()));
    assert.ok(!unsupported.analyzers.ok);
    assert.equal(unsupported.analyzers.error.code, 'Unsupported');
  });
});
