// sg-open-admin-ports: no security-group ingress rule opens SSH (tcp 22) or RDP (tcp/udp 3389) to the internet (controls.md 1.G).
// One fail per offending rule and address family; a Region with no offending rule gets one pass on the Region.
// A rule whose source is a managed prefix list is judged on the list's entries (0.0.0.0/0 or ::/0 in it = open).
import { defineCheck } from '../define.ts';
import { evaluateOpenIngress, ruleCovers, type Transport } from '../helpers/network.ts';

const ADMIN_SERVICES: Array<{ transport: Transport; port: number; label: string }> = [
  { transport: 'tcp', port: 22, label: 'tcp 22 (SSH)' },
  { transport: 'tcp', port: 3389, label: 'tcp 3389 (RDP)' },
  { transport: 'udp', port: 3389, label: 'udp 3389 (RDP)' },
];

/** The admin services a rule lets in (shared with sg-open-other-ports, which leaves these to this check). */
export function adminServices(rule: Parameters<typeof ruleCovers>[0]): string[] {
  return ADMIN_SERVICES.filter((s) => ruleCovers(rule, s.transport, s.port)).map((s) => s.label);
}

export default defineCheck({
  meta: {
    id: 'sg-open-admin-ports',
    title: 'No security group allows SSH (22) or RDP (3389) from the internet',
    severity: 'critical',
    scope: 'resource',
    resourceType: 'AwsEc2SecurityGroupRule',
    rationale:
      'SSH and RDP open to the whole internet are scanned within minutes and brute-forced or exploited; remote administration should go through SSM Session Manager or an EC2 Instance Connect Endpoint instead.',
    remediation: {
      text: 'Revoke the rule. For shell access use SSM Session Manager or an EC2 Instance Connect Endpoint; if a port must stay open, allow only specific admin CIDRs.',
      cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --security-group-rule-ids <sgr-id> --region <region>',
      terraform: '# delete the aws_vpc_security_group_ingress_rule (or ingress block) with cidr_ipv4 = "0.0.0.0/0" / cidr_ipv6 = "::/0" on port 22 or 3389',
    },
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/connect-using-eice.html',
      'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html',
    ],
    compliance: {
      cisAws3: ['5.2', '5.3'],
      prowler: [
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22',
        'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389',
        'ec2_instance_port_ssh_exposed_to_internet',
        'ec2_instance_port_rdp_exposed_to_internet',
      ],
      sources: ['001', '002', '003', '000'],
    },
    fixable: true,
    reads: ['regional.*.ec2.securityGroups', 'regional.*.ec2.prefixLists', 'regional.*.ec2.networkInterfaces'],
  },
  evaluate(ctx) {
    // The catalog severity is critical already, so a public IP cannot escalate it; attached to nothing → info.
    return evaluateOpenIngress(ctx, {
      severity: 'critical',
      verdict: 'fail',
      match: (rule) => adminServices(rule),
      familyEvidence: (family) => ({ cisAws3: family === 'ipv4' ? '5.2' : '5.3' }),
      passMessage: (region) => `no security-group ingress rule in ${region} allows SSH (22) or RDP (3389) from the internet`,
    });
  },
});
