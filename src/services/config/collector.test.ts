// Unit tests for the AWS Config collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationAggregatorsCommand,
  DescribeRemediationConfigurationsCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { configCollector } from './collector.ts';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';

const cfg = mockClient(ConfigServiceClient);

describe('config collector', () => {
  beforeEach(() => {
    cfg.reset();
    // the aggregator and rule reads answer "none" unless a test says otherwise
    cfg.on(DescribeConfigurationAggregatorsCommand).resolves({ ConfigurationAggregators: [] });
    cfg.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [] });
  });
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
      aggregators: { ok: true, value: [] },
      rules: { ok: true, value: [] },
      remediations: { ok: true, value: [] },
    });
  });

  it('maps a Region without Config to empty lists', async () => {
    cfg.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({});
    cfg.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
    const out = assertSlice('config', await configCollector.collect(testContext()));
    assert.deepEqual(out, {
      recorders: { ok: true, value: [] },
      recorderStatuses: { ok: true, value: [] },
      deliveryChannels: { ok: true, value: [] },
      aggregators: { ok: true, value: [] },
      rules: { ok: true, value: [] },
      remediations: { ok: true, value: [] },
    });
    // no rules: no remediation call
    assert.equal(cfg.calls().length, 5);
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

  describe('aggregators, rules and remediations', () => {
    beforeEach(() => {
      cfg.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
      cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({});
      cfg.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
    });

    it('pages through aggregators and rules, and asks remediations in batches of 25 rule names', async () => {
      cfg
        .on(DescribeConfigurationAggregatorsCommand)
        .resolvesOnce({
          ConfigurationAggregators: [
            {
              ConfigurationAggregatorName: 'org',
              ConfigurationAggregatorArn: 'arn:aws:config:eu-west-1:111111111111:config-aggregator/config-aggregator-1',
              OrganizationAggregationSource: { RoleArn: 'arn:aws:iam::111111111111:role/agg', AllAwsRegions: true },
            },
          ],
          NextToken: 'a2',
        })
        .resolvesOnce({
          ConfigurationAggregators: [
            {
              ConfigurationAggregatorName: 'accounts',
              ConfigurationAggregatorArn: 'arn:aws:config:eu-west-1:111111111111:config-aggregator/config-aggregator-2',
              AccountAggregationSources: [{ AccountIds: ['222222222222'], AwsRegions: ['eu-west-1'] }],
            },
          ],
        });
      const rule = (i: number) => ({
        ConfigRuleName: `rule-${i}`,
        ConfigRuleArn: `arn:aws:config:eu-west-1:111111111111:config-rule/config-rule-${i}`,
        ConfigRuleState: 'ACTIVE' as const,
        Source: { Owner: 'AWS' as const, SourceIdentifier: i === 0 ? 'INCOMING_SSH_DISABLED' : 'S3_BUCKET_VERSIONING_ENABLED' },
      });
      cfg
        .on(DescribeConfigRulesCommand)
        .resolvesOnce({ ConfigRules: Array.from({ length: 20 }, (_, i) => rule(i)), NextToken: 'r2' })
        .resolvesOnce({ ConfigRules: Array.from({ length: 10 }, (_, i) => rule(i + 20)) });
      cfg.on(DescribeRemediationConfigurationsCommand).callsFake((input: { ConfigRuleNames: string[] }) => ({
        RemediationConfigurations: input.ConfigRuleNames.filter((n) => n === 'rule-0').map((n) => ({
          ConfigRuleName: n,
          TargetType: 'SSM_DOCUMENT',
          TargetId: 'AWS-DisablePublicAccessForSecurityGroup',
          Automatic: true,
        })),
      }));
      const out = assertSlice('config', await configCollector.collect(testContext()));
      assert.ok(out.aggregators.ok && out.rules.ok && out.remediations.ok);
      assert.deepEqual(out.aggregators.value, [
        {
          name: 'org',
          arn: 'arn:aws:config:eu-west-1:111111111111:config-aggregator/config-aggregator-1',
          organizationSource: { allAwsRegions: true, awsRegions: [], roleArn: 'arn:aws:iam::111111111111:role/agg' },
          accountSourceIds: [],
        },
        {
          name: 'accounts',
          arn: 'arn:aws:config:eu-west-1:111111111111:config-aggregator/config-aggregator-2',
          organizationSource: null,
          accountSourceIds: ['222222222222'],
        },
      ]);
      assert.equal(out.rules.value.length, 30);
      assert.deepEqual(out.rules.value[0], {
        name: 'rule-0',
        arn: 'arn:aws:config:eu-west-1:111111111111:config-rule/config-rule-0',
        state: 'ACTIVE',
        owner: 'AWS',
        sourceIdentifier: 'INCOMING_SSH_DISABLED',
      });
      const batches = cfg.commandCalls(DescribeRemediationConfigurationsCommand).map((c) => c.args[0].input.ConfigRuleNames?.length);
      assert.deepEqual(batches, [25, 5]);
      assert.deepEqual(out.remediations.value, [{ configRuleName: 'rule-0', targetId: 'AWS-DisablePublicAccessForSecurityGroup', automatic: true }]);
    });

    it('records a denied rule list, and the remediations as not collected because of it', async () => {
      cfg.on(DescribeConfigRulesCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
      cfg.on(DescribeConfigurationAggregatorsCommand).rejects(awsError('ThrottlingException', 'slow down', 400));
      const out = assertSlice('config', await configCollector.collect(testContext('ca-central-1')));
      assert.ok(!out.rules.ok && !out.remediations.ok && !out.aggregators.ok);
      assert.deepEqual([out.rules.error.code, out.rules.error.operation], ['AccessDenied', 'config:DescribeConfigRules']);
      assert.deepEqual([out.remediations.error.code, out.remediations.error.operation], ['NotCollected', 'config:DescribeRemediationConfigurations']);
      assert.equal(out.aggregators.error.operation, 'config:DescribeConfigurationAggregators');
      assert.equal(cfg.commandCalls(DescribeRemediationConfigurationsCommand).length, 0);
    });
  });
});
