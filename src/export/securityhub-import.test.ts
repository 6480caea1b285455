import assert from 'node:assert/strict';
import { describe, it, afterEach } from 'node:test';
import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsContext } from '../aws/clients.ts';
import { awsError } from '../collectors/regional/test-support.ts';
import { batches, importToSecurityHub } from './securityhub-import.ts';

const hub = mockClient(SecurityHubClient);
afterEach(() => hub.reset());

const aws = () => createAwsContext({ credentials: async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }), env: { AWS_EC2_METADATA_DISABLED: 'true' } });
const docs = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `f-${i}` }) as AwsSecurityFinding);

describe('Security Hub import', () => {
  it('splits into batches of at most 100, in order', () => {
    assert.deepEqual(batches(docs(250)).map((b) => b.length), [100, 100, 50]);
    assert.deepEqual(batches(docs(0)), []);
    assert.equal(batches(docs(200))[1]![0]!.Id, 'f-100');
  });

  it('imports every finding with one BatchImportFindings call per batch and counts what Security Hub accepted', async () => {
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: AwsSecurityFinding[] }) => ({ SuccessCount: input.Findings.length, FailedCount: 0, FailedFindings: [] }));
    const outcome = await importToSecurityHub(aws(), 'eu-west-1', docs(201));
    const calls = hub.commandCalls(BatchImportFindingsCommand).map((c) => c.args[0].input.Findings!.length);
    assert.deepEqual(calls, [100, 100, 1]);
    assert.deepEqual(outcome, { region: 'eu-west-1', imported: 201, batches: 3, failed: [] });
  });

  it('lists the findings Security Hub refused and goes on with the next batches', async () => {
    hub
      .on(BatchImportFindingsCommand)
      .resolvesOnce({ SuccessCount: 99, FailedCount: 1, FailedFindings: [{ Id: 'f-7', ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to ASFF' }] })
      .resolves({ SuccessCount: 20, FailedCount: 0, FailedFindings: [] });
    const outcome = await importToSecurityHub(aws(), 'eu-west-1', docs(120));
    assert.equal(outcome.imported, 119);
    assert.deepEqual(outcome.failed, [{ id: 'f-7', code: 'InvalidInput', message: 'Finding does not adhere to ASFF' }]);
  });

  it('a refused call stops the import and throws, so nothing partial passes for complete', async () => {
    hub.on(BatchImportFindingsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform securityhub:BatchImportFindings'));
    await assert.rejects(importToSecurityHub(aws(), 'eu-west-1', docs(5)), /not authorized/);
  });
});
