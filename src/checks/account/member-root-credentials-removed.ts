// member-root-credentials-removed: a member account's root user has no password, access keys, MFA devices or signing
// certificates ("kill root"), read through an STS AssumeRoot audit session (controls.md 1.A).
import { defineCheck } from '../define.ts';
import { membership, memberRootCredentials } from './org-context.ts';

export default defineCheck({
  meta: {
    id: 'member-root-credentials-removed',
    title: 'Member-account root users have no password, keys, MFA or signing certs ("kill root")',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsAccount',
    rationale:
      'A member root user with a password or keys is a standing, rarely watched credential that SCPs only partly restrain; with centralized root access it can be removed, leaving nothing to phish or leak.',
    remediation: {
      text: 'With centralized root access enabled (see root-credentials-centralized), open a root session for the member account with the IAMDeleteRootUserCredentials task policy and delete its login profile, access keys, MFA devices and signing certificates. Destructive: confirm first that no one still signs in as that root user.',
      cli: 'aws sts assume-root --target-principal <account-id> --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials\n# then, with the returned credentials:\naws iam delete-login-profile\naws iam list-access-keys   # and aws iam delete-access-key --access-key-id … for each',
    },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user-privileged-task.html'],
    compliance: { cisAws3: [], prowler: [], sources: ['002'] },
    fixable: true,
    reads: ['organizations.organization', 'iam.rootCredentials', 'iam.organizationsFeatures', 'organizations.serviceAccess'],
  },
  evaluate(ctx) {
    const account = ctx.accountResource();
    const m = membership(ctx);
    if (!m.ok) return [m.result];
    if (m.value.kind === 'standalone') return [ctx.notApplicable(account, `account ${account.id} is not in an AWS Organization, so its root user cannot be managed centrally`)];
    if (m.value.kind === 'management') {
      return [ctx.notApplicable(account, `${account.id} is the management account, whose root user centralized root access does not cover; protect it with MFA (see root-mfa)`)];
    }
    const state = memberRootCredentials(ctx, m.value.organization);
    if (!state.ok) return [ctx.error(account, state.error, `cannot tell whether the root user of member account ${account.id} has credentials: ${state.why}`)];
    const evidence = { present: state.present };
    if (state.removed) return [ctx.pass(account, `root user of member account ${account.id}: ${state.detail}`, { evidence })];
    return [ctx.fail(account, `root user of member account ${account.id}: ${state.detail}`, { evidence, remediationValues: { 'account-id': account.id } })];
  },
});
