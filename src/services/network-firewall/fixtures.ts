// Fixture defaults for the Network Firewall and Firewall Manager slices: no firewall, no FMS administrator.
import { ok } from '../../inventory/collected.ts';
import type { FmsPolicy, FmsSlice, NetworkFirewallSlice } from './schema.ts';

export function emptyNetworkFirewall(): NetworkFirewallSlice {
  return { firewalls: ok([]) };
}

export function emptyFms(): FmsSlice {
  return { adminAccount: ok(null), policies: ok(null) };
}

export function fmsPolicy(name: string, type: string, nonCompliantAccounts: string[] = []): FmsPolicy {
  return { policyId: `${name}-id`, name, type, nonCompliantAccounts: ok(nonCompliantAccounts) };
}
