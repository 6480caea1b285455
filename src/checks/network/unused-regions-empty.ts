// unused-regions-empty: no resources in Regions outside the approved list (controls.md 1.G). Judged by direct
// enumeration of what this snapshot collects per Region (the row's fallback to a Resource Explorer aggregator
// search, which Rampart does not collect yet): live EC2 instances, network interfaces, non-default VPCs and security
// groups, launch templates, load balancers, API Gateway APIs, network firewalls and customer-managed KMS keys. Default VPC artefacts and security-service artefacts
// (GuardDuty detectors, Config recorders, Access Analyzers, trails) are not counted. The finding names the kinds
// enumerated, so an empty result is read for what it covers.
import type { CheckResult } from '../../findings/finding.ts';
import type { Collected, CollectError } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

interface Kind {
  kind: string;
  /** The ids of non-default resources of the kind in the Region, or the error that hides them. */
  ids(data: RegionalSnapshot): Collected<string[]>;
}

function from<T>(c: Collected<readonly T[]>, pick: (item: T) => string | null): Collected<string[]> {
  return c.ok ? { ok: true, value: c.value.flatMap((i) => (pick(i) === null ? [] : [pick(i)!])) } : c;
}

/** What the direct enumeration covers, from slices this snapshot has. */
export const ENUMERATED: readonly Kind[] = [
  { kind: 'EC2 instances', ids: (d) => from(d.ec2.instances, (i) => i.instanceId) },
  { kind: 'network interfaces', ids: (d) => from(d.ec2.networkInterfaces, (e) => e.networkInterfaceId) },
  { kind: 'non-default VPCs', ids: (d) => from(d.ec2.vpcs, (v) => (v.isDefault ? null : v.vpcId)) },
  { kind: 'non-default security groups', ids: (d) => from(d.ec2.securityGroups, (g) => (g.groupName === 'default' ? null : g.groupId)) },
  { kind: 'launch templates', ids: (d) => from(d.ec2.launchTemplates, (t) => t.launchTemplateId) },
  { kind: 'load balancers', ids: (d) => from(d.edge.loadBalancers, (l) => l.name) },
  { kind: 'API Gateway REST APIs', ids: (d) => from(d.edge.restApis, (a) => a.id) },
  { kind: 'API Gateway HTTP/WebSocket APIs', ids: (d) => from(d.edge.httpApis, (a) => a.apiId) },
  { kind: 'network firewalls', ids: (d) => from(d.networkFirewall.firewalls, (f) => f.name) },
  {
    kind: 'customer-managed KMS keys',
    ids: (d) => {
      if (!d.kms.keys.ok) return d.kms.keys;
      const unreadable = d.kms.keys.value.find((k) => !k.metadata.ok);
      if (unreadable && !unreadable.metadata.ok) return { ok: false, error: unreadable.metadata.error };
      return { ok: true, value: d.kms.keys.value.flatMap((k) => (k.metadata.ok && k.metadata.value.keyManager === 'CUSTOMER' ? [k.keyId] : [])) };
    },
  },
];

export default defineCheck({
  meta: {
    id: 'unused-regions-empty',
    title: 'No resources in Regions outside the approved list',
    severity: 'medium',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'Resources in Regions nobody is supposed to use escape the team\'s monitoring and cost review, and are a classic sign of compromise (crypto-mining instances launched far from home).',
    remediation: {
      text: 'Find out who created the resources; delete them (or move the workload to an approved Region), then deny the Region with an SCP so nothing is created there again.',
      cli: 'aws resource-explorer-2 search --query-string "region:<region>" --region <aggregator-region>',
    },
    references: ['https://docs.aws.amazon.com/resource-explorer/latest/userguide/using-search.html', 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html'],
    compliance: { sources: ['001', '002'] },
    fixable: false,
    reads: [
      'regional.*.ec2.instances',
      'regional.*.ec2.networkInterfaces',
      'regional.*.ec2.vpcs',
      'regional.*.ec2.securityGroups',
      'regional.*.ec2.launchTemplates',
      'regional.*.edge.loadBalancers',
      'regional.*.edge.restApis',
      'regional.*.edge.httpApis',
      'regional.*.networkFirewall.firewalls',
      'regional.*.kms.keys',
    ],
  },
  /** allowedRegions: the approved Regions. Empty = no list configured, and the check has nothing to judge. */
  defaultOptions: { allowedRegions: [] as string[] },
  evaluate(ctx) {
    const allowed = new Set(ctx.options.allowedRegions);
    // without the Region list (DescribeRegions refused, or nothing of the account collected) the scan's Regions are
    // not known to be all there is: unknown, even with no approved list configured
    if (!ctx.account.regions.ok) return [ctx.error(ctx.accountResource(), ctx.account.regions.error, "could not read the account's Regions")];
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      if (allowed.size === 0) {
        results.push(ctx.notApplicable(regionResource(region), 'no approved Region list is configured (option allowedRegions), so no Region is unapproved', { region }));
        continue;
      }
      if (allowed.has(region)) {
        results.push(ctx.notApplicable(regionResource(region), `${region} is an approved Region`, { region }));
        continue;
      }
      const found: Record<string, string[]> = {};
      let unreadable: { kind: string; error: CollectError } | undefined;
      for (const k of ENUMERATED) {
        const ids = k.ids(data);
        if (!ids.ok) {
          unreadable ??= { kind: k.kind, error: ids.error };
          continue;
        }
        if (ids.value.length > 0) found[k.kind] = ids.value;
      }
      const enumerated = ENUMERATED.map((k) => k.kind);
      const evidence = { enumerated, found, source: 'direct enumeration (no Resource Explorer aggregator search)' };
      if (Object.keys(found).length > 0) {
        const what = Object.entries(found).map(([kind, ids]) => `${ids.length} ${kind} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})`);
        results.push(ctx.fail(regionResource(region), `${region} is not an approved Region but holds ${what.join('; ')}`, { region, evidence, remediationValues: { region } }));
        continue;
      }
      if (unreadable !== undefined) {
        // an unreadable kind could hold resources: no pass; a closed Region (SCP, config) is not_applicable
        const r = readInRegion(ctx, { ok: false, error: unreadable.error }, `${unreadable.kind}`, region);
        if (!r.ok) results.push(r.result);
        continue;
      }
      results.push(ctx.pass(regionResource(region), `${region} is not an approved Region and holds none of: ${enumerated.join(', ')}`, { region, evidence }));
    }
    return results;
  },
});
