// Reports for tests and benchmarks: the demo organization's real report, plus findings with the characters and
// states writers get wrong (markup, quotes, line breaks, formula prefixes, control characters, muted, error).
import { demoSnapshot } from '../demo/organization.ts';
import type { Finding } from '../findings/finding.ts';
import { evaluateSnapshot } from '../scan.ts';
import type { ScanReport } from './json.ts';
import { compareFindings, summarize } from './summary.ts';

export function demoReport(): ScanReport {
  return evaluateSnapshot(demoSnapshot()).report;
}

const base = {
  title: 'Edge case <b>title</b> & "quoted"',
  severity: 'high',
  accountId: '999999999999',
  remediation: { text: 'Fix it, then "verify"\nagain', cli: 'aws s3api put-bucket-policy --bucket "x"' },
  compliance: { cisAws3: ['2.1.1'], sources: ['001'] },
} as const satisfies Partial<Finding>;

/** Four awkward findings: a hostile fail, a muted fail, an error and a not-applicable. */
export function edgeCaseFindings(): Finding[] {
  return [
    {
      ...base,
      checkId: 'edge-hostile',
      status: 'fail',
      region: 'eu-west-1',
      resource: { type: 'AwsS3Bucket', id: '=HYPERLINK("http://x")', arn: 'arn:aws:s3:::weird' },
      message: 'bucket <script>alert(1)</script> is public, "really", line1\r\nline2\u0001 end',
      evidence: { note: '</script><img src=x onerror=alert(1)>' },
    },
    {
      ...base,
      checkId: 'edge-muted',
      status: 'fail',
      severity: 'critical',
      resource: { type: 'AwsIamUser', id: 'legacy-ci' },
      message: 'user legacy-ci has no MFA',
      muted: { reason: 'accepted until the CI migration, ticket SEC-42', expires: '2099-01-01' },
    },
    {
      ...base,
      checkId: 'edge-error',
      status: 'error',
      region: 'ap-south-1',
      resource: { type: 'AwsRegion', id: 'ap-south-1' },
      message: 'could not read detectors',
      error: { code: 'AccessDenied', operation: 'guardduty:ListDetectors', region: 'ap-south-1', message: 'not authorized' },
    },
    {
      ...base,
      checkId: 'edge-na',
      status: 'not_applicable',
      severity: 'low',
      resource: { type: 'AwsAccount', id: '999999999999' },
      message: 'no organization',
    },
  ];
}

/** The demo report with the edge cases added, summary recomputed the way buildReport computes it. */
export function edgeCaseReport(): ScanReport {
  const report = demoReport();
  const findings = [...report.findings, ...edgeCaseFindings()].sort(compareFindings);
  const checks = new Set(findings.map((f) => f.checkId)).size;
  return { ...report, findings, summary: summarize(findings, checks, report.accounts.length + 1) };
}

/** The edge-case report's findings repeated to n (resource ids made unique), summary recomputed: for size tests and benches. */
export function repeatedReport(n: number, report: ScanReport = edgeCaseReport()): ScanReport {
  const base = report.findings;
  const findings: Finding[] = Array.from({ length: n }, (_, i) => {
    const f = base[i % base.length]!;
    return { ...f, resource: { ...f.resource, id: `${f.resource.id}-${i}` } };
  });
  return { ...report, findings, summary: summarize(findings, report.summary.checks, report.summary.accounts) };
}
