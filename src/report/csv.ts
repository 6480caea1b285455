// CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break) with one row per
// finding, for spreadsheets. The column set is documented in docs/report-formats.md; evidence is left out because
// it is nested data that does not fit a cell (the JSON and OCSF reports carry it).
import type { Finding } from '../findings/finding.ts';
import { findingId } from '../findings/finding-id.ts';
import type { ScanReport } from './json.ts';

export const csvColumns = [
  ['finding_id', (f) => findingId(f)],
  ['check_id', (f) => f.checkId],
  ['title', (f) => f.title],
  ['status', (f) => f.status],
  ['severity', (f) => f.severity],
  ['muted', (f) => (f.muted ? 'true' : 'false')],
  ['mute_reason', (f) => f.muted?.reason ?? ''],
  ['mute_expires', (f) => f.muted?.expires ?? ''],
  ['account_id', (f) => f.accountId],
  ['region', (f) => f.region ?? ''],
  ['resource_type', (f) => f.resource.type],
  ['resource_id', (f) => f.resource.id],
  ['resource_arn', (f) => f.resource.arn ?? ''],
  ['message', (f) => f.message],
  ['error_code', (f) => f.error?.code ?? ''],
  ['error_operation', (f) => f.error?.operation ?? ''],
  ['remediation', (f) => f.remediation.text],
  ['cis_aws_v3', (f) => (f.compliance.cisAws3 ?? []).join(' ')],
] as const satisfies ReadonlyArray<readonly [string, (f: Finding) => string]>;

/**
 * Quote per RFC 4180. A cell that starts with = + @ or a tab/CR would be run as a formula by spreadsheet programs
 * (CSV injection), and resource names come from the scanned account, so such a cell gets a leading apostrophe.
 */
export function csvField(value: string): string {
  const safe = /^[=+@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function renderCsv(report: ScanReport): string {
  const rows = [csvColumns.map(([name]) => name).join(',')];
  for (const f of report.findings) rows.push(csvColumns.map(([, get]) => csvField(get(f))).join(','));
  return `${rows.join('\r\n')}\r\n`;
}
