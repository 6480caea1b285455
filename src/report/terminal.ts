// The terminal report: summary by severity, failures and warnings grouped by check with their resources, errors apart
// with causes.
import { styleText } from 'node:util';
import type { Finding, Severity } from '../findings/finding.ts';
import { severities } from '../findings/finding.ts';
import { adviceFor } from './advice.ts';
import type { FrameworkSummary } from '../compliance/framework.ts';
import type { ScanReport } from './json.ts';

type Style = Parameters<typeof styleText>[0];

export interface TerminalOptions {
  color: boolean;
  /** Also list passing checks (off by default: the report is about what to fix). */
  showPassed?: boolean;
  /** Resources listed per check before "… and N more". */
  maxResourcesPerCheck?: number;
}

const severityStyle: Record<Severity, Style> = {
  critical: ['bold', 'red'],
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};

function where(f: Finding): string {
  return `${f.accountId}${f.region ? ` ${f.region}` : ''}`;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

type Paint = (style: Style, s: string) => string;

/** Failures or warnings, grouped by check with their resources and the fix. */
function verdictSection(heading: string, list: readonly Finding[], paint: Paint, max: number): string[] {
  if (list.length === 0) return [];
  const out = ['', paint('bold', heading)];
  for (const [checkId, group] of groupBy(list, (f) => f.checkId)) {
    const first = group[0]!;
    const worst = severities[Math.max(...group.map((f) => severities.indexOf(f.severity)))] ?? first.severity;
    out.push('');
    out.push(`  ${paint(severityStyle[worst], worst.toUpperCase().padEnd(9))} ${paint('bold', checkId)} — ${first.title} (${group.length})`);
    for (const f of group.slice(0, max)) {
      const sev = f.severity !== worst ? ` [${f.severity}]` : '';
      out.push(`    ${paint('gray', where(f))}  ${f.message}${sev}`);
    }
    if (group.length > max) out.push(`    … and ${group.length - max} more (use --format json for all)`);
    out.push(`    ${paint('green', 'Fix:')} ${first.remediation.text}`);
    // Each finding's commands carry its own values (user, group id…): show each distinct one of the findings listed.
    const commands = new Set(group.slice(0, max).map((f) => f.remediation.cli ?? '').filter((c) => c !== ''));
    for (const cli of commands) for (const line of cli.split('\n')) out.push(`    ${paint('gray', line)}`);
  }
  return out;
}

export function renderTerminal(report: ScanReport, opts: TerminalOptions): string {
  const paint: Paint = (style, s) => (opts.color ? styleText(style, s, { validateStream: false }) : s);
  const max = opts.maxResourcesPerCheck ?? 10;
  const out: string[] = [];
  const regions = new Set(report.accounts.flatMap((a) => a.scannedRegions));
  const source = report.source === 'demo' ? ' (demo organization)' : '';
  out.push(
    paint('bold', `Rampart scan${source}`) +
      ` — ${report.accounts.length} account${report.accounts.length === 1 ? '' : 's'}, ${regions.size} Region${regions.size === 1 ? '' : 's'}, ${report.summary.checks} checks, collected ${report.collectedAt.slice(0, 16).replace('T', ' ')} UTC`,
  );
  for (const a of report.accounts) {
    if (a.regionListError) {
      out.push(
        paint('magenta', `Region set of ${a.accountId} unknown: ${a.regionListError.code} on ${a.regionListError.operation} — only ${a.scannedRegions.join(', ') || 'no Region'} scanned; ${adviceFor(a.regionListError)}`),
      );
    }
  }
  out.push('');

  const s = report.summary;
  out.push(paint('bold', 'Summary'));
  for (const sev of [...severities].reverse()) {
    const n = s.failBySeverity[sev];
    if (n > 0) out.push(`  ${paint(severityStyle[sev], sev.toUpperCase().padEnd(9))} ${n} failing`);
  }
  out.push(
    `  ${paint('green', `${s.byStatus.pass} passed`)} · ${paint('red', `${s.byStatus.fail} failed`)} · ${paint('yellow', `${s.byStatus.warn} warning${s.byStatus.warn === 1 ? '' : 's'}`)} · ${paint('magenta', `${s.byStatus.error} could not be evaluated`)} · ${s.byStatus.not_applicable} not applicable${s.muted > 0 ? ` · ${s.muted} muted (not counted above)` : ''}`,
  );

  for (const fw of report.frameworks ?? []) out.push(`  ${frameworkLine(fw)}`);

  const active = report.findings.filter((f) => !f.muted);
  out.push(...verdictSection('Failures', active.filter((f) => f.status === 'fail'), paint, max));
  out.push(...verdictSection('Warnings', active.filter((f) => f.status === 'warn'), paint, max));

  const errors = active.filter((f) => f.status === 'error');
  if (errors.length > 0) {
    out.push('', paint('bold', `Could not be evaluated (${errors.length}) — these are not passes`));
    const outages = regionOutages(active);
    for (const o of outages) {
      const verb = REFUSALS.has(o.code) ? 'refused' : 'failed';
      out.push(`  ${paint('magenta', `${o.accountId} ${o.region}`)}: every call ${verb} (${o.code}) — ${o.checks} checks not evaluated`);
      out.push(`    ${paint('gray', outageAdvice(o))}`);
    }
    const inOutage = new Set(outages.flatMap((o) => o.findings));
    for (const [, list] of groupBy(errors.filter((f) => !inOutage.has(f)), (f) => `${f.checkId}|${f.error?.code}|${f.error?.operation}`)) {
      const first = list[0]!;
      const places = [...new Set(list.map(where))];
      const regions = new Set(list.map((f) => f.error?.region ?? f.region));
      // name the Region in the cause only when the whole group is about one Region
      const cause = first.error
        ? `${first.error.code} on ${first.error.operation}${first.error.region && regions.size === 1 ? ` in ${first.error.region}` : ''} — ${adviceFor(first.error)}`
        : first.message;
      out.push(`  ${paint('magenta', first.checkId)}  ${cause}`);
      if (first.error && !first.message.includes(first.error.operation)) out.push(`    ${first.message}`);
      out.push(`    ${paint('gray', `${places.slice(0, 6).join(', ')}${places.length > 6 ? `, … (${places.length} places)` : ''}`)}`);
    }
  }

  if (opts.showPassed) {
    const passed = active.filter((f) => f.status === 'pass');
    out.push('', paint('bold', `Passed (${passed.length})`));
    for (const [checkId, list] of groupBy(passed, (f) => f.checkId)) out.push(`  ${paint('green', '✔')} ${checkId} (${list.length})`);
  }

  if (report.apiCalls) {
    const a = report.apiCalls;
    out.push('', paint('gray', `${a.total} AWS API calls (${a.retries} retries, ${a.throttled} throttled, ${a.errors} failed)`));
  }
  out.push('');
  return out.join('\n');
}

const REFUSALS = new Set(['AccessDenied', 'DeniedByScp', 'OptInRequired', 'InvalidCredentials']);

interface RegionOutage {
  accountId: string;
  region: string;
  code: string;
  checks: number;
  first: Finding;
  findings: Finding[];
}

/**
 * Regions of an account where no check reached a verdict and every error has the same cause: one line each
 * ("eu-west-3: every call refused (AccessDenied) — 30 checks not evaluated") says more than 30 repeated ones.
 */
function regionOutages(findings: readonly Finding[]): RegionOutage[] {
  const outages: RegionOutage[] = [];
  for (const [, list] of groupBy(findings.filter((f) => f.region !== undefined), (f) => `${f.accountId}|${f.region}`)) {
    // a verdict anywhere in the Region means calls got through: not an outage
    if (list.some((f) => f.status === 'pass' || f.status === 'fail' || f.status === 'warn')) continue;
    const errors = list.filter((f) => f.status === 'error');
    // NotCollected errors follow from another refusal (data that depends on it): they do not name a cause of their own
    const codes = new Set(errors.map((f) => f.error?.code).filter((c) => c !== 'NotCollected'));
    const checks = new Set(errors.map((f) => f.checkId)).size;
    const [code] = [...codes];
    if (codes.size !== 1 || code === undefined || checks < 2) continue;
    const first = errors.find((f) => f.error?.code === code)!;
    outages.push({ accountId: first.accountId, region: first.region!, code, checks, first, findings: errors });
  }
  return outages;
}

function outageAdvice(o: RegionOutage): string {
  if (o.code === 'AccessDenied' || o.code === 'DeniedByScp') {
    return `every service was refused there: an SCP or a permissions boundary may deny the Region. If it is closed on purpose, list ${o.region} under regions.denied in the config (docs/config.md) and its checks become not applicable; otherwise grant the audit role access there`;
  }
  return adviceFor(o.first.error!);
}

/** One line per framework: its controls by roll-up status (`rampart checks --framework <id>` lists them). */
function frameworkLine(fw: FrameworkSummary): string {
  const t = fw.totals;
  const parts = [
    `${t.pass} pass`,
    `${t.fail} fail`,
    t.warn > 0 ? `${t.warn} warn` : '',
    `${t.error} error`,
    `${t.manual} manual`,
    t.not_applicable > 0 ? `${t.not_applicable} not applicable` : '',
    t.not_run > 0 ? `${t.not_run} not run` : '',
    `${t.not_covered} not covered`,
  ].filter(Boolean);
  return `${fw.name} v${fw.version} (${fw.controls.length} controls): ${parts.join(' · ')}`;
}

/** The `--stats` table of API calls by service/operation/Region. */
export function renderStats(report: ScanReport): string {
  if (!report.apiCalls) return 'no AWS API calls were made (offline evaluation)\n';
  const rows = report.apiCalls.byOperation.map((e) =>
    [`${e.service}:${e.operation}`, e.region, String(e.calls), String(e.retries), String(e.throttled), String(e.errors)],
  );
  const header = ['operation', 'region', 'calls', 'retries', 'throttled', 'errors'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  const accounts = Math.max(1, report.accounts.length);
  return [
    line(header),
    ...rows.map(line),
    // retries and throttles in the total too: they are what a slow or rate-limited scan comes down to
    `total ${report.apiCalls.total} calls (${report.apiCalls.retries} retries, ${report.apiCalls.throttled} throttled, ${report.apiCalls.errors} failed), ${Math.round(report.apiCalls.total / accounts)} per account`,
    '',
  ].join('\n');
}
