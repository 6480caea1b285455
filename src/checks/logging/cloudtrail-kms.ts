// cloudtrail-kms: every trail encrypts its log files with a KMS key (SSE-KMS) (controls.md 1.D).
// One result per trail, in its home Region; shadow copies and other accounts' trails: see trailsToJudge.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { noTrailsToJudge, trailResource, trailsToJudge } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'cloudtrail-kms',
    title: 'Trail logs encrypted with a KMS key (SSE-KMS)',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsCloudTrailTrail',
    rationale:
      'With SSE-KMS, reading the logs needs kms:Decrypt on the trail key as well as s3:GetObject, so a broad S3 permission or a bucket-policy mistake alone does not expose the account’s activity history.',
    remediation: {
      text: 'Create a customer-managed KMS key whose key policy lets cloudtrail.amazonaws.com encrypt (with an aws:SourceArn condition for the trail) and lets log readers decrypt, then set it on the trail.',
      cli: 'aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn> --region <region>',
      terraform: 'resource "aws_cloudtrail" "main" {\n  # ...\n  kms_key_id = aws_kms_key.cloudtrail.arn\n}',
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html',
    ],
    compliance: { cisAws3: ['3.5'], prowler: ['cloudtrail_kms_encryption_enabled'], sources: ['002', '003'] },
    fixable: true,
    reads: ['regional.*.cloudtrail.trails'],
  },
  evaluate(ctx) {
    const { trails, unreadable, ownedElsewhere } = trailsToJudge(ctx);
    const results: CheckResult[] = [...unreadable];
    for (const t of trails) {
      const key = t.kmsKeyId === null || t.kmsKeyId.trim() === '' ? null : t.kmsKeyId;
      const extra = { region: t.homeRegion, evidence: { arn: t.arn, kmsKeyId: key }, remediationValues: { trail: t.name } };
      results.push(
        key !== null
          ? ctx.pass(trailResource(t), `trail ${t.name} encrypts its log files with KMS key ${key}`, extra)
          : ctx.fail(
              trailResource(t),
              `trail ${t.name} has no KMS key, so its log files are protected by S3 permissions alone (SSE-S3)`,
              extra,
            ),
      );
    }
    if (trails.length === 0 && unreadable.length === 0) results.push(noTrailsToJudge(ctx, ownedElsewhere));
    return results;
  },
});
