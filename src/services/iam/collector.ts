// IAM collector (account-level, global): credential report, account summary, password policy, the full
// authorization details (users, groups, roles, policies with documents) and virtual MFA devices.
// Batch APIs only: a handful of calls per account however many users, roles and policies it has.
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  ListOrganizationsFeaturesCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListVirtualMFADevices,
  type AttachedPolicy,
  type GroupDetail,
  type ManagedPolicyDetail,
  type PasswordPolicy as SdkPasswordPolicy,
  type PolicyDetail,
  type RoleDetail,
  type UserDetail,
} from '@aws-sdk/client-iam';
import { drain } from '../../collectors/collect.ts';
import { isoOrNull, need, parsePolicyDocument, read, readOrAbsent, ResponseShapeError } from '../../collectors/shape.ts';
import { notManagementAccount, type AccountCollector, type CollectorContext } from '../../collectors/types.ts';
import { toCollectError } from '../../aws/errors.ts';
import { failed, type Collected } from '../../inventory/collected.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type {
  CredentialReportRow,
  IamGroup,
  IamManagedPolicy,
  IamRole,
  IamUser,
  PasswordPolicy,
} from './schema.ts';

type IamSlice = AccountSnapshot['iam'];
type CredentialReport = { generatedAt: string; rows: CredentialReportRow[] };
type AuthorizationDetails = { users: IamUser[]; groups: IamGroup[]; roles: IamRole[]; policies: IamManagedPolicy[] };

const OPS = {
  generateReport: 'iam:GenerateCredentialReport',
  getReport: 'iam:GetCredentialReport',
  summary: 'iam:GetAccountSummary',
  passwordPolicy: 'iam:GetAccountPasswordPolicy',
  authDetails: 'iam:GetAccountAuthorizationDetails',
  virtualMfa: 'iam:ListVirtualMFADevices',
  // --- cat-iam: federation evidence for identity-center-enabled ---
  samlProviders: 'iam:ListSAMLProviders',
  oidcProviders: 'iam:ListOpenIDConnectProviders',
  // --- cat-acct-org ---
  organizationsFeatures: 'iam:ListOrganizationsFeatures',
} as const;

// --- cat-acct-org: centralized root access ---
/**
 * ListOrganizationsFeatures. ServiceAccessNotEnabledException (IAM trusted access off for the organization) means no
 * feature can be on: null. Anything else, e.g. a member account (AccountNotManagementOrDelegatedAdministratorException)
 * or a standalone account (OrganizationNotFoundException), stays an error: checks read org membership elsewhere.
 */
function organizationsFeatures(iam: IAMClient, ctx: CollectorContext): Promise<IamSlice['organizationsFeatures']> {
  // answered only by the management account and IAM's delegated administrator: not spent in other accounts
  const skip = notManagementAccount(ctx, ['iam.amazonaws.com']);
  if (skip !== undefined) return Promise.resolve(failed({ code: 'NotCollected', operation: OPS.organizationsFeatures, message: `not read because ${skip}` }));
  return readOrAbsent(OPS.organizationsFeatures, undefined, ['ServiceAccessNotEnabledException'], async () => {
    const out = await ctx.limiter.run(() => iam.send(new ListOrganizationsFeaturesCommand({})));
    return { organizationId: out.OrganizationId ?? null, enabledFeatures: [...(out.EnabledFeatures ?? [])].sort() };
  });
}

/** Root credentials need an STS AssumeRoot session from the management account, opened only by `scan --org --assume-root` (src/aws/assume-root.ts). */
const ROOT_CREDENTIALS_NOT_COLLECTED: IamSlice['rootCredentials'] = failed({
  code: 'NotCollected',
  operation: 'sts:AssumeRoot',
  message:
    'member root credentials are readable only through an STS AssumeRoot session (task policy IAMAuditRootUserCredentials) opened from the management account, which a scan opens only when asked: run `rampart scan --org --assume-root` from the management account (or IAM\'s delegated administrator)',
});
// --- end cat-acct-org ---

// IAM's modeled exception is NoSuchEntityException; the wire code is NoSuchEntity. Accept both spellings.
const NO_SUCH_ENTITY = ['NoSuchEntity', 'NoSuchEntityException'];
// GetCredentialReport right after a COMPLETE state can still say "not ready" / "not present" (eventual consistency).
const REPORT_NOT_READY = new Set(['CredentialReportNotReadyException', 'CredentialReportNotPresentException', 'ReportInProgress']);

export interface IamCollectorOptions {
  /** Give up waiting for the credential report after this long (recorded as a Timeout error). */
  reportTimeoutMs?: number;
  /** First back-off between polls; doubles up to maxPollDelayMs. */
  initialPollDelayMs?: number;
  maxPollDelayMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

// ---------- credential report ----------

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

// The report writes "never" / "does not apply" as these words; the schema says null.
const NO_VALUE = new Set(['N/A', 'no_information', 'not_supported', '']);

function reportDate(v: string, column: string): string | null {
  if (NO_VALUE.has(v)) return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new ResponseShapeError(`credential report column ${column} has unparseable date "${v}"`);
  return new Date(t).toISOString();
}

function reportBool(v: string, column: string): boolean | null {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (NO_VALUE.has(v)) return null;
  throw new ResponseShapeError(`credential report column ${column} has "${v}" where true/false was expected`);
}

function reportBoolRequired(v: string, column: string): boolean {
  const b = reportBool(v, column);
  if (b === null) throw new ResponseShapeError(`credential report column ${column} is "${v}" where true/false was expected`);
  return b;
}

/** Parse the credential report CSV into typed rows, keeping the root row (`<root_account>`). */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const [header, ...lines] = parseCsv(csv);
  if (!header) throw new ResponseShapeError('credential report is empty');
  const col = new Map(header.map((h, i) => [h.trim(), i]));
  const required = [
    'user',
    'arn',
    'user_creation_time',
    'password_enabled',
    'password_last_used',
    'password_last_changed',
    'mfa_active',
    'access_key_1_active',
    'access_key_1_last_rotated',
    'access_key_1_last_used_date',
    'access_key_2_active',
    'access_key_2_last_rotated',
    'access_key_2_last_used_date',
  ];
  const missing = required.filter((c) => !col.has(c));
  if (missing.length > 0) throw new ResponseShapeError(`credential report lacks columns ${missing.join(', ')}`);
  return lines.map((raw) => {
    let fields = raw;
    // IAM user names may contain commas and the report does not quote them: the name then appears split in both
    // `user` and `arn` (which ends with the name), so the surplus is even and splits evenly between the two.
    const extra = fields.length - header.length;
    if (extra > 0 && extra % 2 === 0 && col.get('user') === 0 && col.get('arn') === 1) {
      const k = extra / 2;
      fields = [fields.slice(0, k + 1).join(','), fields.slice(k + 1, 2 * k + 2).join(','), ...fields.slice(2 * k + 2)];
    } else if (extra !== 0) {
      throw new ResponseShapeError(`credential report row has ${raw.length} fields, header has ${header.length}`);
    }
    const get = (c: string): string => fields[col.get(c) ?? -1] ?? '';
    return {
      user: get('user'),
      arn: get('arn'),
      userCreationTime: reportDate(get('user_creation_time'), 'user_creation_time'),
      passwordEnabled: reportBool(get('password_enabled'), 'password_enabled'),
      passwordLastUsed: reportDate(get('password_last_used'), 'password_last_used'),
      passwordLastChanged: reportDate(get('password_last_changed'), 'password_last_changed'),
      mfaActive: reportBoolRequired(get('mfa_active'), 'mfa_active'),
      accessKey1Active: reportBoolRequired(get('access_key_1_active'), 'access_key_1_active'),
      accessKey1LastRotated: reportDate(get('access_key_1_last_rotated'), 'access_key_1_last_rotated'),
      accessKey1LastUsedDate: reportDate(get('access_key_1_last_used_date'), 'access_key_1_last_used_date'),
      accessKey2Active: reportBoolRequired(get('access_key_2_active'), 'access_key_2_active'),
      accessKey2LastRotated: reportDate(get('access_key_2_last_rotated'), 'access_key_2_last_rotated'),
      accessKey2LastUsedDate: reportDate(get('access_key_2_last_used_date'), 'access_key_2_last_used_date'),
    };
  });
}

/** The report's bytes as CSV text. The SDK already base64-decodes the blob; a string is decoded here. */
function reportText(content: Uint8Array | string): string {
  if (typeof content !== 'string') return Buffer.from(content).toString('utf8');
  return content.startsWith('user') ? content : Buffer.from(content, 'base64').toString('utf8');
}

function errorName(e: unknown): string {
  return (typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string' ? e.name : '') || '';
}

/**
 * GenerateCredentialReport until COMPLETE, then GetCredentialReport, with bounded exponential back-off.
 * IAM builds the report asynchronously (and reuses one younger than 4 hours); a report that is not ready within the
 * deadline is a recorded Timeout, never a hang.
 */
async function credentialReport(iam: IAMClient, ctx: CollectorContext, o: Required<IamCollectorOptions>): Promise<Collected<CredentialReport>> {
  const deadline = o.now() + o.reportTimeoutMs;
  let delay = o.initialPollDelayMs;
  let lastState = 'unknown';
  for (;;) {
    let state: string | undefined;
    try {
      state = (await ctx.limiter.run(() => iam.send(new GenerateCredentialReportCommand({})))).State;
    } catch (e) {
      return failed(toCollectError(e, OPS.generateReport));
    }
    lastState = state ?? 'unknown';
    if (state === 'COMPLETE') {
      try {
        const out = await ctx.limiter.run(() => iam.send(new GetCredentialReportCommand({})));
        return await read(OPS.getReport, undefined, async () => ({
          generatedAt: need(isoOrNull(out.GeneratedTime), 'GeneratedTime'),
          rows: parseCredentialReport(reportText(need(out.Content, 'Content'))),
        }));
      } catch (e) {
        if (!REPORT_NOT_READY.has(errorName(e))) return failed(toCollectError(e, OPS.getReport));
        lastState = errorName(e);
      }
    }
    if (o.now() + delay > deadline) {
      return failed({
        code: 'Timeout',
        operation: OPS.generateReport,
        message: `the IAM credential report was not ready after ${Math.round(o.reportTimeoutMs / 1000)}s (last state: ${lastState}); run the scan again`,
      });
    }
    await o.sleep(delay);
    delay = Math.min(delay * 2, o.maxPollDelayMs);
  }
}

// ---------- authorization details ----------

function attached(list: AttachedPolicy[] | undefined): Array<{ policyName: string; policyArn: string }> {
  return (list ?? []).map((p) => ({ policyName: need(p.PolicyName, 'AttachedPolicy.PolicyName'), policyArn: need(p.PolicyArn, 'AttachedPolicy.PolicyArn') }));
}

function inline(list: PolicyDetail[] | undefined): Array<{ policyName: string; document: unknown }> {
  return (list ?? []).map((p) => ({ policyName: need(p.PolicyName, 'PolicyDetail.PolicyName'), document: parsePolicyDocument(p.PolicyDocument) }));
}

function toUser(u: UserDetail): IamUser {
  return {
    userName: need(u.UserName, 'UserName'),
    userId: need(u.UserId, 'UserId'),
    arn: need(u.Arn, 'User.Arn'),
    path: u.Path ?? '/',
    createDate: need(isoOrNull(u.CreateDate), 'User.CreateDate'),
    groups: u.GroupList ?? [],
    attachedManagedPolicies: attached(u.AttachedManagedPolicies),
    inlinePolicies: inline(u.UserPolicyList),
  };
}

function toGroup(g: GroupDetail): IamGroup {
  return {
    groupName: need(g.GroupName, 'GroupName'),
    arn: need(g.Arn, 'Group.Arn'),
    path: g.Path ?? '/',
    attachedManagedPolicies: attached(g.AttachedManagedPolicies),
    inlinePolicies: inline(g.GroupPolicyList),
  };
}

function toRole(r: RoleDetail): IamRole {
  return {
    roleName: need(r.RoleName, 'RoleName'),
    roleId: need(r.RoleId, 'RoleId'),
    arn: need(r.Arn, 'Role.Arn'),
    path: r.Path ?? '/',
    createDate: need(isoOrNull(r.CreateDate), 'Role.CreateDate'),
    assumeRolePolicyDocument: parsePolicyDocument(r.AssumeRolePolicyDocument),
    attachedManagedPolicies: attached(r.AttachedManagedPolicies),
    inlinePolicies: inline(r.RolePolicyList),
    lastUsedDate: isoOrNull(r.RoleLastUsed?.LastUsedDate),
    instanceProfileArns: (r.InstanceProfileList ?? []).map((p) => need(p.Arn, 'InstanceProfile.Arn')),
  };
}

const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//;

/** null when the policy is AWS-managed and attached to nothing (of no interest, and ~1,300 of them). */
function toPolicy(p: ManagedPolicyDetail): IamManagedPolicy | null {
  const arn = need(p.Arn, 'Policy.Arn');
  const awsManaged = AWS_MANAGED.test(arn);
  const attachmentCount = p.AttachmentCount ?? 0;
  if (awsManaged && attachmentCount === 0) return null;
  const defaultVersionId = need(p.DefaultVersionId, 'Policy.DefaultVersionId');
  const version = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true || v.VersionId === defaultVersionId);
  return {
    // a policy ARN ends with its name, so this is the same value when a response (moto's) leaves PolicyName out
    policyName: p.PolicyName ?? need(arn.split('/').pop(), 'PolicyName'),
    arn,
    path: p.Path ?? '/',
    awsManaged,
    attachmentCount,
    defaultVersionId,
    document: parsePolicyDocument(need(version, `default version ${defaultVersionId} of ${arn}`).Document),
  };
}

async function authorizationDetails(iam: IAMClient, ctx: CollectorContext): Promise<Collected<AuthorizationDetails>> {
  return read(OPS.authDetails, undefined, () =>
    ctx.limiter.run(async () => {
      const out: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
      // 1000 is the API's largest page; AWS-managed policies alone fill a couple of pages
      const pages = paginateGetAccountAuthorizationDetails(
        { client: iam, pageSize: 1000 },
        { Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy'] },
      );
      for await (const page of pages) {
        out.users.push(...(page.UserDetailList ?? []).map(toUser));
        out.groups.push(...(page.GroupDetailList ?? []).map(toGroup));
        out.roles.push(...(page.RoleDetailList ?? []).map(toRole));
        for (const p of page.Policies ?? []) {
          const policy = toPolicy(p);
          if (policy) out.policies.push(policy);
        }
      }
      return out;
    }),
  );
}

function toPasswordPolicy(p: SdkPasswordPolicy): PasswordPolicy {
  return {
    minimumPasswordLength: p.MinimumPasswordLength,
    passwordReusePrevention: p.PasswordReusePrevention,
    requireSymbols: p.RequireSymbols,
    requireNumbers: p.RequireNumbers,
    requireUppercaseCharacters: p.RequireUppercaseCharacters,
    requireLowercaseCharacters: p.RequireLowercaseCharacters,
    allowUsersToChangePassword: p.AllowUsersToChangePassword,
    maxPasswordAge: p.MaxPasswordAge,
    hardExpiry: p.HardExpiry,
  };
}

// ---------- federation providers (cat-iam) ----------
// Who holds AdministratorAccess or a compromised-key quarantine policy, group members and instance profile → role
// come from GetAccountAuthorizationDetails above (every entity's attached policies, each user's GroupList, each
// role's InstanceProfileList), so ListEntitiesForPolicy, GetGroup and GetInstanceProfile would only repeat it.
// The two provider lists are the one thing it lacks; neither API pages (both return every provider at once).

function federationProviders(iam: IAMClient, ctx: CollectorContext): Promise<[Collected<Array<{ arn: string }>>, Collected<Array<{ arn: string }>>]> {
  return Promise.all([
    read(OPS.samlProviders, undefined, async () => {
      const out = await ctx.limiter.run(() => iam.send(new ListSAMLProvidersCommand({})));
      return (out.SAMLProviderList ?? []).map((p) => ({ arn: need(p.Arn, 'SAMLProvider.Arn') }));
    }),
    read(OPS.oidcProviders, undefined, async () => {
      const out = await ctx.limiter.run(() => iam.send(new ListOpenIDConnectProvidersCommand({})));
      return (out.OpenIDConnectProviderList ?? []).map((p) => ({ arn: need(p.Arn, 'OpenIDConnectProvider.Arn') }));
    }),
  ]);
}

// ---------- collector ----------

export function createIamCollector(options: IamCollectorOptions = {}): AccountCollector<'iam'> {
  const o: Required<IamCollectorOptions> = {
    reportTimeoutMs: options.reportTimeoutMs ?? 60_000,
    initialPollDelayMs: options.initialPollDelayMs ?? 500,
    maxPollDelayMs: options.maxPollDelayMs ?? 8_000,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: options.now ?? Date.now,
  };
  return {
    key: 'iam',
    operations: Object.values(OPS),
    async collect(ctx): Promise<IamSlice> {
      const iam = ctx.aws.client(IAMClient);
      const [credReport, accountSummary, passwordPolicy, authDetails, virtualMfaDevices, [samlProviders, oidcProviders], orgFeatures] = await Promise.all([
        credentialReport(iam, ctx, o),
        read(OPS.summary, undefined, async () => {
          const out = await ctx.limiter.run(() => iam.send(new GetAccountSummaryCommand({})));
          const summary: Record<string, number> = {};
          for (const [k, v] of Object.entries(need(out.SummaryMap, 'SummaryMap'))) if (typeof v === 'number') summary[k] = v;
          return summary;
        }),
        readOrAbsent(OPS.passwordPolicy, undefined, NO_SUCH_ENTITY, async () => {
          const out = await ctx.limiter.run(() => iam.send(new GetAccountPasswordPolicyCommand({})));
          return toPasswordPolicy(need(out.PasswordPolicy, 'PasswordPolicy'));
        }),
        authorizationDetails(iam, ctx),
        read(OPS.virtualMfa, undefined, () =>
          ctx.limiter.run(async () => {
            const devices = await drain(paginateListVirtualMFADevices({ client: iam, pageSize: 1000 }, {}), (p) => p.VirtualMFADevices);
            return devices.map((d) => ({ serialNumber: need(d.SerialNumber, 'SerialNumber'), userArn: d.User?.Arn ?? null }));
          }),
        ),
        federationProviders(iam, ctx),
        organizationsFeatures(iam, ctx),
      ]);
      return {
        credentialReport: credReport,
        accountSummary,
        passwordPolicy,
        authorizationDetails: authDetails,
        virtualMfaDevices,
        samlProviders,
        oidcProviders,
        organizationsFeatures: orgFeatures,
        rootCredentials: ROOT_CREDENTIALS_NOT_COLLECTED,
      };
    },
  };
}

export const iamCollector = createIamCollector();
