// Shared by the root and contact checks (not a check itself): where this account stands in its organization, and
// the organization-level facts those checks need from the account that can read them (the management account or a
// delegated administrator, in the same snapshot when the scan covers the organization).
import type { CheckResult } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { Organization } from '../../services/organizations/schema.ts';
import { requireData, type CheckContext } from '../define.ts';
import { organizationEvaluator } from '../org/scp-scope.ts';

export type Membership =
  | { kind: 'standalone' }
  | { kind: 'management'; organization: Organization }
  | { kind: 'member'; organization: Organization };

/** Standalone, management or member account; an error result when DescribeOrganization failed. */
export function membership<O>(ctx: CheckContext<O>): { ok: true; value: Membership } | { ok: false; result: CheckResult } {
  const org = requireData(ctx, ctx.account.organizations.organization, ctx.accountResource(), 'the organization (DescribeOrganization)');
  if (!org.ok) return org;
  if (org.value === null) return { ok: true, value: { kind: 'standalone' } };
  const kind = org.value.managementAccountId === ctx.account.accountId ? 'management' : 'member';
  return { ok: true, value: { kind, organization: org.value } };
}

/**
 * The scanned account that read organization `organization`'s structure (management account first), or the error
 * saying what to scan: a member account alone cannot read organization-level data.
 */
export function organizationReader<O>(ctx: CheckContext<O>, organization: Organization): { ok: true; value: AccountSnapshot } | { ok: false; error: CollectError } {
  const id = organizationEvaluator(ctx.snapshot, organization.id);
  const reader = id === undefined ? undefined : ctx.snapshot.accounts.find((a) => a.accountId === id);
  if (reader !== undefined) return { ok: true, value: reader };
  const own = ctx.account.organizations.structure;
  if (!own.ok && ctx.account.accountId === organization.managementAccountId) return { ok: false, error: own.error };
  return {
    ok: false,
    error: {
      code: 'NotCollected',
      operation: 'organizations:ListRoots',
      message: `organization ${organization.id} data is readable only from the management account ${organization.managementAccountId} (or a delegated administrator), which this snapshot does not hold with its structure; scan with --org from the management account`,
    },
  };
}

export const ROOT_FEATURES = ['RootCredentialsManagement', 'RootSessions'] as const;
const IAM_PRINCIPAL = 'iam.amazonaws.com';

export type Centralization =
  | { ok: true; state: 'on' | 'partial' | 'off'; detail: string; evidence: Record<string, unknown> }
  | { ok: false; error: CollectError };

/**
 * Centralized root access of the organization, from the account that can read it: `on` when IAM trusted access and
 * both RootCredentialsManagement and RootSessions are enabled, `off` without RootCredentialsManagement, `partial`
 * in between.
 */
export function centralization(reader: AccountSnapshot, organization: Organization): Centralization {
  if (organization.featureSet !== 'ALL') {
    return {
      ok: true,
      state: 'off',
      detail: `organization ${organization.id} has feature set ${organization.featureSet}; centralized root access needs all features`,
      evidence: { featureSet: organization.featureSet },
    };
  }
  const features = reader.iam.organizationsFeatures;
  if (!features.ok) return { ok: false, error: features.error };
  if (features.value === null) {
    return {
      ok: true,
      state: 'off',
      detail: `IAM trusted access (${IAM_PRINCIPAL}) is not enabled for organization ${organization.id}, so no root-access feature is on`,
      evidence: { enabledFeatures: [], iamTrustedAccess: false },
    };
  }
  const enabled = features.value.enabledFeatures;
  const missing = ROOT_FEATURES.filter((f) => !enabled.includes(f));
  if (missing.includes('RootCredentialsManagement')) {
    return {
      ok: true,
      state: 'off',
      detail: `RootCredentialsManagement is not enabled in organization ${organization.id} (enabled: ${enabled.join(', ') || 'none'})`,
      evidence: { enabledFeatures: enabled },
    };
  }
  const access = reader.organizations.serviceAccess;
  if (!access.ok) return { ok: false, error: access.error };
  const iamTrusted = (access.value ?? []).some((s) => s.servicePrincipal === IAM_PRINCIPAL);
  const evidence = { enabledFeatures: enabled, iamTrustedAccess: iamTrusted };
  if (missing.length > 0 || !iamTrusted) {
    const gaps = [...missing.map((f) => `${f} is not enabled`), ...(iamTrusted ? [] : [`${IAM_PRINCIPAL} has no trusted access`])];
    return { ok: true, state: 'partial', detail: `centralized root access in organization ${organization.id} is incomplete: ${gaps.join('; ')}`, evidence };
  }
  return { ok: true, state: 'on', detail: `organization ${organization.id} has RootCredentialsManagement and RootSessions enabled with IAM trusted access`, evidence };
}

export type RootCredentialsState =
  | { ok: true; removed: boolean; present: string[]; detail: string }
  | { ok: false; error: CollectError; why: string };

/**
 * Whether this member account's root user has no credentials left, as far as the snapshot proves it: only when the
 * organization's centralized root access is on and the root credentials were read (an AssumeRoot audit session).
 */
export function memberRootCredentials<O>(ctx: CheckContext<O>, organization: Organization): RootCredentialsState {
  const reader = organizationReader(ctx, organization);
  if (!reader.ok) return { ok: false, error: reader.error, why: 'centralized root access of the organization could not be read' };
  const central = centralization(reader.value, organization);
  if (!central.ok) return { ok: false, error: central.error, why: 'centralized root access of the organization could not be read' };
  if (central.state !== 'on') {
    return {
      ok: false,
      why: 'centralized root access is not fully enabled',
      error: {
        code: 'NotCollected',
        operation: 'sts:AssumeRoot',
        message: `member root credentials can be audited only with centralized root access (see root-credentials-centralized): ${central.detail}`,
      },
    };
  }
  const creds = ctx.account.iam.rootCredentials;
  if (!creds.ok) {
    const why =
      creds.error.code === 'NotCollected'
        ? 'the scan opened no STS AssumeRoot audit session for it; run `rampart scan --org --assume-root` from the management account'
        : `the root credentials of the account could not be read (${creds.error.code} on ${creds.error.operation})`;
    return { ok: false, error: creds.error, why };
  }
  const c = creds.value;
  const present = [
    ...(c.loginProfile ? ['a console password'] : []),
    ...(c.accessKeys > 0 ? [`${c.accessKeys} access key(s)`] : []),
    ...(c.mfaDevices > 0 ? [`${c.mfaDevices} MFA device(s)`] : []),
    ...(c.signingCertificates > 0 ? [`${c.signingCertificates} signing certificate(s)`] : []),
  ];
  return {
    ok: true,
    removed: present.length === 0,
    present,
    detail: present.length === 0 ? 'the root user has no password, access keys, MFA devices or signing certificates' : `the root user still has ${present.join(', ')}`,
  };
}
