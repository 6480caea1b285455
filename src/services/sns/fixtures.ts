// Fixtures for the SNS slice: the empty default of a fixture Region and a topic builder.
import { ok } from '../../inventory/collected.ts';
import type { SnsSlice, SnsSubscription, SnsTopic } from './schema.ts';

/** A Region without topics. */
export function emptySns(): SnsSlice {
  return { topics: ok([]) };
}

/** A topic with the given subscriptions (default: one confirmed email subscription). */
export function snsTopic(topicArn: string, opts: { subscriptions?: Array<Partial<SnsSubscription>>; policy?: unknown; kmsMasterKeyId?: string | null } = {}): SnsTopic {
  const subs = (opts.subscriptions ?? [{}]).map((s, i) => ({
    subscriptionArn: s.confirmed === false ? 'PendingConfirmation' : `${topicArn}:0000000${i}-aaaa-bbbb-cccc-dddddddddddd`,
    protocol: 'email',
    owner: topicArn.split(':')[4] ?? null,
    confirmed: true,
    ...s,
  }));
  return {
    topicArn,
    attributes: ok({
      policy: opts.policy ?? null,
      kmsMasterKeyId: opts.kmsMasterKeyId ?? null,
      subscriptionsConfirmed: subs.filter((s) => s.confirmed).length,
      subscriptionsPending: subs.filter((s) => !s.confirmed).length,
    }),
    subscriptions: ok(subs),
  };
}
