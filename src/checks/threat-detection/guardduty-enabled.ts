// guardduty-enabled: a GuardDuty detector is enabled in every scanned Region (controls.md 1.E).
// Regions whose GuardDuty data cannot be read and that are shown to be closed (regions.denied, an SCP in force) are not_applicable (helpers/regional.ts).
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'guardduty-enabled',
    title: 'GuardDuty enabled in every account and every enabled Region',
    severity: 'high',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'GuardDuty is the managed detector for stolen credentials, crypto-mining and reconnaissance; attackers favour Regions nobody uses, so every enabled Region needs it, not just the allowed ones.',
    remediation: {
      text: 'Enable GuardDuty in the Region. In an organization, delegate GuardDuty administration to the security account and auto-enable it for all members.',
      cli: 'aws guardduty create-detector --enable --region <region>   # or, for a disabled detector: aws guardduty update-detector --detector-id <id> --enable --region <region>',
      terraform: 'resource "aws_guardduty_detector" "main" {\n  enable = true\n}',
    },
    references: [
      'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
      'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html',
    ],
    compliance: { prowler: ['guardduty_is_enabled'], sources: ['000', '001', '002', '003'] },
    fixable: true,
    reads: ['regional.*.guardduty.detectors'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const resource = regionResource(region);
      const detectors = readInRegion(ctx, data.guardduty.detectors, 'GuardDuty detectors', region);
      if (!detectors.ok) {
        results.push(detectors.result);
        continue;
      }
      if (detectors.value.length === 0) {
        results.push(
          ctx.fail(resource, `GuardDuty has no detector in ${region}, so threats there go undetected`, {
            region,
            evidence: { detectors: [] },
            remediation: { cli: 'aws guardduty create-detector --enable --region <region>' },
          }),
        );
        continue;
      }
      const statuses = detectors.value.map((d) => ({ detectorId: d.detectorId, status: d.detail.ok ? d.detail.value.status : null }));
      const enabled = detectors.value.find((d) => d.detail.ok && d.detail.value.status === 'ENABLED');
      if (enabled !== undefined) {
        results.push(ctx.pass(resource, `GuardDuty detector ${enabled.detectorId} is enabled in ${region}`, { region, evidence: { detectors: statuses } }));
        continue;
      }
      // A detector whose details could not be read may be the enabled one. ListDetectors worked, so the Region is
      // not closed: a refusal here is narrower and stays an error.
      const unread = detectors.value.find((d) => !d.detail.ok);
      if (unread !== undefined && !unread.detail.ok) {
        results.push(ctx.error(resource, unread.detail.error, `could not read GuardDuty detector ${unread.detectorId}`, { region }));
        continue;
      }
      const described = statuses.map((s) => `${s.detectorId} is ${s.status ?? 'unknown'}`).join(', ');
      results.push(
        ctx.fail(resource, `GuardDuty is not enabled in ${region}: detector ${described}`, {
          region,
          evidence: { detectors: statuses },
          remediation: { cli: statuses.map((s) => `aws guardduty update-detector --detector-id ${s.detectorId} --enable --region <region>`).join('\n') },
        }),
      );
    }
    return results;
  },
});
