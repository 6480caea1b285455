// Security-group rule evaluation shared by the sg-* checks (controls.md 1.G, "Security-group rule evaluation"):
// which rules are open to the internet, which ports and protocols they cover, and where the group is attached.
import type { SecurityGroupRule } from '../../inventory/snapshot.ts';

export const ANY_IPV4 = '0.0.0.0/0';
export const ANY_IPV6 = '::/0';

export type Transport = 'tcp' | 'udp';

/** The internet-wide sources a rule names directly: IPv4 and IPv6 are separate findings (CIS 5.2 / 5.3). */
export function openSources(rule: SecurityGroupRule): Array<{ family: 'ipv4' | 'ipv6'; cidr: string }> {
  const out: Array<{ family: 'ipv4' | 'ipv6'; cidr: string }> = [];
  if (rule.cidrIpv4?.trim() === ANY_IPV4) out.push({ family: 'ipv4', cidr: ANY_IPV4 });
  if (rule.cidrIpv6?.trim() === ANY_IPV6) out.push({ family: 'ipv6', cidr: ANY_IPV6 });
  return out;
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
