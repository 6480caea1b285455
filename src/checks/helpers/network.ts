// Security-group rule evaluation shared by the sg-* checks (controls.md 1.G, "Security-group rule evaluation"):
// which rules are open to the internet, which ports and protocols they cover, and where the group is attached.
import type { Collected, CollectError } from '../../inventory/collected.ts';
import type { PrefixList, SecurityGroupRule } from '../../inventory/snapshot.ts';

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
