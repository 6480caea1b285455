// guardduty-high-findings: no GuardDuty finding of severity ≥ 7 stays unarchived longer than N hours (default 24)
// (controls.md 1.E). One fail per such finding; a Region without one gets a pass naming any younger ones.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

export interface HighFindingsOptions {
  /** Hours a high-severity finding may stay unarchived (being triaged) before it fails. */
  maxAgeHours: number;
}

const HOUR_MS = 3_600_000;

export default defineCheck<HighFindingsOptions>({
  meta: {
    id: 'guardduty-high-findings',
    title: 'No unhandled high-severity GuardDuty findings',
    severity: 'high',
    scope: 'region',
    resourceType: 'AwsGuardDutyFinding',
    rationale:
      'A high-severity GuardDuty finding means a resource is likely compromised (credential exfiltration, crypto-mining, command-and-control traffic); left unhandled for more than a day it is an incident nobody is responding to.',
    remediation: {
      text: 'Investigate the finding, contain the resource (revoke the credentials, isolate the instance), then archive it; suppress recurring expected findings with a suppression rule rather than leaving them open.',
      cli: 'aws guardduty get-findings --detector-id <detector-id> --finding-ids <finding-id> --region <region>\naws guardduty archive-findings --detector-id <detector-id> --finding-ids <finding-id> --region <region>',
    },
    references: ['https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings.html', 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_remediate.html'],
    compliance: { prowler: ['guardduty_no_high_severity_findings'], sources: ['003', '000'] },
    fixable: false,
    reads: ['regional.*.guardduty.detectors', 'regional.*.guardduty.highFindings'],
  },
  defaultOptions: { maxAgeHours: 24 },
  optionProblems: (o) => (o.maxAgeHours >= 0 ? [] : ['maxAgeHours must not be negative']),
  evaluate(ctx) {
    const results: CheckResult[] = [];
    const limit = ctx.options.maxAgeHours;
    for (const [region, data] of ctx.regions()) {
      const detectors = readInRegion(ctx, data.guardduty.detectors, 'GuardDuty detectors', region);
      if (!detectors.ok) {
        results.push(detectors.result);
        continue;
      }
      const detector = detectors.value[0];
      if (detector === undefined) {
        results.push(ctx.notApplicable(regionResource(region), `GuardDuty has no detector in ${region} (guardduty-enabled reports it)`, { region }));
        continue;
      }
      const findings = data.guardduty.highFindings;
      if (!findings.ok) {
        results.push(ctx.error(regionResource(region), findings.error, `could not read the GuardDuty findings of detector ${detector.detectorId}`, { region }));
        continue;
      }
      const aged = findings.value.map((f) => ({ f, hours: (ctx.now.getTime() - Date.parse(f.createdAt)) / HOUR_MS }));
      const overdue = aged.filter((a) => a.hours > limit);
      for (const { f, hours } of overdue) {
        const resource: ResourceRef = { type: 'AwsGuardDutyFinding', id: f.id, arn: `arn:aws:guardduty:${region}:${ctx.account.accountId}:detector/${detector.detectorId}/finding/${f.id}` };
        results.push(
          ctx.fail(resource, `GuardDuty finding ${f.type} (severity ${f.severity}${f.resourceType ? `, on ${f.resourceType}` : ''}) has been open for ${Math.floor(hours)} hours, more than ${limit}: ${f.title ?? f.id}`, {
            region,
            evidence: { ...f, ageHours: Math.floor(hours), detectorId: detector.detectorId },
            remediationValues: { 'detector-id': detector.detectorId, 'finding-id': f.id },
          }),
        );
      }
      if (overdue.length === 0) {
        const recent = aged.length;
        results.push(
          ctx.pass(regionResource(region), `no high-severity GuardDuty finding in ${region} is open longer than ${limit} hours${recent > 0 ? ` (${recent} younger one(s) being triaged)` : ''}`, {
            region,
            evidence: { detectorId: detector.detectorId, recentFindings: aged.map((a) => a.f.id) },
          }),
        );
      }
    }
    return results;
  },
});
