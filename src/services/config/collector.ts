// AWS Config collector (per Region): recorders, their status and the delivery channels — what
// config-recorder-all-regions reads — plus the aggregators, rules and rule remediations (config-org-aggregator,
// config-rule-restricted-ssh). No recorder is a value (an empty list); a denied call stays an error.
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  DescribeRemediationConfigurationsCommand,
  paginateDescribeConfigRules,
  paginateDescribeConfigurationAggregators,
} from '@aws-sdk/client-config-service';
import type { RegionalCollector } from '../../collectors/types.ts';
import { drain } from '../../collectors/collect.ts';
import { failed, type Collected } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import type { ConfigRule } from './schema.ts';
import { need, orNull, read, regionalClient, type RegionalContext, type ValueOf } from '../../collectors/regional/shared.ts';

const OPS = {
  recorders: 'config:DescribeConfigurationRecorders',
  statuses: 'config:DescribeConfigurationRecorderStatus',
  channels: 'config:DescribeDeliveryChannels',
  aggregators: 'config:DescribeConfigurationAggregators',
  rules: 'config:DescribeConfigRules',
  remediations: 'config:DescribeRemediationConfigurations',
} as const;

/** DescribeRemediationConfigurations takes at most 25 rule names per call. */
const REMEDIATION_BATCH = 25;

type Remediations = ValueOf<RegionalSnapshot['config']['remediations']>;

async function remediationsOf(ctx: RegionalContext, client: ConfigServiceClient, rules: Collected<ConfigRule[]>): Promise<Collected<Remediations>> {
  if (!rules.ok) {
    return failed({
      code: 'NotCollected',
      operation: OPS.remediations,
      message: `${OPS.remediations} not called: the rule list could not be read (${rules.error.code})`,
      region: ctx.region,
    });
  }
  const names = rules.value.map((r) => r.name);
  return read(OPS.remediations, ctx.region, async () => {
    const out: Remediations = [];
    for (let i = 0; i < names.length; i += REMEDIATION_BATCH) {
      const batch = names.slice(i, i + REMEDIATION_BATCH);
      const page = await ctx.limiter.run(() => client.send(new DescribeRemediationConfigurationsCommand({ ConfigRuleNames: batch })));
      for (const r of page.RemediationConfigurations ?? []) {
        out.push({ configRuleName: need(r.ConfigRuleName, 'RemediationConfiguration.ConfigRuleName'), targetId: orNull(r.TargetId), automatic: r.Automatic === true });
      }
    }
    return out;
  });
}

export const configCollector: RegionalCollector<'config'> = {
  key: 'config',
  operations: Object.values(OPS),
  async collect(ctx): Promise<RegionalSnapshot['config']> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, ConfigServiceClient);
    // None of the three is paginated (at most one customer recorder and channel per Region); they are independent.
    const [recorders, recorderStatuses, deliveryChannels] = await Promise.all([
      read(OPS.recorders, region, () =>
        limiter.run(async () =>
          ((await client.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? []).map((r) => {
            // AWS always returns the recording group; a recorder without one is not guessed to record everything or nothing
            const group = need(r.recordingGroup, 'ConfigurationRecorder.recordingGroup');
            return {
              name: need(r.name, 'ConfigurationRecorder.name'),
              allSupported: need(group.allSupported, 'recordingGroup.allSupported'),
              includeGlobalResourceTypes: need(group.includeGlobalResourceTypes, 'recordingGroup.includeGlobalResourceTypes'),
              recordingStrategy: orNull(group.recordingStrategy?.useOnly),
            };
          }),
        ),
      ),
      read(OPS.statuses, region, () =>
        limiter.run(async () =>
          ((await client.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus ?? []).map((s) => ({
            name: need(s.name, 'ConfigurationRecorderStatus.name'),
            recording: need(s.recording, 'ConfigurationRecorderStatus.recording'),
            lastStatus: orNull(s.lastStatus),
          })),
        ),
      ),
      read(OPS.channels, region, () =>
        limiter.run(async () =>
          ((await client.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? []).map((c) => ({
            name: need(c.name, 'DeliveryChannel.name'),
            s3BucketName: orNull(c.s3BucketName),
          })),
        ),
      ),
    ]);
    const [aggregators, rules] = await Promise.all([
      read(OPS.aggregators, region, async () =>
        (await limiter.run(() => drain(paginateDescribeConfigurationAggregators({ client }, {}), (p) => p.ConfigurationAggregators))).map((a) => {
          const org = a.OrganizationAggregationSource;
          return {
            name: need(a.ConfigurationAggregatorName, 'ConfigurationAggregator.ConfigurationAggregatorName'),
            arn: need(a.ConfigurationAggregatorArn, 'ConfigurationAggregator.ConfigurationAggregatorArn'),
            organizationSource: org
              ? { allAwsRegions: org.AllAwsRegions === true, awsRegions: org.AwsRegions ?? [], roleArn: orNull(org.RoleArn) }
              : null,
            accountSourceIds: (a.AccountAggregationSources ?? []).flatMap((s) => s.AccountIds ?? []),
          };
        }),
      ),
      read(OPS.rules, region, async () =>
        (await limiter.run(() => drain(paginateDescribeConfigRules({ client }, {}), (p) => p.ConfigRules))).map((r) => {
          const source = need(r.Source, 'ConfigRule.Source');
          return {
            name: need(r.ConfigRuleName, 'ConfigRule.ConfigRuleName'),
            arn: need(r.ConfigRuleArn, 'ConfigRule.ConfigRuleArn'),
            state: orNull(r.ConfigRuleState),
            owner: need(source.Owner, 'ConfigRule.Source.Owner'),
            sourceIdentifier: orNull(source.SourceIdentifier),
          };
        }),
      ),
    ]);
    const remediations = await remediationsOf(ctx, client, rules);
    return { recorders, recorderStatuses, deliveryChannels, aggregators, rules, remediations };
  },
};
