// sg-open-other-ports: the catalog's WARN for any port open to the internet that the stricter sg-open-* checks do not
// already judge (admin ports, database ports, all traffic), except 80/443 on groups that only front internet-facing
// load balancers or that the config lists (controls.md 1.G). ICMP is not a port and is left out.
// "Attached only to internet-facing load balancers" is read from the Region's ENIs: every ENI using the group is a
// load balancer's own (RequesterId amazon-elb, or InterfaceType network_load_balancer) and has a public IP, which
// is what AWS gives the nodes of an internet-facing load balancer and never those of an internal one.
import { defineCheck } from '../define.ts';
import { describePorts, evaluateOpenIngress, protocolName, ruleIsAllPorts, type Attachment } from '../helpers/network.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import type { SecurityGroupRule } from '../../services/ec2/schema.ts';
import { adminServices } from './sg-open-admin-ports.ts';
import { dbServices } from './sg-open-db-ports.ts';

const WEB_PORTS = [80, 443];

type Eni = RegionalSnapshot['ec2']['networkInterfaces'] extends { ok: true; value: Array<infer E> } | { ok: false } ? E : never;

function isInternetFacingLbNode(e: Eni): boolean {
  return (e.requesterId === 'amazon-elb' || e.interfaceType === 'network_load_balancer') && e.publicIp !== null;
}

/** Whether the only things using the group are internet-facing load-balancer nodes (false when unknown or unused). */
function frontsOnlyInternetFacingLbs(groupId: string, attachment: Attachment, enis: readonly Eni[] | undefined): boolean {
  if (!attachment.known || enis === undefined || attachment.interfaces.length === 0) return false;
  const using = enis.filter((e) => e.groupIds.includes(groupId));
  return using.length > 0 && using.every(isInternetFacingLbNode);
}

/** Whether the rule reaches only the web ports (80 and/or 443 over tcp), nothing else. */
function onlyWebPorts(rule: SecurityGroupRule): boolean {
  if (protocolName(rule.ipProtocol) !== 'tcp' || rule.fromPort === null || rule.toPort === null || rule.fromPort < 0) return false;
  for (let p = rule.fromPort; p <= rule.toPort; p++) if (!WEB_PORTS.includes(p)) return false;
  return true;
}

export default defineCheck({
  meta: {
    id: 'sg-open-other-ports',
    title: 'Only required ports are open to the internet, only on edge resources',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsEc2SecurityGroupRule',
    rationale:
      'Every port open to the whole internet is attack surface; web traffic should reach the workload through an internet-facing load balancer (whose group alone opens 80/443), and anything else should be narrowed to known sources.',
    remediation: {
      text: 'Narrow the rule to the sources that need it, or put the service behind an internet-facing load balancer and open 80/443 only on its security group. If the exposure is intended, list the group in the check option allowedGroupIds.',
      cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --security-group-rule-ids <sgr-id> --region <region>',
    },
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html', 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html'],
    compliance: { prowler: ['ec2_securitygroup_allow_ingress_from_internet_to_any_port'], sources: ['003'] },
    fixable: false,
    reads: ['regional.*.ec2.securityGroups', 'regional.*.ec2.prefixLists', 'regional.*.ec2.networkInterfaces'],
  },
  /** allowedGroupIds: groups whose 80/443 may be open to the internet (other ports on them still warn). */
  defaultOptions: { allowedGroupIds: [] as string[] },
  evaluate(ctx) {
    const allowed = new Set(ctx.options.allowedGroupIds);
    const enisOf = new Map<string, readonly Eni[] | undefined>(
      ctx.regions().map(([region, data]) => [region, data.ec2.networkInterfaces.ok ? data.ec2.networkInterfaces.value : undefined]),
    );
    return evaluateOpenIngress(ctx, {
      severity: 'low',
      verdict: 'warn',
      match: (rule, group, attachment, region) => {
        const proto = protocolName(rule.ipProtocol);
        if (proto === 'icmp' || proto === 'icmpv6') return [];
        // judged (more strictly) by sg-open-admin-ports, sg-open-db-ports and sg-open-all-ports
        if (ruleIsAllPorts(rule) || adminServices(rule).length > 0 || dbServices(rule).length > 0) return [];
        if (onlyWebPorts(rule) && (allowed.has(group.groupId) || frontsOnlyInternetFacingLbs(group.groupId, attachment, enisOf.get(region)))) return [];
        return [describePorts(rule)];
      },
      passMessage: (region) =>
        `no security group in ${region} opens a port to the internet beyond 80/443 on internet-facing load balancers (admin, database and all-traffic rules are judged by their own checks)`,
    });
  },
});
