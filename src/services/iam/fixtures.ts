// Test and demo data for the IAM slice: the secure baseline (root with MFA and no key, a strong password policy, no
// user), and the builders behind the fluent chain's IAM methods (src/inventory/fixtures.ts).
import { failed, ok, type CollectError } from '../../inventory/collected.ts';
import { daysBefore, mustBeOk } from '../../inventory/fixture-support.ts';
import { ROOT_USER_NAME, type CredentialReportRow, type IamRole, type IamSlice } from './schema.ts';

/** What a scan records for iam.rootCredentials without `--assume-root` (no STS AssumeRoot session is opened). */
export const ROOT_CREDENTIALS_NOT_COLLECTED: CollectError = {
  code: 'NotCollected',
  operation: 'sts:AssumeRoot',
  message:
    'member root credentials are readable only through an STS AssumeRoot session (task policy IAMAuditRootUserCredentials) opened from the management account, which a scan opens only when asked: run `rampart scan --org --assume-root` from the management account (or IAM\'s delegated administrator)',
};

/** The root user's credential-report row: MFA on, no access key, password last used 400 days ago. */
export function rootRow(accountId: string, now: string): CredentialReportRow {
  return {
    user: ROOT_USER_NAME,
    arn: `arn:aws:iam::${accountId}:root`,
    userCreationTime: daysBefore(now, 900),
    passwordEnabled: null,
    passwordLastUsed: daysBefore(now, 400),
    passwordLastChanged: null,
    mfaActive: true,
    accessKey1Active: false,
    accessKey1LastRotated: null,
    accessKey1LastUsedDate: null,
    accessKey2Active: false,
    accessKey2LastRotated: null,
    accessKey2LastUsedDate: null,
  };
}

/** The secure baseline of an account's IAM, its credential report generated at `now`. */
export function secureIam(accountId: string, now: string): IamSlice {
  return {
    credentialReport: ok({ generatedAt: now, rows: [rootRow(accountId, now)] }),
    accountSummary: ok({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 0, Roles: 0, Policies: 0 }),
    passwordPolicy: ok({
      minimumPasswordLength: 14,
      passwordReusePrevention: 24,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: true,
      allowUsersToChangePassword: true,
    }),
    authorizationDetails: ok({ users: [], groups: [], roles: [], policies: [] }),
    virtualMfaDevices: ok([]),
    samlProviders: ok([]),
    oidcProviders: ok([]),
    organizationsFeatures: ok({ organizationId: 'o-exampleorg1', enabledFeatures: ['RootCredentialsManagement', 'RootSessions'] }),
    rootCredentials: failed(ROOT_CREDENTIALS_NOT_COLLECTED),
  };
}

export interface UserOptions {
  console?: boolean;
  mfa?: boolean;
  /** days since the password was last used; null = never used */
  passwordLastUsedDaysAgo?: number | null;
  createdDaysAgo?: number;
  keys?: Array<{ active?: boolean; lastUsedDaysAgo?: number | null; rotatedDaysAgo?: number }>;
  attachedPolicyArns?: string[];
  inlinePolicies?: Record<string, unknown>;
  groups?: string[];
}

export type RoleOptions = Partial<Omit<IamRole, 'roleName' | 'assumeRolePolicyDocument'>>;
export type ManagedPolicyOptions = { attachmentCount?: number; awsManaged?: boolean };

function credentialRows(iam: IamSlice): CredentialReportRow[] {
  return mustBeOk(iam.credentialReport, 'credential report').rows;
}

function accountSummary(iam: IamSlice): Record<string, number> {
  return mustBeOk(iam.accountSummary, 'account summary');
}

function rootRowOf(iam: IamSlice): CredentialReportRow {
  const row = credentialRows(iam).find((r) => r.user === ROOT_USER_NAME);
  if (!row) throw new Error('fixture: root row removed');
  return row;
}

/** Root MFA on or off (account summary and credential report agree). */
export function setRootMfa(iam: IamSlice, enabled: boolean): void {
  accountSummary(iam).AccountMFAEnabled = enabled ? 1 : 0;
  rootRowOf(iam).mfaActive = enabled;
}

/** Active root access keys (0, 1 or 2), optionally last used `lastUsedDaysAgo` days ago. */
export function setRootAccessKeys(iam: IamSlice, now: string, count: 0 | 1 | 2, lastUsedDaysAgo: number | null = null): void {
  accountSummary(iam).AccountAccessKeysPresent = count > 0 ? 1 : 0;
  const row = rootRowOf(iam);
  const used = lastUsedDaysAgo === null ? null : daysBefore(now, lastUsedDaysAgo);
  row.accessKey1Active = count >= 1;
  row.accessKey1LastRotated = count >= 1 ? daysBefore(now, 500) : null;
  row.accessKey1LastUsedDate = count >= 1 ? used : null;
  row.accessKey2Active = count >= 2;
  row.accessKey2LastRotated = count >= 2 ? daysBefore(now, 500) : null;
  row.accessKey2LastUsedDate = count >= 2 ? used : null;
}

/** Days since root's password was last used (null: never). */
export function setRootPasswordLastUsed(iam: IamSlice, now: string, daysAgo: number | null): void {
  rootRowOf(iam).passwordLastUsed = daysAgo === null ? null : daysBefore(now, daysAgo);
}

/** Remove the root row from the credential report (as some emulators and proxies do). */
export function removeRootRow(iam: IamSlice): void {
  const rows = credentialRows(iam);
  rows.splice(rows.findIndex((r) => r.user === ROOT_USER_NAME), 1);
}

/** An IAM user: its credential-report row, the summary count, and its authorization details. */
export function addIamUser(iam: IamSlice, accountId: string, now: string, name: string, opts: UserOptions = {}): void {
  const arn = `arn:aws:iam::${accountId}:user/${name}`;
  const keys = opts.keys ?? [];
  const key = (i: number) => keys[i];
  const k1 = key(0);
  const k2 = key(1);
  const lastUsed = (k: UserOptions['keys'] extends Array<infer K> | undefined ? K | undefined : never) =>
    k?.lastUsedDaysAgo === undefined || k.lastUsedDaysAgo === null ? null : daysBefore(now, k.lastUsedDaysAgo);
  credentialRows(iam).push({
    user: name,
    arn,
    userCreationTime: daysBefore(now, opts.createdDaysAgo ?? 200),
    passwordEnabled: opts.console ?? false,
    passwordLastUsed:
      opts.console && opts.passwordLastUsedDaysAgo !== null ? daysBefore(now, opts.passwordLastUsedDaysAgo ?? 1) : null,
    passwordLastChanged: opts.console ? daysBefore(now, 100) : null,
    mfaActive: opts.mfa ?? false,
    accessKey1Active: k1 ? (k1.active ?? true) : false,
    accessKey1LastRotated: k1 ? daysBefore(now, k1.rotatedDaysAgo ?? 30) : null,
    accessKey1LastUsedDate: lastUsed(k1),
    accessKey2Active: k2 ? (k2.active ?? true) : false,
    accessKey2LastRotated: k2 ? daysBefore(now, k2.rotatedDaysAgo ?? 30) : null,
    accessKey2LastUsedDate: lastUsed(k2),
  });
  accountSummary(iam).Users = (accountSummary(iam).Users ?? 0) + 1;
  mustBeOk(iam.authorizationDetails, 'authorization details').users.push({
    userName: name,
    userId: `AIDA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    arn,
    path: '/',
    createDate: daysBefore(now, opts.createdDaysAgo ?? 200),
    groups: opts.groups ?? [],
    attachedManagedPolicies: (opts.attachedPolicyArns ?? []).map((policyArn) => ({
      policyArn,
      policyName: policyArn.split('/').pop() ?? policyArn,
    })),
    inlinePolicies: Object.entries(opts.inlinePolicies ?? {}).map(([policyName, document]) => ({ policyName, document })),
  });
}

/** An IAM role created 300 days ago, never used, with no policy unless told. */
export function addIamRole(iam: IamSlice, accountId: string, now: string, name: string, trust: unknown, opts: RoleOptions = {}): void {
  mustBeOk(iam.authorizationDetails, 'authorization details').roles.push({
    roleName: name,
    roleId: `AROA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    arn: `arn:aws:iam::${accountId}:role/${name}`,
    path: '/',
    createDate: daysBefore(now, 300),
    assumeRolePolicyDocument: trust,
    attachedManagedPolicies: [],
    inlinePolicies: [],
    lastUsedDate: null,
    instanceProfileArns: [],
    ...opts,
  });
}

/** A managed policy (customer-managed unless the ARN says aws). */
export function addManagedPolicy(iam: IamSlice, accountId: string, name: string, document: unknown, opts: ManagedPolicyOptions = {}): void {
  const awsManaged = opts.awsManaged ?? false;
  mustBeOk(iam.authorizationDetails, 'authorization details').policies.push({
    policyName: name,
    arn: awsManaged ? `arn:aws:iam::aws:policy/${name}` : `arn:aws:iam::${accountId}:policy/${name}`,
    path: '/',
    awsManaged,
    attachmentCount: opts.attachmentCount ?? 1,
    defaultVersionId: 'v1',
    document,
  });
}
