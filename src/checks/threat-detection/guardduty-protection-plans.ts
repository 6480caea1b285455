// guardduty-protection-plans: the detector of every Region has S3 Protection (feature S3_DATA_EVENTS) enabled, and
// any further protection plans the configuration requires (controls.md 1.E); the other features are reported as evidence.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

export interface ProtectionPlansOptions {
  /** GuardDuty feature names that must be ENABLED (EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS, RUNTIME_MONITORING…). */
  requiredFeatures: string[];
}

export default defineCheck<ProtectionPlansOptions>({
  meta: {
    id: 'guardduty-protection-plans',
    title: 'GuardDuty S3 protection (and other plans per config) enabled',
    severity: 'low',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'Without S3 Protection GuardDuty does not read S3 data events, so it cannot report a bucket being made public, read by an unusual principal or emptied; the other plans extend detection to EKS, EBS malware, RDS logins, Lambda and runtime activity.',
    remediation: {
      text: 'Enable the S3_DATA_EVENTS feature (and the plans your configuration requires) on the detector, or for the whole organization from the GuardDuty delegated administrator. The plans are billed by volume.',
      cli: 'aws guardduty update-detector --detector-id <detector-id> --features Name=S3_DATA_EVENTS,Status=ENABLED --region <region>',
      terraform: 'resource "aws_guardduty_detector_feature" "s3" {\n  detector_id = "<detector-id>"\n  name        = "S3_DATA_EVENTS"\n  status      = "ENABLED"\n}',
    },
    references: ['https://docs.aws.amazon.com/guardduty/latest/ug/s3-protection.html', 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html'],
    compliance: { prowler: ['guardduty_s3_protection_enabled', 'guardduty_rds_protection_enabled', 'guardduty_lambda_protection_enabled'], sources: ['000'] },
    fixable: true,
    reads: ['regional.*.guardduty.detectors'],
  },
  defaultOptions: { requiredFeatures: ['S3_DATA_EVENTS'] },
  optionProblems: (o) => (o.requiredFeatures.length === 0 ? ['requiredFeatures must name at least one feature (S3_DATA_EVENTS is the catalog default)'] : []),
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const resource = regionResource(region);
      const detectors = readInRegion(ctx, data.guardduty.detectors, 'GuardDuty detectors', region);
      if (!detectors.ok) {
        results.push(detectors.result);
        continue;
      }
      const detector = detectors.value[0];
      if (detector === undefined) {
        results.push(ctx.notApplicable(resource, `GuardDuty has no detector in ${region} (guardduty-enabled reports it)`, { region }));
        continue;
      }
      if (!detector.detail.ok) {
        results.push(ctx.error(resource, detector.detail.error, `could not read GuardDuty detector ${detector.detectorId}`, { region }));
        continue;
      }
      const { status, features } = detector.detail.value;
      if (status !== 'ENABLED') {
        results.push(ctx.notApplicable(resource, `GuardDuty detector ${detector.detectorId} in ${region} is ${status} (guardduty-enabled reports it)`, { region }));
        continue;
      }
      const byName = new Map(features.map((f) => [f.name, f.status]));
      const evidence = { detectorId: detector.detectorId, features: Object.fromEntries(byName) };
      const off = ctx.options.requiredFeatures.filter((f) => byName.get(f) !== 'ENABLED');
      if (off.length > 0) {
        const described = off.map((f) => `${f} ${byName.get(f) ?? 'not listed by the detector'}`).join(', ');
        results.push(
          ctx.fail(resource, `GuardDuty detector ${detector.detectorId} in ${region} lacks required protection: ${described}`, {
            region,
            evidence,
            remediation: { cli: off.map((f) => `aws guardduty update-detector --detector-id <detector-id> --features Name=${f},Status=ENABLED --region <region>`).join('\n') },
            remediationValues: { 'detector-id': detector.detectorId },
          }),
        );
        continue;
      }
      const others = [...byName].filter(([name]) => !ctx.options.requiredFeatures.includes(name)).map(([name, s]) => `${name} ${s}`);
      results.push(
        ctx.pass(resource, `GuardDuty detector ${detector.detectorId} in ${region} has ${ctx.options.requiredFeatures.join(', ')} enabled${others.length > 0 ? ` (other plans: ${others.join(', ')})` : ''}`, { region, evidence }),
      );
    }
    return results;
  },
});
