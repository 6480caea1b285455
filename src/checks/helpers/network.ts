// Security-group rule evaluation shared by the sg-* checks (controls.md 1.G, "Security-group rule evaluation"):
// which rules are open to the internet, which ports and protocols they cover, and where the group is attached.
import type { Collected, CollectError } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import type {
  PrefixList,
  RouteTable,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
} from '../../services/ec2/schema.ts';
import { severities, type CheckResult, type ResourceRef, type Severity } from '../../findings/finding.ts';
import type { CheckContext } from '../define.ts';
import { noneInRegion, readInRegion, regionResource } from './regional.ts';

export const ANY_IPV4 = '0.0.0.0/0';
export const ANY_IPV6 = '::/0';

export type Transport = 'tcp' | 'udp';

/** The internet-wide sources a rule names directly: IPv4 and IPv6 are separate findings (CIS 5.2 / 5.3). */
export function openSources(rule: SecurityGroupRule): OpenSource[] {
  const out: OpenSource[] = [];
  if (rule.cidrIpv4?.trim() === ANY_IPV4) out.push({ family: 'ipv4', cidr: ANY_IPV4 });
  if (rule.cidrIpv6?.trim() === ANY_IPV6) out.push({ family: 'ipv6', cidr: ANY_IPV6 });
  return out;
}

export type OpenSource = { family: 'ipv4' | 'ipv6'; cidr: string };

/** What the managed prefix list a rule references lets in: its internet-wide entries, or why that is unknown. */
export type PrefixListSources = { known: true; prefixListId: string; open: OpenSource[] } | { known: false; prefixListId: string; error: CollectError };

/**
 * The internet-wide entries (0.0.0.0/0, ::/0) of the prefix list a rule references, which make the rule as open as
 * the CIDR itself (controls.md 1.G); undefined when the rule names no prefix list. When the list's entries (or the
 * Region's list of referenced prefix lists) could not be read, the collection error says why.
 */
export function prefixListSources(rule: SecurityGroupRule, lists: Collected<readonly PrefixList[]>, region: string): PrefixListSources | undefined {
  const prefixListId = rule.prefixListId;
  if (prefixListId === null) return undefined;
  if (!lists.ok) return { known: false, prefixListId, error: lists.error };
  const list = lists.value.find((l) => l.prefixListId === prefixListId);
  if (list === undefined) {
    return {
      known: false,
      prefixListId,
      error: {
        code: 'NotCollected',
        operation: 'ec2:GetManagedPrefixListEntries',
        message: `the entries of prefix list ${prefixListId}, referenced by rule ${rule.ruleId}, are not in the snapshot`,
        region,
      },
    };
  }
  if (!list.cidrs.ok) return { known: false, prefixListId, error: list.cidrs.error };
  const cidrs = new Set(list.cidrs.value.map((c) => c.trim()));
  const open: OpenSource[] = [];
  if (cidrs.has(ANY_IPV4)) open.push({ family: 'ipv4', cidr: ANY_IPV4 });
  if (cidrs.has(ANY_IPV6)) open.push({ family: 'ipv6', cidr: ANY_IPV6 });
  return { known: true, prefixListId, open };
}

/** Protocol -1 means every protocol; otherwise the name or IANA number (tcp = 6, udp = 17). */
function protocolCovers(ipProtocol: string, transport: Transport): boolean {
  const p = ipProtocol.trim().toLowerCase();
  if (p === '-1' || p === 'all') return true;
  return transport === 'tcp' ? p === 'tcp' || p === '6' : p === 'udp' || p === '17';
}

/**
 * Whether the rule lets `transport` traffic reach `port`. Protocol -1 covers every port (AWS reports its
 * ports as -1 or absent); a missing or -1 bound on a tcp/udp rule is read as open-ended, so an odd shape
 * errs towards reporting rather than hiding exposure.
 */
/** Protocol of the rule as a name for messages and matching: tcp, udp, icmp, icmpv6, all, or the number. */
export function protocolName(ipProtocol: string): string {
  const p = ipProtocol.trim().toLowerCase();
  return ({ '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' } as Record<string, string>)[p] ?? p;
}

export function ruleCovers(rule: SecurityGroupRule, transport: Transport, port: number): boolean {
  if (!protocolCovers(rule.ipProtocol, transport)) return false;
  if (rule.ipProtocol.trim() === '-1') return true;
  const from = rule.fromPort === null || rule.fromPort === -1 ? 0 : rule.fromPort;
  const to = rule.toPort === null || rule.toPort === -1 ? 65535 : rule.toPort;
  return from <= port && port <= to;
}

export function describePorts(rule: SecurityGroupRule): string {
  if (rule.ipProtocol.trim() === '-1') return 'all protocols and ports';
  if (rule.fromPort === null || rule.fromPort === -1) return `${rule.ipProtocol} all ports`;
  return rule.fromPort === rule.toPort ? `${rule.ipProtocol} ${rule.fromPort}` : `${rule.ipProtocol} ${rule.fromPort}-${rule.toPort}`;
}

export interface Attachment {
  /** Whether the ENI list could be read; when false, nothing is known about attachment. */
  known: boolean;
  interfaces: string[];
  publicIps: string[];
}

/** Where a security group is attached, from the Region's ENIs. */
export function attachmentOf(
  groupId: string,
  enis: ReadonlyArray<{ networkInterfaceId: string; groupIds: readonly string[]; publicIp: string | null }> | undefined,
): Attachment {
  if (enis === undefined) return { known: false, interfaces: [], publicIps: [] };
  const using = enis.filter((e) => e.groupIds.includes(groupId));
  return {
    known: true,
    interfaces: using.map((e) => e.networkInterfaceId),
    publicIps: using.flatMap((e) => (e.publicIp === null ? [] : [e.publicIp])),
  };
}

// ---------- one evaluation for every sg-open-* check ----------

/** A rule's resource: the id names the group too, so a reader can find the rule without looking up sgr- ids. */
export function ruleResource(group: SecurityGroup, rule: SecurityGroupRule, region: string, accountId: string): ResourceRef {
  return {
    type: 'AwsEc2SecurityGroupRule',
    id: `${group.groupId}/${rule.ruleId}`,
    arn: `arn:aws:ec2:${region}:${accountId}:security-group-rule/${rule.ruleId}`,
  };
}

export function groupLabel(g: { groupId: string; groupName: string }): string {
  return g.groupName === g.groupId ? g.groupId : `${g.groupName} (${g.groupId})`;
}

/**
 * Severity per the 1.G paragraph: attached to nothing → info (nothing is reachable until the group is used);
 * attached to an ENI with a public IP → one level up from the catalog's (capped at critical); otherwise the catalog's.
 * When the ENI list could not be read, attachment is unknown and the catalog severity stands rather than a guess
 * downwards. undefined = the check's own severity.
 */
export function exposureSeverity(a: Attachment, catalog: Severity): Severity | undefined {
  if (a.known && a.interfaces.length === 0) return 'info';
  if (a.known && a.publicIps.length > 0 && catalog !== 'critical') return severities[severities.indexOf(catalog) + 1];
  return undefined;
}

export function attachmentText(a: Attachment, eniError: string | undefined): string {
  if (!a.known) return `; whether the group is attached to anything could not be read (${eniError ?? 'unknown'}), so it is treated as in use`;
  if (a.interfaces.length === 0) return '; the group is not attached to any network interface, so nothing is exposed until it is used';
  if (a.publicIps.length > 0) return `; the group is attached to network interface(s) with public IP ${a.publicIps.join(', ')}, so the port is reachable from the internet now`;
  return `; the group is attached to ${a.interfaces.join(', ')} (no public IP seen)`;
}

/** What one sg-open-* check looks for in the open-to-internet ingress rules. */
export interface OpenIngressSpec {
  /** The catalog severity, the base of exposureSeverity. */
  severity: Severity;
  /** fail, or the catalog's warn (sg-open-other-ports). */
  verdict: 'fail' | 'warn';
  /**
   * What of this check's concern the rule lets in (labels such as `tcp 3306 (MySQL)`); empty = not this check's
   * business. `attachment` is where the rule's group is attached (for exemptions that depend on it).
   */
  match(rule: SecurityGroupRule, group: SecurityGroup, attachment: Attachment, region: string): string[];
  /** Evidence added per address family (e.g. the CIS number, 5.2 for IPv4 and 5.3 for IPv6). */
  familyEvidence?(family: OpenSource['family']): Record<string, unknown>;
  /** The Region pass, e.g. `no security-group ingress rule in eu-west-1 allows SSH (22) or RDP (3389) from the internet`. */
  passMessage(region: string): string;
}

type EniRow = { networkInterfaceId: string; groupIds: readonly string[]; publicIp: string | null };

/**
 * The shared body of the sg-open-* checks (controls.md 1.G "Security-group rule evaluation"): per Region, every
 * ingress rule open to the internet (0.0.0.0/0, ::/0, or a prefix list holding one of them) that `spec.match`
 * flags yields one fail/warn per address family; a prefix-list rule whose entries could not be read is an error;
 * a Region with nothing flagged gets one pass; unreadable groups → error (or not_applicable when the Region is
 * shown closed); no groups → not_applicable.
 */
export function evaluateOpenIngress<O>(
  ctx: CheckContext<O>,
  spec: OpenIngressSpec,
  groupsOf: (data: RegionalSnapshot) => { groups: Collected<readonly SecurityGroup[]>; prefixLists: Collected<readonly PrefixList[]>; enis: Collected<readonly EniRow[]> } = (d) => ({
    groups: d.ec2.securityGroups,
    prefixLists: d.ec2.prefixLists,
    enis: d.ec2.networkInterfaces,
  }),
): CheckResult[] {
  const results: CheckResult[] = [];
  for (const [region, data] of ctx.regions()) {
    const { groups: groupsRead, prefixLists, enis } = groupsOf(data);
    const groups = readInRegion(ctx, groupsRead, 'security groups', region);
    if (!groups.ok) {
      results.push(groups.result);
      continue;
    }
    if (groups.value.length === 0) {
      results.push(noneInRegion(ctx, region, 'security groups'));
      continue;
    }
    const eniError = enis.ok ? undefined : `${enis.error.code} on ${enis.error.operation}`;
    let flagged = 0;
    let rulesChecked = 0;
    for (const group of groups.value) {
      const attachment = attachmentOf(group.groupId, enis.ok ? enis.value : undefined);
      for (const rule of group.rules) {
        if (rule.isEgress) continue;
        rulesChecked++;
        const prefixList = prefixListSources(rule, prefixLists, region);
        const open = [
          ...openSources(rule).map((src) => ({ ...src, prefixListId: null as string | null })),
          ...(prefixList?.known ? prefixList.open.map((src) => ({ ...src, prefixListId: prefixList.prefixListId as string | null })) : []),
        ];
        const unknownList = open.length === 0 && prefixList !== undefined && !prefixList.known ? prefixList : undefined;
        if (open.length === 0 && unknownList === undefined) continue;
        const services = spec.match(rule, group, attachment, region);
        if (services.length === 0) continue;
        const evidence = {
          groupId: group.groupId,
          groupName: group.groupName,
          vpcId: group.vpcId,
          ruleId: rule.ruleId,
          ipProtocol: rule.ipProtocol,
          fromPort: rule.fromPort,
          toPort: rule.toPort,
          services,
          attachedInterfaces: attachment.known ? attachment.interfaces : null,
          publicIps: attachment.known ? attachment.publicIps : null,
        };
        const resource = ruleResource(group, rule, region, ctx.account.accountId);
        // Name the rule's full reach when it is wider than a single port (a range or all traffic).
        const scope = rule.ipProtocol.trim() !== '-1' && rule.fromPort === rule.toPort ? '' : ` (the rule covers ${describePorts(rule)})`;
        for (const src of open) {
          flagged++;
          const severity = exposureSeverity(attachment, spec.severity);
          const who = src.family === 'ipv4' ? 'any IPv4 address' : 'any IPv6 address';
          const via = src.prefixListId === null ? '' : ` through prefix list ${src.prefixListId}, which contains ${src.cidr}`;
          const message = `security group ${groupLabel(group)} rule ${rule.ruleId} allows ${services.join(', ')} from ${src.cidr} (${who})${via}${scope}${attachmentText(attachment, eniError)}`;
          const extra = {
            region,
            ...(severity === undefined ? {} : { severity }),
            remediationValues: { 'sg-id': group.groupId, 'sgr-id': rule.ruleId },
            evidence: {
              ...evidence,
              cidr: src.cidr,
              family: src.family,
              ...(src.prefixListId === null ? {} : { prefixListId: src.prefixListId }),
              ...(spec.familyEvidence?.(src.family) ?? {}),
            },
          };
          results.push(spec.verdict === 'fail' ? ctx.fail(resource, message, extra) : ctx.warn(resource, message, extra));
        }
        // A prefix list whose entries could not be read may or may not contain 0.0.0.0/0 or ::/0: no verdict on
        // that rule, rather than a guess either way.
        if (unknownList !== undefined) {
          flagged++;
          results.push(
            ctx.error(
              resource,
              unknownList.error,
              `security group ${groupLabel(group)} rule ${rule.ruleId} allows ${services.join(', ')} from prefix list ${unknownList.prefixListId}, whose entries could not be read, so whether it includes 0.0.0.0/0 or ::/0 is unknown`,
              { region, evidence: { ...evidence, prefixListId: unknownList.prefixListId } },
            ),
          );
        }
      }
    }
    if (flagged === 0) {
      results.push(ctx.pass(regionResource(region), spec.passMessage(region), { region, evidence: { securityGroups: groups.value.length, ingressRules: rulesChecked } }));
    }
  }
  return results;
}

/** A port list as the catalog writes it (`1433-1434`, `3306`), each entry with what it serves. */
export interface PortRange {
  from: number;
  to: number;
  label: string;
}

/** Whether a tcp/udp rule reaches any port of the range (a rule range overlapping it). Protocol -1 always does. */
export function ruleCoversRange(rule: SecurityGroupRule, transport: Transport, from: number, to: number): boolean {
  if (!protocolCovers(rule.ipProtocol, transport)) return false;
  if (rule.ipProtocol.trim() === '-1') return true;
  const rf = rule.fromPort === null || rule.fromPort === -1 ? 0 : rule.fromPort;
  const rt = rule.toPort === null || rule.toPort === -1 ? 65535 : rule.toPort;
  return rf <= to && from <= rt;
}

/** Whether the rule lets in every port of tcp or udp (or every protocol): what sg-open-all-ports flags. */
export function ruleIsAllPorts(rule: SecurityGroupRule): boolean {
  if (rule.ipProtocol.trim() === '-1' || rule.ipProtocol.trim().toLowerCase() === 'all') return true;
  const transport = protocolCovers(rule.ipProtocol, 'tcp') || protocolCovers(rule.ipProtocol, 'udp');
  if (!transport) return false;
  const rf = rule.fromPort === null || rule.fromPort === -1 ? 0 : rule.fromPort;
  const rt = rule.toPort === null || rule.toPort === -1 ? 65535 : rule.toPort;
  return rf <= 0 && rt >= 65535;
}

/** `1433-1434` or `3306` → a range; undefined when the text is not a port or port range. */
export function parsePortRange(text: string): { from: number; to: number } | undefined {
  const m = /^\s*(\d{1,5})(?:\s*-\s*(\d{1,5}))?\s*$/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from <= to && to <= 65535 ? { from, to } : undefined;
}

// ---------- subnets and route tables ----------

/**
 * The route table that serves a subnet: its explicit association, else the VPC's main table (AWS's rule).
 * undefined when neither is in the list (a table created or deleted between the calls).
 */
export function routeTableOf(subnet: Subnet, tables: readonly RouteTable[]): RouteTable | undefined {
  return tables.find((t) => t.subnetIds.includes(subnet.subnetId)) ?? tables.find((t) => t.main && t.vpcId === subnet.vpcId);
}

/** The internet-gateway routes of a table (0.0.0.0/0 or ::/0 to an igw-…, not blackholed): what makes a subnet public. */
export function internetGatewayRoutes(table: RouteTable): RouteTable['routes'] {
  return table.routes.filter(
    (r) =>
      r.gatewayId !== null &&
      r.gatewayId.startsWith('igw-') &&
      r.state !== 'blackhole' &&
      (r.destinationCidrBlock?.trim() === ANY_IPV4 || r.destinationIpv6CidrBlock?.trim() === ANY_IPV6),
  );
}

/** Whether a subnet is public (its route table sends internet-wide traffic to an internet gateway); undefined when its table is unknown. */
export function isPublicSubnet(subnet: Subnet, tables: readonly RouteTable[]): boolean | undefined {
  const table = routeTableOf(subnet, tables);
  return table === undefined ? undefined : internetGatewayRoutes(table).length > 0;
}
