// iam-access-key-unused: active access keys unused for more than 45 days are deactivated (controls.md 1.B).
import { daysSince, defineCheck, formatDays, thresholdsInOrder } from '../define.ts';
import { accessKeyResource, activeAccessKeys, reportRowIncomplete, staleSeverity, type StalenessOptions } from '../helpers/identity.ts';

// Root keys are left to root-access-keys (critical whatever their use), so only IAM users are judged here.
export default defineCheck<StalenessOptions>({
  meta: {
    id: 'iam-access-key-unused',
    title: 'Active access keys unused ≥ 45 days are deactivated',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsIamAccessKey',
    rationale: 'An active key nobody uses is pure risk: it can leak from an old laptop, repository or CI secret and be used without anyone missing it.',
    remediation: {
      text: 'Deactivate keys that are not used (delete them once nothing breaks), and move workloads to IAM roles or Identity Center short-term credentials.',
      cli: 'aws iam list-access-keys --user-name <user>  # find the key id in slot N, then:\naws iam update-access-key --user-name <user> --access-key-id <access-key-id> --status Inactive',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    ],
    compliance: { cisAws3: ['1.12'], prowler: ['iam_user_accesskey_unused'], sources: ['002', '003'] },
    fixable: true,
    reads: ['iam.credentialReport'],
  },
  defaultOptions: { unusedDays: 45, highDays: 90 },
  optionProblems: thresholdsInOrder('unusedDays', 'highDays'),
  evaluate(ctx) {
    const active = activeAccessKeys(ctx);
    if (!active.ok) return active.results;
    return active.keys.map((k) => {
      const resource = accessKeyResource(k);
      // Unlike Prowler, a never-used key is judged too, counting from when it was created/rotated.
      const ref = k.lastUsed ?? k.lastRotated;
      if (ref === null) {
        return reportRowIncomplete(ctx, resource, `credential report row of ${k.user} has an active key ${k.slot} with neither a last-used nor a last-rotated date`);
      }
      const days = daysSince(ctx.now, ref);
      const age = formatDays(days);
      const evidence = { user: k.user, slot: k.slot, lastUsedDate: k.lastUsed, lastRotated: k.lastRotated, daysUnused: Number(age) };
      const what = k.lastUsed === null ? `has never been used (created ${age} days ago)` : `was last used ${age} days ago`;
      const severity = staleSeverity(days, ctx.options);
      if (severity !== undefined) {
        return ctx.fail(resource, `active access key ${k.slot} of IAM user ${k.user} ${what} (limit ${ctx.options.unusedDays})`, {
          severity,
          evidence,
          remediationValues: { user: k.user },
        });
      }
      return ctx.pass(resource, `access key ${k.slot} of IAM user ${k.user} ${what}`, { evidence });
    });
  },
});
