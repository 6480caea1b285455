// Unit tests for the Security Hub collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  DescribeHubCommand,
  DescribeOrganizationConfigurationCommand,
  GetEnabledStandardsCommand,
  GetFindingAggregatorCommand,
  GetFindingsCommand,
  ListFindingAggregatorsCommand,
  ListOrganizationAdminAccountsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { securityhubCollector } from './collector.ts';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';

const sh = mockClient(SecurityHubClient);
const HUB = 'arn:aws:securityhub:eu-west-1:111111111111:hub/default';

describe('securityhub collector', () => {
  beforeEach(() => sh.reset());
  afterEach(() => sh.reset());

  it('reads the hub and its enabled standards across pages', async () => {
    sh.on(DescribeHubCommand).resolves({ HubArn: HUB, SubscribedAt: '2025-01-01T00:00:00.000Z' });
    sh.on(GetEnabledStandardsCommand).resolves({
      StandardsSubscriptions: [
        { StandardsArn: 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0', StandardsStatus: 'READY', StandardsSubscriptionArn: 's1', StandardsInput: {} },
      ],
      NextToken: 'p2',
    });
    sh.on(GetEnabledStandardsCommand, { NextToken: 'p2' }).resolves({
      StandardsSubscriptions: [{ StandardsArn: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0', StandardsStatus: 'INCOMPLETE', StandardsSubscriptionArn: 's2', StandardsInput: {} }],
    });
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
    assert.deepEqual(out.hub, { ok: true, value: { hubArn: HUB, subscribedAt: '2025-01-01T00:00:00.000Z' } });
    assert.deepEqual(out.enabledStandards, {
      ok: true,
      value: [
        { standardsArn: 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0', status: 'READY' },
        { standardsArn: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0', status: 'INCOMPLETE' },
      ],
    });
  });

  for (const [name, message] of [
    ['InvalidAccessException', 'Account 111111111111 is not subscribed to AWS Security Hub'],
    ['ResourceNotFoundException', 'Account 111111111111 is not subscribed to AWS Security Hub'],
  ] as const) {
    it(`maps ${name} "not subscribed" to hub null and no standards, without asking for them`, async () => {
      sh.on(DescribeHubCommand).rejects(awsError(name, message));
      const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
      assert.deepEqual(
        { hub: out.hub, enabledStandards: out.enabledStandards, organizationConfiguration: out.organizationConfiguration, findingAggregators: out.findingAggregators, criticalFindings: out.criticalFindings },
        { hub: { ok: true, value: null }, enabledStandards: { ok: true, value: [] }, organizationConfiguration: { ok: true, value: null }, findingAggregators: { ok: true, value: [] }, criticalFindings: { ok: true, value: [] } },
      );
      assert.equal(sh.commandCalls(GetEnabledStandardsCommand).length, 0);
      assert.equal(sh.commandCalls(GetFindingsCommand).length, 0);
    });
  }

  it('does not read an InvalidAccessException that does not say "not subscribed" as "not enabled"', async () => {
    sh.on(DescribeHubCommand).rejects(awsError('InvalidAccessException', 'The account doesn\'t have permission to perform this action', 401));
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
    assert.ok(!out.hub.ok, 'whether a hub exists is unknown');
    assert.equal(out.enabledStandards.ok, false);
  });

  it('does not read any other ResourceNotFoundException as "not enabled"', async () => {
    sh.on(DescribeHubCommand).rejects(awsError('ResourceNotFoundException', 'Hub arn:aws:securityhub:eu-west-1:1:hub/x not found'));
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
    assert.equal(out.hub.ok, false);
  });

  it('records a denied DescribeHub and marks the standards as not collected', async () => {
    sh.on(DescribeHubCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext('eu-central-1')));
    assert.ok(!out.hub.ok && !out.enabledStandards.ok);
    assert.deepEqual(
      { code: out.hub.error.code, operation: out.hub.error.operation, region: out.hub.error.region },
      { code: 'AccessDenied', operation: 'securityhub:DescribeHub', region: 'eu-central-1' },
    );
    assert.equal(out.enabledStandards.error.code, 'NotCollected');
    assert.equal(out.enabledStandards.error.operation, 'securityhub:GetEnabledStandards');
    assert.equal(sh.commandCalls(GetEnabledStandardsCommand).length, 0);
  });

  it('records an unsupported GetEnabledStandards while keeping the hub', async () => {
    sh.on(DescribeHubCommand).resolves({ HubArn: HUB });
    sh.on(GetEnabledStandardsCommand).rejects(htmlServerError());
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
    assert.deepEqual(out.hub, { ok: true, value: { hubArn: HUB, subscribedAt: null } });
    assert.ok(!out.enabledStandards.ok);
    assert.equal(out.enabledStandards.error.code, 'Unsupported');
    assert.equal(out.enabledStandards.error.operation, 'securityhub:GetEnabledStandards');
  });

  // --- cat-threat ---
  it('reads the administrators, the organization configuration, the aggregator in its own Region and the findings across pages', async () => {
    const AGG = 'arn:aws:securityhub:eu-west-1:111111111111:finding-aggregator/abc';
    sh.on(DescribeHubCommand).resolves({ HubArn: HUB });
    sh.on(GetEnabledStandardsCommand).resolves({ StandardsSubscriptions: [] });
    sh.on(ListOrganizationAdminAccountsCommand).resolves({ AdminAccounts: [{ AccountId: '222222222222', Status: 'ENABLED' }] });
    sh.on(DescribeOrganizationConfigurationCommand).resolves({ AutoEnable: false, OrganizationConfiguration: { ConfigurationType: 'CENTRAL', Status: 'ENABLED' } });
    sh.on(ListFindingAggregatorsCommand).resolves({ FindingAggregators: [{ FindingAggregatorArn: AGG }] });
    sh.on(GetFindingAggregatorCommand).resolves({ FindingAggregationRegion: 'eu-west-1', RegionLinkingMode: 'ALL_REGIONS', Regions: [] });
    const finding = (Id: string) => ({
      Id,
      Title: 't',
      Severity: { Label: 'CRITICAL' },
      Workflow: { Status: 'NEW' },
      Region: 'eu-west-1',
      CreatedAt: '2026-10-01T00:00:00.000Z',
      UpdatedAt: '2026-10-02T00:00:00.000Z',
      Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b' }],
    });
    sh.on(GetFindingsCommand).resolves({ Findings: [finding('f1')] as never, NextToken: 'p2' });
    sh.on(GetFindingsCommand, { NextToken: 'p2' }).resolves({ Findings: [finding('f2')] as never });
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
    assert.deepEqual(out.organizationAdminAccounts, { ok: true, value: [{ accountId: '222222222222', status: 'ENABLED' }] });
    assert.deepEqual(out.organizationConfiguration, { ok: true, value: { autoEnable: false, configurationType: 'CENTRAL', status: 'ENABLED' } });
    assert.deepEqual(out.findingAggregators, {
      ok: true,
      value: [{ arn: AGG, detail: { ok: true, value: { aggregationRegion: 'eu-west-1', regionLinkingMode: 'ALL_REGIONS', regions: [] } } }],
    });
    assert.ok(out.criticalFindings.ok);
    assert.deepEqual(out.criticalFindings.value.map((f) => f.id), ['f1', 'f2']);
    assert.deepEqual(out.criticalFindings.value[0], {
      id: 'f1',
      title: 't',
      severityLabel: 'CRITICAL',
      workflowStatus: 'NEW',
      region: 'eu-west-1',
      createdAt: '2026-10-01T00:00:00.000Z',
      updatedAt: '2026-10-02T00:00:00.000Z',
      resourceType: 'AwsS3Bucket',
      resourceId: 'arn:aws:s3:::b',
    });
    const filters = sh.commandCalls(GetFindingsCommand)[0]?.args[0].input.Filters;
    assert.deepEqual(filters?.AwsAccountId, [{ Value: '111111111111', Comparison: 'EQUALS' }]);
    assert.deepEqual(filters?.WorkflowStatus?.map((f) => f.Value), ['NEW', 'NOTIFIED']);

    // seen from another Region, the aggregator is listed but read where it lives
    sh.resetHistory();
    const other = assertSlice('securityhub', await securityhubCollector.collect(testContext('us-east-1')));
    assert.ok(other.findingAggregators.ok);
    const detail = other.findingAggregators.value[0]?.detail;
    assert.ok(detail && !detail.ok);
    assert.equal(detail.error.code, 'NotCollected');
    assert.equal(sh.commandCalls(GetFindingAggregatorCommand).length, 0);
  });

  it('records the refusals of a non-administrator as errors without losing the hub', async () => {
    sh.on(DescribeHubCommand).resolves({ HubArn: HUB });
    sh.on(GetEnabledStandardsCommand).resolves({ StandardsSubscriptions: [] });
    sh.on(ListOrganizationAdminAccountsCommand).rejects(awsError('AccessDeniedException', 'not the management account', 403));
    sh.on(DescribeOrganizationConfigurationCommand).rejects(awsError('AccessDeniedException', 'You do not have sufficient access to perform this action.', 403));
    sh.on(ListFindingAggregatorsCommand).resolves({ FindingAggregators: [] });
    sh.on(GetFindingsCommand).resolves({ Findings: [] });
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
    assert.ok(out.hub.ok && !out.organizationAdminAccounts.ok && !out.organizationConfiguration.ok);
    assert.equal(out.organizationConfiguration.error.code, 'AccessDenied');
    assert.deepEqual(out.criticalFindings, { ok: true, value: [] });
  });
});
