// GuardDuty collector (per Region): the detectors and, per detector, its status and features (guardduty-enabled,
// guardduty-protection-plans); the organization's delegated administrators (read only in the management account), the
// detector's organization configuration and members (read in the delegated administrator), and the unarchived
// high-severity findings (guardduty-high-findings). No detector is a value (an empty list); a denied call stays an error.
import {
  DescribeOrganizationConfigurationCommand,
  GetDetectorCommand,
  GetFindingsCommand,
  GuardDutyClient,
  paginateListDetectors,
  paginateListFindings,
  paginateListMembers,
  paginateListOrganizationAdminAccounts,
  type Finding,
} from '@aws-sdk/client-guardduty';
import { drain } from '../../collectors/collect.ts';
import { notManagementAccount, type RegionalCollector } from '../../collectors/types.ts';
import { failed, ok, type Collected } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { isoOrNull } from '../../collectors/shape.ts';
import { need, orNull, read, regionalClient, type ItemOf, type RegionalContext, type ValueOf } from '../../collectors/regional/shared.ts';

type Slice = RegionalSnapshot['guardduty'];
type Detector = ItemOf<Slice['detectors']>;
type DetectorDetail = ValueOf<Detector['detail']>;
type HighFinding = ItemOf<Slice['highFindings']>;

const OPS = {
  list: 'guardduty:ListDetectors',
  get: 'guardduty:GetDetector',
  admins: 'guardduty:ListOrganizationAdminAccounts',
  orgConfig: 'guardduty:DescribeOrganizationConfiguration',
  members: 'guardduty:ListMembers',
  listFindings: 'guardduty:ListFindings',
  getFindings: 'guardduty:GetFindings',
} as const;

/** The catalog's criteria (controls.md 1.E guardduty-high-findings): severity ≥ 7, not archived. */
const HIGH_FINDINGS = { Criterion: { severity: { GreaterThanOrEqual: 7 }, 'service.archived': { Equals: ['false'] } } };
/** GetFindings takes at most 50 ids. */
const FINDINGS_BATCH = 50;

function toFinding(f: Finding): HighFinding {
  return {
    id: need(f.Id, 'Finding.Id'),
    type: need(f.Type, 'Finding.Type'),
    severity: need(f.Severity, 'Finding.Severity'),
    title: orNull(f.Title),
    createdAt: need(isoOrNull(f.CreatedAt), 'Finding.CreatedAt'),
    updatedAt: isoOrNull(f.UpdatedAt),
    resourceType: orNull(f.Resource?.ResourceType),
    count: orNull(f.Service?.Count),
  };
}

function notRead(operation: string, region: string, because: string): Collected<never> {
  return failed({ code: 'NotCollected', operation, region, message: `not read because ${because}` });
}

async function detectorFields(ctx: RegionalContext, client: GuardDutyClient, detectorId: string | undefined) {
  const { region, limiter } = ctx;
  if (detectorId === undefined) {
    return { organizationConfiguration: ok(null), members: ok([]), highFindings: ok([]) } satisfies Pick<Slice, 'organizationConfiguration' | 'members' | 'highFindings'>;
  }
  const [organizationConfiguration, highFindings] = await Promise.all([
    // answered only in the delegated administrator; elsewhere an error that only the org checks read, in that account
    read<ValueOf<Slice['organizationConfiguration']>>(OPS.orgConfig, region, () =>
      limiter.run(async () => {
        const c = await client.send(new DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }));
        return { detectorId, autoEnableOrganizationMembers: orNull(c.AutoEnableOrganizationMembers), autoEnable: orNull(c.AutoEnable) };
      }),
    ),
    read(OPS.listFindings, region, async () => {
      const ids = await limiter.run(() =>
        drain(paginateListFindings({ client, pageSize: 50 }, { DetectorId: detectorId, FindingCriteria: HIGH_FINDINGS }), (p) => p.FindingIds),
      );
      const batches: string[][] = [];
      for (let i = 0; i < ids.length; i += FINDINGS_BATCH) batches.push(ids.slice(i, i + FINDINGS_BATCH));
      const found = await Promise.all(
        batches.map((FindingIds) => limiter.run(async () => (await client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds }))).Findings ?? [])),
      );
      return found.flat().map(toFinding);
    }),
  ]);
  // Members matter only where the organization configuration is readable (the delegated administrator).
  const members: Slice['members'] = organizationConfiguration.ok
    ? await read(OPS.members, region, () =>
        limiter.run(async () =>
          (await drain(paginateListMembers({ client, pageSize: 50 }, { DetectorId: detectorId, OnlyAssociated: 'false' }), (p) => p.Members)).map((m) => ({
            accountId: need(m.AccountId, 'Member.AccountId'),
            relationshipStatus: need(m.RelationshipStatus, 'Member.RelationshipStatus'),
          })),
        ),
      )
    : notRead(OPS.members, region, `${OPS.orgConfig} failed (${organizationConfiguration.error.code})`);
  return { organizationConfiguration, members, highFindings };
}

export const guarddutyCollector: RegionalCollector<'guardduty'> = {
  key: 'guardduty',
  operations: Object.values(OPS),
  async collect(ctx): Promise<Slice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, GuardDutyClient);
    // answered only in the management account: elsewhere the call is not spent, and the field says why
    const skipAdmins = notManagementAccount(ctx);
    const adminsRead = skipAdmins !== undefined ? Promise.resolve(notRead(OPS.admins, region, skipAdmins)) : read(OPS.admins, region, () =>
      limiter.run(async () =>
        (await drain(paginateListOrganizationAdminAccounts({ client, pageSize: 50 }, {}), (p) => p.AdminAccounts)).map((a) => ({
          adminAccountId: need(a.AdminAccountId, 'AdminAccount.AdminAccountId'),
          adminStatus: need(a.AdminStatus, 'AdminAccount.AdminStatus'),
        })),
      ),
    );
    const ids = await read(OPS.list, region, () => limiter.run(() => drain(paginateListDetectors({ client, pageSize: 50 }, {}), (p) => p.DetectorIds)));
    if (!ids.ok) {
      const because = `${OPS.list} failed (${ids.error.code})`;
      return {
        detectors: ids,
        organizationAdminAccounts: await adminsRead,
        organizationConfiguration: notRead(OPS.orgConfig, region, because),
        members: notRead(OPS.members, region, because),
        highFindings: notRead(OPS.listFindings, region, because),
      };
    }
    // A Region has at most one detector per account; each is read on its own so one failure does not hide the list.
    const [detectors, fields, organizationAdminAccounts] = await Promise.all([
      Promise.all(
        ids.value.map(
          async (detectorId): Promise<Detector> => ({
            detectorId,
            detail: await read<DetectorDetail>(OPS.get, region, () =>
              limiter.run(async () => {
                const d = await client.send(new GetDetectorCommand({ DetectorId: detectorId }));
                return {
                  status: need(d.Status, 'Status'),
                  features: (d.Features ?? []).map((f) => ({ name: need(f.Name, 'Features.Name'), status: need(f.Status, 'Features.Status') })),
                };
              }),
            ),
          }),
        ),
      ),
      detectorFields(ctx, client, ids.value[0]),
      adminsRead,
    ]);
    return { detectors: ok(detectors), organizationAdminAccounts, ...fields };
  },
};
