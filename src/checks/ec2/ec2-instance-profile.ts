// ec2-instance-profile: every running or stopped instance has an IAM instance profile (controls.md 1.B), so software
// on it gets temporary role credentials instead of access keys copied onto the box.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';
import { isLiveInstance } from './ec2-imdsv2-required.ts';

export default defineCheck({
  meta: {
    id: 'ec2-instance-profile',
    title: 'EC2 instances use instance roles, not embedded keys',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsEc2Instance',
    rationale:
      'An instance without a role that talks to AWS does it with access keys stored on the instance (files, environment, user data), which never expire and leak with every snapshot or image. A role gives it short-lived credentials that rotate by themselves.',
    remediation: {
      text: 'Create a role with only the permissions the instance needs, put it in an instance profile and associate the profile with the instance; then remove the access keys from the instance and deactivate them (see iam-user-static-keys).',
      cli: 'aws iam create-instance-profile --instance-profile-name <profile>\naws iam add-role-to-instance-profile --instance-profile-name <profile> --role-name <instance-role>\naws ec2 associate-iam-instance-profile --instance-id <instance-id> --iam-instance-profile Name=<profile> --region <region>',
    },
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html',
    ],
    compliance: { cisAws3: ['1.18'], prowler: ['ec2_instance_profile_attached'], sources: ['001', '003', '004'] },
    fixable: false,
    reads: ['regional.*.ec2.instances'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const instances = readInRegion(ctx, data.ec2.instances, 'EC2 instances', region);
      if (!instances.ok) {
        results.push(instances.result);
        continue;
      }
      const live = instances.value.filter(isLiveInstance);
      if (live.length === 0) {
        results.push(noneInRegion(ctx, region, 'running or stopped EC2 instances'));
        continue;
      }
      for (const i of live) {
        const resource: ResourceRef = { type: 'AwsEc2Instance', id: i.instanceId };
        const evidence = { state: i.state, iamInstanceProfileArn: i.iamInstanceProfileArn };
        results.push(
          i.iamInstanceProfileArn === null
            ? ctx.fail(resource, `${i.state} instance ${i.instanceId} has no IAM instance profile, so anything it does on AWS needs stored access keys`, {
                region,
                evidence,
                remediationValues: { 'instance-id': i.instanceId },
              })
            : ctx.pass(resource, `instance ${i.instanceId} has instance profile ${i.iamInstanceProfileArn.split('/').pop() ?? i.iamInstanceProfileArn}`, { region, evidence }),
        );
      }
    }
    return results;
  },
});
