// Network Firewall collector (ListFirewalls, then DescribeFirewall per firewall for its VPC: the list carries names
// only) and Firewall Manager collector (GetAdminAccount; in the administrator account ListPolicies and, per policy,
// ListComplianceStatus). Both per Region: firewalls and FMS policies are regional.
import { FMSClient, GetAdminAccountCommand, paginateListComplianceStatus, paginateListPolicies } from '@aws-sdk/client-fms';
import { DescribeFirewallCommand, NetworkFirewallClient, paginateListFirewalls } from '@aws-sdk/client-network-firewall';
import { drain } from '../../collectors/collect.ts';
import { need, read, readOrAbsent } from '../../collectors/shape.ts';
import { regionalClient } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import type { FmsPolicy, FmsSlice, NetworkFirewallSlice } from './schema.ts';

export const NETWORK_FIREWALL_OPS = { list: 'network-firewall:ListFirewalls', describe: 'network-firewall:DescribeFirewall' } as const;
export const FMS_OPS = { admin: 'fms:GetAdminAccount', policies: 'fms:ListPolicies', compliance: 'fms:ListComplianceStatus' } as const;

export const networkFirewallCollector: RegionalCollector<'networkFirewall'> = {
  key: 'networkFirewall',
  operations: Object.values(NETWORK_FIREWALL_OPS),
  async collect(ctx): Promise<NetworkFirewallSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, NetworkFirewallClient);
    const listed = await read(NETWORK_FIREWALL_OPS.list, region, () => limiter.run(async () => drain(paginateListFirewalls({ client, pageSize: 100 }, {}), (p) => p.Firewalls)));
    if (!listed.ok) return { firewalls: listed };
    const firewalls = await read(NETWORK_FIREWALL_OPS.describe, region, () =>
      Promise.all(
        listed.value.map((f) =>
          limiter.run(async () => {
            const arn = need(f.FirewallArn, 'FirewallMetadata.FirewallArn');
            const fw = need((await client.send(new DescribeFirewallCommand({ FirewallArn: arn }))).Firewall, 'Firewall');
            return { name: need(fw.FirewallName ?? f.FirewallName, 'Firewall.FirewallName'), arn, vpcId: need(fw.VpcId, 'Firewall.VpcId') };
          }),
        ),
      ),
    );
    return { firewalls };
  },
};

export const fmsCollector: RegionalCollector<'fms'> = {
  key: 'fms',
  operations: Object.values(FMS_OPS),
  async collect(ctx): Promise<FmsSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, FMSClient);
    // no administrator associated: GetAdminAccount answers ResourceNotFoundException (the association does not exist)
    const adminAccount = await readOrAbsent(FMS_OPS.admin, region, ['ResourceNotFoundException'], () =>
      limiter.run(async () => need((await client.send(new GetAdminAccountCommand({}))).AdminAccount, 'AdminAccount')),
    );
    if (!adminAccount.ok) return { adminAccount, policies: adminAccount };
    if (adminAccount.value !== ctx.accountId) return { adminAccount, policies: { ok: true, value: null } };
    const listed = await read(FMS_OPS.policies, region, () => limiter.run(async () => drain(paginateListPolicies({ client, pageSize: 100 }, {}), (p) => p.PolicyList)));
    if (!listed.ok) return { adminAccount, policies: listed };
    const policies = await Promise.all(
      listed.value.map(async (p): Promise<FmsPolicy> => {
        const policyId = need(p.PolicyId, 'PolicySummary.PolicyId');
        const nonCompliantAccounts = await read(FMS_OPS.compliance, region, () =>
          limiter.run(async () =>
            (await drain(paginateListComplianceStatus({ client, pageSize: 100 }, { PolicyId: policyId }), (x) => x.PolicyComplianceStatusList)).flatMap((s) =>
              (s.EvaluationResults ?? []).some((r) => r.ComplianceStatus === 'NON_COMPLIANT') && s.MemberAccount ? [s.MemberAccount] : [],
            ),
          ),
        );
        return { policyId, name: p.PolicyName ?? policyId, type: need(p.SecurityServiceType, 'PolicySummary.SecurityServiceType'), nonCompliantAccounts };
      }),
    );
    return { adminAccount, policies: { ok: true, value: policies } };
  },
};
