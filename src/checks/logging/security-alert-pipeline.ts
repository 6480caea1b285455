// security-alert-pipeline: CloudTrail events and security findings are routed to humans (controls.md 1.D).
// (a) per scanned Region: the trail bucket notifies a consumer (Lambda/SNS/SQS, the CloudTrail-to-Slack pattern),
//     or an EventBridge rule on CloudTrail API calls / console sign-ins has a target in the Region;
// (b) per account: EventBridge rules for aws.guardduty and aws.securityhub findings have targets, in the account or
//     in the service's delegated administrator (where an organization's findings aggregate).
import type { CheckResult } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { DelegatedAdministrator } from '../../services/organizations/schema.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { bucketWatchers, CLOUDTRAIL_DETAIL_TYPES, routedBy, ruleMatches, visibleTrails } from '../helpers/alert-pipeline.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

const FINDING_SOURCES = [
  { source: 'aws.guardduty', principal: 'guardduty.amazonaws.com', name: 'GuardDuty' },
  { source: 'aws.securityhub', principal: 'securityhub.amazonaws.com', name: 'Security Hub' },
] as const;

/** The delegated administrators as any scanned account could read them (the management account can). */
function knownDelegations(ctx: CheckContext<unknown>): DelegatedAdministrator[] | undefined {
  for (const a of [ctx.account, ...ctx.snapshot.accounts]) {
    const d = a.organizations.delegatedAdministrators;
    if (d.ok && d.value !== null) return d.value;
  }
  return undefined;
}

type Found = { kind: 'routed'; where: string } | { kind: 'none' } | { kind: 'unknown'; error: CollectError; why: string };

/** A rule for `source` with a target in any scanned Region of `account`. */
function findingRule(ctx: CheckContext<unknown>, account: AccountSnapshot, source: string): Found {
  let unknown: Found | undefined;
  for (const region of Object.keys(account.regional).sort()) {
    const rules = account.regional[region]!.eventbridge.rules;
    if (!rules.ok) {
      if (account.accountId === ctx.account.accountId && ctx.closedRegion(region, rules.error.operation) !== undefined) continue;
      unknown ??= { kind: 'unknown', error: rules.error, why: `EventBridge rules of ${account.accountId} in ${region} could not be read` };
      continue;
    }
    const r = routedBy(rules.value, (rule) => ruleMatches(rule, 'source', [source]));
    if (r.kind === 'routed') return { kind: 'routed', where: `${account.accountId} ${region} (${r.via.join(', ')})` };
    if (r.kind === 'unknown') unknown ??= { kind: 'unknown', error: r.error, why: r.why };
  }
  return unknown ?? { kind: 'none' };
}

export default defineCheck({
  meta: {
    id: 'security-alert-pipeline',
    title: 'CloudTrail events and findings are routed to humans (CloudTrail-to-Slack style)',
    severity: 'high',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'Logs and findings nobody is told about only help after the fact. A pipeline that sends dangerous CloudTrail events and GuardDuty / Security Hub findings to a chat channel or pager is what turns detection into response.',
    remediation: {
      text: 'Route CloudTrail events to people: an S3 event notification on the trail bucket to a watcher Lambda (e.g. CloudTrail-to-Slack or `rampart watch`), or EventBridge rules on "AWS API Call via CloudTrail" in every allowed Region. Add EventBridge rules for aws.guardduty and aws.securityhub findings with an SNS or Lambda target in the account where findings aggregate. S3 PutBucketNotificationConfiguration replaces the whole configuration: merge.',
      cli: '# in the account where findings aggregate, in each Region whose findings it receives:\naws events put-rule --name guardduty-findings --event-pattern \'{"source":["aws.guardduty"],"detail-type":["GuardDuty Finding"]}\'\naws events put-targets --rule guardduty-findings --targets Id=1,Arn=<sns-topic-arn>',
      terraform:
        'resource "aws_cloudwatch_event_rule" "guardduty" {\n  name          = "guardduty-findings"\n  event_pattern = jsonencode({ source = ["aws.guardduty"], "detail-type" = ["GuardDuty Finding"] })\n}\n\nresource "aws_cloudwatch_event_target" "guardduty" {\n  rule = aws_cloudwatch_event_rule.guardduty.name\n  arn  = "<sns-topic-arn>"\n}',
    },
    references: [
      'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_cloudwatch.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-integration-types.html',
      'https://github.com/fivexl/terraform-aws-cloudtrail-to-slack',
    ],
    compliance: { cisAws3: [], prowler: [], sources: ['000', '001', '002', '003'] },
    fixable: true,
    reads: ['regional.*.eventbridge.rules', 'regional.*.cloudtrail.trails', 's3.buckets', 'organizations.delegatedAdministrators'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    // (a) CloudTrail events
    const watchers = bucketWatchers(ctx, visibleTrails(ctx));
    for (const [region, data] of ctx.regions()) {
      const resource = regionResource(region);
      if (watchers.consumers.length > 0) {
        results.push(ctx.pass(resource, `CloudTrail events of ${region} reach people: the trail bucket notifies ${watchers.consumers.join(', ')}`, { region, evidence: { bucketNotifies: watchers.consumers } }));
        continue;
      }
      const rules = readInRegion(ctx, data.eventbridge.rules, 'EventBridge rules', region);
      if (!rules.ok) {
        results.push(rules.result);
        continue;
      }
      const r = routedBy(rules.value, (rule) => ruleMatches(rule, 'detail-type', CLOUDTRAIL_DETAIL_TYPES));
      if (r.kind === 'routed') {
        results.push(ctx.pass(resource, `EventBridge rule ${r.via.join(', ')} routes CloudTrail events in ${region} to a target`, { region, evidence: { rules: r.via } }));
      } else if (r.kind === 'unknown') {
        results.push(ctx.error(resource, r.error, r.why, { region }));
      } else if (watchers.unknown.length > 0) {
        const w = watchers.unknown[0]!;
        results.push(ctx.error(resource, w.error, `no EventBridge rule routes CloudTrail events in ${region} (${r.why}), and whether trail bucket ${w.bucket} notifies a watcher is unknown`, { region }));
      } else {
        results.push(ctx.fail(resource, `CloudTrail events in ${region} reach nobody: no trail bucket notification and no EventBridge rule on CloudTrail events with a target (${r.why})`, { region }));
      }
    }
    // (b) findings, once per account
    const delegations = knownDelegations(ctx as CheckContext<unknown>);
    const org = ctx.account.organizations.organization;
    const isMember = org.ok && org.value !== null && org.value.managementAccountId !== ctx.account.accountId;
    for (const s of FINDING_SOURCES) {
      // one result per finding source of the account (the account id is on every finding)
      const account = { type: 'AwsEventSource', id: s.source };
      const own = findingRule(ctx as CheckContext<unknown>, ctx.account, s.source);
      if (own.kind === 'routed') {
        results.push(ctx.pass(account, `${s.name} findings are routed to a target by EventBridge in ${own.where}`, { evidence: { source: s.source, where: own.where } }));
        continue;
      }
      const adminId = delegations?.find((d) => d.servicePrincipals.includes(s.principal) && d.accountId !== ctx.account.accountId)?.accountId;
      const admin = adminId ? ctx.snapshot.accounts.find((a) => a.accountId === adminId) : undefined;
      const there = admin ? findingRule(ctx as CheckContext<unknown>, admin, s.source) : undefined;
      if (there?.kind === 'routed') {
        results.push(ctx.pass(account, `${s.name} findings aggregate in delegated administrator ${adminId}, where EventBridge routes them (${there.where})`, { evidence: { source: s.source, where: there.where } }));
        continue;
      }
      const unknown = own.kind === 'unknown' ? own : there?.kind === 'unknown' ? there : undefined;
      if (unknown?.kind === 'unknown') {
        results.push(ctx.error(account, unknown.error, `could not tell whether ${s.name} findings are routed: ${unknown.why}`, { evidence: { source: s.source } }));
        continue;
      }
      if (adminId && !admin) {
        results.push(
          ctx.error(account, { code: 'NotCollected', operation: 'events:ListRules', message: `${s.name} delegated administrator ${adminId} is not part of this scan` }, `${s.name} findings aggregate in ${adminId}, which this scan did not read; scan the organization (--org)`, {
            evidence: { source: s.source },
          }),
        );
        continue;
      }
      if (isMember && delegations === undefined) {
        results.push(
          ctx.error(
            account,
            { code: 'NotCollected', operation: 'organizations:ListDelegatedAdministrators', message: 'the delegated administrators could not be read from this account' },
            `no EventBridge rule routes ${s.name} findings in member account ${ctx.account.accountId}, and the administrator account where they may be routed is unknown; scan the organization (--org)`,
            { evidence: { source: s.source } },
          ),
        );
        continue;
      }
      results.push(
        ctx.fail(account, `no EventBridge rule with a target matches ${s.source} events in account ${ctx.account.accountId}${adminId ? ` or its delegated administrator ${adminId}` : ''}, so ${s.name} findings reach nobody`, { evidence: { source: s.source } }),
      );
    }
    return results;
  },
});
