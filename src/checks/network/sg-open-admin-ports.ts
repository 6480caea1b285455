// sg-open-admin-ports: no security-group ingress rule opens SSH (tcp 22) or RDP (tcp/udp 3389) to the internet (controls.md 1.G).
// One fail per offending rule and address family; a Region with no offending rule gets one pass on the Region.
// A rule whose source is a managed prefix list is judged on the list's entries (0.0.0.0/0 or ::/0 in it = open).
import type { CheckResult, ResourceRef, Severity } from '../../findings/finding.ts';
import type { SecurityGroup, SecurityGroupRule } from '../../inventory/snapshot.ts';
import { defineCheck } from '../define.ts';
import { attachmentOf, describePorts, openSources, prefixListSources, ruleCovers, type Attachment, type Transport } from '../helpers/network.ts';
import { noneInRegion, readInRegion, regionResource } from '../helpers/regional.ts';

const ADMIN_SERVICES: Array<{ transport: Transport; port: number; label: string }> = [
  { transport: 'tcp', port: 22, label: 'tcp 22 (SSH)' },
  { transport: 'tcp', port: 3389, label: 'tcp 3389 (RDP)' },
  { transport: 'udp', port: 3389, label: 'udp 3389 (RDP)' },
];

// The id names the group too, so a reader can find the rule without looking up sgr- ids.
function ruleResource(group: SecurityGroup, rule: SecurityGroupRule, region: string, accountId: string): ResourceRef {
  return {
    type: 'AwsEc2SecurityGroupRule',
    id: `${group.groupId}/${rule.ruleId}`,
    arn: `arn:aws:ec2:${region}:${accountId}:security-group-rule/${rule.ruleId}`,
  };
}

function groupLabel(g: SecurityGroup): string {
  return g.groupName === g.groupId ? g.groupId : `${g.groupName} (${g.groupId})`;
}

/**
 * Severity per the 1.G paragraph: attached to nothing → info (nothing is reachable until the group is used);
 * otherwise the catalog's critical (already the top level, so a public IP cannot escalate it further). When the
 * ENI list could not be read, attachment is unknown and the catalog severity stands rather than a guess downwards.
 */
function severityFor(a: Attachment): Severity | undefined {
  return a.known && a.interfaces.length === 0 ? 'info' : undefined;
}

function attachmentText(a: Attachment, eniError: string | undefined): string {
  if (!a.known) return `; whether the group is attached to anything could not be read (${eniError ?? 'unknown'}), so it is treated as in use`;
  if (a.interfaces.length === 0) return '; the group is not attached to any network interface, so nothing is exposed until it is used';
  if (a.publicIps.length > 0) return `; the group is attached to network interface(s) with public IP ${a.publicIps.join(', ')}, so the port is reachable from the internet now`;
  return `; the group is attached to ${a.interfaces.join(', ')} (no public IP seen)`;
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
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const groups = readInRegion(ctx, data.ec2.securityGroups, 'security groups', region);
      if (!groups.ok) {
        results.push(groups.result);
        continue;
      }
      if (groups.value.length === 0) {
        results.push(noneInRegion(ctx, region, 'security groups'));
        continue;
      }
      const enis = data.ec2.networkInterfaces;
      const eniError = enis.ok ? undefined : `${enis.error.code} on ${enis.error.operation}`;
      let flagged = 0;
      let rulesChecked = 0;
      for (const group of groups.value) {
        const attachment = attachmentOf(group.groupId, enis.ok ? enis.value : undefined);
        for (const rule of group.rules) {
          if (rule.isEgress) continue;
          rulesChecked++;
          const services = ADMIN_SERVICES.filter((s) => ruleCovers(rule, s.transport, s.port)).map((s) => s.label);
          if (services.length === 0) continue;
          const evidence = {
            groupId: group.groupId,
            groupName: group.groupName,
            vpcId: group.vpcId,
            ruleId: rule.ruleId,
            ipProtocol: rule.ipProtocol,
            fromPort: rule.fromPort,
            toPort: rule.toPort,
            services,
            attachedInterfaces: attachment.known ? attachment.interfaces : null,
            publicIps: attachment.known ? attachment.publicIps : null,
          };
          const prefixList = prefixListSources(rule, data.ec2.prefixLists, region);
          const open = [
            ...openSources(rule).map((src) => ({ ...src, prefixListId: null })),
            ...(prefixList?.known ? prefixList.open.map((src) => ({ ...src, prefixListId: prefixList.prefixListId })) : []),
          ];
          // Name the rule's full reach when it is wider than the admin port itself (a range or all traffic).
          const scope = rule.ipProtocol.trim() !== '-1' && rule.fromPort === rule.toPort ? '' : ` (the rule covers ${describePorts(rule)})`;
          for (const src of open) {
            flagged++;
            const severity = severityFor(attachment);
            const who = src.family === 'ipv4' ? 'any IPv4 address' : 'any IPv6 address';
            const via = src.prefixListId === null ? '' : ` through prefix list ${src.prefixListId}, which contains ${src.cidr}`;
            results.push(
              ctx.fail(
                ruleResource(group, rule, region, ctx.account.accountId),
                `security group ${groupLabel(group)} rule ${rule.ruleId} allows ${services.join(', ')} from ${src.cidr} (${who})${via}${scope}${attachmentText(attachment, eniError)}`,
                {
                  region,
                  ...(severity === undefined ? {} : { severity }),
                  remediationValues: { 'sg-id': group.groupId, 'sgr-id': rule.ruleId },
                  evidence: {
                    ...evidence,
                    cidr: src.cidr,
                    family: src.family,
                    ...(src.prefixListId === null ? {} : { prefixListId: src.prefixListId }),
                    cisAws3: src.family === 'ipv4' ? '5.2' : '5.3',
                  },
                },
              ),
            );
          }
          // A prefix list whose entries could not be read may or may not contain 0.0.0.0/0 or ::/0: no verdict on
          // that rule, rather than a guess either way.
          if (open.length === 0 && prefixList !== undefined && !prefixList.known) {
            flagged++;
            results.push(
              ctx.error(
                ruleResource(group, rule, region, ctx.account.accountId),
                prefixList.error,
                `security group ${groupLabel(group)} rule ${rule.ruleId} allows ${services.join(', ')} from prefix list ${prefixList.prefixListId}, whose entries could not be read, so whether it includes 0.0.0.0/0 or ::/0 is unknown`,
                { region, evidence: { ...evidence, prefixListId: prefixList.prefixListId } },
              ),
            );
          }
        }
      }
      if (flagged === 0) {
        results.push(
          ctx.pass(regionResource(region), `no security-group ingress rule in ${region} allows SSH (22) or RDP (3389) from the internet`, {
            region,
            evidence: { securityGroups: groups.value.length, ingressRules: rulesChecked },
          }),
        );
      }
    }
    return results;
  },
});
