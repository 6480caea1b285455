// Shield Advanced collector (account level; Shield's API is global, served from us-east-1): the subscription state,
// then the protections when the subscription is ACTIVE.
import { GetSubscriptionStateCommand, paginateListProtections, ShieldClient } from '@aws-sdk/client-shield';
import { drain } from '../../collectors/collect.ts';
import { need, read } from '../../collectors/shape.ts';
import type { AccountCollector } from '../../collectors/types.ts';
import type { ShieldSlice } from './schema.ts';

export const SHIELD_OPS = { state: 'shield:GetSubscriptionState', protections: 'shield:ListProtections' } as const;
const SHIELD_REGION = 'us-east-1';

export const shieldCollector: AccountCollector<'shield'> = {
  key: 'shield',
  operations: Object.values(SHIELD_OPS),
  async collect(ctx): Promise<ShieldSlice> {
    const client = ctx.aws.client(ShieldClient, SHIELD_REGION);
    const subscriptionState = await read(SHIELD_OPS.state, undefined, () =>
      ctx.limiter.run(async () => need((await client.send(new GetSubscriptionStateCommand({}))).SubscriptionState, 'SubscriptionState')),
    );
    if (!subscriptionState.ok) return { subscriptionState, protections: subscriptionState };
    if (subscriptionState.value !== 'ACTIVE') return { subscriptionState, protections: { ok: true, value: null } };
    const protections = await read(SHIELD_OPS.protections, undefined, () =>
      ctx.limiter.run(async () =>
        (await drain(paginateListProtections({ client, pageSize: 100 }, {}), (p) => p.Protections)).map((p) => ({
          id: need(p.Id, 'Protection.Id'),
          name: p.Name ?? null,
          resourceArn: need(p.ResourceArn, 'Protection.ResourceArn'),
        })),
      ),
    );
    return { subscriptionState, protections };
  },
};
