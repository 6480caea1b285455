// s3-bucket-policy-least-privilege: every bucket has its own bucket policy, no Allow in it opens the bucket to
// Principal "*" without one of the catalog's restricting conditions, and principals outside the organization are
// called out (controls.md 1.F). Principals and conditions are read with src/policy.
import type { CheckResult } from '../../findings/finding.ts';
import { classifyPrincipal, conditionEntries, isRestricting, wildcardPrincipalReason, type PolicyStatement } from '../../policy/index.ts';
import { defineCheck } from '../define.ts';
import { bucketPolicy, bucketRegion, bucketResource, listBuckets } from '../helpers/buckets.ts';
import { organizationAccounts, outsideOrganization } from '../helpers/organization.ts';
import { arnAccountId } from '../helpers/regional.ts';

/** The restricting condition keys the catalog row names (lower case); pinned to fixed values, they narrow an Allow to "*". */
const ROW_KEYS = ['aws:principalorgid', 'aws:sourcevpce', 'aws:sourceip', 'aws:sourcearn', 'aws:sourceaccount'];

/** The restricting condition of the statement (a row key pinned to fixed values, as src/policy judges it), if any. */
function restriction(st: PolicyStatement): string | undefined {
  const entry = conditionEntries(st).find((e) => ROW_KEYS.includes(e.key.toLowerCase()) && isRestricting(e));
  return entry === undefined ? undefined : `${entry.operator} ${entry.key}`;
}

/** The account a fixed AWS principal belongs to: a 12-digit id, or the account field of its ARN. */
function principalAccount(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const id = arnAccountId(value);
  return id !== undefined && /^\d{12}$/.test(id) ? id : undefined;
}

function label(index: number, sid: string | undefined): string {
  return sid === undefined ? `#${index}` : `#${index} (${sid})`;
}

export default defineCheck({
  meta: {
    id: 's3-bucket-policy-least-privilege',
    title: 'Each bucket has a specific, restrictive bucket policy',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsS3Bucket',
    rationale:
      'A bucket policy written for the bucket states who may use it; an Allow to Principal "*" without a condition pinning the organization, network or source opens it to every AWS caller, and grants to accounts outside the organization share the data beyond it.',
    remediation: {
      text: 'Give every bucket a policy naming the principals that use it. Replace Allow statements to Principal "*" with named principals, or add a condition that pins aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp, aws:SourceArn or aws:SourceAccount to fixed values. Review grants to accounts outside the organization.',
      cli: 'aws s3api get-bucket-policy --bucket <bucket> --query Policy --output text',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
    ],
    compliance: { prowler: ['s3_bucket_cross_account_access'], sources: ['000', '001'] },
    fixable: false,
    reads: ['s3.buckets', 'organizations.organization', 'organizations.structure'],
  },
  evaluate(ctx) {
    const listed = listBuckets(ctx);
    if (!listed.ok) return listed.results;
    const own = ctx.account.accountId;
    const org = organizationAccounts(ctx);
    const results: CheckResult[] = [];
    for (const b of listed.buckets) {
      const resource = bucketResource(b);
      const where = bucketRegion(b);
      const read = bucketPolicy(ctx, b);
      if (!read.ok) {
        results.push(read.result);
        continue;
      }
      if (read.policy === null) {
        results.push(ctx.warn(resource, `bucket ${b.name} has no bucket policy: set up a policy for each bucket that names who may use it`, { ...where, evidence: { policy: null } }));
        continue;
      }
      const open: string[] = [];
      const outside = new Set<string>();
      const unknown = new Set<string>();
      read.policy.statements.forEach((st, index) => {
        if (st.effect !== 'Allow') return;
        const reason = wildcardPrincipalReason(st);
        if (reason !== undefined) {
          if (restriction(st) === undefined) open.push(`statement ${label(index, st.sid)}: ${reason}, with no restricting condition`);
          return;
        }
        for (const c of st.principal === undefined ? [] : classifyPrincipal(st.principal)) {
          if (c.kind !== 'aws') continue;
          const acct = principalAccount(c.value);
          if (acct === undefined) continue;
          const out = outsideOrganization(org, own, acct);
          if (out === true) outside.add(acct);
          else if (out === undefined) unknown.add(acct);
        }
      });
      const evidence = { openStatements: open, accountsOutsideOrganization: [...outside].sort(), accountsOfUnknownMembership: [...unknown].sort() };
      if (open.length > 0) {
        results.push(ctx.fail(resource, `bucket ${b.name} allows Principal "*" without a restricting condition: ${open.join('; ')}`, { ...where, evidence, remediationValues: { bucket: b.name } }));
        continue;
      }
      if (unknown.size > 0 && org.kind === 'unknown') {
        results.push(
          ctx.error(resource, org.error, `bucket ${b.name} grants access to account(s) ${[...unknown].sort().join(', ')}, and whether they are in the organization is unknown: its account list could not be read`, {
            ...where,
            evidence,
          }),
        );
        continue;
      }
      if (outside.size > 0) {
        results.push(ctx.warn(resource, `bucket ${b.name} grants access to account(s) outside the organization: ${[...outside].sort().join(', ')}`, { ...where, evidence, remediationValues: { bucket: b.name } }));
        continue;
      }
      results.push(ctx.pass(resource, `bucket ${b.name} has a bucket policy with no open Allow and no principal outside the organization`, { ...where, evidence }));
    }
    return results;
  },
});
