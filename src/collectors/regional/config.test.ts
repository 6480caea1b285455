// Unit tests for the AWS Config collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { configCollector } from './config.ts';
import { assertSlice, awsError, htmlServerError, testContext } from './test-support.ts';

const cfg = mockClient(ConfigServiceClient);

describe('config collector', () => {
  beforeEach(() => cfg.reset());
  afterEach(() => cfg.reset());

  it('reads recorders, their status and delivery channels', async () => {
    cfg.on(DescribeConfigurationRecordersCommand).resolves({
      ConfigurationRecorders: [
        { name: 'default', recordingGroup: { allSupported: true, includeGlobalResourceTypes: false, recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } } },
      ],
    });
    cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'Success' }] });
    cfg.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [{ name: 'default', s3BucketName: 'config-bucket' }] });
    const out = assertSlice('config', await configCollector.collect(testContext()));
    assert.deepEqual(out, {
      recorders: { ok: true, value: [{ name: 'default', allSupported: true, includeGlobalResourceTypes: false, recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES' }] },
      recorderStatuses: { ok: true, value: [{ name: 'default', recording: true, lastStatus: 'Success' }] },
      deliveryChannels: { ok: true, value: [{ name: 'default', s3BucketName: 'config-bucket' }] },
    });
  });

  it('maps a Region without Config to empty lists', async () => {
    cfg.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({});
    cfg.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
    const out = assertSlice('config', await configCollector.collect(testContext()));
    assert.deepEqual(out, { recorders: { ok: true, value: [] }, recorderStatuses: { ok: true, value: [] }, deliveryChannels: { ok: true, value: [] } });
    assert.equal(cfg.calls().length, 3);
  });

  it('records a denied call on its own field and collects the others', async () => {
    cfg.on(DescribeConfigurationRecordersCommand).resolves({
      ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: false, includeGlobalResourceTypes: false } }],
    });
    cfg.on(DescribeConfigurationRecorderStatusCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    cfg.on(DescribeDeliveryChannelsCommand).rejects(htmlServerError());
    const out = assertSlice('config', await configCollector.collect(testContext('ca-central-1')));
    assert.deepEqual(out.recorders, { ok: true, value: [{ name: 'default', allSupported: false, includeGlobalResourceTypes: false, recordingStrategy: null }] });
    assert.ok(!out.recorderStatuses.ok && !out.deliveryChannels.ok);
    assert.deepEqual(
      { code: out.recorderStatuses.error.code, operation: out.recorderStatuses.error.operation, region: out.recorderStatuses.error.region },
      { code: 'AccessDenied', operation: 'config:DescribeConfigurationRecorderStatus', region: 'ca-central-1' },
    );
    assert.equal(out.deliveryChannels.error.code, 'Unsupported');
    assert.equal(out.deliveryChannels.error.operation, 'config:DescribeDeliveryChannels');
  });

  it('does not guess a recorder without a recording group', async () => {
    cfg.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [{ name: 'default' }] });
    cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    cfg.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
    const out = assertSlice('config', await configCollector.collect(testContext()));
    assert.ok(!out.recorders.ok);
    assert.equal(out.recorders.error.code, 'ParseError');
  });
});
