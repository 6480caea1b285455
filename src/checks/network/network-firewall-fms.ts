// network-firewall-fms: when the config requires it (option `required`), every VPC with an internet gateway has an
// AWS Network Firewall, and Firewall Manager has a WAFV2 or SECURITY_GROUPS_CONTENT_AUDIT policy with no
// non-compliant member (controls.md 1.G). "VPC with an internet gateway" = a route table of the VPC routes 0.0.0.0/0
// or ::/0 to an igw-… (a gateway attached but routed nowhere exposes nothing). Firewall Manager is judged in its
// administrator account; other accounts say where.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { FmsPolicy } from '../../services/network-firewall/schema.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { internetGatewayRoutes } from '../helpers/network.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

const AUDIT_TYPES = ['WAFV2', 'SECURITY_GROUPS_CONTENT_AUDIT'];

export default defineCheck({
  meta: {
    id: 'network-firewall-fms',
    title: 'Network Firewall / Firewall Manager policies in place (when configured)',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsEc2Vpc',
    rationale:
      'Where the design calls for it, a Network Firewall on internet-connected VPCs filters traffic that security groups cannot (domains, protocols, intrusion signatures), and Firewall Manager keeps WAF and security-group baselines enforced across every account.',
    remediation: {
      text: 'Deploy an AWS Network Firewall in each internet-connected VPC (or centrally through Firewall Manager), and create Firewall Manager WAFV2 and security-group audit policies from the administrator account; fix the members the policies report non-compliant.',
      cli: 'aws fms list-compliance-status --policy-id <policy-id> --region <region>',
    },
    references: ['https://docs.aws.amazon.com/network-firewall/latest/developerguide/what-is-aws-network-firewall.html', 'https://docs.aws.amazon.com/waf/latest/developerguide/fms-chapter.html'],
    compliance: { prowler: ['networkfirewall_in_all_vpc', 'fms_policy_compliant'], sources: ['001', '003'] },
    fixable: false,
    reads: ['regional.*.ec2.vpcs', 'regional.*.ec2.routeTables', 'regional.*.networkFirewall.firewalls', 'regional.*.fms.adminAccount', 'regional.*.fms.policies'],
  },
  /** required: whether this account/organization must use Network Firewall and Firewall Manager; off by default. */
  defaultOptions: { required: false },
  evaluate(ctx) {
    const self = ctx.accountResource();
    // an account whose data could not be collected at all (e.g. its audit role could not be assumed) is unknown, even
    // where the config would not require the check
    if (!ctx.account.regions.ok) return [ctx.error(self, ctx.account.regions.error, "the account's data could not be collected")];
    if (!ctx.options.required) return [ctx.notApplicable(self, 'Network Firewall / Firewall Manager is not required by the config (option required is false)')];
    const results: CheckResult[] = [];
    const accountId = ctx.account.accountId;
    for (const [region, data] of ctx.regions()) {
      const vpcs = readInRegion(ctx, data.ec2.vpcs, 'VPCs', region);
      const tables = readInRegion(ctx, data.ec2.routeTables, 'route tables', region);
      const firewalls = readInRegion(ctx, data.networkFirewall.firewalls, 'network firewalls', region);
      const unread = [vpcs, tables, firewalls].find((r) => !r.ok);
      if (unread !== undefined && !unread.ok) {
        results.push(unread.result);
        continue;
      }
      if (!vpcs.ok || !tables.ok || !firewalls.ok) continue;
      const exposed = vpcs.value.filter((v) => tables.value.some((t) => t.vpcId === v.vpcId && internetGatewayRoutes(t).length > 0));
      if (exposed.length === 0) {
        results.push(ctx.notApplicable(regionResource(region), `no VPC in ${region} routes to an internet gateway`, { region }));
        continue;
      }
      for (const v of exposed) {
        const resource: ResourceRef = { type: 'AwsEc2Vpc', id: v.vpcId, arn: `arn:aws:ec2:${region}:${accountId}:vpc/${v.vpcId}` };
        const fw = firewalls.value.filter((f) => f.vpcId === v.vpcId);
        if (fw.length > 0) results.push(ctx.pass(resource, `VPC ${v.vpcId} routes to an internet gateway and has Network Firewall ${fw.map((f) => f.name).join(', ')}`, { region }));
        else results.push(ctx.fail(resource, `VPC ${v.vpcId}${v.isDefault ? ' (default VPC)' : ''} routes to an internet gateway but has no Network Firewall`, { region, evidence: { vpcId: v.vpcId } }));
      }
    }
    results.push(...judgeFms(ctx, self));
    return results;
  },
});

type Ctx = CheckContext<{ required: boolean }>;

function judgeFms(ctx: Ctx, self: ResourceRef): CheckResult[] {
  const regions = ctx.regions();
  const admins = regions.map(([region, d]) => ({ region, admin: d.fms.adminAccount }));
  const known = admins.flatMap((a) => (a.admin.ok ? [{ region: a.region, admin: a.admin.value }] : []));
  if (known.length === 0) {
    const first = admins.find((a) => !a.admin.ok)?.admin;
    return first && !first.ok ? [ctx.error(self, first.error, 'could not read the Firewall Manager administrator')] : [];
  }
  const admin = known.find((k) => k.admin !== null)?.admin ?? null;
  if (admin === null) return [ctx.fail(self, 'no Firewall Manager administrator is set for the organization, so no Firewall Manager policy can exist', { evidence: { regions: known.map((k) => k.region) } })];
  if (admin !== self.id) return [ctx.notApplicable(self, `Firewall Manager policies are judged in its administrator account ${admin}`, { evidence: { adminAccount: admin } })];
  const policies: Array<{ region: string; policy: FmsPolicy }> = [];
  const results: CheckResult[] = [];
  let policyError: CollectError | undefined;
  for (const [region, d] of regions) {
    if (!d.fms.policies.ok) policyError ??= d.fms.policies.error;
    else for (const p of d.fms.policies.value ?? []) policies.push({ region, policy: p });
  }
  for (const { region, policy } of policies) {
    const resource: ResourceRef = { type: 'AwsFmsPolicy', id: policy.name, arn: `arn:aws:fms:${region}:${self.id}:policy/${policy.policyId}` };
    if (!policy.nonCompliantAccounts.ok) results.push(ctx.error(resource, policy.nonCompliantAccounts.error, `could not read the compliance of Firewall Manager policy ${policy.name}`, { region }));
    else if (policy.nonCompliantAccounts.value.length > 0)
      results.push(
        ctx.fail(resource, `Firewall Manager policy ${policy.name} (${policy.type}) reports non-compliant member account(s) ${policy.nonCompliantAccounts.value.join(', ')}`, {
          region,
          evidence: { type: policy.type, nonCompliantAccounts: policy.nonCompliantAccounts.value },
          remediationValues: { 'policy-id': policy.policyId },
        }),
      );
    else results.push(ctx.pass(resource, `Firewall Manager policy ${policy.name} (${policy.type}) has no non-compliant member`, { region }));
  }
  const audit = policies.filter((p) => AUDIT_TYPES.includes(p.policy.type));
  if (audit.length === 0) {
    if (policyError !== undefined) results.push(ctx.error(self, policyError, 'could not list the Firewall Manager policies of every Region'));
    else results.push(ctx.fail(self, `Firewall Manager administrator ${self.id} has no WAFV2 or SECURITY_GROUPS_CONTENT_AUDIT policy in the scanned Regions`, { evidence: { policies: policies.map((p) => `${p.policy.name} (${p.policy.type})`) } }));
  }
  return results;
}
