// root-recent-use: the root user is not used for daily work (controls.md 1.A), from the root row's last-use dates.
import { daysSince, defineCheck, formatDays, thresholdsInOrder } from '../define.ts';
import { newestDate, rootRow } from '../helpers/identity.ts';

export interface RootRecentUseOptions {
  /** Root used fewer than this many days ago fails at the catalog severity (medium). Prowler uses 1. */
  maxDaysSinceRootUse: number;
  /** Root used fewer than this many days ago (but not within maxDaysSinceRootUse) is the catalog's WARN. */
  warnDaysSinceRootUse: number;
}

export default defineCheck<RootRecentUseOptions>({
  meta: {
    id: 'root-recent-use',
    title: 'Root user not used for daily work',
    severity: 'medium',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'Every root sign-in or API call exposes the one credential that cannot be limited; regular use means it is typed, stored and phished far more often than a break-glass credential should be.',
    remediation: {
      text: 'Use IAM Identity Center or IAM roles for daily work and keep root for the few tasks that require it. Find out who used root and why in CloudTrail (userIdentity.type = Root), and alert on root use (detection rule det-root-console-login).',
      cli: "aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=root --max-results 50",
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#root-user-tasks',
    ],
    compliance: { cisAws3: ['1.7'], prowler: ['iam_avoid_root_usage'], sources: ['000', '001', '002', '004'] },
    fixable: false,
    reads: ['iam.credentialReport'],
  },
  defaultOptions: { maxDaysSinceRootUse: 30, warnDaysSinceRootUse: 365 },
  optionProblems: thresholdsInOrder('maxDaysSinceRootUse', 'warnDaysSinceRootUse'),
  evaluate(ctx) {
    const account = ctx.accountResource();
    const row = rootRow(ctx);
    if (!row.ok) return [row.result];
    const r = row.value;
    // null dates are the report's N/A / no_information: never used, not "now".
    const last = newestDate([r.passwordLastUsed, r.accessKey1LastUsedDate, r.accessKey2LastUsedDate]);
    const evidence = {
      passwordLastUsed: r.passwordLastUsed,
      accessKey1LastUsedDate: r.accessKey1LastUsedDate,
      accessKey2LastUsedDate: r.accessKey2LastUsedDate,
    };
    if (last === undefined) return [ctx.pass(account, `root user of ${account.id} has no recorded use`, { evidence })];
    const days = daysSince(ctx.now, last);
    const age = formatDays(days);
    const withDays = { ...evidence, lastUsed: last, daysSinceLastUse: Number(age) };
    if (days < ctx.options.maxDaysSinceRootUse) {
      return [
        ctx.fail(
          account,
          `root user of ${account.id} was used ${age} day(s) ago (limit ${ctx.options.maxDaysSinceRootUse}); root should be break-glass only`,
          { evidence: withDays },
        ),
      ];
    }
    if (days < ctx.options.warnDaysSinceRootUse) {
      return [
        ctx.warn(
          account,
          `root user of ${account.id} was used ${age} day(s) ago, within the last ${ctx.options.warnDaysSinceRootUse} days; check that it was a root-only task`,
          { evidence: withDays },
        ),
      ];
    }
    return [ctx.pass(account, `root user of ${account.id} was last used ${age} days ago`, { evidence: withDays })];
  },
});
