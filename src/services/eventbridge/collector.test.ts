// Unit tests for the EventBridge collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { eventbridgeCollector } from './collector.ts';

const eb = mockClient(EventBridgeClient);
const RULE = (n: string) => `arn:aws:events:eu-west-1:111111111111:rule/${n}`;

describe('eventbridge collector', () => {
  beforeEach(() => eb.reset());
  afterEach(() => eb.reset());

  it('pages rules and targets, parses patterns and keeps no target input', async () => {
    const pattern = { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] };
    eb.on(ListRulesCommand)
      .resolvesOnce({ Rules: [{ Name: 'gd', Arn: RULE('gd'), EventPattern: JSON.stringify(pattern), State: 'ENABLED', EventBusName: 'default' }], NextToken: 'r2' })
      .resolvesOnce({ Rules: [{ Name: 'nightly', Arn: RULE('nightly'), ScheduleExpression: 'rate(1 day)', State: 'DISABLED' }] });
    eb.on(ListTargetsByRuleCommand, { Rule: 'gd' })
      .resolvesOnce({ Targets: [{ Id: '1', Arn: 'arn:aws:sns:eu-west-1:111111111111:sec', Input: '{"token":"SECRETSECRET"}' }], NextToken: 't2' })
      .resolvesOnce({ Targets: [{ Id: '2', Arn: 'arn:aws:lambda:eu-west-1:111111111111:function:notify' }] });
    eb.on(ListTargetsByRuleCommand, { Rule: 'nightly' }).resolves({ Targets: [] });
    const out = assertSlice('eventbridge', await eventbridgeCollector.collect(testContext()));
    assert.deepEqual(out.rules, {
      ok: true,
      value: [
        {
          name: 'gd',
          arn: RULE('gd'),
          eventBusName: 'default',
          state: 'ENABLED',
          eventPattern: pattern,
          scheduleExpression: null,
          targets: {
            ok: true,
            value: [
              { id: '1', arn: 'arn:aws:sns:eu-west-1:111111111111:sec' },
              { id: '2', arn: 'arn:aws:lambda:eu-west-1:111111111111:function:notify' },
            ],
          },
        },
        { name: 'nightly', arn: RULE('nightly'), eventBusName: 'default', state: 'DISABLED', eventPattern: null, scheduleExpression: 'rate(1 day)', targets: { ok: true, value: [] } },
      ],
    });
    assert.doesNotMatch(JSON.stringify(out), /SECRETSECRET/);
    assert.equal(eb.commandCalls(ListRulesCommand)[1]?.args[0].input.NextToken, 'r2');
  });

  it('records a denied rule list, and a denied target list on its rule', async () => {
    eb.on(ListRulesCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const denied = assertSlice('eventbridge', await eventbridgeCollector.collect(testContext()));
    assert.ok(!denied.rules.ok);
    assert.deepEqual([denied.rules.error.code, denied.rules.error.operation], ['AccessDenied', 'events:ListRules']);

    eb.reset();
    eb.on(ListRulesCommand).resolves({ Rules: [{ Name: 'gd', Arn: RULE('gd'), EventPattern: '{}' }] });
    eb.on(ListTargetsByRuleCommand).rejects(awsError('ThrottlingException', 'slow', 400));
    const partial = assertSlice('eventbridge', await eventbridgeCollector.collect(testContext()));
    assert.ok(partial.rules.ok);
    const t = partial.rules.value[0]?.targets;
    assert.ok(t && !t.ok);
    assert.deepEqual([t.error.code, t.error.operation], ['Throttled', 'events:ListTargetsByRule']);
  });
});
