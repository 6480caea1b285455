// cloudtrail-org-trail: the organization has a logging, multi-Region organization trail that captures all
// management events (controls.md 1.D). Judged once per organization (helpers/logging.ts organizationOnce).
import type { CheckResult } from '../../findings/finding.ts';
import type { Trail } from '../../services/cloudtrail/schema.ts';
import { defineCheck } from '../define.ts';
import { organizationOnce, organizationResource } from '../helpers/logging.ts';
import { readInRegion, trailResource } from '../helpers/regional.ts';

type Verdict = { ok: true } | { ok: false; why: string } | { ok: 'unknown'; trail: Trail; why: string };

interface FieldSelector {
  Field?: string;
  Equals?: string[];
}

function fieldSelectors(sel: unknown): FieldSelector[] {
  const fs = (sel as { FieldSelectors?: unknown } | null)?.FieldSelectors;
  return Array.isArray(fs) ? (fs as FieldSelector[]) : [];
}

/** Management events, read and write: a basic selector with All, or an advanced Management selector without a readOnly filter. */
function capturesManagementEvents(s: { basic: Array<{ readWriteType: string | null; includeManagementEvents: boolean | null }>; advanced: unknown[] }): boolean {
  if (s.basic.some((b) => b.includeManagementEvents === true && b.readWriteType === 'All')) return true;
  return s.advanced.some((sel) => {
    const fields = fieldSelectors(sel);
    return fields.some((f) => f.Field === 'eventCategory' && (f.Equals ?? []).includes('Management')) && !fields.some((f) => f.Field === 'readOnly');
  });
}

function judge(t: Trail): Verdict {
  if (!t.isMultiRegionTrail) return { ok: false, why: 'single-Region' };
  if (!t.status.ok) return { ok: 'unknown', trail: t, why: 'logging status' };
  if (!t.status.value.isLogging) return { ok: false, why: 'not logging' };
  if (!t.eventSelectors.ok) return { ok: 'unknown', trail: t, why: 'event selectors' };
  if (!capturesManagementEvents(t.eventSelectors.value)) return { ok: false, why: 'does not capture all management events (read and write)' };
  return { ok: true };
}

export default defineCheck({
  meta: {
    id: 'cloudtrail-org-trail',
    title: 'An organization trail, multi-Region, logging management events',
    severity: 'critical',
    scope: 'org',
    resourceType: 'AwsCloudTrailTrail',
    rationale:
      'An organization trail records every account of the organization, including accounts created later, into one bucket that member accounts cannot switch off or edit; per-account trails leave gaps and can be stopped by each account’s admins.',
    remediation: {
      text: 'From the management account (or the CloudTrail delegated administrator), create a multi-Region organization trail with log file validation and a KMS key, delivering to a bucket in the Log Archive account (bucket and key policies first), and start logging.',
      cli: 'aws cloudtrail create-trail --name org-trail --s3-bucket-name <log-archive-bucket> --is-organization-trail --is-multi-region-trail --enable-log-file-validation --kms-key-id <key-arn>\naws cloudtrail start-logging --name org-trail',
      terraform:
        'resource "aws_cloudtrail" "org" {\n  name                          = "org-trail"\n  s3_bucket_name                = "<log-archive-bucket>"\n  is_organization_trail         = true\n  is_multi_region_trail         = true\n  include_global_service_events = true\n  enable_log_file_validation    = true\n  kms_key_id                    = "<key-arn>"\n}',
    },
    references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html'],
    compliance: { cisAws3: ['3.1'], prowler: ['cloudtrail_multi_region_enabled_logging_management_events'], sources: ['000', '002', '003'] },
    fixable: true,
    reads: ['organizations.organization', 'regional.*.cloudtrail.trails'],
  },
  evaluate(ctx) {
    const once = organizationOnce(ctx, 'cloudtrail-multi-region judges the trails of a standalone account');
    if (once.kind === 'done') return once.results;
    const org = organizationResource(once.organization);
    const unreadable: CheckResult[] = [];
    const byArn = new Map<string, Trail>();
    let readRegions = 0;
    for (const [region, data] of ctx.regions()) {
      const listed = readInRegion(ctx, data.cloudtrail.trails, 'CloudTrail trails', region);
      if (!listed.ok) {
        unreadable.push(listed.result);
        continue;
      }
      readRegions++;
      for (const t of listed.value) if (t.isOrganizationTrail && (!byArn.has(t.arn) || t.homeRegion === region)) byArn.set(t.arn, t);
    }
    // a multi-Region organization trail shows in every Region, so one readable Region is enough to look for it
    if (readRegions === 0) return unreadable;
    const candidates = [...byArn.values()].sort((a, b) => a.arn.localeCompare(b.arn));
    const verdicts = candidates.map((t) => ({ t, v: judge(t) }));
    const good = verdicts.find((x) => x.v.ok === true);
    const evidence = { organizationId: once.organization.id, organizationTrails: verdicts.map(({ t, v }) => ({ arn: t.arn, verdict: v.ok === true ? 'ok' : v.why })) };
    if (good) {
      return [ctx.pass(trailResource(good.t), `organization ${once.organization.id} has organization trail ${good.t.name}: multi-Region, logging, capturing all management events`, { region: good.t.homeRegion, evidence })];
    }
    const unknown = verdicts.find((x) => x.v.ok === 'unknown');
    if (unknown && unknown.v.ok === 'unknown') {
      const err = unknown.v.why === 'logging status' ? unknown.t.status : unknown.t.eventSelectors;
      if (!err.ok) return [ctx.error(trailResource(unknown.t), err.error, `could not read the ${unknown.v.why} of organization trail ${unknown.t.name}`, { region: unknown.t.homeRegion, evidence })];
    }
    const found = verdicts.map(({ t, v }) => `${t.name} (${v.ok === true ? 'ok' : v.why})`).join(', ');
    return [
      ctx.fail(
        org,
        candidates.length === 0
          ? `organization ${once.organization.id} has no organization trail, so accounts are only covered by trails their own admins can stop`
          : `organization ${once.organization.id} has no organization trail that is multi-Region, logging and capturing all management events: ${found}`,
        { evidence },
      ),
    ];
  },
});
