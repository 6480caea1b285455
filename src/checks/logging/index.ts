// Registry of the logging checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import cloudtrailOrgTrail from './cloudtrail-org-trail.ts';
import cloudtrailMultiRegion from './cloudtrail-multi-region.ts';
import cloudtrailLogValidation from './cloudtrail-log-validation.ts';
import cloudtrailKms from './cloudtrail-kms.ts';
import cloudtrailBucketNotPublic from './cloudtrail-bucket-not-public.ts';
import cloudtrailBucketVersioning from './cloudtrail-bucket-versioning.ts';
import cloudtrailBucketLifecycle from './cloudtrail-bucket-lifecycle.ts';
import cloudtrailBucketDeleteProtection from './cloudtrail-bucket-delete-protection.ts';
import cloudtrailCloudwatchLogs from './cloudtrail-cloudwatch-logs.ts';
import cisMonitoringAlarms from './cis-monitoring-alarms.ts';
import securityAlertPipeline from './security-alert-pipeline.ts';
import configRecorderAllRegions from './config-recorder-all-regions.ts';
import configOrgAggregator from './config-org-aggregator.ts';
import configRuleRestrictedSsh from './config-rule-restricted-ssh.ts';
import vpcFlowLogs from './vpc-flow-logs.ts';
import edgeLogsCentralized from './edge-logs-centralized.ts';

export const checks: Check[] = [
  cloudtrailOrgTrail as Check,
  cloudtrailMultiRegion as Check,
  cloudtrailLogValidation as Check,
  cloudtrailKms as Check,
  cloudtrailBucketNotPublic as Check,
  cloudtrailBucketVersioning as Check,
  cloudtrailBucketLifecycle as Check,
  cloudtrailBucketDeleteProtection as Check,
  cloudtrailCloudwatchLogs as Check,
  cisMonitoringAlarms as Check,
  securityAlertPipeline as Check,
  configRecorderAllRegions as Check,
  configOrgAggregator as Check,
  configRuleRestrictedSsh as Check,
  vpcFlowLogs as Check,
  edgeLogsCentralized as Check,
];
