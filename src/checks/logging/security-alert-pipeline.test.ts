import assert from 'node:assert/strict';
import { singleAccount, snapshot, type AccountBuilder } from '../../inventory/fixtures.ts';
import { eventRule } from '../../services/eventbridge/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './security-alert-pipeline.ts';

const ACCT = '111111111111';
const SNS = (region: string, acct = ACCT) => `arn:aws:sns:${region}:${acct}:alerts`;
const ct = (region: string, acct = ACCT) => eventRule(region, acct, 'cloudtrail-alerts', { source: ['aws.iam'], 'detail-type': ['AWS API Call via CloudTrail'] }, [SNS(region, acct)]);
const findings = (region: string, acct = ACCT) => [
  eventRule(region, acct, 'guardduty', { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] }, [SNS(region, acct)]),
  eventRule(region, acct, 'securityhub', { source: ['aws.securityhub'] }, [SNS(region, acct)]),
];
/** CloudTrail rules in every Region, finding rules in us-east-1; the trail bucket is in the account and notifies nobody. */
const wired = (edit?: (a: AccountBuilder) => void) =>
  singleAccount((a) => {
    a.bucket('org-cloudtrail-logs').everyRegion((r, region) => r.set('eventbridge.rules', region === 'us-east-1' ? [ct(region), ...findings(region)] : [ct(region)]));
    edit?.(a);
  });
const WATCHER = { lambdaFunctionArns: [`arn:aws:lambda:us-east-1:${ACCT}:function:ct-to-slack`], topicArns: [], queueArns: [], eventBridge: false };

testCheck(check, {
  pass: [
    { name: 'EventBridge rules everywhere, finding rules with targets', snapshot: wired(), resources: ['aws.guardduty', 'aws.securityhub', 'eu-west-1', 'us-east-1'] },
    {
      name: 'the trail bucket notifies a watcher Lambda: every Region covered without rules',
      snapshot: wired((a) => a.everyRegion((r, region) => r.set('eventbridge.rules', region === 'us-east-1' ? findings(region) : [])).set('s3.buckets.value.0.notifications', WATCHER)),
      resources: ['aws.guardduty', 'aws.securityhub', 'eu-west-1', 'us-east-1'],
    },
    {
      name: 'a member whose findings are routed in the delegated administrator',
      snapshot: snapshot()
        .account(ACCT, (a) => a.set('organizations.delegatedAdministrators', [{ accountId: '333333333333', servicePrincipals: ['guardduty.amazonaws.com', 'securityhub.amazonaws.com'] }]).bucket('org-cloudtrail-logs').everyRegion((r, region) => r.set('eventbridge.rules', [ct(region), ...findings(region)])))
        .account('222222222222', (a) => a.memberOf(ACCT).everyRegion((r, region) => r.set('eventbridge.rules', [ct(region, '222222222222')])))
        .account('333333333333', (a) => a.memberOf(ACCT).everyRegion((r, region) => r.set('eventbridge.rules', [ct(region, '333333333333'), ...(region === 'us-east-1' ? findings(region, '333333333333') : [])])))
        .build(),
      resources: ['aws.guardduty', 'aws.securityhub', 'eu-west-1', 'us-east-1'],
      verify: (results) => assert.match(results.find((r) => r.status === 'pass' && r.message.includes('delegated administrator 333333333333')) ? 'ok' : '', /ok/),
    },
  ],
  fail: [
    {
      name: 'no rules at all (the baseline, bucket in the account)',
      snapshot: singleAccount((a) => a.bucket('org-cloudtrail-logs')),
      resources: ['aws.guardduty', 'aws.securityhub', 'eu-west-1', 'us-east-1'],
    },
    {
      name: 'CloudTrail rule missing in one Region; a rule without target does not count',
      snapshot: wired((a) => a.inRegion('eu-west-1', (r) => r.set('eventbridge.rules', [eventRule('eu-west-1', ACCT, 'orphan', { 'detail-type': ['AWS API Call via CloudTrail'] }, [])]))),
      resources: ['eu-west-1'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /have no target/),
    },
    {
      name: 'a disabled GuardDuty rule does not count',
      snapshot: wired((a) => a.inRegion('us-east-1', (r) => r.set('eventbridge.rules', [ct('us-east-1'), eventRule('us-east-1', ACCT, 'gd', { source: ['aws.guardduty'] }, [SNS('us-east-1')], { state: 'DISABLED' }), findings('us-east-1')[1]!]))),
      resources: ['aws.guardduty'],
    },
  ],
  error: [
    {
      name: 'rules unreadable in one Region',
      snapshot: wired((a) => a.inRegion('eu-west-1', (r) => r.fail('eventbridge.rules', 'AccessDenied', 'events:ListRules'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
    {
      name: 'no CloudTrail rule and the trail bucket lives outside the scan',
      snapshot: singleAccount((a) => a.everyRegion((r, region) => r.set('eventbridge.rules', region === 'us-east-1' ? findings(region) : []))),
      code: 'NotCollected',
      resources: ['eu-west-1', 'us-east-1'],
    },
    {
      name: 'member-only scan without finding rules: the administrator is unknown',
      snapshot: singleAccount((a) => a.memberOf('999999999999').bucket('org-cloudtrail-logs').everyRegion((r, region) => r.set('eventbridge.rules', [ct(region, '222222222222')])), { accountId: '222222222222' }),
      code: 'NotCollected',
      resources: ['aws.guardduty', 'aws.securityhub'],
    },
  ],
});
