// Network Firewall and Firewall Manager slices (per Region): the firewalls with the VPC each sits in, and Firewall
// Manager's administrator and, in the administrator account, its policies with their non-compliant members.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const networkFirewallSchema = z.object({
  firewalls: collectedSchema(z.array(z.object({ name: z.string(), arn: z.string(), vpcId: z.string() }))),
});
export type NetworkFirewallSlice = z.infer<typeof networkFirewallSchema>;

export const fmsPolicySchema = z.object({
  policyId: z.string(),
  name: z.string(),
  /** SecurityServiceType: WAFV2, SECURITY_GROUPS_CONTENT_AUDIT, NETWORK_FIREWALL, … */
  type: z.string(),
  /** ListComplianceStatus: member accounts with a NON_COMPLIANT evaluation result. */
  nonCompliantAccounts: collectedSchema(z.array(z.string())),
});
export type FmsPolicy = z.infer<typeof fmsPolicySchema>;

export const fmsSchema = z.object({
  /** GetAdminAccount; null when no Firewall Manager administrator is set (ResourceNotFoundException). */
  adminAccount: collectedSchema(z.string().nullable()),
  /** ListPolicies, read only in the administrator account; null elsewhere (not asked: only the administrator may). */
  policies: collectedSchema(z.array(fmsPolicySchema).nullable()),
});
export type FmsSlice = z.infer<typeof fmsSchema>;
