// cloudtrail-multi-region: every scanned Region is covered by a logging multi-Region trail (controls.md 1.D).
// Regions whose CloudTrail data cannot be read and that are shown to be closed (regions.denied, an SCP in force) are not_applicable (helpers/regional.ts).
import type { CheckResult } from '../../findings/finding.ts';
import type { Trail } from '../../services/cloudtrail/schema.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

function describeTrail(t: Trail): string {
  const kind = t.isOrganizationTrail ? 'organization trail' : t.isMultiRegionTrail ? 'multi-Region trail' : 'single-Region trail';
  const logging = !t.status.ok ? 'logging status unknown' : t.status.value.isLogging ? 'logging' : 'not logging';
  return `${t.name} (${kind}, home ${t.homeRegion}, ${logging})`;
}

export default defineCheck({
  meta: {
    id: 'cloudtrail-multi-region',
    title: 'Every account/Region is covered by a logging multi-Region trail',
    severity: 'critical',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'Without a logging multi-Region trail, API activity in the Region (including an attacker working where nobody looks) leaves no record to alert on or investigate.',
    remediation: {
      text: 'Create a multi-Region trail (in an organization, one organization trail from the management account covers every member) or convert an existing trail to multi-Region, and make sure it is logging.',
      cli: 'aws cloudtrail update-trail --name <trail> --is-multi-region-trail && aws cloudtrail start-logging --name <trail>',
      terraform:
        'resource "aws_cloudtrail" "main" {\n  name                          = "org-trail"\n  s3_bucket_name                = "<log-archive-bucket>"\n  is_multi_region_trail         = true\n  is_organization_trail         = true\n  include_global_service_events = true\n  enable_log_file_validation    = true\n  enable_logging                = true\n}',
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html',
    ],
    compliance: { cisAws3: ['3.1'], prowler: ['cloudtrail_multi_region_enabled'], sources: ['000', '002', '001'] },
    fixable: true,
    reads: ['regional.*.cloudtrail.trails'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const resource = regionResource(region);
      const trails = readInRegion(ctx, data.cloudtrail.trails, 'CloudTrail trails', region);
      if (!trails.ok) {
        results.push(trails.result);
        continue;
      }
      const seen = trails.value.map(describeTrail);
      const multi = trails.value.filter((t) => t.isMultiRegionTrail);
      const logging = multi.filter((t) => t.status.ok && t.status.value.isLogging);
      const first = logging[0];
      if (first !== undefined) {
        results.push(
          ctx.pass(resource, `${region} is covered by logging multi-Region trail ${first.name} (home ${first.homeRegion})`, {
            region,
            evidence: { coveringTrails: logging.map((t) => t.arn), trails: seen },
          }),
        );
        continue;
      }
      // A multi-Region trail whose status we could not read may well be logging: no verdict without it. The trail
      // list was readable, so the Region is not closed: a refused GetTrailStatus stays an error.
      const unknown = multi.find((t) => !t.status.ok);
      if (unknown !== undefined && !unknown.status.ok) {
        results.push(ctx.error(resource, unknown.status.error, `could not read the logging status of multi-Region trail ${unknown.name}`, { region }));
        continue;
      }
      const message =
        trails.value.length === 0
          ? `no CloudTrail trail is visible in ${region}, so API activity there is not recorded`
          : `no logging multi-Region trail covers ${region}; trails seen: ${seen.join('; ')}`;
      results.push(ctx.fail(resource, message, { region, evidence: { trails: seen } }));
    }
    return results;
  },
});
