// Test and demo data for the Security Hub slice.
import { failed, ok } from '../../inventory/collected.ts';
import { collectError } from '../../inventory/fixture-support.ts';
import type { SecurityhubSlice } from './schema.ts';

/** The secure baseline: a hub administered centrally by the account, one aggregator in the home Region linking every Region. */
export function secureSecurityhub(accountId: string, region: string, homeRegion: string): SecurityhubSlice {
  return {
    hub: ok({ hubArn: `arn:aws:securityhub:${region}:${accountId}:hub/default`, subscribedAt: '2025-01-01T00:00:00.000Z' }),
    enabledStandards: ok([]),
    organizationAdminAccounts: ok([{ accountId, status: 'ENABLED' }]),
    organizationConfiguration: ok({ autoEnable: true, configurationType: 'CENTRAL', status: 'ENABLED' }),
    // one aggregator in the home Region linking every Region; other Regions see it listed but read it there
    findingAggregators: ok([
      {
        arn: `arn:aws:securityhub:${homeRegion}:${accountId}:finding-aggregator/11111111-2222-3333-4444-555555555555`,
        detail:
          region === homeRegion
            ? ok({ aggregationRegion: homeRegion, regionLinkingMode: 'ALL_REGIONS', regions: [] })
            : failed(collectError('NotCollected', 'securityhub:GetFindingAggregator', region, `read in its aggregation Region ${homeRegion}`)),
      },
    ]),
    criticalFindings: ok([]),
  };
}

/** The Region's hub: enabled (subscribed at an unknown date) or not (null). */
export function securityhubHub(enabled: boolean, region: string, accountId: string): SecurityhubSlice['hub'] {
  return enabled ? ok({ hubArn: `arn:aws:securityhub:${region}:${accountId}:hub/default`, subscribedAt: null }) : ok(null);
}
