// Whether human access is federated (IAM Identity Center with permission sets, or an IAM SAML provider), and from
// which scanned account that is judged: shared by identity-center-enabled, iam-humans-via-identity-center and
// security-team-permission-sets. In an organization the organization instance belongs to the management account, so
// its snapshot decides for every member; without it in the scan, a member can only prove federation from its own data.
import type { CollectError } from '../../inventory/collected.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { SsoInstance } from '../../services/sso-admin/schema.ts';
import type { CheckContext } from '../define.ts';

export interface FederationState {
  /** The account whose data was judged. */
  judgedIn: string;
  /** The organization's management account, null for a standalone account. */
  managementAccountId: string | null;
  /** ACTIVE instances that count (organization instance in an organization), with their Region. */
  instances: Array<{ region: string; instance: SsoInstance; permissionSets: number | null }>;
  samlProviders: string[];
  identityCenter: boolean;
  inPlace: boolean;
}

export type FederationRead = { ok: true; value: FederationState } | { ok: false; error: CollectError; judgedIn: string };

/** The federation facts of one account snapshot. `closed(region, op)` says why a Region is closed (only for the current account). */
export function federationIn(
  account: AccountSnapshot,
  managementAccountId: string | null,
  closed: (region: string, operation: string) => string | undefined,
): FederationRead {
  const errors: CollectError[] = [];
  const instances: FederationState['instances'] = [];
  for (const region of Object.keys(account.regional).sort()) {
    const listed = account.regional[region]?.ssoAdmin.instances;
    if (listed === undefined) continue;
    if (!listed.ok) {
      if (closed(region, listed.error.operation) === undefined) errors.push(listed.error);
      continue;
    }
    for (const instance of listed.value) {
      if (instance.status !== 'ACTIVE') continue;
      // in an organization only the organization instance (owned by the management account) serves every account
      if (managementAccountId !== null && instance.ownerAccountId !== null && instance.ownerAccountId !== managementAccountId) continue;
      if (!instance.permissionSets.ok) errors.push(instance.permissionSets.error);
      instances.push({ region, instance, permissionSets: instance.permissionSets.ok ? instance.permissionSets.value.length : null });
    }
  }
  const saml = account.iam.samlProviders;
  if (!saml.ok) errors.push(saml.error);
  const samlProviders = saml.ok ? saml.value.map((p) => p.arn) : [];
  const identityCenter = instances.some((i) => (i.permissionSets ?? 0) > 0);
  const inPlace = identityCenter || samlProviders.length > 0;
  const first = errors[0];
  // a positive answer stands on what was read; a negative one needs every read to have worked
  if (!inPlace && first !== undefined) return { ok: false, error: first, judgedIn: account.accountId };
  return { ok: true, value: { judgedIn: account.accountId, managementAccountId, instances, samlProviders, identityCenter, inPlace } };
}

/**
 * The federation state that applies to the current account: the management account's when it is in the snapshot,
 * else this account's own (which can prove federation but, in an organization, not its absence).
 */
export function federationFor<O>(ctx: CheckContext<O>): FederationRead {
  const self = ctx.account;
  const org = self.organizations.organization;
  if (!org.ok) return { ok: false, error: org.error, judgedIn: self.accountId };
  const closed = (region: string, operation: string) => ctx.closedRegion(region, operation);
  if (org.value === null) return federationIn(self, null, closed);
  const managementId = org.value.managementAccountId;
  const management = ctx.snapshot.accounts.find((a) => a.accountId === managementId);
  if (management !== undefined) return federationIn(management, managementId, management === self ? closed : () => undefined);
  const own = federationIn(self, managementId, closed);
  if (!own.ok || own.value.inPlace) return own;
  return {
    ok: false,
    judgedIn: self.accountId,
    error: {
      code: 'NotCollected',
      operation: 'sso:ListInstances',
      message: `the organization instance of IAM Identity Center is visible from the management account ${managementId}, which is not in this scan; scan it (or the organization) to judge federation`,
    },
  };
}

/** Whether the current account's run reports the organization-level verdict (the management account's run does, when it is scanned). */
export function reportsFederation<O>(ctx: CheckContext<O>): boolean {
  const org = ctx.account.organizations.organization;
  if (!org.ok || org.value === null) return true;
  const managementId = org.value.managementAccountId;
  return managementId === ctx.account.accountId || !ctx.snapshot.accounts.some((a) => a.accountId === managementId);
}
