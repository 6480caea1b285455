// The per-Region collectors, in one explicit registry the orchestrator iterates (no filesystem discovery).
import { accessAnalyzerCollector } from './access-analyzer.ts';
import { cloudtrailCollector } from './cloudtrail.ts';
import { configCollector } from './config.ts';
import { ec2Collector } from './ec2.ts';
import { guarddutyCollector } from './guardduty.ts';
import { kmsCollector } from './kms.ts';
import { securityhubCollector } from './securityhub.ts';
import type { RegionalCollector } from '../types.ts';
import { edgeCollector } from '../../services/edge/collector.ts';
import { wafv2Collector } from '../../services/wafv2/collector.ts';
import { fmsCollector, networkFirewallCollector } from '../../services/network-firewall/collector.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';

export { accessAnalyzerCollector, cloudtrailCollector, configCollector, ec2Collector, guarddutyCollector, kmsCollector, securityhubCollector };

/** Any one of the regional collectors, whatever its key. */
export type AnyRegionalCollector = { [K in keyof RegionalSnapshot]: RegionalCollector<K> }[keyof RegionalSnapshot];

/** Every per-Region collector, one per key of RegionalSnapshot (the `satisfies` fails the build if a key is missing). */
export const regionalCollectors = [
  ec2Collector,
  cloudtrailCollector,
  guarddutyCollector,
  securityhubCollector,
  configCollector,
  accessAnalyzerCollector,
  kmsCollector,
  edgeCollector,
  wafv2Collector,
  networkFirewallCollector,
  fmsCollector,
] as const satisfies readonly AnyRegionalCollector[];

// Compile-time proof that the list covers every key of RegionalSnapshot.
type Covered = (typeof regionalCollectors)[number]['key'];
const everyKeyCovered: [keyof RegionalSnapshot] extends [Covered] ? true : never = true;
void everyKeyCovered;
