// securityhub-critical-findings: no active CRITICAL/HIGH Security Hub finding of this account stays NEW or NOTIFIED
// longer than N days (default 7) (controls.md 1.E). One fail per such finding, in the Region that generated it (an
// aggregation Region also holds copies of the linked Regions' findings: each is reported once); a Region without one
// gets a pass.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { DAY_MS, defineCheck, formatDays } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

export interface CriticalFindingsOptions {
  /** Days a CRITICAL/HIGH finding may stay NEW or NOTIFIED before it fails. */
  maxAgeDays: number;
}

export default defineCheck<CriticalFindingsOptions>({
  meta: {
    id: 'securityhub-critical-findings',
    title: 'No unhandled CRITICAL/HIGH Security Hub findings',
    severity: 'medium',
    scope: 'region',
    resourceType: 'AwsSecurityFinding',
    rationale:
      'Security Hub gathers findings from GuardDuty, Inspector, Config rules and partner tools; a CRITICAL or HIGH one still NEW after a week means nobody owns the response, which is the gap attackers count on.',
    remediation: {
      text: 'Triage the finding: fix the resource, or set its workflow status to RESOLVED (fixed) or SUPPRESSED (accepted risk, with a note), so only open work stays NEW or NOTIFIED.',
      cli: "aws securityhub batch-update-findings --finding-identifiers Id=<finding-id>,ProductArn=<product-arn> --workflow Status=RESOLVED --note Text='<why>',UpdatedBy=<you> --region <region>",
    },
    references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/findings-workflow-status.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation.html'],
    compliance: { sources: ['003'] },
    fixable: false,
    reads: ['regional.*.securityhub.hub', 'regional.*.securityhub.criticalFindings'],
  },
  defaultOptions: { maxAgeDays: 7 },
  optionProblems: (o) => (o.maxAgeDays >= 0 ? [] : ['maxAgeDays must not be negative']),
  evaluate(ctx) {
    const results: CheckResult[] = [];
    const limit = ctx.options.maxAgeDays;
    const regions = ctx.regions();
    const scanned = new Set(regions.map(([r]) => r));
    const reported = new Set<string>();
    for (const [region, data] of regions) {
      const hub = readInRegion(ctx, data.securityhub.hub, 'the Security Hub hub', region);
      if (!hub.ok) {
        results.push(hub.result);
        continue;
      }
      if (hub.value === null) {
        results.push(ctx.notApplicable(regionResource(region), `Security Hub is not enabled in ${region} (securityhub-enabled reports it)`, { region }));
        continue;
      }
      const findings = data.securityhub.criticalFindings;
      if (!findings.ok) {
        results.push(ctx.error(regionResource(region), findings.error, `could not read the Security Hub findings of ${region}`, { region }));
        continue;
      }
      // a copy aggregated from another scanned Region is reported there
      const own = findings.value.filter((f) => f.region === null || f.region === region || !scanned.has(f.region));
      let overdue = 0;
      for (const f of own) {
        const days = (ctx.now.getTime() - Date.parse(f.createdAt)) / DAY_MS;
        if (days <= limit || reported.has(f.id)) continue;
        reported.add(f.id);
        overdue++;
        const resource: ResourceRef = { type: 'AwsSecurityFinding', id: f.id };
        results.push(
          ctx.fail(resource, `${f.severityLabel} Security Hub finding "${f.title ?? f.id}"${f.resourceId ? ` on ${f.resourceId}` : ''} has been ${f.workflowStatus ?? 'open'} for ${formatDays(Math.floor(days * 10) / 10)} days, more than ${limit}`, {
            region,
            evidence: { ...f, ageDays: Math.floor(days) },
            remediationValues: { 'finding-id': f.id },
          }),
        );
      }
      if (overdue === 0) {
        results.push(
          ctx.pass(regionResource(region), `no active CRITICAL/HIGH Security Hub finding in ${region} has been open longer than ${limit} days${own.length > 0 ? ` (${own.length} younger one(s))` : ''}`, {
            region,
            evidence: { openFindings: own.length },
          }),
        );
      }
    }
    return results;
  },
});
