// iam-access-key-age: active access keys were rotated within the last 90 days (controls.md 1.B).
import { daysSince, defineCheck, formatDays } from '../define.ts';
import { accessKeyResource, activeAccessKeys, reportRowIncomplete } from '../helpers/identity.ts';

export interface AccessKeyAgeOptions {
  maxAgeDays: number;
}

// Root keys are left to root-access-keys, which fails on any root key at all.
export default defineCheck<AccessKeyAgeOptions>({
  meta: {
    id: 'iam-access-key-age',
    title: 'Active access keys rotated within 90 days',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsIamAccessKey',
    rationale: 'The older a long-lived key, the more places it has been copied to; rotation bounds how long a leaked key stays useful.',
    remediation: {
      text: 'Create a second key, deploy it to the consumer, confirm the old key is no longer used (last-used date), then deactivate and delete the old key. Prefer IAM roles, which need no rotation.',
      cli: 'aws iam create-access-key --user-name <user>\n# after redeploying the consumer:\naws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive\naws iam delete-access-key --user-name <user> --access-key-id <old-key-id>',
    },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html'],
    compliance: { cisAws3: ['1.14'], prowler: ['iam_rotate_access_key_90_days'], sources: ['003'] },
    fixable: false,
    reads: ['iam.credentialReport'],
  },
  defaultOptions: { maxAgeDays: 90 },
  evaluate(ctx) {
    const active = activeAccessKeys(ctx);
    if (!active.ok) return active.results;
    return active.keys.map((k) => {
      const resource = accessKeyResource(k);
      if (k.lastRotated === null) {
        return reportRowIncomplete(ctx, resource, `credential report row of ${k.user} has an active key ${k.slot} without a last-rotated date`);
      }
      const days = daysSince(ctx.now, k.lastRotated);
      const age = formatDays(days);
      const evidence = { user: k.user, slot: k.slot, lastRotated: k.lastRotated, ageDays: Number(age) };
      return days > ctx.options.maxAgeDays
        ? ctx.fail(resource, `active access key ${k.slot} of IAM user ${k.user} is ${age} days old (limit ${ctx.options.maxAgeDays})`, { evidence, remediationValues: { user: k.user } })
        : ctx.pass(resource, `access key ${k.slot} of IAM user ${k.user} is ${age} days old`, { evidence });
    });
  },
});
