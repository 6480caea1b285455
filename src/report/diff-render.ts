// Rendering a scan diff: terminal (what changed, most severe first), JSON (the ScanDiff as is) and an HTML
// section that the HTML report embeds and `rampart diff --format html` wraps in a page of its own.
import { severities } from '../findings/finding.ts';
import { changeKinds, type ChangeKind, type ScanDiff } from '../store/diff.ts';
import { escapeHtml } from './html.ts';
import { HTML_CSS } from './html-client.ts';

const kindLabel = {
  new: 'New failures',
  regressed: 'Regressed (failing again)',
  resolved: 'Resolved',
  unchanged: 'Still failing',
} as const satisfies Record<ChangeKind, string>;

export function renderDiffJson(diff: ScanDiff): string {
  return `${JSON.stringify({ kind: 'rampart.diff', ...diff }, null, 2)}\n`;
}

export function renderDiffTerminal(diff: ScanDiff, maxPerKind = 20): string {
  const out = [`Changes from ${diff.from.label} (${diff.from.collectedAt}) to ${diff.to.label} (${diff.to.collectedAt})`, ''];
  out.push(changeKinds.map((k) => `${diff.counts[k]} ${kindLabel[k].toLowerCase()}`).join(' · '));
  for (const k of changeKinds) {
    const sev = [...severities].reverse().filter((s) => diff.bySeverity[k][s] > 0).map((s) => `${s} ${diff.bySeverity[k][s]}`).join(', ');
    if (sev) out.push(`  ${kindLabel[k]}: ${sev}`);
  }
  const accounts = Object.entries(diff.byAccount).sort(([a], [b]) => a.localeCompare(b));
  if (accounts.length > 0) {
    out.push('', 'By account:');
    for (const [acc, c] of accounts) out.push(`  ${acc}  ${changeKinds.map((k) => `${k} ${c[k]}`).join(', ')}`);
  }
  for (const k of changeKinds.filter((x) => x !== 'unchanged')) {
    const list = diff.changes.filter((c) => c.kind === k);
    if (list.length === 0) continue;
    out.push('', `${kindLabel[k]} (${list.length})`);
    for (const c of list.slice(0, maxPerKind)) {
      const f = c.finding;
      const was = k === 'new' ? '' : ` [${k === 'resolved' ? 'now' : 'was'} ${c.other}]`;
      out.push(`  ${f.severity.toUpperCase().padEnd(9)} ${f.checkId}  ${f.accountId}${f.region ? ` ${f.region}` : ''}  ${f.resource.id}${was}`);
    }
    if (list.length > maxPerKind) out.push(`  … and ${list.length - maxPerKind} more (use --format json for all)`);
  }
  out.push('');
  return out.join('\n');
}

/** A <section> with the counts by severity and the changed findings (unchanged ones only counted). */
export function diffSection(diff: ScanDiff, maxRows = 500): string {
  const head = `<tr><th scope="col">Change</th>${[...severities].reverse().map((s) => `<th scope="col" class="num">${s}</th>`).join('')}<th scope="col" class="num">Total</th></tr>`;
  const rows = changeKinds
    .map((k) => `<tr><th scope="row">${kindLabel[k]}</th>${[...severities].reverse().map((s) => `<td class="num">${diff.bySeverity[k][s]}</td>`).join('')}<td class="num" id="diff-${k}">${diff.counts[k]}</td></tr>`)
    .join('');
  const changed = diff.changes.filter((c) => c.kind !== 'unchanged');
  const items = changed
    .slice(0, maxRows)
    .map((c) => `<tr><td>${kindLabel[c.kind]}</td><td><span class="sev sev-${c.finding.severity}">${c.finding.severity}</span></td><td>${escapeHtml(c.finding.checkId)}</td><td>${escapeHtml(`${c.finding.accountId}${c.finding.region ? ` ${c.finding.region}` : ''}`)}</td><td>${escapeHtml(c.finding.resource.id)}</td><td>${escapeHtml(c.kind === 'new' ? '' : String(c.other))}</td></tr>`)
    .join('');
  const more = changed.length > maxRows ? `<p class="note">… and ${changed.length - maxRows} more changes (rampart diff --format json lists all).</p>` : '';
  return `<section aria-labelledby="diff"><h2 id="diff">Changes since ${escapeHtml(diff.from.label)} (${escapeHtml(diff.from.collectedAt)})</h2>
<table><thead>${head}</thead><tbody>${rows}</tbody></table>
${changed.length > 0 ? `<h3>Changed findings</h3><table><thead><tr><th scope="col">Change</th><th scope="col">Severity</th><th scope="col">Check</th><th scope="col">Where</th><th scope="col">Resource</th><th scope="col">Before / now</th></tr></thead><tbody>${items}</tbody></table>${more}` : '<p>No failure appeared, came back or went away.</p>'}
</section>`;
}

export function renderDiffHtml(diff: ScanDiff): string {
  const title = `Rampart diff — ${diff.from.label} → ${diff.to.label}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title><style>${HTML_CSS}</style></head>
<body><header><h1>${escapeHtml(title)}</h1></header><main>${diffSection(diff, 10_000)}</main></body></html>
`;
}
