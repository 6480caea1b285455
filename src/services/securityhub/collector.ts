// Security Hub collector (per Region): whether the hub is enabled and which standards are on (securityhub-enabled);
// the delegated administrators (read only in the management account), the organization configuration and the finding
// aggregators (read in the administrator) for securityhub-org-aggregation; and this account's active CRITICAL/HIGH
// findings for securityhub-critical-findings. "Not subscribed" is a value (hub null); any other failure stays an error.
import {
  DescribeHubCommand,
  DescribeOrganizationConfigurationCommand,
  GetFindingAggregatorCommand,
  paginateGetEnabledStandards,
  paginateGetFindings,
  paginateListFindingAggregators,
  paginateListOrganizationAdminAccounts,
  SecurityHubClient,
  type AwsSecurityFinding,
  type AwsSecurityFindingFilters,
} from '@aws-sdk/client-securityhub';
import { isSecurityHubNotSubscribed } from '../../aws/errors.ts';
import { drain } from '../../collectors/collect.ts';
import { notManagementAccount, type RegionalCollector } from '../../collectors/types.ts';
import { failed, ok, type Collected } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { isoOrNull } from '../../collectors/shape.ts';
import { need, orNull, read, regionalClient, type ItemOf, type RegionalContext } from '../../collectors/regional/shared.ts';

type Slice = RegionalSnapshot['securityhub'];
type CriticalFinding = ItemOf<Slice['criticalFindings']>;

const OPS = {
  hub: 'securityhub:DescribeHub',
  standards: 'securityhub:GetEnabledStandards',
  admins: 'securityhub:ListOrganizationAdminAccounts',
  orgConfig: 'securityhub:DescribeOrganizationConfiguration',
  aggregators: 'securityhub:ListFindingAggregators',
  aggregator: 'securityhub:GetFindingAggregator',
  findings: 'securityhub:GetFindings',
} as const;

/** The catalog's filters (controls.md 1.E securityhub-critical-findings), narrowed to the scanned account's own findings. */
function findingFilters(accountId: string): AwsSecurityFindingFilters {
  const eq = (...values: string[]) => values.map((Value) => ({ Value, Comparison: 'EQUALS' as const }));
  return {
    SeverityLabel: eq('CRITICAL', 'HIGH'),
    RecordState: eq('ACTIVE'),
    WorkflowStatus: eq('NEW', 'NOTIFIED'),
    // An administrator's aggregated view also holds every member's findings; each account reports its own, once.
    AwsAccountId: eq(accountId),
  };
}

function toFinding(f: AwsSecurityFinding): CriticalFinding {
  const resource = f.Resources?.[0];
  return {
    id: need(f.Id, 'Finding.Id'),
    title: orNull(f.Title),
    severityLabel: need(f.Severity?.Label, 'Finding.Severity.Label'),
    workflowStatus: orNull(f.Workflow?.Status),
    region: orNull(f.Region),
    createdAt: need(isoOrNull(f.CreatedAt), 'Finding.CreatedAt'),
    updatedAt: isoOrNull(f.UpdatedAt),
    resourceType: orNull(resource?.Type),
    resourceId: orNull(resource?.Id),
  };
}

function notRead(operation: string, region: string, because: string): Collected<never> {
  return failed({ code: 'NotCollected', operation, region, message: `not read because ${because}` });
}

/** The ARN's Region (`arn:aws:securityhub:<region>:…`). */
function arnRegion(arn: string): string | undefined {
  return arn.split(':')[3] || undefined;
}

async function hubFields(ctx: RegionalContext, client: SecurityHubClient) {
  const { region, limiter } = ctx;
  const [enabledStandards, organizationConfiguration, findingAggregators, criticalFindings] = await Promise.all([
    read(OPS.standards, region, () =>
      limiter.run(async () =>
        (await drain(paginateGetEnabledStandards({ client, pageSize: 100 }, {}), (p) => p.StandardsSubscriptions)).map((s) => ({
          standardsArn: need(s.StandardsArn, 'StandardsSubscriptions.StandardsArn'),
          status: need(s.StandardsStatus, 'StandardsSubscriptions.StandardsStatus'),
        })),
      ),
    ),
    // answered in the delegated administrator; elsewhere an error only the org check reads, in that account
    read(OPS.orgConfig, region, () =>
      limiter.run(async () => {
        const c = await client.send(new DescribeOrganizationConfigurationCommand({}));
        return {
          autoEnable: orNull(c.AutoEnable),
          configurationType: orNull(c.OrganizationConfiguration?.ConfigurationType),
          status: orNull(c.OrganizationConfiguration?.Status),
        };
      }),
    ),
    read(OPS.aggregators, region, async () => {
      const arns = await limiter.run(() => drain(paginateListFindingAggregators({ client, pageSize: 100 }, {}), (p) => p.FindingAggregators));
      return Promise.all(
        arns.map(async (a) => {
          const arn = need(a.FindingAggregatorArn, 'FindingAggregator.FindingAggregatorArn');
          const home = arnRegion(arn);
          // every Region lists the aggregator; its configuration is read once, in the Region it lives in
          if (home !== region) return { arn, detail: notRead(OPS.aggregator, region, `the aggregator is read in its aggregation Region ${home ?? '(unknown)'}`) };
          const detail = await read(OPS.aggregator, region, () =>
            limiter.run(async () => {
              const g = await client.send(new GetFindingAggregatorCommand({ FindingAggregatorArn: arn }));
              return {
                aggregationRegion: need(g.FindingAggregationRegion, 'FindingAggregationRegion'),
                regionLinkingMode: need(g.RegionLinkingMode, 'RegionLinkingMode'),
                regions: g.Regions ?? [],
              };
            }),
          );
          return { arn, detail };
        }),
      );
    }),
    read(OPS.findings, region, () =>
      limiter.run(async () =>
        (await drain(paginateGetFindings({ client, pageSize: 100 }, { Filters: findingFilters(ctx.accountId) }), (p) => p.Findings)).map(toFinding),
      ),
    ),
  ]);
  return { enabledStandards, organizationConfiguration, findingAggregators, criticalFindings };
}

export const securityhubCollector: RegionalCollector<'securityhub'> = {
  key: 'securityhub',
  operations: Object.values(OPS),
  async collect(ctx): Promise<Slice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, SecurityHubClient);
    // answered only in the management account, whether or not it has a hub itself; elsewhere not spent
    const skipAdmins = notManagementAccount(ctx);
    const adminsRead = skipAdmins !== undefined ? Promise.resolve(notRead(OPS.admins, region, skipAdmins)) : read(OPS.admins, region, () =>
      limiter.run(async () =>
        (await drain(paginateListOrganizationAdminAccounts({ client, pageSize: 10 }, {}), (p) => p.AdminAccounts)).map((a) => ({
          accountId: need(a.AccountId, 'AdminAccount.AccountId'),
          status: need(a.Status, 'AdminAccount.Status'),
        })),
      ),
    );
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
    // The hub's reads are made only when the hub exists (calls saved in every Region without Security Hub).
    if (hub.ok && hub.value === null) {
      return {
        hub,
        enabledStandards: ok([]),
        organizationAdminAccounts: await adminsRead,
        organizationConfiguration: ok(null),
        findingAggregators: ok([]),
        criticalFindings: ok([]),
      };
    }
    if (!hub.ok) {
      // Unknown whether a hub exists, so "none" would be a guess: record why the rest is missing.
      const because = `${OPS.hub} failed (${hub.error.code})`;
      return {
        hub,
        enabledStandards: notRead(OPS.standards, region, because),
        organizationAdminAccounts: await adminsRead,
        organizationConfiguration: notRead(OPS.orgConfig, region, because),
        findingAggregators: notRead(OPS.aggregators, region, because),
        criticalFindings: notRead(OPS.findings, region, because),
      };
    }
    const [fields, organizationAdminAccounts] = await Promise.all([hubFields(ctx, client), adminsRead]);
    return { hub, organizationAdminAccounts, ...fields };
  },
};
