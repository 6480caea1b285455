// org-core-accounts: the Security OU holds a Log Archive and a Security Audit account, and the organization trail
// writes to a bucket the Log Archive account owns (controls.md 1.C). Ownership is proven from the Log Archive
// account's own bucket list (ListBuckets lists only buckets the account owns): in an organization scan that verdict is
// given in the Log Archive account's run (which sees the management account's data too), on the bucket.
import type { CheckResult } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { AccountSnapshot, RegionalSnapshot } from '../../inventory/snapshot.ts';
import type { Organization, OrgStructure } from '../../services/organizations/schema.ts';
import type { Trail } from '../../services/cloudtrail/schema.ts';
import { membership, organizationReader } from '../account/org-context.ts';
import { accountIdProblems, defineCheck, type CheckContext } from '../define.ts';
import { organizationAccess } from './scp-scope.ts';

export interface CoreAccountsOptions {
  securityOuNames: string[];
  /** Account ids by configuration; null: find the account by tag, then by name. */
  logArchiveAccountId: string | null;
  securityAuditAccountId: string | null;
  /** Account tag whose value names the role: `log-archive` or `security-audit`. */
  roleTagKey: string;
  /** Account names (case, spaces, `-` and `_` ignored) that mean each role. */
  logArchiveNames: string[];
  securityAuditNames: string[];
}

export const defaultCoreAccountsOptions: CoreAccountsOptions = {
  securityOuNames: ['Security'],
  logArchiveAccountId: null,
  securityAuditAccountId: null,
  roleTagKey: 'account-role',
  logArchiveNames: ['log-archive', 'log archive', 'logs', 'logging'],
  securityAuditNames: ['security-audit', 'audit', 'security-tooling', 'security'],
};

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
type Role = 'log-archive' | 'security-audit';
type Account = OrgStructure['accounts'][number];

export default defineCheck<CoreAccountsOptions>({
  meta: {
    id: 'org-core-accounts',
    title: 'Dedicated Security-OU accounts exist: Log Archive and Security Audit, and the org trail writes to Log Archive',
    severity: 'low',
    scope: 'org',
    resourceType: 'AwsOrganization',
    rationale:
      'Logs kept in the account that produces them can be erased by whoever compromises it; a Log Archive account that only receives logs, and a Security Audit account that runs the security tooling, separate evidence and detection from workloads.',
    remediation: {
      text: 'Create (or move) a Log Archive and a Security Audit account under the Security OU, tag them with their role, and deliver the organization trail to a bucket owned by the Log Archive account.',
      cli: 'aws organizations create-account --email log-archive@example.com --account-name "Log Archive"\naws organizations tag-resource --resource-id <log-archive-account-id> --tags Key=account-role,Value=log-archive',
    },
    references: ['https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/log-archive.html'],
    compliance: { cisAws3: [], prowler: [], sources: ['002', '003'] },
    fixable: false,
    reads: ['organizations.structure', 'organizations.accountTags', 'regional.*.cloudtrail.trails', 's3.buckets'],
  },
  defaultOptions: defaultCoreAccountsOptions,
  optionProblems: (o) => [...accountIdProblems(o.logArchiveAccountId), ...accountIdProblems(o.securityAuditAccountId)],
  evaluate(ctx): CheckResult[] {
    const access = organizationAccess(ctx);
    if (access.kind === 'evaluate') return judgeLayout(ctx, access.organization, access.structure);
    // Not the evaluator: if this is the log-archive account, its own run proves who owns the trail bucket.
    return trailBucketOwnership(ctx) ?? access.results;
  },
});

type Ctx = CheckContext<CoreAccountsOptions>;
type Resolved = { account?: Account; how: string; error?: CollectError };

/** The accounts holding each role: by configuration, then tag, then name (an unreadable tag list matters only when no name matches). */
function resolveRoles(o: CoreAccountsOptions, structure: OrgStructure, tags: AccountSnapshot['organizations']['accountTags']): Record<Role, Resolved> {
  const tagOf = new Map(tags.ok ? (tags.value ?? []).map((t) => [t.accountId, t.tags]) : []);
  const live = structure.accounts.filter((a) => a.status === 'ACTIVE');
  const resolve = (role: Role, configured: string | null, names: string[]): Resolved => {
    if (configured !== null) {
      const a = live.find((x) => x.id === configured);
      return a ? { account: a, how: 'configured' } : { how: `configured account ${configured} is not an active account of the organization` };
    }
    const tagged = live.find((a) => tagOf.get(a.id)?.[o.roleTagKey]?.toLowerCase() === role);
    if (tagged !== undefined) return { account: tagged, how: `tag ${o.roleTagKey}=${role}` };
    const wanted = new Set(names.map(norm));
    const named = live.find((a) => wanted.has(norm(a.name)));
    if (named !== undefined) return { account: named, how: `name "${named.name}"` };
    if (!tags.ok) return { how: 'no account by name, and the account tags could not be read', error: tags.error };
    return { how: `no active account is configured, tagged ${o.roleTagKey}=${role} or named like ${names.join('/')}` };
  };
  return {
    'log-archive': resolve('log-archive', o.logArchiveAccountId, o.logArchiveNames),
    'security-audit': resolve('security-audit', o.securityAuditAccountId, o.securityAuditNames),
  };
}

/** Organization trails visible in an account's Regions, or the first error when none could be read. */
function organizationTrails(regions: Array<[string, RegionalSnapshot]>): { trails: Trail[]; error?: CollectError } {
  const found = new Map<string, Trail>();
  let error: CollectError | undefined;
  for (const [, r] of regions) {
    if (!r.cloudtrail.trails.ok) error ??= r.cloudtrail.trails.error;
    else for (const t of r.cloudtrail.trails.value) if (t.isOrganizationTrail) found.set(t.arn, t);
  }
  return found.size === 0 && error !== undefined ? { trails: [], error } : { trails: [...found.values()] };
}

/** From the evaluator: the Security OU accounts and the organization trail (its bucket's owner is judged in the log-archive run). */
function judgeLayout(ctx: Ctx, organization: Organization, structure: OrgStructure): CheckResult[] {
  const resource = { type: 'AwsOrganization', id: organization.id, arn: organization.arn };
  const o = ctx.options;
  const roles = resolveRoles(o, structure, ctx.account.organizations.accountTags);
  const ous = new Map(structure.organizationalUnits.map((ou) => [ou.id, ou]));
  const securityNames = new Set(o.securityOuNames.map((n) => n.toLowerCase()));
  const inSecurityOu = (a: Account): boolean => {
    const seen = new Set<string>();
    for (let p = a.parentId; !seen.has(p); ) {
      seen.add(p);
      const ou = ous.get(p);
      if (ou === undefined) return false;
      if (securityNames.has(ou.name.toLowerCase())) return true;
      p = ou.parentId;
    }
    return false;
  };
  const problems: string[] = [];
  for (const [role, r] of Object.entries(roles)) {
    if (r.account === undefined) {
      if (r.error !== undefined) return [ctx.error(resource, r.error, `cannot tell which account is the ${role} account: ${r.how}`)];
      problems.push(`no ${role} account: ${r.how}`);
    } else if (!inSecurityOu(r.account)) {
      problems.push(`${role} account ${r.account.id} (${r.account.name}) is not under the ${o.securityOuNames.join('/')} OU`);
    }
  }
  const trails = organizationTrails(ctx.regions());
  if (trails.error !== undefined) return [ctx.error(resource, trails.error, 'could not read the trails to find the organization trail')];
  if (trails.trails.length === 0) problems.push('no organization trail is visible from the management account');
  for (const t of trails.trails) if (t.s3BucketName === null) problems.push(`organization trail ${t.name} delivers to no S3 bucket`);
  const logArchive = roles['log-archive'].account;
  const evidence = {
    logArchive: logArchive?.id ?? null,
    securityAudit: roles['security-audit'].account?.id ?? null,
    mappedBy: { 'log-archive': roles['log-archive'].how, 'security-audit': roles['security-audit'].how },
    organizationTrails: trails.trails.map((t) => ({ name: t.name, bucket: t.s3BucketName })),
  };
  if (problems.length > 0) return [ctx.fail(resource, `organization ${organization.id}: ${problems.join('; ')}`, { evidence })];
  const buckets = trails.trails.map((t) => t.s3BucketName).join(', ');
  return [
    ctx.pass(
      resource,
      `organization ${organization.id} has log-archive ${evidence.logArchive} and security-audit ${evidence.securityAudit} accounts under the Security OU and an organization trail; who owns its bucket ${buckets} is judged in account ${evidence.logArchive}'s findings (that account must be in the scan)`,
      { evidence },
    ),
  ];
}

/**
 * In the log-archive account's run (an organization scan holds it with the management account): does this account own
 * the organization trail's bucket? ListBuckets lists only the buckets an account owns, so its own list is the proof.
 * Undefined when this account is not the log-archive account or the organization data is not in the snapshot.
 */
function trailBucketOwnership(ctx: Ctx): CheckResult[] | undefined {
  const m = membership(ctx);
  if (!m.ok || m.value.kind !== 'member') return undefined;
  const reader = organizationReader(ctx, m.value.organization);
  if (!reader.ok || reader.value.accountId === ctx.account.accountId) return undefined;
  const structure = reader.value.organizations.structure;
  if (!structure.ok || structure.value === null) return undefined;
  const roles = resolveRoles(ctx.options, structure.value, reader.value.organizations.accountTags);
  if (roles['log-archive'].account?.id !== ctx.account.accountId) return undefined;
  const regions = Object.entries(reader.value.regional).sort(([a], [b]) => a.localeCompare(b));
  const trails = organizationTrails(regions).trails.filter((t): t is Trail & { s3BucketName: string } => t.s3BucketName !== null);
  const own = ctx.account.s3.buckets;
  return trails.map((t) => {
    const resource = { type: 'AwsS3Bucket', id: t.s3BucketName, arn: `arn:aws:s3:::${t.s3BucketName}` };
    if (!own.ok) return ctx.error(resource, own.error, `could not list the buckets of log-archive account ${ctx.account.accountId}`);
    const evidence = { trail: t.arn, logArchive: ctx.account.accountId };
    if (own.value.some((b) => b.name === t.s3BucketName)) {
      return ctx.pass(resource, `organization trail ${t.name} writes to bucket ${t.s3BucketName}, owned by the log-archive account ${ctx.account.accountId}`, { evidence });
    }
    return ctx.fail(resource, `organization trail ${t.name} writes to bucket ${t.s3BucketName}, which the log-archive account ${ctx.account.accountId} does not own`, { evidence });
  });
}
