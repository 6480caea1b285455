// mgmt-account-no-workloads: the management account runs no compute or database resources and holds no IAM users but
// the configured break-glass ones (controls.md 1.C). Judged in the management account's run, from its own inventory in
// every scanned Region; other accounts report nothing when it is in the scan, and an error naming it otherwise.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError, Collected } from '../../inventory/collected.ts';
import type { AccountSnapshot, RegionalSnapshot } from '../../inventory/snapshot.ts';
import { ROOT_USER_NAME } from '../../services/iam/schema.ts';
import { defineCheck, requireData, type CheckContext } from '../define.ts';
import { organizationEvaluator } from './scp-scope.ts';

export interface MgmtNoWorkloadsOptions {
  /** IAM users allowed in the management account (emergency access), by user name. */
  breakGlassUsers: string[];
}

/** The kinds of workload looked for, each with its Region-level list and how a resource is named. */
const KINDS: Array<{ kind: string; label: string; read: (r: RegionalSnapshot) => Collected<string[]> }> = [
  {
    kind: 'ec2-instance',
    label: 'EC2 instance(s)',
    // a terminated (or terminating) instance no longer runs anything; it lingers in the listing for an hour
    read: (r) => ids(r.ec2.instances, (list) => list.filter((i) => i.state !== 'terminated' && i.state !== 'shutting-down').map((i) => i.instanceId)),
  },
  { kind: 'rds-instance', label: 'RDS DB instance(s)', read: (r) => ids(r.rds.instances, (list) => list.map((d) => d.dbInstanceIdentifier)) },
  { kind: 'rds-cluster', label: 'RDS DB cluster(s)', read: (r) => ids(r.rds.clusters, (list) => list.map((c) => c.dbClusterIdentifier)) },
  { kind: 'lambda-function', label: 'Lambda function(s)', read: (r) => ids(r.lambda.functions, (list) => list.map((f) => f.functionName)) },
  { kind: 'ecs-cluster', label: 'ECS cluster(s)', read: (r) => ids(r.ecs.clusters, (list) => list.map((arn) => arn.split('/').pop() ?? arn)) },
];

function ids<T>(c: Collected<T[]>, names: (list: T[]) => string[]): Collected<string[]> {
  return c.ok ? { ok: true, value: names(c.value) } : c;
}

/** Resource ids shown per kind and Region; the evidence keeps the full count. */
const SHOWN = 3;

export default defineCheck<MgmtNoWorkloadsOptions>({
  meta: {
    id: 'mgmt-account-no-workloads',
    title: 'Management account runs no workloads and holds no day-to-day users',
    severity: 'medium',
    scope: 'org',
    resourceType: 'AwsAccount',
    rationale:
      'SCPs never restrict the management account, and whoever controls it controls every account of the organization; a workload or an everyday IAM user there turns an ordinary compromise into an organization-wide one.',
    remediation: {
      text: 'Move compute and databases out of the management account into member accounts, replace its IAM users with IAM Identity Center access (keeping at most the configured break-glass users), and keep the account for billing and organization administration only.',
      cli: 'aws ec2 describe-instances --query "Reservations[].Instances[].InstanceId"\naws iam list-users --query "Users[].UserName"',
    },
    references: [
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html',
      'https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/management-account.html',
    ],
    compliance: { cisAws3: [], prowler: [], sources: ['000', '002'] },
    fixable: false,
    reads: [
      'organizations.organization',
      'regional.*.ec2.instances',
      'regional.*.rds.instances',
      'regional.*.rds.clusters',
      'regional.*.lambda.functions',
      'regional.*.ecs.clusters',
      'iam.authorizationDetails',
      'iam.credentialReport',
    ],
  },
  defaultOptions: { breakGlassUsers: [] },
  evaluate(ctx): CheckResult[] {
    const self = ctx.accountResource();
    const org = requireData(ctx, ctx.account.organizations.organization, self, 'the organization (DescribeOrganization)');
    if (!org.ok) return [org.result];
    if (org.value === null) return [ctx.notApplicable(self, `account ${self.id} is not in an AWS Organization, so it has no management account to keep empty`)];
    const organization = org.value;
    const mgmtId = organization.managementAccountId;
    const mgmtResource: ResourceRef = { type: 'AwsAccount', id: mgmtId };
    if (ctx.account.accountId !== mgmtId) {
      // the management account's own run judges it; without it, one account (the organization's evaluator) says so
      if (ctx.snapshot.accounts.some((a) => a.accountId === mgmtId)) return [];
      const evaluator = organizationEvaluator(ctx.snapshot, organization.id) ?? ctx.snapshot.accounts[0]?.accountId;
      if (evaluator !== ctx.account.accountId) return [];
      return [
        ctx.error(mgmtResource, {
          code: 'NotCollected',
          operation: 'rampart:collect',
          message: `the workloads and IAM users of the management account ${mgmtId} are read in that account, which this scan does not hold; scan with --org from the management account`,
        }),
      ];
    }
    return [judge(ctx.account, ctx, mgmtResource)];
  },
});

function judge(account: AccountSnapshot, ctx: CheckContext<MgmtNoWorkloadsOptions>, resource: ResourceRef): CheckResult {
  const found: Array<{ kind: string; region: string; count: number; ids: string[] }> = [];
  const unreadable: Array<{ what: string; region?: string; error: CollectError }> = [];
  const parts: string[] = [];
  for (const [region, data] of ctx.regions()) {
    for (const k of KINDS) {
      const list = k.read(data);
      if (!list.ok) {
        unreadable.push({ what: k.label, region, error: list.error });
        continue;
      }
      if (list.value.length === 0) continue;
      const shown = list.value.slice(0, SHOWN).join(', ');
      found.push({ kind: k.kind, region, count: list.value.length, ids: list.value.slice(0, SHOWN) });
      parts.push(`${list.value.length} ${k.label} in ${region} (${shown}${list.value.length > SHOWN ? ', …' : ''})`);
    }
  }
  const users = iamUsers(account);
  const allowed = new Set(ctx.options.breakGlassUsers);
  let extraUsers: string[] = [];
  if (!users.ok) unreadable.push({ what: 'IAM users', error: users.error });
  else {
    extraUsers = users.value.filter((u) => !allowed.has(u)).sort();
    if (extraUsers.length > 0) {
      parts.push(`${extraUsers.length} IAM user(s) other than break-glass (${extraUsers.slice(0, SHOWN).join(', ')}${extraUsers.length > SHOWN ? ', …' : ''})`);
    }
  }
  const evidence = {
    workloads: found,
    iamUsers: extraUsers,
    breakGlassUsers: [...allowed].sort(),
    unreadable: unreadable.map((u) => ({ what: u.what, region: u.region ?? null, code: u.error.code, operation: u.error.operation })),
  };
  const where = (u: (typeof unreadable)[number]) => `${u.what}${u.region ? ` in ${u.region}` : ''} (${u.error.code} on ${u.error.operation})`;
  if (parts.length > 0) {
    const unknown = unreadable.length > 0 ? `; also unreadable: ${unreadable.map(where).join(', ')}` : '';
    return ctx.fail(resource, `management account ${resource.id} holds ${parts.join('; ')}${unknown}`, { evidence });
  }
  const first = unreadable[0];
  if (first !== undefined) {
    return ctx.error(resource, first.error, `cannot tell whether the management account ${resource.id} runs workloads: could not read ${unreadable.map(where).join(', ')}`, { evidence });
  }
  const note = allowed.size > 0 ? ` (break-glass users allowed: ${[...allowed].sort().join(', ')})` : '';
  return ctx.pass(resource, `management account ${resource.id} runs no EC2, RDS, Lambda or ECS resources in ${ctx.regions().length} scanned Region(s) and holds no IAM users but break-glass ones${note}`, { evidence });
}

/** The account's IAM user names: from the authorization details, else the credential report (without the root row). */
function iamUsers(account: AccountSnapshot): Collected<string[]> {
  const details = account.iam.authorizationDetails;
  if (details.ok) return { ok: true, value: details.value.users.map((u) => u.userName) };
  const report = account.iam.credentialReport;
  if (report.ok) return { ok: true, value: report.value.rows.filter((r) => r.user !== ROOT_USER_NAME).map((r) => r.user) };
  return details;
}
