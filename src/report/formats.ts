// The registry of report formats: every writer a scan or `rampart report` can produce, by name. Commands, the
// --format/--formats help and the secret-canary test all go through this one list, so a new format is covered
// everywhere once it is added here.
import { renderAsff } from './asff.ts';
import { renderCsv } from './csv.ts';
import { renderJson, type ScanReport } from './json.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { renderOcsf } from './ocsf.ts';
import { renderSarif } from './sarif.ts';
import { renderOrgSection } from './org.ts';
import { renderTerminal } from './terminal.ts';

export interface RenderOptions {
  /** Terminal only: ANSI colours (the caller decides from the TTY and NO_COLOR). */
  color: boolean;
  /** Terminal only: also list passing checks. */
  showPassed?: boolean;
  /** ASFF only: the Security Hub Region the findings are for (default us-east-1). */
  asffRegion?: string;
  /** HTML only: extra sections (history trend, diff against the previous scan), already escaped. */
  htmlSections?: string[];
}

export interface ReportFormat {
  /** File name used by --output-dir, e.g. rampart-report.sarif. */
  fileName: string;
  /** One line for --help and docs. */
  description: string;
  render(report: ScanReport, opts: RenderOptions): string;
}

export const reportFormats = {
  terminal: {
    fileName: 'rampart-report.txt',
    description: 'human-readable summary, failures by check, errors apart',
    // an organization scan opens with its per-account and per-OU summary
    render: (r, o) =>
      (r.organization ? renderOrgSection(r.organization, { color: o.color }) : '') + renderTerminal(r, { color: o.color, showPassed: Boolean(o.showPassed) }),
  },
  json: { fileName: 'rampart-report.json', description: 'the stable JSON report (docs/report-json.md)', render: (r) => renderJson(r) },
  html: { fileName: 'rampart-report.html', description: 'one self-contained HTML file: summaries, filters, search, each finding with its fix', render: (r, o) => renderHtml(r, o.htmlSections ? { sections: o.htmlSections } : {}) },
  ocsf: { fileName: 'rampart-report.ocsf.json', description: 'OCSF 1.6.0 Compliance Findings (class 2003), a JSON array', render: (r) => renderOcsf(r) },
  asff: {
    fileName: 'rampart-report.asff.json',
    description: 'AWS Security Finding Format for Security Hub, a JSON array',
    render: (r, o) => renderAsff(r, { region: o.asffRegion ?? 'us-east-1' }),
  },
  sarif: { fileName: 'rampart-report.sarif', description: 'SARIF 2.1.0 for GitHub code scanning', render: (r) => renderSarif(r) },
  csv: { fileName: 'rampart-report.csv', description: 'RFC 4180 CSV, one row per finding', render: (r) => renderCsv(r) },
  junit: { fileName: 'rampart-report.junit.xml', description: 'JUnit XML: a suite per check, a test case per resource', render: (r) => renderJunit(r) },
} as const satisfies Record<string, ReportFormat>;

export type FormatId = keyof typeof reportFormats;
export const formatIds = Object.keys(reportFormats) as FormatId[];

export function isFormatId(s: string): s is FormatId {
  return Object.hasOwn(reportFormats, s);
}

export function renderReport(format: FormatId, report: ScanReport, opts: RenderOptions): string {
  return reportFormats[format].render(report, opts);
}
