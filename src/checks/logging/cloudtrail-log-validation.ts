// cloudtrail-log-validation: every trail has log file integrity validation on (controls.md 1.D).
// One result per trail, in its home Region; shadow copies and other accounts' trails: see trailsToJudge.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { noTrailsToJudge, trailResource, trailsToJudge } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'cloudtrail-log-validation',
    title: 'Log file integrity validation on',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsCloudTrailTrail',
    rationale:
      'Digest files let you prove that log files were not modified or deleted after delivery; without them an intruder who reaches the bucket can rewrite history unnoticed.',
    remediation: {
      text: 'Turn on log file validation for the trail (it only adds hourly digest files to the same bucket).',
      cli: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation --region <region>',
      terraform: 'resource "aws_cloudtrail" "main" {\n  # ...\n  enable_log_file_validation = true\n}',
    },
    references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html'],
    compliance: { cisAws3: ['3.2'], prowler: ['cloudtrail_log_file_validation_enabled'], sources: ['002'] },
    fixable: true,
    reads: ['regional.*.cloudtrail.trails'],
  },
  evaluate(ctx) {
    const { trails, unreadable, ownedElsewhere } = trailsToJudge(ctx);
    const results: CheckResult[] = [...unreadable];
    for (const t of trails) {
      const extra = { region: t.homeRegion, evidence: { arn: t.arn, logFileValidationEnabled: t.logFileValidationEnabled }, remediationValues: { trail: t.name } };
      results.push(
        t.logFileValidationEnabled
          ? ctx.pass(trailResource(t), `trail ${t.name} has log file integrity validation enabled`, extra)
          : ctx.fail(
              trailResource(t),
              `trail ${t.name} has log file integrity validation disabled, so tampering with its delivered logs cannot be detected`,
              extra,
            ),
      );
    }
    if (trails.length === 0 && unreadable.length === 0) results.push(noTrailsToJudge(ctx, ownedElsewhere));
    return results;
  },
});
