// nacl-open-admin-ports: no network ACL lets SSH (tcp 22) or RDP (tcp 3389) in from the internet (controls.md 1.G,
// CIS 5.1). Ingress entries are evaluated as AWS does, in RuleNumber order: the first entry that matches the traffic
// (its CIDR is 0.0.0.0/0 or ::/0, protocol -1 or 6, port range covering the port) decides; allow = open.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { NetworkAcl, NetworkAclEntry } from '../../services/ec2/schema.ts';
import { defineCheck } from '../define.ts';
import { ANY_IPV4, ANY_IPV6 } from '../helpers/network.ts';
import { resourcesByRegion } from '../helpers/regional.ts';

const PORTS = [
  { port: 22, label: 'tcp 22 (SSH)' },
  { port: 3389, label: 'tcp 3389 (RDP)' },
];
const FAMILIES = [
  { family: 'ipv4', cidr: ANY_IPV4, of: (e: NetworkAclEntry) => e.cidrBlock },
  { family: 'ipv6', cidr: ANY_IPV6, of: (e: NetworkAclEntry) => e.ipv6CidrBlock },
] as const;

function entryMatches(e: NetworkAclEntry, port: number): boolean {
  const proto = e.protocol.trim();
  if (proto === '-1') return true;
  if (proto !== '6' && proto.toLowerCase() !== 'tcp') return false;
  // a tcp entry always carries a port range; without one it is read as all ports (errs towards reporting)
  return e.portRange === null || (e.portRange.from <= port && port <= e.portRange.to);
}

/** The entry that decides `port` from the internet-wide `cidr`, or undefined (nothing matches: the implicit deny). */
export function decidingEntry(acl: NetworkAcl, port: number, family: (typeof FAMILIES)[number]): NetworkAclEntry | undefined {
  return acl.entries
    .filter((e) => !e.egress && family.of(e)?.trim() === family.cidr && entryMatches(e, port))
    .sort((a, b) => a.ruleNumber - b.ruleNumber)[0];
}

function aclResource(acl: NetworkAcl, region: string, accountId: string): ResourceRef {
  return { type: 'AwsEc2NetworkAcl', id: acl.networkAclId, arn: `arn:aws:ec2:${region}:${accountId}:network-acl/${acl.networkAclId}` };
}

export default defineCheck({
  meta: {
    id: 'nacl-open-admin-ports',
    title: 'No network ACL allows 22/3389 from the internet',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsEc2NetworkAcl',
    rationale:
      'Network ACLs are the subnet-level layer under security groups; a NACL that admits SSH or RDP from anywhere leaves one security-group mistake between the internet and a shell.',
    remediation: {
      text: 'Add an ingress deny entry for tcp 22 and 3389 from 0.0.0.0/0 (and ::/0) with a rule number lower than the allowing entry, or narrow the allowing entry to admin CIDRs.',
      cli: 'aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number <rule-number> --protocol tcp --port-range From=<port>,To=<port> --cidr-block 0.0.0.0/0 --rule-action deny --region <region>',
    },
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html', 'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html'],
    compliance: {
      cisAws3: ['5.1'],
      prowler: ['ec2_networkacl_allow_ingress_tcp_port_22', 'ec2_networkacl_allow_ingress_tcp_port_3389', 'ec2_networkacl_allow_ingress_any_port'],
      sources: ['001'],
    },
    fixable: false,
    reads: ['regional.*.ec2.networkAcls'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const { region, items: acls } of resourcesByRegion(ctx, results, (d) => d.ec2.networkAcls, { list: 'network ACLs', none: 'network ACLs' })) {
      for (const acl of acls) {
        const open: Array<{ label: string; port: number; family: string; cidr: string; ruleNumber: number }> = [];
        for (const p of PORTS) {
          for (const f of FAMILIES) {
            const e = decidingEntry(acl, p.port, f);
            if (e !== undefined && e.ruleAction.toLowerCase() === 'allow') open.push({ label: p.label, port: p.port, family: f.family, cidr: f.cidr, ruleNumber: e.ruleNumber });
          }
        }
        const resource = aclResource(acl, region, ctx.account.accountId);
        const evidence = { networkAclId: acl.networkAclId, vpcId: acl.vpcId, isDefault: acl.isDefault, subnetIds: acl.subnetIds, open };
        if (open.length === 0) {
          results.push(ctx.pass(resource, `network ACL ${acl.networkAclId} (${acl.vpcId}) does not admit SSH or RDP from the internet`, { region, evidence }));
          continue;
        }
        const what = open.map((o) => `${o.label} from ${o.cidr} (rule ${o.ruleNumber})`).join(', ');
        // an ACL on no subnet filters nothing yet: reported, at info
        const idle = acl.subnetIds.length === 0;
        const lowest = Math.min(...open.map((o) => o.ruleNumber));
        results.push(
          ctx.fail(
            resource,
            `network ACL ${acl.networkAclId} (${acl.vpcId}) allows ${what}${idle ? '; it is associated with no subnet, so nothing is exposed through it yet' : ` for subnet(s) ${acl.subnetIds.join(', ')}`}`,
            {
              region,
              evidence,
              ...(idle ? { severity: 'info' as const } : {}),
              remediationValues: { 'acl-id': acl.networkAclId, 'rule-number': String(Math.max(1, lowest - 1)), port: String(open[0]!.port) },
            },
          ),
        );
      }
    }
    return results;
  },
});
