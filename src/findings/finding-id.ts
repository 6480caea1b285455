// The stable identity of a finding across scans: check + account + Region + resource. History, diff, ASFF ids and
// SARIF fingerprints all use it, so "the same problem on the same resource" is recognised from one scan to the next.
import type { Finding } from './finding.ts';

export type FindingKey = Pick<Finding, 'checkId' | 'accountId' | 'region' | 'resource'>;

/** `checkId|accountId|region-or-global|resourceType/resourceId`; never contains evidence or messages. */
export function findingId(f: FindingKey): string {
  return [f.checkId, f.accountId, f.region ?? 'global', `${f.resource.type}/${f.resource.id}`].join('|');
}
