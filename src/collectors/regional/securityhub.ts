// Security Hub collector (per Region): whether the hub is enabled and which standards are on — what
// securityhub-enabled reads. "Not subscribed" is a value (hub null); any other failure stays an error.
import { DescribeHubCommand, paginateGetEnabledStandards, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { isSecurityHubNotSubscribed } from '../../aws/errors.ts';
import { drain } from '../collect.ts';
import type { RegionalCollector } from '../types.ts';
import { failed, ok } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { need, orNull, read, regionalClient } from './shared.ts';

const OPS = { hub: 'securityhub:DescribeHub', standards: 'securityhub:GetEnabledStandards' } as const;

export const securityhubCollector: RegionalCollector<'securityhub'> = {
  key: 'securityhub',
  operations: Object.values(OPS),
  async collect(ctx): Promise<RegionalSnapshot['securityhub']> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, SecurityHubClient);
    const hub = await read(OPS.hub, region, () =>
      limiter.run(async () => {
        try {
          const h = await client.send(new DescribeHubCommand({}));
          return { hubArn: need(h.HubArn, 'HubArn'), subscribedAt: orNull(h.SubscribedAt) };
        } catch (e) {
          if (isSecurityHubNotSubscribed(e)) return null;
          throw e;
        }
      }),
    );
    // Standards are read only when the hub exists (one call saved in every Region without Security Hub).
    if (hub.ok && hub.value === null) return { hub, enabledStandards: ok([]) };
    if (!hub.ok) {
      // Unknown whether a hub exists, so "no standards" would be a guess: record why the standards are missing.
      return {
        hub,
        enabledStandards: failed({
          code: 'NotCollected',
          operation: OPS.standards,
          region,
          message: `not read because ${OPS.hub} failed (${hub.error.code})`,
        }),
      };
    }
    const enabledStandards = await read(OPS.standards, region, () =>
      limiter.run(async () =>
        (await drain(paginateGetEnabledStandards({ client, pageSize: 100 }, {}), (p) => p.StandardsSubscriptions)).map((s) => ({
          standardsArn: need(s.StandardsArn, 'StandardsSubscriptions.StandardsArn'),
          status: need(s.StandardsStatus, 'StandardsSubscriptions.StandardsStatus'),
        })),
      ),
    );
    return { hub, enabledStandards };
  },
};
