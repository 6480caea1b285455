// The AWS Config slice of a Region's snapshot: recorders, their statuses, delivery channels, aggregators, rules and
// their remediations.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

// --- cat-logging: AWS Config aggregators and rules ---
export const configAggregatorSchema = z.object({
  name: z.string(),
  arn: z.string(),
  /** null: the aggregator collects from listed accounts, not from the organization. */
  organizationSource: z.object({ allAwsRegions: z.boolean(), awsRegions: z.array(z.string()), roleArn: z.string().nullable() }).nullable(),
  /** AccountAggregationSources as account ids, for evidence. */
  accountSourceIds: z.array(z.string()),
});
export type ConfigAggregator = z.infer<typeof configAggregatorSchema>;
export const configRuleSchema = z.object({
  name: z.string(),
  arn: z.string(),
  /** ConfigRuleState: ACTIVE, DELETING, EVALUATING… null when the answer carried none. */
  state: z.string().nullable(),
  /** Source.Owner: AWS (managed), CUSTOM_LAMBDA, CUSTOM_POLICY. */
  owner: z.string(),
  /** Source.SourceIdentifier: the managed rule identifier (e.g. INCOMING_SSH_DISABLED) or the Lambda ARN; null for CUSTOM_POLICY. */
  sourceIdentifier: z.string().nullable(),
});
export type ConfigRule = z.infer<typeof configRuleSchema>;

export const configSchema = z.object({
  recorders: collectedSchema(
    z.array(
      z.object({
        name: z.string(),
        allSupported: z.boolean(),
        includeGlobalResourceTypes: z.boolean(),
        /** recordingStrategy.useOnly, when set. */
        recordingStrategy: z.string().nullable(),
      }),
    ),
  ),
  recorderStatuses: collectedSchema(
    z.array(z.object({ name: z.string(), recording: z.boolean(), lastStatus: z.string().nullable() })),
  ),
  deliveryChannels: collectedSchema(z.array(z.object({ name: z.string(), s3BucketName: z.string().nullable() }))),
  // --- cat-logging ---
  /** DescribeConfigurationAggregators: the aggregators homed in this Region. */
  aggregators: collectedSchema(z.array(configAggregatorSchema)),
  /** DescribeConfigRules: every rule in the Region (managed rules carry Source.Owner AWS and their identifier). */
  rules: collectedSchema(z.array(configRuleSchema)),
  /**
   * DescribeRemediationConfigurations for the rules above (asked in batches of 25 names); empty when there are no
   * rules, the error of the rule list when that failed.
   */
  remediations: collectedSchema(z.array(z.object({ configRuleName: z.string(), targetId: z.string().nullable(), automatic: z.boolean() }))),
});
export type ConfigSlice = z.infer<typeof configSchema>;
