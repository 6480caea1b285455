// The AWS Security Finding Format (ASFF) for Security Hub: one AwsSecurityFinding per finding, with every field
// Security Hub requires (SchemaVersion 2018-10-08, the custom-integration product ARN, Severity and Types).
// `rampart scan --to-securityhub` imports these documents; `--format asff` writes them as a JSON array, which is
// also what `aws securityhub batch-import-findings --findings file://…` accepts.
import type { AwsSecurityFinding, ComplianceStatus, Partition, SeverityLabel, WorkflowStatus } from '@aws-sdk/client-securityhub';
import type { Finding, Severity, Status } from '../findings/finding.ts';
import { findingId } from '../findings/finding-id.ts';
import type { ScanReport } from './json.ts';

export const ASFF_SCHEMA_VERSION = '2018-10-08';
/** The fields Security Hub refuses a finding without (botocore's shape plus the user guide's Severity and Types). */
export const asffRequiredFields = [
  'SchemaVersion', 'Id', 'ProductArn', 'GeneratorId', 'AwsAccountId', 'CreatedAt', 'UpdatedAt', 'Title', 'Description', 'Resources', 'Severity', 'Types',
] as const satisfies ReadonlyArray<keyof AwsSecurityFinding>;

const severityLabel = {
  info: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
} as const satisfies Record<Severity, SeverityLabel>;

/** Compliance.Status; a finding with no verdict (error) or none to give (not_applicable) is NOT_AVAILABLE. */
const complianceStatus = {
  pass: 'PASSED',
  fail: 'FAILED',
  warn: 'WARNING',
  error: 'NOT_AVAILABLE',
  not_applicable: 'NOT_AVAILABLE',
} as const satisfies Record<Status, ComplianceStatus>;

/** Workflow: open problems are NEW; passes and n/a are RESOLVED so they close earlier imports of the same finding. */
const workflowStatus = {
  pass: 'RESOLVED',
  fail: 'NEW',
  warn: 'NEW',
  error: 'NEW',
  not_applicable: 'RESOLVED',
} as const satisfies Record<Status, WorkflowStatus>;

// Security Hub's length limits for these fields
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export interface AsffOptions {
  /** The Security Hub Region the findings are for (their product ARN names it). */
  region: string;
  /** AWS partition of the product and resource ARNs. */
  partition?: Partition;
}

export function toAsffFinding(report: Pick<ScanReport, 'collectedAt'>, f: Finding, opts: AsffOptions): AwsSecurityFinding {
  const partition = opts.partition ?? 'aws';
  const cis = f.compliance.cisAws3 ?? [];
  const description = f.error ? `${f.message} (${f.error.code} on ${f.error.operation})` : f.message;
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: clip(findingId(f), 512),
    // a custom integration imports through the account's own "default" product
    ProductArn: `arn:${partition}:securityhub:${opts.region}:${f.accountId}:product/${f.accountId}/default`,
    ProductName: 'Rampart',
    CompanyName: 'Rampart',
    GeneratorId: `rampart/${f.checkId}`,
    AwsAccountId: f.accountId,
    Region: opts.region,
    Types: [cis.length > 0 ? 'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark' : 'Software and Configuration Checks/AWS Security Best Practices'],
    CreatedAt: report.collectedAt,
    UpdatedAt: report.collectedAt,
    Severity: { Label: severityLabel[f.severity], Original: f.severity },
    Title: clip(f.title, 256),
    Description: clip(description, 1024),
    Remediation: { Recommendation: { Text: clip(f.remediation.text, 512) } },
    ProductFields: {
      'rampart/checkId': f.checkId,
      'rampart/status': f.status,
      ...(f.error ? { 'rampart/errorCode': f.error.code, 'rampart/errorOperation': f.error.operation } : {}),
      ...(f.muted ? { 'rampart/muteReason': clip(f.muted.reason, 1024) } : {}),
    },
    Resources: [
      {
        Type: f.resource.type,
        Id: f.resource.arn ?? f.resource.id,
        Partition: partition,
        Region: f.region ?? opts.region,
      },
    ],
    Compliance: {
      Status: complianceStatus[f.status],
      ...(cis.length > 0 ? { RelatedRequirements: cis.map((c) => `CIS AWS Foundations Benchmark v3.0.0/${c}`) } : {}),
    },
    Workflow: { Status: f.muted ? 'SUPPRESSED' : workflowStatus[f.status] },
    RecordState: 'ACTIVE',
    ...(f.muted ? { Note: { Text: clip(`muted: ${f.muted.reason}`, 512), UpdatedBy: 'rampart-mutelist', UpdatedAt: report.collectedAt } } : {}),
  };
}

export function toAsffFindings(report: ScanReport, opts: AsffOptions): AwsSecurityFinding[] {
  return report.findings.map((f) => toAsffFinding(report, f, opts));
}

export function renderAsff(report: ScanReport, opts: AsffOptions): string {
  const lines = toAsffFindings(report, opts).map((f) => JSON.stringify(f));
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}
