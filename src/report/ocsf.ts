// OCSF 1.6.0 Compliance Findings (class 2003, cloud profile): one per finding, for Security Lake and SIEMs.
// The output is one JSON array; every element validates against the 1.6.0 Compliance Finding schema.
import type { Finding, Status } from '../findings/finding.ts';
import { findingId } from '../findings/finding-id.ts';
import type { ScanReport } from './json.ts';
import { ACTIVITY_CREATE, epochMs, FINDINGS_CATEGORY, ocsfClass, ocsfMetadata, ocsfSeverity } from './ocsf-common.ts';

/**
 * compliance.status_id: 1 Pass, 3 Fail; `error` is 0 Unknown (no verdict could be reached, the cause is in
 * status_details); not_applicable is 99 Other with its own caption, as OCSF asks for "Other".
 */
const complianceStatus = {
  pass: { status_id: 1, status: 'Pass' },
  fail: { status_id: 3, status: 'Fail' },
  warn: { status_id: 2, status: 'Warning' },
  error: { status_id: 0, status: 'Unknown' },
  not_applicable: { status_id: 99, status: 'Not Applicable' },
} as const satisfies Record<Status, { status_id: number; status: string }>;

const CIS_V3 = 'CIS AWS Foundations Benchmark v3.0.0';

export type OcsfComplianceFinding = ReturnType<typeof toOcsfComplianceFinding>;

export function toOcsfComplianceFinding(report: Pick<ScanReport, 'collectedAt' | 'ouPaths'>, f: Finding) {
  const time = epochMs(report.collectedAt);
  const ouPath = report.ouPaths?.[f.accountId];
  const cis = f.compliance.cisAws3 ?? [];
  const statusDetails = [f.message, ...(f.error ? [`${f.error.code} on ${f.error.operation}: ${f.error.message}`] : [])];
  return {
    ...ACTIVITY_CREATE,
    ...FINDINGS_CATEGORY,
    ...ocsfClass(2003, 'Compliance Finding'),
    ...ocsfSeverity[f.severity],
    // finding status: Suppressed when muted (the reason goes in status_detail), otherwise New
    ...(f.muted ? { status_id: 3, status: 'Suppressed', status_detail: `muted: ${f.muted.reason}` } : { status_id: 1, status: 'New' }),
    time,
    message: f.message,
    metadata: ocsfMetadata(),
    cloud: {
      provider: 'AWS',
      account: { uid: f.accountId, type_id: 10, type: 'AWS Account' },
      ...(f.region ? { region: f.region } : {}),
      ...(ouPath && ouPath.length > 0 ? { org: { name: 'AWS Organization', ou_name: ouPath.join('/') } } : {}),
    },
    finding_info: {
      uid: findingId(f),
      title: f.title,
      desc: f.message,
      created_time: time,
      types: [f.resource.type],
    },
    compliance: {
      control: f.checkId,
      ...complianceStatus[f.status],
      status_details: statusDetails,
      ...(cis.length > 0 ? { standards: [CIS_V3], requirements: cis.map((c) => `CIS ${c}`) } : {}),
    },
    remediation: { desc: f.remediation.text },
    resources: [
      {
        uid: f.resource.arn ?? f.resource.id,
        name: f.resource.id,
        type: f.resource.type,
        ...(f.region ? { region: f.region } : {}),
      },
    ],
    ...(f.evidence ? { evidences: [{ data: f.evidence }] } : {}),
    unmapped: {
      rampart_status: f.status,
      ...(f.error ? { error: f.error } : {}),
      ...(f.remediation.cli ? { remediation_cli: f.remediation.cli } : {}),
      ...(f.compliance.prowler ? { prowler: f.compliance.prowler } : {}),
      sources: f.compliance.sources,
      ...(f.muted?.expires ? { muted_until: f.muted.expires } : {}),
    },
  };
}

export function renderOcsf(report: ScanReport): string {
  // one finding per line inside the array: greppable, and the file stays valid JSON
  const lines = report.findings.map((f) => JSON.stringify(toOcsfComplianceFinding(report, f)));
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}
