// SNS collector (per Region): ListTopics, then per topic GetTopicAttributes (its policy, which no listing returns)
// and ListSubscriptionsByTopic (the topic owner's view includes subscribers in other accounts, which the account-wide
// ListSubscriptions does not). Endpoints are dropped: an HTTPS endpoint may embed a webhook secret.
import { GetTopicAttributesCommand, paginateListSubscriptionsByTopic, paginateListTopics, SNSClient } from '@aws-sdk/client-sns';
import { mapLimit } from '../../aws/limiter.ts';
import { drain } from '../../collectors/collect.ts';
import { need, parsePolicyDocument, read } from '../../collectors/shape.ts';
import { regionalClient, type RegionalContext } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import type { SnsSlice, SnsTopic } from './schema.ts';

const OPS = {
  topics: 'sns:ListTopics',
  attributes: 'sns:GetTopicAttributes',
  subscriptions: 'sns:ListSubscriptionsByTopic',
} as const;

/** Topics read at once (each makes two calls through the SNS limiter). */
const TOPIC_CONCURRENCY = 4;

function count(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isInteger(n) ? n : null;
}

async function readTopic(ctx: RegionalContext, client: SNSClient, topicArn: string): Promise<SnsTopic> {
  const { region, limiter } = ctx;
  const [attributes, subscriptions] = await Promise.all([
    read(OPS.attributes, region, async () => {
      const a = need((await limiter.run(() => client.send(new GetTopicAttributesCommand({ TopicArn: topicArn })))).Attributes, 'Attributes');
      return {
        policy: a.Policy === undefined ? null : parsePolicyDocument(a.Policy),
        kmsMasterKeyId: a.KmsMasterKeyId ?? null,
        subscriptionsConfirmed: count(a.SubscriptionsConfirmed),
        subscriptionsPending: count(a.SubscriptionsPending),
      };
    }),
    read(OPS.subscriptions, region, async () =>
      (await limiter.run(() => drain(paginateListSubscriptionsByTopic({ client }, { TopicArn: topicArn }), (p) => p.Subscriptions))).map((s) => {
        const arn = need(s.SubscriptionArn, 'Subscription.SubscriptionArn');
        return {
          subscriptionArn: arn,
          protocol: need(s.Protocol, 'Subscription.Protocol'),
          owner: s.Owner ?? null,
          confirmed: arn.startsWith('arn:'),
        };
      }),
    ),
  ]);
  return { topicArn, attributes, subscriptions };
}

export const snsCollector: RegionalCollector<'sns'> = {
  key: 'sns',
  operations: Object.values(OPS),
  async collect(ctx): Promise<SnsSlice> {
    const client = regionalClient(ctx, SNSClient);
    const listed = await read(OPS.topics, ctx.region, async () =>
      (await ctx.limiter.run(() => drain(paginateListTopics({ client }, {}), (p) => p.Topics))).map((t) => need(t.TopicArn, 'Topic.TopicArn')),
    );
    if (!listed.ok) return { topics: listed };
    return { topics: { ok: true, value: await mapLimit(listed.value, TOPIC_CONCURRENCY, (arn) => readTopic(ctx, client, arn)) } };
  },
};
