// org-core-accounts: the Security OU holds a Log Archive and a Security Audit account, and the organization trail
// writes to a bucket the Log Archive account owns (controls.md 1.C). Ownership is proven from the Log Archive
// account's own bucket list (ListBuckets lists only buckets the account owns), so it needs that account in the scan.
import type { CheckResult } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { OrgStructure, Trail } from '../../inventory/snapshot.ts';
import { accountIdProblems, defineCheck } from '../define.ts';
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
    if (access.kind === 'done') return access.results;
    const { organization, structure } = access;
    const resource = { type: 'AwsOrganization', id: organization.id, arn: organization.arn };
    const o = ctx.options;
    const tags = ctx.account.organizations.accountTags;
    const tagOf = new Map(tags.ok ? (tags.value ?? []).map((t) => [t.accountId, t.tags]) : []);
    const live = structure.accounts.filter((a) => a.status === 'ACTIVE');

    // config, then tag, then name; an unreadable tag list only matters when the name finds nothing
    const resolve = (role: Role, configured: string | null, names: string[]): { account?: Account; how: string; error?: CollectError } => {
      if (configured !== null) {
        const a = live.find((x) => x.id === configured);
        return a ? { account: a, how: 'configured' } : { how: `configured account ${configured} is not an active account of the organization` };
      }
      const tagged = live.filter((a) => tagOf.get(a.id)?.[o.roleTagKey]?.toLowerCase() === role);
      if (tagged[0] !== undefined) return { account: tagged[0], how: `tag ${o.roleTagKey}=${role}` };
      const wanted = new Set(names.map(norm));
      const named = live.find((a) => wanted.has(norm(a.name)));
      if (named !== undefined) return { account: named, how: `name "${named.name}"` };
      if (!tags.ok) return { how: 'no account by name, and the account tags could not be read', error: tags.error };
      return { how: `no active account is configured, tagged ${o.roleTagKey}=${role} or named like ${names.join('/')}` };
    };
    const ous = new Map(structure.organizationalUnits.map((ou) => [ou.id, ou]));
    const securityNames = new Set(o.securityOuNames.map((n) => n.toLowerCase()));
    const inSecurityOu = (a: Account): boolean => {
      const seen = new Set<string>();
      let p = a.parentId;
      while (!seen.has(p)) {
        seen.add(p);
        const ou = ous.get(p);
        if (ou === undefined) return false;
        if (securityNames.has(ou.name.toLowerCase())) return true;
        p = ou.parentId;
      }
      return false;
    };

    const problems: string[] = [];
    const roles = {
      'log-archive': resolve('log-archive', o.logArchiveAccountId, o.logArchiveNames),
      'security-audit': resolve('security-audit', o.securityAuditAccountId, o.securityAuditNames),
    };
    for (const [role, r] of Object.entries(roles)) {
      if (r.account === undefined) {
        if (r.error !== undefined) return [ctx.error(resource, r.error, `cannot tell which account is the ${role} account: ${r.how}`)];
        problems.push(`no ${role} account: ${r.how}`);
      } else if (!inSecurityOu(r.account)) {
        problems.push(`${role} account ${r.account.id} (${r.account.name}) is not under the ${o.securityOuNames.join('/')} OU`);
      }
    }
    const evidence: Record<string, unknown> = {
      logArchive: roles['log-archive'].account?.id ?? null,
      securityAudit: roles['security-audit'].account?.id ?? null,
      mappedBy: { 'log-archive': roles['log-archive'].how, 'security-audit': roles['security-audit'].how },
    };

    // The organization trail and who owns its bucket.
    const logArchive = roles['log-archive'].account;
    const orgTrails = new Map<string, Trail>();
    let trailError: CollectError | undefined;
    for (const [, r] of ctx.regions()) {
      if (!r.cloudtrail.trails.ok) trailError ??= r.cloudtrail.trails.error;
      else for (const t of r.cloudtrail.trails.value) if (t.isOrganizationTrail) orgTrails.set(t.arn, t);
    }
    if (orgTrails.size === 0) {
      if (trailError !== undefined) return [ctx.error(resource, trailError, 'could not read the trails to find the organization trail')];
      problems.push('no organization trail is visible from the management account');
    } else if (logArchive !== undefined) {
      const snap = ctx.snapshot.accounts.find((a) => a.accountId === logArchive.id);
      for (const t of orgTrails.values()) {
        if (t.s3BucketName === null) {
          problems.push(`organization trail ${t.name} delivers to no S3 bucket`);
          continue;
        }
        if (snap === undefined) {
          return [
            ctx.error(resource, {
              code: 'NotCollected',
              operation: 's3:ListAllMyBuckets',
              message: `the owner of trail bucket ${t.s3BucketName} is proven from the log-archive account ${logArchive.id}'s bucket list, and that account is not in this snapshot; scan with --org including it`,
            }),
          ];
        }
        if (!snap.s3.buckets.ok) return [ctx.error(resource, snap.s3.buckets.error, `could not read the buckets of log-archive account ${logArchive.id}`)];
        if (!snap.s3.buckets.value.some((b) => b.name === t.s3BucketName)) {
          problems.push(`organization trail ${t.name} writes to bucket ${t.s3BucketName}, which the log-archive account ${logArchive.id} does not own`);
        }
      }
      evidence.organizationTrails = [...orgTrails.values()].map((t) => ({ name: t.name, bucket: t.s3BucketName }));
    }
    if (problems.length > 0) return [ctx.fail(resource, `organization ${organization.id}: ${problems.join('; ')}`, { evidence })];
    return [
      ctx.pass(resource, `organization ${organization.id} has log-archive ${evidence.logArchive} and security-audit ${evidence.securityAudit} accounts under the Security OU, and its trail writes to the log archive`, { evidence }),
    ];
  },
});
