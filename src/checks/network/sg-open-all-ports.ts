// sg-open-all-ports: no security-group ingress rule lets all traffic in from the internet (protocol -1, or every
// tcp/udp port 0-65535) (controls.md 1.G). Same rule evaluation as the other sg-open-* checks (helpers/network.ts).
import { defineCheck } from '../define.ts';
import { evaluateOpenIngress, ruleIsAllPorts } from '../helpers/network.ts';

export default defineCheck({
  meta: {
    id: 'sg-open-all-ports',
    title: 'No security group allows all traffic from the internet',
    severity: 'critical',
    scope: 'resource',
    resourceType: 'AwsEc2SecurityGroupRule',
    rationale:
      'A rule allowing every port from anywhere exposes every service on the attached instances, including ones nobody meant to publish (databases, admin consoles, debug ports).',
    remediation: {
      text: 'Revoke the rule and allow only the ports the workload serves, from the sources that need them (a load balancer security group for web traffic).',
      cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --security-group-rule-ids <sgr-id> --region <region>',
      terraform: '# delete the aws_vpc_security_group_ingress_rule with ip_protocol = "-1" (or from_port = 0, to_port = 65535) and cidr_ipv4 = "0.0.0.0/0" / cidr_ipv6 = "::/0"',
    },
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
    compliance: {
      cisAws3: ['5.2', '5.3'],
      prowler: ['ec2_securitygroup_allow_ingress_from_internet_to_all_ports'],
      sources: ['003', '001'],
    },
    fixable: true,
    reads: ['regional.*.ec2.securityGroups', 'regional.*.ec2.prefixLists', 'regional.*.ec2.networkInterfaces'],
  },
  evaluate(ctx) {
    return evaluateOpenIngress(ctx, {
      severity: 'critical',
      verdict: 'fail',
      match: (rule) => (ruleIsAllPorts(rule) ? [rule.ipProtocol.trim() === '-1' ? 'all protocols and ports' : `${rule.ipProtocol} 0-65535`] : []),
      familyEvidence: (family) => ({ cisAws3: family === 'ipv4' ? '5.2' : '5.3' }),
      passMessage: (region) => `no security-group ingress rule in ${region} allows all traffic from the internet`,
    });
  },
});
