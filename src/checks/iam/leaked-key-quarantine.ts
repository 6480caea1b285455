// leaked-key-quarantine: no user, group or role carries AWS's compromised-key quarantine policy (controls.md 1.B).
// AWS attaches AWSCompromisedKeyQuarantine(V2/V3) when it finds a key of the account published (e.g. on GitHub).
// The attachments come from GetAccountAuthorizationDetails, which lists every entity's managed policies.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck, requireData } from '../define.ts';

const QUARANTINE = /^arn:[^:]+:iam::aws:policy\/AWSCompromisedKeyQuarantine(V2|V3)?$/;

export default defineCheck({
  meta: {
    id: 'leaked-key-quarantine',
    title: "No identity carries AWS's compromised-key quarantine policy",
    severity: 'critical',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'AWS attaches AWSCompromisedKeyQuarantine (V2, V3) to an identity when it finds one of its access keys exposed in public. The policy blocks only some actions: the key is compromised and may already have been used.',
    remediation: {
      text: 'Treat it as an incident: deactivate and delete the exposed key, rotate every other credential of the identity, review CloudTrail for what the key did since it leaked (new users, keys, roles, instances in unused Regions), remove what the attacker created, then detach the quarantine policy. Answer the AWS Support case.',
      cli: 'aws iam list-access-keys --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <access-key-id> --status Inactive\naws iam detach-user-policy --user-name <user> --policy-arn <policy-arn>',
    },
    references: [
      'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCompromisedKeyQuarantineV3.html',
      'https://repost.aws/knowledge-center/potential-account-compromise',
    ],
    compliance: { cisAws3: [], prowler: [], sources: ['000'] },
    fixable: false,
    reads: ['iam.authorizationDetails'],
  },
  evaluate(ctx) {
    const details = requireData(ctx, ctx.account.iam.authorizationDetails, ctx.accountResource(), 'IAM policy attachments (authorization details)');
    if (!details.ok) return [details.result];
    const { users, groups, roles } = details.value;
    const results: CheckResult[] = [];
    const judge = (resource: ResourceRef, kind: string, name: string, attached: Array<{ policyArn: string }>, values: Record<string, string>) => {
      const hit = attached.find((p) => QUARANTINE.test(p.policyArn));
      if (hit === undefined) return;
      results.push(
        ctx.fail(resource, `IAM ${kind} ${name} carries ${hit.policyArn.split('/').pop() ?? hit.policyArn}: AWS found one of its access keys exposed in public`, {
          evidence: { policyArn: hit.policyArn },
          remediationValues: { ...values, 'policy-arn': hit.policyArn },
          ...(kind === 'user'
            ? {}
            : { remediation: { cli: `aws iam detach-${kind}-policy --${kind}-name ${name} --policy-arn ${hit.policyArn}  # after rotating the exposed keys` } }),
        }),
      );
    };
    for (const u of users) judge({ type: 'AwsIamUser', id: u.userName, arn: u.arn }, 'user', u.userName, u.attachedManagedPolicies, { user: u.userName });
    for (const g of groups) judge({ type: 'AwsIamGroup', id: g.groupName, arn: g.arn }, 'group', g.groupName, g.attachedManagedPolicies, {});
    for (const r of roles) judge({ type: 'AwsIamRole', id: r.roleName, arn: r.arn }, 'role', r.roleName, r.attachedManagedPolicies, { role: r.roleName });
    if (results.length > 0) return results;
    return [ctx.pass(ctx.accountResource(), `no IAM user, group or role in ${ctx.account.accountId} carries a compromised-key quarantine policy`)];
  },
});
