// ec2-instance-role-admin: the role of an instance is not an administrator (controls.md 1.B). Profile → role and the
// role's policies come from GetAccountAuthorizationDetails; "admin" is helpers/iam-admin.ts (AdministratorAccess or
// "*" on "*"); the escalation to critical uses ec2-imdsv2-required's verdict on the instance.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { roleAdministrator } from '../helpers/iam-admin.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';
import { instanceImds, isLiveInstance } from './ec2-imdsv2-required.ts';

export default defineCheck({
  meta: {
    id: 'ec2-instance-role-admin',
    title: 'Instance roles are not administrators',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsEc2Instance',
    rationale:
      'Anyone who runs code on the instance, or reaches its metadata service through an SSRF flaw, gets the role\'s credentials. With an administrator role that is the whole account; with a public IP and IMDSv1 allowed it is one HTTP request away (critical).',
    remediation: {
      text: 'Give the instance a role with only the permissions its software needs (IAM Access Analyzer can generate a policy from CloudTrail activity), and require IMDSv2 on it (ec2-imdsv2-required).',
      cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess\naws iam attach-role-policy --role-name <role> --policy-arn <least-privilege-policy-arn>',
    },
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html',
    ],
    compliance: { cisAws3: [], prowler: ['ec2_instance_internet_facing_with_instance_profile'], sources: ['000', '004'] },
    fixable: false,
    reads: ['regional.*.ec2.instances', 'iam.authorizationDetails'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    const details = ctx.account.iam.authorizationDetails;
    for (const [region, data] of ctx.regions()) {
      const instances = readInRegion(ctx, data.ec2.instances, 'EC2 instances', region);
      if (!instances.ok) {
        results.push(instances.result);
        continue;
      }
      const withProfile = instances.value.filter((i) => isLiveInstance(i) && i.iamInstanceProfileArn !== null);
      if (withProfile.length === 0) {
        results.push(noneInRegion(ctx, region, 'running or stopped EC2 instances with an instance profile'));
        continue;
      }
      for (const i of withProfile) {
        const resource: ResourceRef = { type: 'AwsEc2Instance', id: i.instanceId };
        const profileArn = i.iamInstanceProfileArn ?? '';
        if (!details.ok) {
          results.push(ctx.error(resource, details.error, `could not read the role of instance ${i.instanceId} (authorization details)`, { region }));
          continue;
        }
        const role = details.value.roles.find((r) => r.instanceProfileArns.includes(profileArn));
        const profile = profileArn.split('/').pop() ?? profileArn;
        if (role === undefined) {
          results.push(ctx.pass(resource, `instance profile ${profile} of instance ${i.instanceId} holds no role`, { region, evidence: { profileArn } }));
          continue;
        }
        const admin = roleAdministrator(details.value, role);
        const evidence: Record<string, unknown> = { profileArn, role: role.roleName };
        if (admin.admin === 'unknown') {
          results.push(
            ctx.error(resource, { code: 'ParseError', operation: 'iam:GetAccountAuthorizationDetails', message: `policies of role ${role.roleName}: ${admin.problems.join('; ')}` }, undefined, {
              region,
            }),
          );
        } else if (!admin.admin) {
          results.push(ctx.pass(resource, `role ${role.roleName} of instance ${i.instanceId} is not an administrator`, { region, evidence }));
        } else {
          const imds = instanceImds(i);
          const exposed = i.publicIp !== null && imds === 'imdsv1-allowed';
          const why = exposed ? `; the instance has public IP ${i.publicIp} and accepts IMDSv1, so an SSRF flaw hands out the account` : '';
          results.push(
            ctx.fail(resource, `instance ${i.instanceId} runs with administrator role ${role.roleName} (${admin.via.join(', ')})${why}`, {
              region,
              severity: exposed ? 'critical' : 'high',
              evidence: { ...evidence, adminVia: admin.via, publicIp: i.publicIp, imds },
              remediationValues: { role: role.roleName, 'instance-id': i.instanceId },
            }),
          );
        }
      }
    }
    return results;
  },
});
