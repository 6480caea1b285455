// Registry of the logging checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import cloudtrailMultiRegion from './cloudtrail-multi-region.ts';
import cloudtrailLogValidation from './cloudtrail-log-validation.ts';
import cloudtrailKms from './cloudtrail-kms.ts';
import configRecorderAllRegions from './config-recorder-all-regions.ts';
import edgeLogsCentralized from './edge-logs-centralized.ts';

export const checks: Check[] = [
  cloudtrailMultiRegion as Check,
  cloudtrailLogValidation as Check,
  cloudtrailKms as Check,
  configRecorderAllRegions as Check,
  edgeLogsCentralized as Check,
];
