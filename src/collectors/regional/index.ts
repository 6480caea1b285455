// The per-Region collectors, in one explicit registry the orchestrator iterates (no filesystem discovery).
import { accessAnalyzerCollector } from '../../services/access-analyzer/collector.ts';
import { cloudtrailCollector } from '../../services/cloudtrail/collector.ts';
import { configCollector } from '../../services/config/collector.ts';
import { ec2Collector } from '../../services/ec2/collector.ts';
import { guarddutyCollector } from '../../services/guardduty/collector.ts';
import { kmsCollector } from '../../services/kms/collector.ts';
import { securityhubCollector } from '../../services/securityhub/collector.ts';
import { rdsCollector } from '../../services/rds/collector.ts';
import { redshiftCollector } from '../../services/redshift/collector.ts';
import { opensearchCollector } from '../../services/opensearch/collector.ts';
import { secretsManagerCollector } from '../../services/secrets-manager/collector.ts';
import { sqsCollector } from '../../services/sqs/collector.ts';
import { ecrCollector } from '../../services/ecr/collector.ts';
import { glacierCollector } from '../../services/glacier/collector.ts';
import { ebsCollector } from '../../services/ebs/collector.ts';
import { lambdaCollector } from '../../services/lambda/collector.ts';
import { ec2UserDataCollector } from '../../services/ec2-userdata/collector.ts';
import { cloudformationCollector } from '../../services/cloudformation/collector.ts';
import { ecsCollector } from '../../services/ecs/collector.ts';
import { backupCollector } from '../../services/backup/collector.ts';
import { inspector2Collector } from '../../services/inspector2/collector.ts';
import { ssmCollector } from '../../services/ssm/collector.ts';
import { ssoAdminCollector } from '../../services/sso-admin/collector.ts';
import { cloudwatchLogsCollector } from '../../services/cloudwatch-logs/collector.ts';
import { cloudwatchCollector } from '../../services/cloudwatch/collector.ts';
import { snsCollector } from '../../services/sns/collector.ts';
import { eventbridgeCollector } from '../../services/eventbridge/collector.ts';
import { taggingCollector } from '../../services/tagging/collector.ts';
import type { RegionalCollector } from '../types.ts';
import { edgeCollector } from '../../services/edge/collector.ts';
import { wafv2Collector } from '../../services/wafv2/collector.ts';
import { fmsCollector, networkFirewallCollector } from '../../services/network-firewall/collector.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { dynamodbCollector } from '../../services/dynamodb/collector.ts';
import { efsCollector } from '../../services/efs/collector.ts';
import { autoscalingCollector } from '../../services/autoscaling/collector.ts';

export { accessAnalyzerCollector, cloudtrailCollector, configCollector, ec2Collector, guarddutyCollector, kmsCollector, securityhubCollector };

/** Any one of the regional collectors, whatever its key. */
export type AnyRegionalCollector = { [K in keyof RegionalSnapshot]: RegionalCollector<K> }[keyof RegionalSnapshot];

/** Every per-Region collector, one per key of RegionalSnapshot (the `satisfies` fails the build if a key is missing). */
export const regionalCollectors = [
  ec2Collector,
  ebsCollector,
  cloudtrailCollector,
  guarddutyCollector,
  securityhubCollector,
  configCollector,
  accessAnalyzerCollector,
  kmsCollector,
  rdsCollector,
  redshiftCollector,
  opensearchCollector,
  secretsManagerCollector,
  sqsCollector,
  ecrCollector,
  glacierCollector,
  lambdaCollector,
  ec2UserDataCollector,
  cloudformationCollector,
  ecsCollector,
  backupCollector,
  inspector2Collector,
  ssmCollector,
  ssoAdminCollector,
  cloudwatchLogsCollector,
  cloudwatchCollector,
  snsCollector,
  eventbridgeCollector,
  taggingCollector,
  edgeCollector,
  wafv2Collector,
  networkFirewallCollector,
  fmsCollector,
  dynamodbCollector,
  efsCollector,
  autoscalingCollector,
] as const satisfies readonly AnyRegionalCollector[];

// Compile-time proof that the list covers every key of RegionalSnapshot.
type Covered = (typeof regionalCollectors)[number]['key'];
const everyKeyCovered: [keyof RegionalSnapshot] extends [Covered] ? true : never = true;
void everyKeyCovered;
