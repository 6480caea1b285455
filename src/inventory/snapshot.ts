// The Snapshot: everything a scan collected, typed and versioned. Checks read only this.
// Every collected field is Collected<T> (see collected.ts): a value, or the reason it could not be read.
import { z } from 'zod';
import { collectedSchema } from './collected.ts';
import { accountId, iso } from './schema-parts.ts';
import { rdsSchema } from '../services/rds/schema.ts';
import { redshiftSchema } from '../services/redshift/schema.ts';
import { opensearchSchema } from '../services/opensearch/schema.ts';
import { secretsManagerSchema } from '../services/secrets-manager/schema.ts';
import { sqsSchema } from '../services/sqs/schema.ts';
import { ecrSchema } from '../services/ecr/schema.ts';
import { glacierSchema } from '../services/glacier/schema.ts';
import { ebsSchema } from '../services/ebs/schema.ts';
import { lambdaSchema } from '../services/lambda/schema.ts';
import { ec2UserDataSchema } from '../services/ec2-userdata/schema.ts';
import { cloudformationSchema } from '../services/cloudformation/schema.ts';
import { ecsSchema } from '../services/ecs/schema.ts';
import { backupSchema } from '../services/backup/schema.ts';
import { inspector2Schema } from '../services/inspector2/schema.ts';
import { ssmSchema } from '../services/ssm/schema.ts';
import { ssoAdminSchema } from '../services/sso-admin/schema.ts';
import { cloudwatchLogsSchema } from '../services/cloudwatch-logs/schema.ts';
import { cloudwatchSchema } from '../services/cloudwatch/schema.ts';
import { snsSchema } from '../services/sns/schema.ts';
import { eventbridgeSchema } from '../services/eventbridge/schema.ts';
import { taggingSchema } from '../services/tagging/schema.ts';
import { dynamodbSchema } from '../services/dynamodb/schema.ts';
import { efsSchema } from '../services/efs/schema.ts';
import { autoscalingSchema } from '../services/autoscaling/schema.ts';
import { cloudfrontSchema, edgeSchema } from '../services/edge/schema.ts';
import { wafv2CloudfrontSchema, wafv2Schema } from '../services/wafv2/schema.ts';
import { shieldSchema } from '../services/shield/schema.ts';
import { kmsSchema } from '../services/kms/schema.ts';
import { accessAnalyzerSchema } from '../services/access-analyzer/schema.ts';
import { configSchema } from '../services/config/schema.ts';
import { cloudtrailSchema } from '../services/cloudtrail/schema.ts';
import { guarddutySchema } from '../services/guardduty/schema.ts';
import { securityhubSchema } from '../services/securityhub/schema.ts';
import { ec2Schema } from '../services/ec2/schema.ts';
import { accountSettingsSchema } from '../services/account/schema.ts';
import { organizationsSchema } from '../services/organizations/schema.ts';
import { s3Schema } from '../services/s3/schema.ts';
import { iamSchema } from '../services/iam/schema.ts';
import { fmsSchema, networkFirewallSchema } from '../services/network-firewall/schema.ts';

export const SNAPSHOT_KIND = 'rampart.snapshot';
// 2: the full catalog (issues 8, 9) added slices and fields; a version 1 file lacks them, so it is refused, never read
// as if the missing parts were fine. 3: Glacier, DynamoDB, EFS and Auto Scaling slices, EBS volume tags, Lambda
// published versions, ECS clusters.
export const SNAPSHOT_VERSION = 3;

// ---------- Regional services ----------
// Each slice's schema lives with its collector and fixtures in src/services/<service>/; this file composes them.

export const regionalSchema = z.object({
  ec2: ec2Schema,
  ebs: ebsSchema,
  edge: edgeSchema,
  wafv2: wafv2Schema,
  networkFirewall: networkFirewallSchema,
  fms: fmsSchema,
  cloudtrail: cloudtrailSchema,
  guardduty: guarddutySchema,
  securityhub: securityhubSchema,
  config: configSchema,
  accessAnalyzer: accessAnalyzerSchema,
  inspector2: inspector2Schema,
  ssm: ssmSchema,
  kms: kmsSchema,
  rds: rdsSchema,
  redshift: redshiftSchema,
  opensearch: opensearchSchema,
  secretsManager: secretsManagerSchema,
  sqs: sqsSchema,
  ecr: ecrSchema,
  glacier: glacierSchema,
  lambda: lambdaSchema,
  ec2UserData: ec2UserDataSchema,
  cloudformation: cloudformationSchema,
  ecs: ecsSchema,
  backup: backupSchema,
  ssoAdmin: ssoAdminSchema,
  cloudwatchLogs: cloudwatchLogsSchema,
  cloudwatch: cloudwatchSchema,
  sns: snsSchema,
  eventbridge: eventbridgeSchema,
  tagging: taggingSchema,
  dynamodb: dynamodbSchema,
  efs: efsSchema,
  autoscaling: autoscalingSchema,
});
export type RegionalSnapshot = z.infer<typeof regionalSchema>;

// ---------- Account and snapshot ----------

export const regionEntrySchema = z.object({
  name: z.string(),
  /** DescribeRegions OptInStatus: opt-in-not-required | opted-in | not-opted-in; null when the answer carried none. */
  optInStatus: z.string().nullable(),
  /** Whether this run collected the Region (enabled and selected by --regions). */
  scanned: z.boolean(),
  /** Why the Region was not scanned, or why its data is missing (e.g. denied by an SCP). */
  note: z.string().nullable(),
});
export type RegionEntry = z.infer<typeof regionEntrySchema>;

export const accountSnapshotSchema = z.object({
  accountId,
  /** The principal the scan ran as (STS GetCallerIdentity). */
  callerArn: z.string().nullable(),
  regions: collectedSchema(z.array(regionEntrySchema)),
  iam: iamSchema,
  account: accountSettingsSchema,
  organizations: organizationsSchema,
  s3: s3Schema,
  cloudfront: cloudfrontSchema,
  wafv2Cloudfront: wafv2CloudfrontSchema,
  shield: shieldSchema,
  /** One entry per scanned Region. */
  regional: z.record(z.string(), regionalSchema),
});
export type AccountSnapshot = z.infer<typeof accountSnapshotSchema>;

export const snapshotSchema = z.object({
  kind: z.literal(SNAPSHOT_KIND),
  schemaVersion: z.literal(SNAPSHOT_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  /** When collection finished; checks use this as "now", never the clock. */
  collectedAt: iso,
  /** aws: a real scan; demo: the bundled demo organization; fixture: built in a test. */
  source: z.enum(['aws', 'demo', 'fixture']),
  accounts: z.array(accountSnapshotSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

/**
 * What the schema cannot say about a snapshot file: it holds at least one account, each account once, and every
 * Region marked scanned has its data (and only those). A snapshot failing these would be evaluated as if the
 * missing parts were fine, so it is rejected. Returns one line per problem.
 */
export function snapshotConsistencyProblems(snapshot: Snapshot): string[] {
  const problems: string[] = [];
  if (snapshot.accounts.length === 0) problems.push('the snapshot holds no account');
  const seen = new Set<string>();
  for (const [i, account] of snapshot.accounts.entries()) {
    const at = `accounts.${i} (${account.accountId})`;
    if (seen.has(account.accountId)) problems.push(`${at}: account ${account.accountId} appears more than once`);
    seen.add(account.accountId);
    if (!account.regions.ok) continue;
    const scanned = account.regions.value.filter((r) => r.scanned).map((r) => r.name);
    for (const name of scanned) {
      if (account.regional[name] === undefined) problems.push(`${at}: Region ${name} is marked scanned but the snapshot has no data for it`);
    }
    for (const name of Object.keys(account.regional)) {
      if (!scanned.includes(name)) problems.push(`${at}: the snapshot has data for Region ${name}, which the Region list does not mark scanned`);
    }
  }
  return problems;
}
