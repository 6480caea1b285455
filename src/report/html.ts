// The HTML report: one self-contained file (inline style and script, a CSP that forbids any network use) that can
// be mailed and read offline. Summaries are rendered here as static HTML; the findings list is drawn by the inline
// script from a compact JSON block (dictionaries plus one array per finding), so the file grows linearly and
// modestly with findings and the page renders only what is visible.
import { allChecks } from '../checks/index.ts';
import { severities, statuses, type Finding, type Severity, type Status } from '../findings/finding.ts';
import { adviceFor } from './advice.ts';
import { HTML_CSS, HTML_SCRIPT } from './html-client.ts';
import type { ScanReport } from './json.ts';

/** What people read for each status. */
export const statusLabel = {
  pass: 'Passed',
  fail: 'Failed',
  warn: 'Warning',
  error: 'Not evaluated',
  not_applicable: 'Not applicable',
} as const satisfies Record<Status, string>;

/** Extra sections a caller with scan history can add (see src/store). */
export interface HtmlExtras {
  /** Already-rendered, escaped HTML fragments, each a <section>. */
  sections?: string[];
}

export function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** JSON inside <script>: `<` is escaped so no value can close the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const meta = new Map(allChecks.map((c) => [c.meta.id, c.meta]));

class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  id(v: string): number {
    let i = this.index.get(v);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(v);
      this.index.set(v, i);
    }
    return i;
  }
}

/** The data block the script reads; one array per finding keeps 100,000 findings to a modest size. */
export function htmlData(report: ScanReport) {
  const checks = new Dictionary();
  const checkInfo: Array<{ id: string; title: string; rationale: string; fix: string; cli: string; cis: string[] }> = [];
  const accounts = new Dictionary();
  const regions = new Dictionary();
  const types = new Dictionary();
  const f = report.findings.map((x) => {
    const c = checks.id(x.checkId);
    if (c === checkInfo.length) {
      checkInfo.push({
        id: x.checkId,
        title: x.title,
        rationale: meta.get(x.checkId)?.rationale ?? '',
        fix: x.remediation.text,
        cli: x.remediation.cli ?? '',
        cis: x.compliance.cisAws3 ?? [],
      });
    }
    const error = x.error ? `${x.error.code} on ${x.error.operation}${x.error.region ? ` in ${x.error.region}` : ''}: ${x.error.message} — ${adviceFor(x.error)}` : '';
    return [
      c,
      statuses.indexOf(x.status),
      severities.indexOf(x.severity),
      accounts.id(x.accountId),
      x.region === undefined ? -1 : regions.id(x.region),
      types.id(x.resource.type),
      x.resource.id,
      x.resource.arn ?? '',
      x.message,
      x.muted ? `${x.muted.reason}${x.muted.expires ? ` (until ${x.muted.expires})` : ''}` : '',
      x.evidence ? JSON.stringify(x.evidence, null, 2) : '',
      error,
    ] as const;
  });
  const ou = accounts.values.map((a) => report.ouPaths?.[a]?.join('/') ?? '');
  return {
    statuses,
    statusLabels: statuses.map((s) => statusLabel[s]),
    severities,
    checks: checkInfo,
    accounts: accounts.values,
    ou,
    regions: regions.values,
    types: types.values,
    f,
  };
}

type Counts = Record<Status, number> & { muted: number };
const zero = (): Counts => ({ ...(Object.fromEntries(statuses.map((s) => [s, 0])) as Record<Status, number>), muted: 0 });

function countBy(findings: readonly Finding[], key: (f: Finding) => string[]): Map<string, Counts> {
  const m = new Map<string, Counts>();
  for (const f of findings) {
    for (const k of key(f)) {
      let c = m.get(k);
      if (!c) m.set(k, (c = zero()));
      if (f.muted) c.muted += 1;
      else c[f.status] += 1;
    }
  }
  return new Map([...m].sort(([a], [b]) => a.localeCompare(b)));
}

function countsTable(caption: string, head: string, rows: Map<string, Counts>, id: string): string {
  const cols = statuses.map((s) => `<th scope="col" class="num">${escapeHtml(statusLabel[s])}</th>`).join('');
  const body = [...rows]
    .map(([k, c]) => `<tr><th scope="row">${escapeHtml(k)}</th>${statuses.map((s) => `<td class="num">${c[s]}</td>`).join('')}<td class="num">${c.muted}</td></tr>`)
    .join('');
  return `<section aria-labelledby="${id}"><h3 id="${id}">${escapeHtml(caption)}</h3><table id="${id}-table"><thead><tr><th scope="col">${escapeHtml(head)}</th>${cols}<th scope="col" class="num">Muted</th></tr></thead><tbody>${body}</tbody></table></section>`;
}

function severityTable(report: ScanReport): string {
  const rows = [...severities]
    .reverse()
    .map((s: Severity) => `<tr><th scope="row"><span class="sev sev-${s}">${s}</span></th><td class="num" data-severity="${s}">${report.summary.failBySeverity[s]}</td></tr>`)
    .join('');
  return `<section aria-labelledby="by-severity"><h3 id="by-severity">Failing findings by severity</h3><table><thead><tr><th scope="col">Severity</th><th scope="col" class="num">Failing</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** Each framework's controls by roll-up status, from the report's `frameworks` (one place computes it). */
function complianceTable(report: ScanReport): string {
  const frameworks = report.frameworks ?? [];
  if (frameworks.length === 0) return '';
  const cols = ['fail', 'error', 'warn', 'manual', 'pass', 'not_applicable', 'not_run', 'not_covered'] as const;
  const label: Record<(typeof cols)[number], string> = {
    fail: 'Failing', error: 'Not evaluated', warn: 'Warning', manual: 'Manual (evidence only)', pass: 'Passing',
    not_applicable: 'Not applicable', not_run: 'Not run', not_covered: 'Not covered',
  };
  const head = cols.map((c) => `<th scope="col" class="num">${label[c]}</th>`).join('');
  const rows = frameworks
    .map((f) => `<tr><th scope="row">${escapeHtml(`${f.name} v${f.version}`)}</th>${cols.map((c) => `<td class="num" data-framework="${escapeHtml(f.id)}" data-control-status="${c}">${f.totals[c]}</td>`).join('')}<td class="num">${f.controls.length}</td></tr>`)
    .join('');
  return `<section aria-labelledby="by-framework"><h3 id="by-framework">Compliance frameworks (controls)</h3><table><thead><tr><th scope="col">Framework</th>${head}<th scope="col" class="num">Controls</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** Errors apart, grouped like the terminal report: check, cause, what to grant, where. */
function errorsSection(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.status === 'error' && !f.muted);
  if (errors.length === 0) return `<section aria-labelledby="errors"><h2 id="errors">Could not be evaluated</h2><p>Every check reached a verdict.</p></section>`;
  const groups = new Map<string, Finding[]>();
  for (const f of errors) {
    const k = `${f.checkId}|${f.error?.code ?? ''}|${f.error?.operation ?? ''}`;
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const rows = [...groups.values()]
    .map((g) => {
      const f = g[0]!;
      const places = [...new Set(g.map((x) => `${x.accountId}${x.region ? ` ${x.region}` : ''}`))];
      const cause = f.error ? `${f.error.code} on ${f.error.operation}` : f.message;
      const todo = f.error ? adviceFor(f.error) : '';
      return `<tr><td>${escapeHtml(f.checkId)}</td><td>${escapeHtml(cause)}</td><td>${escapeHtml(todo)}</td><td class="num">${g.length}</td><td>${escapeHtml(places.slice(0, 8).join(', '))}${places.length > 8 ? ` … (${places.length} places)` : ''}</td></tr>`;
    })
    .join('');
  return `<section aria-labelledby="errors"><h2 id="errors">Could not be evaluated (<span id="error-count">${errors.length}</span>) — these are not passes</h2><table><thead><tr><th scope="col">Check</th><th scope="col">Cause</th><th scope="col">What to do</th><th scope="col" class="num">Findings</th><th scope="col">Where</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** What the mutelist did: stale and expired entries deserve a look as much as the findings do. */
function mutelistSection(report: ScanReport): string {
  const m = report.mutelist;
  if (!m) return '';
  const list = (items: Array<{ entry: string; reason: string; expires?: string }>) =>
    items.length === 0 ? '<p>None.</p>' : `<ul>${items.map((e) => `<li><code>${escapeHtml(e.entry)}</code> — ${escapeHtml(e.reason)}${e.expires ? ` (expired ${escapeHtml(e.expires)})` : ''}</li>`).join('')}</ul>`;
  return `<section aria-labelledby="mutelist"><h2 id="mutelist">Mutelist</h2><p>${escapeHtml(m.file)}: ${m.entries} entries muted ${m.muted} findings; ${m.exempt} exempt under the Exception OU.</p><h3>Expired entries (no longer muting)</h3>${list(m.expired)}<h3>Entries that matched nothing</h3>${list(m.unused)}</section>`;
}

export function renderHtml(report: ScanReport, extras: HtmlExtras = {}): string {
  const s = report.summary;
  const regions = new Set(report.accounts.flatMap((a) => a.scannedRegions));
  const source = report.source === 'demo' ? ' (demo organization)' : '';
  const title = `Rampart report${source} — ${report.collectedAt.slice(0, 16).replace('T', ' ')} UTC`;
  const card = (id: string, label: string, n: number) => `<li><span class="n" id="${id}">${n}</span>${escapeHtml(label)}</li>`;
  const cards = [...statuses.map((st) => card(`count-${st}`, statusLabel[st], s.byStatus[st])), card('count-muted', 'Muted', s.muted)].join('');
  const ouRows = countBy(report.findings, (f) => [report.ouPaths?.[f.accountId]?.join('/') || (report.ouPaths?.[f.accountId] ? '(root)' : '(unknown)')]);
  const filters = `
<form class="filters" role="search" aria-label="Filter findings" onsubmit="return false">
  <label for="f-q">Search<input type="search" id="f-q" placeholder="resource, ARN, check, message…" autocomplete="off"></label>
  <label for="f-status">Status<select id="f-status"><option value="">all</option></select></label>
  <label for="f-severity">Severity<select id="f-severity"><option value="">all</option></select></label>
  <label for="f-check">Check<select id="f-check"><option value="">all</option></select></label>
  <label for="f-account">Account<select id="f-account"><option value="">all</option></select></label>
  <label for="f-region">Region<select id="f-region"><option value="">all</option></select></label>
  <label class="check" for="f-muted"><input type="checkbox" id="f-muted" checked> include muted</label>
  <button type="button" id="f-reset">Show everything</button>
</form>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${HTML_CSS}</style>
</head>
<body>
<a class="skip" href="#findings">Skip to the findings</a>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${report.accounts.length} account${report.accounts.length === 1 ? '' : 's'}, ${regions.size} Region${regions.size === 1 ? '' : 's'}, ${s.checks} checks · ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}. Muted findings are counted apart and never fail a build.</p>
</header>
<main>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
<ul class="cards" aria-label="Findings by status">${cards}</ul>
<div class="grid">
${severityTable(report)}
${complianceTable(report)}
${countsTable('By account', 'Account', countBy(report.findings, (f) => [f.accountId]), 'by-account')}
${countsTable('By OU', 'OU', ouRows, 'by-ou')}
${countsTable('By Region', 'Region', countBy(report.findings, (f) => [f.region ?? 'global']), 'by-region')}
</div>
</section>
${(extras.sections ?? []).join('\n')}
${mutelistSection(report)}
${errorsSection(report.findings)}
<section aria-labelledby="findings"><h2 id="findings">Findings</h2>
${filters}
<p id="count" role="status" aria-live="polite"></p>
<div class="list-wrap">
<div id="list" role="listbox" tabindex="0" aria-label="Findings (arrow keys to move)"><div id="spacer" role="none"></div></div>
<section id="detail" aria-live="polite" aria-label="Selected finding"></section>
</div>
</section>
<noscript><p>The findings list needs JavaScript; the summary above and the JSON report hold the same counts.</p></noscript>
</main>
<script type="application/json" id="rampart-data">${scriptJson(htmlData(report))}</script>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
