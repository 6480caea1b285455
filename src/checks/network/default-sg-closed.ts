// default-sg-closed: the default security group of every VPC has no ingress and no egress rule (controls.md 1.G,
// CIS 5.4), so a resource launched without a group chosen gets no network access by accident. One verdict per
// default group; the ENIs still using it are reported (removing its rules cuts them off).
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { SecurityGroup } from '../../services/ec2/schema.ts';
import { defineCheck } from '../define.ts';
import { attachmentOf } from '../helpers/network.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';

function groupResource(g: SecurityGroup, region: string, accountId: string): ResourceRef {
  return { type: 'AwsEc2SecurityGroup', id: g.groupId, arn: `arn:aws:ec2:${region}:${accountId}:security-group/${g.groupId}` };
}

export default defineCheck({
  meta: {
    id: 'default-sg-closed',
    title: 'Default security group of every VPC has no rules',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsEc2SecurityGroup',
    rationale:
      'Anything launched without an explicit security group lands in the VPC default group; its stock rules let every member reach every other member and the internet, which turns one compromised resource into lateral movement.',
    remediation: {
      text: 'Move any network interface still using the default group to a purpose-built group, then revoke every ingress and egress rule of the default group (it cannot be deleted).',
      cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --security-group-rule-ids <ingress-rule-ids> --region <region> && aws ec2 revoke-security-group-egress --group-id <sg-id> --security-group-rule-ids <egress-rule-ids> --region <region>',
      terraform: 'resource "aws_default_security_group" "default" {\n  vpc_id = "<vpc-id>"\n  # no ingress or egress blocks: Terraform removes every rule\n}',
    },
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html'],
    compliance: { cisAws3: ['5.4'], prowler: ['ec2_securitygroup_default_restrict_traffic'], sources: ['002', '001'] },
    fixable: true,
    reads: ['regional.*.ec2.securityGroups', 'regional.*.ec2.networkInterfaces'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const groups = readInRegion(ctx, data.ec2.securityGroups, 'security groups', region);
      if (!groups.ok) {
        results.push(groups.result);
        continue;
      }
      const defaults = groups.value.filter((g) => g.groupName === 'default' && g.vpcId !== null);
      if (defaults.length === 0) {
        results.push(noneInRegion(ctx, region, 'default security groups'));
        continue;
      }
      const enis = data.ec2.networkInterfaces;
      for (const g of defaults) {
        const attachment = attachmentOf(g.groupId, enis.ok ? enis.value : undefined);
        const ingress = g.rules.filter((r) => !r.isEgress).map((r) => r.ruleId);
        const egress = g.rules.filter((r) => r.isEgress).map((r) => r.ruleId);
        const using = attachment.known
          ? attachment.interfaces.length === 0
            ? 'no network interface uses it'
            : `network interface(s) ${attachment.interfaces.join(', ')} still use it and lose access when its rules go; move them to their own group first`
          : `whether network interfaces use it could not be read (${enis.ok ? '' : `${enis.error.code} on ${enis.error.operation}`})`;
        const evidence = { groupId: g.groupId, vpcId: g.vpcId, ingressRuleIds: ingress, egressRuleIds: egress, attachedInterfaces: attachment.known ? attachment.interfaces : null };
        const resource = groupResource(g, region, ctx.account.accountId);
        if (g.rules.length === 0) {
          results.push(ctx.pass(resource, `the default security group ${g.groupId} of ${g.vpcId} has no rules`, { region, evidence }));
          continue;
        }
        results.push(
          ctx.fail(resource, `the default security group ${g.groupId} of ${g.vpcId} has ${ingress.length} ingress and ${egress.length} egress rule(s); ${using}`, {
            region,
            evidence,
            // only the revoke calls that have rules to revoke, so the command runs as it is
            remediation: {
              cli: [
                ...(ingress.length > 0 ? [`aws ec2 revoke-security-group-ingress --group-id ${g.groupId} --security-group-rule-ids ${ingress.join(' ')} --region ${region}`] : []),
                ...(egress.length > 0 ? [`aws ec2 revoke-security-group-egress --group-id ${g.groupId} --security-group-rule-ids ${egress.join(' ')} --region ${region}`] : []),
              ].join(' && '),
            },
            remediationValues: { 'vpc-id': g.vpcId ?? '' },
          }),
        );
      }
    }
    return results;
  },
});
