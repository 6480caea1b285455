// Unit tests for the SSM collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DescribeInstanceInformationCommand, ListResourceComplianceSummariesCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { ssmCollector } from './collector.ts';

const ssm = mockClient(SSMClient);

describe('ssm collector', () => {
  beforeEach(() => ssm.reset());
  afterEach(() => ssm.reset());

  it('lists managed nodes and Patch compliance across pages', async () => {
    ssm.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: [{ InstanceId: 'i-1', PingStatus: 'Online', ResourceType: 'EC2Instance', PlatformType: 'Linux', LastPingDateTime: new Date('2026-11-20T11:00:00Z') }],
      NextToken: 'p2',
    });
    ssm.on(DescribeInstanceInformationCommand, { NextToken: 'p2' }).resolves({ InstanceInformationList: [{ InstanceId: 'mi-0abc', PingStatus: 'ConnectionLost' }] });
    ssm.on(ListResourceComplianceSummariesCommand).resolves({
      ResourceComplianceSummaryItems: [
        { ResourceId: 'i-1', ResourceType: 'ManagedInstance', Status: 'NON_COMPLIANT', OverallSeverity: 'CRITICAL', NonCompliantSummary: { NonCompliantCount: 4 }, ExecutionSummary: { ExecutionTime: new Date('2026-11-19T03:00:00Z') } },
      ],
      NextToken: 'p2',
    });
    ssm.on(ListResourceComplianceSummariesCommand, { NextToken: 'p2' }).resolves({ ResourceComplianceSummaryItems: [{ ResourceId: 'mi-0abc', Status: 'COMPLIANT' }] });
    const out = assertSlice('ssm', await ssmCollector.collect(testContext()));
    assert.deepEqual(out.managedInstances, {
      ok: true,
      value: [
        { instanceId: 'i-1', pingStatus: 'Online', resourceType: 'EC2Instance', platformType: 'Linux', lastPingDateTime: '2026-11-20T11:00:00.000Z' },
        { instanceId: 'mi-0abc', pingStatus: 'ConnectionLost', resourceType: null, platformType: null, lastPingDateTime: null },
      ],
    });
    assert.deepEqual(out.patchCompliance, {
      ok: true,
      value: [
        { resourceId: 'i-1', resourceType: 'ManagedInstance', status: 'NON_COMPLIANT', overallSeverity: 'CRITICAL', nonCompliantCount: 4, executionTime: '2026-11-19T03:00:00.000Z' },
        { resourceId: 'mi-0abc', resourceType: null, status: 'COMPLIANT', overallSeverity: null, nonCompliantCount: null, executionTime: null },
      ],
    });
    assert.deepEqual(ssm.commandCalls(ListResourceComplianceSummariesCommand)[0]?.args[0].input.Filters, [{ Key: 'ComplianceType', Values: ['Patch'], Type: 'EQUAL' }]);
    assert.equal(ssm.calls().length, 4);
  });

  it('records each refused or unsupported listing as an error of its own', async () => {
    ssm.on(DescribeInstanceInformationCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    ssm.on(ListResourceComplianceSummariesCommand).rejects(htmlServerError());
    const out = assertSlice('ssm', await ssmCollector.collect(testContext('ap-east-1')));
    assert.ok(!out.managedInstances.ok && !out.patchCompliance.ok);
    assert.deepEqual([out.managedInstances.error.code, out.managedInstances.error.operation, out.managedInstances.error.region], ['AccessDenied', 'ssm:DescribeInstanceInformation', 'ap-east-1']);
    assert.deepEqual([out.patchCompliance.error.code, out.patchCompliance.error.operation], ['Unsupported', 'ssm:ListResourceComplianceSummaries']);
  });

  it('records a node without a PingStatus as ParseError rather than guessing', async () => {
    ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [{ InstanceId: 'i-1' }] });
    ssm.on(ListResourceComplianceSummariesCommand).resolves({ ResourceComplianceSummaryItems: [] });
    const out = assertSlice('ssm', await ssmCollector.collect(testContext()));
    assert.ok(!out.managedInstances.ok);
    assert.equal(out.managedInstances.error.code, 'ParseError');
    assert.deepEqual(out.patchCompliance, { ok: true, value: [] });
  });
});
