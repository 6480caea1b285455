// Unit tests for the GuardDuty collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import { guarddutyCollector } from './guardduty.ts';
import { assertSlice, awsError, htmlServerError, testContext } from './test-support.ts';

const gd = mockClient(GuardDutyClient);

describe('guardduty collector', () => {
  beforeEach(() => gd.reset());
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
    assert.deepEqual(out, {
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
    assert.deepEqual(out, { detectors: { ok: true, value: [] } });
    assert.equal(gd.calls().length, 1);
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
});
