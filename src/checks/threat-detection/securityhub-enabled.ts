// securityhub-enabled: Security Hub is enabled in every scanned Region (controls.md 1.E).
// Enabled standards are reported as information only. Blocked Regions are not_applicable (helpers/regional.ts).
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'securityhub-enabled',
    title: 'Security Hub enabled in every enabled Region',
    severity: 'medium',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'Security Hub gathers GuardDuty, Inspector, Access Analyzer and Config findings in one place so they are seen and acted on; a Region without it is a blind spot in the aggregated view.',
    remediation: {
      text: 'Enable Security Hub in the Region, ideally from a delegated administrator with cross-Region aggregation. Standards are optional: aggregation without standards (and without their Config cost) is acceptable.',
      cli: 'aws securityhub enable-security-hub --no-enable-default-standards --region <region>',
      terraform: 'resource "aws_securityhub_account" "main" {\n  enable_default_standards = false\n}',
    },
    references: [
      'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation.html',
    ],
    compliance: { cisAws3: ['4.16'], prowler: ['securityhub_enabled'], sources: ['000', '002', '003'] },
    fixable: true,
    reads: ['regional.*.securityhub.hub', 'regional.*.securityhub.enabledStandards'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const resource = regionResource(region);
      const hub = readInRegion(ctx, data.securityhub.hub, 'the Security Hub subscription', region);
      if (!hub.ok) {
        results.push(hub.result);
        continue;
      }
      if (hub.value === null) {
        results.push(ctx.fail(resource, `Security Hub is not enabled in ${region}, so findings there are not aggregated`, { region }));
        continue;
      }
      // Standards are information only: a failed GetEnabledStandards must not turn the verdict into an error.
      const std = data.securityhub.enabledStandards;
      const standards = std.ok
        ? { enabledStandards: std.value.map((s) => `${s.standardsArn} (${s.status})`) }
        : { enabledStandards: null, enabledStandardsError: `${std.error.code} on ${std.error.operation}: ${std.error.message}` };
      const note = std.ok
        ? std.value.length === 0
          ? '; no standards enabled (aggregation only)'
          : `; ${std.value.length} standard(s) enabled`
        : `; enabled standards could not be read (${std.error.code})`;
      results.push(ctx.pass(resource, `Security Hub is enabled in ${region}${note}`, { region, evidence: { hubArn: hub.value.hubArn, ...standards } }));
    }
    return results;
  },
});
