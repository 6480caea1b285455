// Unit tests for the GuardDuty collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  DescribeOrganizationConfigurationCommand,
  GetDetectorCommand,
  GetFindingsCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
  ListMembersCommand,
  ListOrganizationAdminAccountsCommand,
} from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import { guarddutyCollector } from './collector.ts';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';

const gd = mockClient(GuardDutyClient);

/** A member account's answers to the organization calls (not the management account, not the administrator). */
function defaults(): void {
  gd.on(ListOrganizationAdminAccountsCommand).rejects(awsError('BadRequestException', 'The request is rejected because the account is not the management account.'));
  gd.on(DescribeOrganizationConfigurationCommand).rejects(awsError('BadRequestException', 'The request is rejected because the account is not the delegated administrator.'));
  gd.on(ListFindingsCommand).resolves({ FindingIds: [] });
}

describe('guardduty collector', () => {
  beforeEach(() => {
    gd.reset();
    defaults();
  });
  afterEach(() => gd.reset());

  it('lists detectors across pages and reads each one', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'], NextToken: 'p2' });
    gd.on(ListDetectorsCommand, { NextToken: 'p2' }).resolves({ DetectorIds: ['d2'] });
    gd.on(GetDetectorCommand, { DetectorId: 'd1' }).resolves({
      Status: 'ENABLED',
      ServiceRole: 'r',
      Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }, { Name: 'EKS_AUDIT_LOGS', Status: 'DISABLED' }],
    });
    gd.on(GetDetectorCommand, { DetectorId: 'd2' }).resolves({ Status: 'DISABLED', ServiceRole: 'r' });
    const out = assertSlice('guardduty', await guarddutyCollector.collect(testContext()));
    assert.deepEqual({ detectors: out.detectors }, {
      detectors: {
        ok: true,
        value: [
          {
            detectorId: 'd1',
            detail: {
              ok: true,
              value: {
                status: 'ENABLED',
                features: [
                  { name: 'S3_DATA_EVENTS', status: 'ENABLED' },
                  { name: 'EKS_AUDIT_LOGS', status: 'DISABLED' },
                ],
              },
            },
          },
          { detectorId: 'd2', detail: { ok: true, value: { status: 'DISABLED', features: [] } } },
        ],
      },
    });
  });

  it('maps no detector to an empty list with one call', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    const out = assertSlice('guardduty', await guarddutyCollector.collect(testContext()));
    assert.deepEqual(out.detectors, { ok: true, value: [] });
    // without a detector there is no configuration, no member and no finding to ask about
    assert.deepEqual([out.organizationConfiguration, out.members, out.highFindings], [{ ok: true, value: null }, { ok: true, value: [] }, { ok: true, value: [] }]);
    assert.deepEqual(gd.calls().map((c) => c.args[0].constructor.name).sort(), ['ListDetectorsCommand', 'ListOrganizationAdminAccountsCommand']);
  });

  it('records a denied ListDetectors, and a denied GetDetector on its detector only', async () => {
    gd.on(ListDetectorsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const denied = assertSlice('guardduty', await guarddutyCollector.collect(testContext('me-south-1')));
    assert.ok(!denied.detectors.ok);
    assert.deepEqual(
      { code: denied.detectors.error.code, operation: denied.detectors.error.operation, region: denied.detectors.error.region },
      { code: 'AccessDenied', operation: 'guardduty:ListDetectors', region: 'me-south-1' },
    );

    gd.reset();
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const partial = assertSlice('guardduty', await guarddutyCollector.collect(testContext()));
    assert.ok(partial.detectors.ok);
    const d = partial.detectors.value[0];
    assert.ok(d && !d.detail.ok);
    assert.equal(d.detectorId, 'd1');
    assert.equal(d.detail.error.operation, 'guardduty:GetDetector');
  });

  it('records OptInRequired and an endpoint without the service (HTML 500) as errors, never as "no detector"', async () => {
    gd.on(ListDetectorsCommand).rejects(awsError('OptInRequired', 'The AWS Access Key Id needs a subscription for the service', 403));
    const notOptedIn = assertSlice('guardduty', await guarddutyCollector.collect(testContext('af-south-1')));
    assert.ok(!notOptedIn.detectors.ok);
    assert.equal(notOptedIn.detectors.error.code, 'OptInRequired');
    assert.equal(notOptedIn.detectors.error.region, 'af-south-1');

    gd.reset();
    gd.on(ListDetectorsCommand).rejects(htmlServerError());
    const unsupported = assertSlice('guardduty', await guarddutyCollector.collect(testContext()));
    assert.ok(!unsupported.detectors.ok);
    assert.equal(unsupported.detectors.error.code, 'Unsupported');
  });

  // --- cat-threat ---
  it('lists the delegated administrators across pages (management account)', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    gd.on(ListOrganizationAdminAccountsCommand).resolves({ AdminAccounts: [{ AdminAccountId: '222222222222', AdminStatus: 'ENABLED' }], NextToken: 'p2' });
    gd.on(ListOrganizationAdminAccountsCommand, { NextToken: 'p2' }).resolves({ AdminAccounts: [{ AdminAccountId: '333333333333', AdminStatus: 'DISABLE_IN_PROGRESS' }] });
    const out = assertSlice('guardduty', await guarddutyCollector.collect(testContext()));
    assert.deepEqual(out.organizationAdminAccounts, {
      ok: true,
      value: [
        { adminAccountId: '222222222222', adminStatus: 'ENABLED' },
        { adminAccountId: '333333333333', adminStatus: 'DISABLE_IN_PROGRESS' },
      ],
    });
  });

  it('reads the organization configuration and every member in the delegated administrator', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand).resolves({ Status: 'ENABLED', ServiceRole: 'r' });
    gd.on(DescribeOrganizationConfigurationCommand).resolves({ AutoEnableOrganizationMembers: 'ALL', AutoEnable: true, MemberAccountLimitReached: false });
    gd.on(ListMembersCommand).resolves({ Members: [{ AccountId: '333333333333', RelationshipStatus: 'Enabled', MasterId: 'x', Email: 'e', UpdatedAt: 'u' }], NextToken: 'p2' });
    gd.on(ListMembersCommand, { NextToken: 'p2' }).resolves({ Members: [{ AccountId: '444444444444', RelationshipStatus: 'Removed', MasterId: 'x', Email: 'e', UpdatedAt: 'u' }] });
    const out = assertSlice('guardduty', await guarddutyCollector.collect(testContext()));
    assert.deepEqual(out.organizationConfiguration, { ok: true, value: { detectorId: 'd1', autoEnableOrganizationMembers: 'ALL', autoEnable: true } });
    assert.deepEqual(out.members, {
      ok: true,
      value: [
        { accountId: '333333333333', relationshipStatus: 'Enabled' },
        { accountId: '444444444444', relationshipStatus: 'Removed' },
      ],
    });
    const input = gd.commandCalls(ListMembersCommand)[0]?.args[0].input;
    assert.deepEqual([input?.DetectorId, input?.OnlyAssociated], ['d1', 'false']);
  });

  it('records the refusals of a member account as errors, and does not list members there', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand).resolves({ Status: 'ENABLED', ServiceRole: 'r' });
    const out = assertSlice('guardduty', await guarddutyCollector.collect(testContext()));
    assert.ok(!out.organizationAdminAccounts.ok && !out.organizationConfiguration.ok && !out.members.ok);
    assert.equal(out.organizationConfiguration.error.operation, 'guardduty:DescribeOrganizationConfiguration');
    assert.equal(out.members.error.code, 'NotCollected');
    assert.equal(gd.commandCalls(ListMembersCommand).length, 0);
  });

  it('lists unarchived severity ≥ 7 findings across pages and reads them 50 at a time', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand).resolves({ Status: 'ENABLED', ServiceRole: 'r' });
    const ids = Array.from({ length: 51 }, (_, i) => `f${i}`);
    gd.on(ListFindingsCommand).resolves({ FindingIds: ids.slice(0, 50), NextToken: 'p2' });
    gd.on(ListFindingsCommand, { NextToken: 'p2' }).resolves({ FindingIds: ids.slice(50) });
    gd.on(GetFindingsCommand).callsFake((input: { FindingIds: string[] }) => ({
      Findings: input.FindingIds.map((Id) => ({
        Id,
        Type: 'Recon:EC2/PortProbeUnprotectedPort',
        Severity: 8,
        Title: 't',
        CreatedAt: '2026-11-18T00:00:00.000Z',
        UpdatedAt: '2026-11-19T00:00:00.000Z',
        Resource: { ResourceType: 'Instance' },
        Service: { Count: 2 },
        AccountId: '111111111111',
        Arn: 'a',
        Region: 'eu-west-1',
        SchemaVersion: '2.0',
      })),
    }));
    const out = assertSlice('guardduty', await guarddutyCollector.collect(testContext()));
    assert.ok(out.highFindings.ok);
    assert.equal(out.highFindings.value.length, 51);
    assert.deepEqual(out.highFindings.value[0], {
      id: 'f0',
      type: 'Recon:EC2/PortProbeUnprotectedPort',
      severity: 8,
      title: 't',
      createdAt: '2026-11-18T00:00:00.000Z',
      updatedAt: '2026-11-19T00:00:00.000Z',
      resourceType: 'Instance',
      count: 2,
    });
    assert.deepEqual(gd.commandCalls(GetFindingsCommand).map((c) => c.args[0].input.FindingIds?.length), [50, 1]);
    assert.deepEqual(gd.commandCalls(ListFindingsCommand)[0]?.args[0].input.FindingCriteria, {
      Criterion: { severity: { GreaterThanOrEqual: 7 }, 'service.archived': { Equals: ['false'] } },
    });
  });

  it('records denied findings as an error, and "not read" when the detectors are unknown', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand).resolves({ Status: 'ENABLED', ServiceRole: 'r' });
    gd.on(ListFindingsCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const out = assertSlice('guardduty', await guarddutyCollector.collect(testContext()));
    assert.ok(!out.highFindings.ok);
    assert.equal(out.highFindings.error.code, 'AccessDenied');
    gd.reset();
    defaults();
    gd.on(ListDetectorsCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const unknown = assertSlice('guardduty', await guarddutyCollector.collect(testContext()));
    assert.ok(!unknown.highFindings.ok && !unknown.organizationConfiguration.ok);
    assert.equal(unknown.highFindings.error.code, 'NotCollected');
  });
});
