// cloudtrail-bucket-delete-protection: trail logs cannot be deleted by ordinary principals — Object Lock with a
// default retention, MFA Delete, or a bucket-policy Deny for everyone but break-glass (controls.md 1.D).
import type { CollectError } from '../../inventory/collected.ts';
import { parsePolicy, PolicyParseError, statementAppliesToAction, type PolicyStatement } from '../../policy/index.ts';
import { globMatch } from '../../policy/glob.ts';
import { defineCheck } from '../define.ts';
import { bucketEvidence, judgeTrailBuckets } from '../helpers/logging.ts';

export interface CloudtrailBucketDeleteProtectionOptions {
  /** Principal ARNs (as written in the policy's aws:PrincipalArn exemption) allowed to bypass the Deny. */
  breakGlassPrincipalArns: string[];
}

/** The calls that erase or un-protect logs; each must be denied. Object actions are checked on an object ARN. */
const REQUIRED: Array<{ action: string; object: boolean }> = [
  { action: 's3:DeleteObject', object: true },
  { action: 's3:DeleteObjectVersion', object: true },
  { action: 's3:DeleteBucket', object: false },
  { action: 's3:PutBucketPolicy', object: false },
  { action: 's3:PutLifecycleConfiguration', object: false },
];
const EXEMPTION_OPERATORS = new Set(['arnnotequals', 'arnnotlike', 'stringnotequals', 'stringnotlike']);

/** The principals a Deny statement exempts through its condition, or undefined when the condition narrows it otherwise. */
function exemptions(st: PolicyStatement): string[] | undefined {
  const out: string[] = [];
  for (const [op, entries] of Object.entries(st.condition ?? {})) {
    if (!EXEMPTION_OPERATORS.has(op.toLowerCase())) return undefined;
    for (const [key, values] of Object.entries(entries)) {
      if (key.toLowerCase() !== 'aws:principalarn') return undefined;
      out.push(...values);
    }
  }
  return out;
}

function deniesEveryone(st: PolicyStatement): boolean {
  if (st.effect !== 'Deny' || st.notPrincipal !== undefined) return false;
  return st.principal === '*' || (st.principal?.AWS ?? []).includes('*');
}

function coversResource(st: PolicyStatement, arn: string): boolean {
  if (st.notResource !== undefined) return !st.notResource.some((p) => globMatch(p, arn, false));
  return (st.resource ?? []).some((p) => globMatch(p, arn, false));
}

/** Which required actions an explicit Deny for everyone (but allowed break-glass principals) leaves open. */
function policyGaps(statements: PolicyStatement[], bucket: string, breakGlass: string[]): { open: string[]; via: string[]; unlistedExemptions: string[] } {
  const via = new Set<string>();
  const unlisted = new Set<string>();
  const open: string[] = [];
  const qualifying = statements.filter((st) => {
    if (!deniesEveryone(st)) return false;
    const ex = exemptions(st);
    if (ex === undefined) return false;
    const extra = ex.filter((e) => !breakGlass.includes(e));
    extra.forEach((e) => unlisted.add(e));
    return extra.length === 0;
  });
  for (const r of REQUIRED) {
    const arn = r.object ? `arn:aws:s3:::${bucket}/AWSLogs/object` : `arn:aws:s3:::${bucket}`;
    const st = qualifying.find((s) => statementAppliesToAction(s, r.action) && coversResource(s, arn));
    if (st) via.add(st.sid ?? '(no Sid)');
    else open.push(r.action);
  }
  return { open, via: [...via], unlistedExemptions: [...unlisted] };
}

export default defineCheck<CloudtrailBucketDeleteProtectionOptions>({
  meta: {
    id: 'cloudtrail-bucket-delete-protection',
    title: 'Trail logs cannot be deleted by ordinary principals',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsS3Bucket',
    rationale:
      'An intruder with admin rights in the Log Archive account, or a careless pipeline, can delete log files or the bucket itself. Object Lock retention, MFA Delete or an explicit Deny in the bucket policy makes that impossible without a break-glass principal.',
    remediation: {
      text: 'Add a bucket-policy statement that denies s3:DeleteObject*, s3:DeleteBucket, s3:PutBucketPolicy and s3:PutLifecycleConfiguration to every principal except the break-glass role (keep the existing statements), or enable MFA Delete. Object Lock in compliance mode is irreversible: weigh it before applying.',
      cli: '# merge into the existing policy (get-bucket-policy), then:\naws s3api put-bucket-policy --bucket <bucket> --policy file://policy-with-deny.json',
      terraform:
        'data "aws_iam_policy_document" "trail_protect" {\n  statement {\n    sid       = "DenyLogTampering"\n    effect    = "Deny"\n    actions   = ["s3:DeleteObject*", "s3:DeleteBucket", "s3:PutBucketPolicy", "s3:PutLifecycleConfiguration"]\n    resources = ["arn:aws:s3:::<bucket>", "arn:aws:s3:::<bucket>/*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "ArnNotLike"\n      variable = "aws:PrincipalArn"\n      values   = ["<break-glass-role-arn>"]\n    }\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html',
    ],
    compliance: { cisAws3: ['2.1.2'], prowler: ['cloudtrail_bucket_requires_mfa_delete', 's3_bucket_object_lock'], sources: ['003', '002'] },
    fixable: true,
    reads: ['regional.*.cloudtrail.trails', 's3.buckets'],
  },
  defaultOptions: { breakGlassPrincipalArns: [] },
  evaluate(ctx) {
    return judgeTrailBuckets(ctx, (b, { resource, base }) => {
      const owner = `account ${b.owner.accountId}`;
      const { objectLock, versioning, policy } = b.bucket;
      const problems: Array<{ error: CollectError; what: string }> = [];
      const protections: string[] = [];
      const notes: string[] = [];
      if (!objectLock.ok) problems.push({ error: objectLock.error, what: 'Object Lock configuration' });
      else if (objectLock.value?.enabled && objectLock.value.defaultRetention) {
        const d = objectLock.value.defaultRetention;
        protections.push(`Object Lock default retention (${d.mode ?? 'mode unknown'}, ${d.days !== null ? `${d.days} days` : `${d.years ?? '?'} years`})`);
      } else notes.push(objectLock.value?.enabled ? 'Object Lock is on without a default retention' : 'no Object Lock');
      if (!versioning.ok) problems.push({ error: versioning.error, what: 'versioning (MFA Delete)' });
      else if (versioning.value.mfaDelete) protections.push('MFA Delete');
      else notes.push('MFA Delete off');
      let gaps: ReturnType<typeof policyGaps> | undefined;
      if (!policy.ok) problems.push({ error: policy.error, what: 'bucket policy' });
      else if (policy.value === null || policy.value === undefined) notes.push('no bucket policy');
      else {
        try {
          gaps = policyGaps(parsePolicy(policy.value).statements, b.name, ctx.options.breakGlassPrincipalArns);
          if (gaps.open.length === 0) protections.push(`bucket-policy Deny ${gaps.via.join(', ')}`);
          else notes.push(`the bucket policy does not deny ${gaps.open.join(', ')} to everyone`);
          if (gaps.unlistedExemptions.length > 0) notes.push(`Deny statements exempting principals not configured as break-glass were not counted (${gaps.unlistedExemptions.join(', ')})`);
        } catch (e) {
          if (!(e instanceof PolicyParseError)) throw e;
          problems.push({ error: { code: 'ParseError', operation: 's3:GetBucketPolicy', message: e.message }, what: 'bucket policy' });
        }
      }
      const evidence = { ...bucketEvidence(b), protections, notes, ...(gaps ? { policyLeavesOpen: gaps.open } : {}) };
      const extra = { ...base, evidence };
      if (protections.length > 0) {
        return ctx.pass(resource, `trail bucket ${b.name} (${owner}) is protected against log deletion by ${protections.join(' and ')}`, extra);
      }
      const problem = problems[0];
      if (problem) {
        return ctx.error(resource, problem.error, `could not read the ${problem.what} of trail bucket ${b.name}, which may protect it (${notes.join('; ') || 'nothing else does'})`, extra);
      }
      return ctx.fail(resource, `trail bucket ${b.name} (${owner}) lets any principal with S3 rights delete its logs: ${notes.join('; ')}`, extra);
    });
  },
});
