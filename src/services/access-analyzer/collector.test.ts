// Unit tests for the IAM Access Analyzer collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AccessAnalyzerClient, GetFindingV2Command, ListAnalyzersCommand, ListFindingsV2Command, type FindingSummaryV2 } from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import { accessAnalyzerCollector } from './collector.ts';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';

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
    aa.on(ListFindingsV2Command).resolves({ findings: [] });
    const out = assertSlice('accessAnalyzer', await accessAnalyzerCollector.collect(testContext()));
    assert.deepEqual(out, {
      analyzers: {
        ok: true,
        value: [
          { arn: 'arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/acct', name: 'acct', type: 'ACCOUNT', status: 'ACTIVE' },
          { arn: 'arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/org', name: 'org', type: 'ORGANIZATION', status: 'FAILED' },
        ],
      },
      // findings only of the active analyzer
      findings: { ok: true, value: [{ analyzerArn: 'arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/acct', findings: { ok: true, value: [] } }] },
    });
    for (const call of aa.commandCalls(ListAnalyzersCommand)) assert.equal(call.args[0].input.type, undefined);
  });

  it('maps no analyzer to an empty list', async () => {
    aa.on(ListAnalyzersCommand).resolves({ analyzers: [] });
    assert.deepEqual(assertSlice('accessAnalyzer', await accessAnalyzerCollector.collect(testContext())), { analyzers: { ok: true, value: [] }, findings: { ok: true, value: [] } });
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

  // --- cat-iam: findings ---
  const ACCT = 'arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/acct';
  const UNUSED = 'arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/unused';
  const summary = (id: string, findingType: string, resource: string, resourceType = 'AWS::S3::Bucket'): FindingSummaryV2 => ({
    id,
    findingType: findingType as FindingSummaryV2['findingType'],
    resource,
    resourceType: resourceType as FindingSummaryV2['resourceType'],
    resourceOwnerAccount: '111111111111',
    status: 'ACTIVE',
    createdAt: at,
    updatedAt: at,
    analyzedAt: at,
  });

  it('lists ACTIVE findings per active analyzer across pages, asking GetFindingV2 only for ExternalAccess (also paged)', async () => {
    aa.on(ListAnalyzersCommand).resolves({
      analyzers: [
        { arn: ACCT, name: 'acct', type: 'ACCOUNT', status: 'ACTIVE', createdAt: at },
        { arn: UNUSED, name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdAt: at },
        { arn: 'arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/internal', name: 'internal', type: 'ACCOUNT_INTERNAL_ACCESS', status: 'ACTIVE', createdAt: at },
      ],
    });
    aa.on(ListFindingsV2Command, { analyzerArn: ACCT }).resolves({ findings: [summary('f1', 'ExternalAccess', 'arn:aws:s3:::shared')], nextToken: 'n2' });
    aa.on(ListFindingsV2Command, { analyzerArn: ACCT, nextToken: 'n2' }).resolves({ findings: [summary('f2', 'ExternalAccess', 'arn:aws:s3:::open')] });
    aa.on(ListFindingsV2Command, { analyzerArn: UNUSED }).resolves({ findings: [summary('u1', 'UnusedIAMRole', 'arn:aws:iam::111111111111:role/old', 'AWS::IAM::Role')] });
    aa.on(GetFindingV2Command, { id: 'f1' }).resolves({ findingDetails: [{ externalAccessDetails: { condition: {}, isPublic: false } }] } as never);
    aa.on(GetFindingV2Command, { id: 'f2' }).resolves({ findingDetails: [{ externalAccessDetails: { condition: {}, isPublic: false } }], nextToken: 'd2' } as never);
    aa.on(GetFindingV2Command, { id: 'f2', nextToken: 'd2' }).resolves({ findingDetails: [{ externalAccessDetails: { condition: {}, isPublic: true } }] } as never);
    const out = assertSlice('accessAnalyzer', await accessAnalyzerCollector.collect(testContext()));
    assert.ok(out.findings.ok);
    assert.deepEqual(out.findings.value.map((f) => f.analyzerArn), [ACCT, UNUSED]);
    const [ext, unused] = out.findings.value;
    assert.ok(ext?.findings.ok && unused?.findings.ok);
    assert.deepEqual(ext.findings.value.map((f) => [f.id, f.isPublic]), [['f1', { ok: true, value: false }], ['f2', { ok: true, value: true }]]);
    assert.deepEqual(unused.findings.value.map((f) => [f.id, f.findingType, f.isPublic, f.createdAt]), [['u1', 'UnusedIAMRole', null, at.toISOString()]]);
    for (const call of aa.commandCalls(ListFindingsV2Command)) assert.deepEqual(call.args[0].input.filter, { status: { eq: ['ACTIVE'] } });
    assert.equal(aa.commandCalls(GetFindingV2Command).length, 3);
  });

  it('records a refused findings list per analyzer and a refused detail per finding, as data', async () => {
    aa.on(ListAnalyzersCommand).resolves({
      analyzers: [
        { arn: ACCT, name: 'acct', type: 'ACCOUNT', status: 'ACTIVE', createdAt: at },
        { arn: UNUSED, name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdAt: at },
      ],
    });
    aa.on(ListFindingsV2Command, { analyzerArn: ACCT }).resolves({ findings: [summary('f1', 'ExternalAccess', 'arn:aws:s3:::shared')] });
    aa.on(GetFindingV2Command).rejects(awsError('AccessDeniedException', 'no', 403));
    aa.on(ListFindingsV2Command, { analyzerArn: UNUSED }).rejects(awsError('AccessDeniedException', 'no', 403));
    const out = assertSlice('accessAnalyzer', await accessAnalyzerCollector.collect(testContext()));
    assert.ok(out.findings.ok);
    const [ext, unused] = out.findings.value;
    assert.ok(ext?.findings.ok);
    const detail = ext.findings.value[0]?.isPublic;
    assert.ok(detail && !detail.ok);
    assert.deepEqual([detail.error.code, detail.error.operation], ['AccessDenied', 'access-analyzer:GetFinding']);
    assert.ok(unused && !unused.findings.ok);
    assert.deepEqual([unused.findings.error.code, unused.findings.error.operation], ['AccessDenied', 'access-analyzer:ListFindings']);
  });

  it('marks findings NotCollected when the analyzers could not be listed', async () => {
    aa.on(ListAnalyzersCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const out = assertSlice('accessAnalyzer', await accessAnalyzerCollector.collect(testContext()));
    assert.ok(!out.findings.ok);
    assert.equal(out.findings.error.code, 'NotCollected');
    assert.equal(aa.commandCalls(ListFindingsV2Command).length, 0);
  });
});
