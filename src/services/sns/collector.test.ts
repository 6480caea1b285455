// Unit tests for the SNS collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { snsCollector } from './collector.ts';

const sns = mockClient(SNSClient);
const TOPIC = (n: string) => `arn:aws:sns:eu-west-1:111111111111:${n}`;

describe('sns collector', () => {
  beforeEach(() => sns.reset());
  afterEach(() => sns.reset());

  it('pages topics and subscriptions, parses the policy and never keeps an endpoint', async () => {
    sns.on(ListTopicsCommand).resolvesOnce({ Topics: [{ TopicArn: TOPIC('a') }], NextToken: 't2' }).resolvesOnce({ Topics: [{ TopicArn: TOPIC('b') }] });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: TOPIC('a') }] };
    sns.on(GetTopicAttributesCommand, { TopicArn: TOPIC('a') }).resolves({ Attributes: { Policy: JSON.stringify(policy), SubscriptionsConfirmed: '1', SubscriptionsPending: '1', KmsMasterKeyId: 'alias/aws/sns' } });
    sns.on(GetTopicAttributesCommand, { TopicArn: TOPIC('b') }).resolves({ Attributes: {} });
    sns
      .on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC('a') })
      .resolvesOnce({
        Subscriptions: [{ SubscriptionArn: `${TOPIC('a')}:1111`, Protocol: 'https', Endpoint: 'https://hooks.slack.com/services/T000/B000/SECRETSECRET', Owner: '222222222222', TopicArn: TOPIC('a') }],
        NextToken: 's2',
      })
      .resolvesOnce({ Subscriptions: [{ SubscriptionArn: 'PendingConfirmation', Protocol: 'email', Endpoint: 'sec@example.com', TopicArn: TOPIC('a') }] });
    sns.on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC('b') }).resolves({ Subscriptions: [] });
    const out = assertSlice('sns', await snsCollector.collect(testContext()));
    assert.ok(out.topics.ok);
    assert.deepEqual(out.topics.value, [
      {
        topicArn: TOPIC('a'),
        attributes: { ok: true, value: { policy, kmsMasterKeyId: 'alias/aws/sns', subscriptionsConfirmed: 1, subscriptionsPending: 1 } },
        subscriptions: {
          ok: true,
          value: [
            { subscriptionArn: `${TOPIC('a')}:1111`, protocol: 'https', owner: '222222222222', confirmed: true },
            { subscriptionArn: 'PendingConfirmation', protocol: 'email', owner: null, confirmed: false },
          ],
        },
      },
      {
        topicArn: TOPIC('b'),
        attributes: { ok: true, value: { policy: null, kmsMasterKeyId: null, subscriptionsConfirmed: null, subscriptionsPending: null } },
        subscriptions: { ok: true, value: [] },
      },
    ]);
    assert.doesNotMatch(JSON.stringify(out), /SECRETSECRET|example\.com/);
  });

  it('records a denied topic list, and a per-topic denial on that topic only', async () => {
    sns.on(ListTopicsCommand).rejects(awsError('AuthorizationError', 'not authorized', 403));
    const denied = assertSlice('sns', await snsCollector.collect(testContext()));
    assert.ok(!denied.topics.ok);
    assert.deepEqual([denied.topics.error.code, denied.topics.error.operation], ['AccessDenied', 'sns:ListTopics']);

    sns.reset();
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC('a') }] });
    sns.on(GetTopicAttributesCommand).rejects(awsError('AuthorizationError', 'not authorized', 403));
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    const partial = assertSlice('sns', await snsCollector.collect(testContext()));
    assert.ok(partial.topics.ok);
    assert.equal(partial.topics.value[0]?.attributes.ok, false);
    assert.deepEqual(partial.topics.value[0]?.subscriptions, { ok: true, value: [] });
  });
});
