// iam-policies-on-users: IAM users get permissions only through groups, never attached or inline policies (controls.md 1.B).
import type { IamUser } from '../../services/iam/schema.ts';
import { defineCheck, requireData, shellArg } from '../define.ts';

export default defineCheck({
  meta: {
    id: 'iam-policies-on-users',
    title: 'IAM users get permissions only through groups',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsIamUser',
    rationale: 'Permissions granted user by user drift apart and are missed in reviews; groups (or roles) keep access consistent and easy to revoke.',
    remediation: {
      text: 'Create a group for the job function, attach the policy to it, add the user to the group, then detach the user\'s managed policies and delete its inline policies.',
      cli: 'aws iam attach-group-policy --group-name <group> --policy-arn <policy-arn>\naws iam add-user-to-group --group-name <group> --user-name <user>\naws iam detach-user-policy --user-name <user> --policy-arn <policy-arn>\naws iam delete-user-policy --user-name <user> --policy-name <inline-policy-name>',
    },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html'],
    compliance: { cisAws3: ['1.15'], prowler: ['iam_policy_attached_only_to_group_or_roles'], sources: ['001', '004'] },
    fixable: false,
    reads: ['iam.authorizationDetails'],
  },
  evaluate(ctx) {
    const details = requireData(ctx, ctx.account.iam.authorizationDetails, ctx.accountResource(), 'IAM users and their policies');
    if (!details.ok) return [details.result];
    const users = details.value.users;
    if (users.length === 0) return [ctx.notApplicable(ctx.accountResource(), `account ${ctx.account.accountId} has no IAM users`)];
    return users.map((u) => {
      const resource = { type: 'AwsIamUser', id: u.userName, arn: u.arn };
      const attached = u.attachedManagedPolicies.map((p) => p.policyName);
      const inline = u.inlinePolicies.map((p) => p.policyName);
      const evidence = { attachedManagedPolicies: attached, inlinePolicies: inline, groups: u.groups };
      if (attached.length === 0 && inline.length === 0) {
        return ctx.pass(resource, `IAM user ${u.userName} has no policies of its own`, { evidence });
      }
      const parts = [
        attached.length > 0 ? `attached managed ${attached.join(', ')}` : '',
        inline.length > 0 ? `inline ${inline.join(', ')}` : '',
      ].filter((s) => s !== '');
      return ctx.fail(resource, `IAM user ${u.userName} has policies directly on the user (${parts.join('; ')}) instead of through a group`, {
        evidence,
        remediation: { cli: moveToGroupCommands(u) },
        remediationValues: { user: u.userName },
      });
    });
  },
});

/**
 * The commands that move this user's own policies to a group (`<group>` is the reader's choice), with the user's
 * managed policy ARNs and inline policy names filled in: managed ones are attached to the group and detached
 * from the user; inline ones are copied into the group, then deleted from the user.
 */
function moveToGroupCommands(u: IamUser): string {
  const lines: string[] = [];
  for (const p of u.attachedManagedPolicies) lines.push(`aws iam attach-group-policy --group-name <group> --policy-arn ${shellArg(p.policyArn)}`);
  for (const p of u.inlinePolicies) {
    const name = shellArg(p.policyName);
    lines.push(
      `aws iam get-user-policy --user-name <user> --policy-name ${name} --query PolicyDocument > ${p.policyName}.json`,
      `aws iam put-group-policy --group-name <group> --policy-name ${name} --policy-document file://${p.policyName}.json`,
    );
  }
  lines.push('aws iam add-user-to-group --group-name <group> --user-name <user>');
  for (const p of u.attachedManagedPolicies) lines.push(`aws iam detach-user-policy --user-name <user> --policy-arn ${shellArg(p.policyArn)}`);
  for (const p of u.inlinePolicies) lines.push(`aws iam delete-user-policy --user-name <user> --policy-name ${shellArg(p.policyName)}`);
  return lines.join('\n');
}
