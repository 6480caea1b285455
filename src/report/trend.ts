// The history trend in the HTML report: failing findings per severity over the recorded scans, drawn as inline
// SVG from the data (no charting library, no network), with the numbers in a table beside it for screen readers.
import { severities } from '../findings/finding.ts';
import type { StoredScan } from '../store/history.ts';
import { escapeHtml } from './html.ts';

const colour = { critical: '#82071e', high: '#b42318', medium: '#8a4b00', low: '#0b5e8e', info: '#57606a' } as const;

export function trendSection(scans: readonly StoredScan[]): string {
  if (scans.length === 0) return '';
  const W = 640;
  const H = 200;
  const pad = { l: 40, r: 10, t: 10, b: 24 };
  const max = Math.max(1, ...scans.flatMap((s) => severities.map((v) => s.summary.failBySeverity[v])));
  const x = (i: number) => pad.l + (scans.length === 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (scans.length - 1));
  const y = (n: number) => pad.t + (H - pad.t - pad.b) * (1 - n / max);
  const lines = [...severities]
    .reverse()
    .map((sev) => {
      const pts = scans.map((s, i) => `${x(i).toFixed(1)},${y(s.summary.failBySeverity[sev]).toFixed(1)}`);
      const dots = pts.map((p) => `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.5" fill="${colour[sev]}"/>`).join('');
      return `<polyline fill="none" stroke="${colour[sev]}" stroke-width="2" points="${pts.join(' ')}"/>${dots}`;
    })
    .join('');
  const axis = `<line x1="${pad.l}" y1="${y(0)}" x2="${W - pad.r}" y2="${y(0)}" stroke="#8c959f"/><text x="${pad.l - 6}" y="${y(max) + 4}" text-anchor="end">${max}</text><text x="${pad.l - 6}" y="${y(0) + 4}" text-anchor="end">0</text>`;
  const dates = `<text x="${x(0)}" y="${H - 6}" text-anchor="start">${escapeHtml(scans[0]!.collectedAt.slice(0, 10))}</text>${scans.length > 1 ? `<text x="${x(scans.length - 1)}" y="${H - 6}" text-anchor="end">${escapeHtml(scans.at(-1)!.collectedAt.slice(0, 10))}</text>` : ''}`;
  const legend = [...severities].reverse().map((s) => `<span class="sev sev-${s}">${s}</span>`).join(' ');
  const rows = scans
    .map((s) => `<tr><td>${s.id}</td><td>${escapeHtml(s.collectedAt)}</td>${[...severities].reverse().map((v) => `<td class="num">${s.summary.failBySeverity[v]}</td>`).join('')}</tr>`)
    .join('');
  return `<section aria-labelledby="trend"><h2 id="trend">Failing findings over the last ${scans.length} scan${scans.length === 1 ? '' : 's'}</h2>
<p>${legend}</p>
<svg role="img" aria-labelledby="trend" viewBox="0 0 ${W} ${H}" width="100%" style="max-width:${W}px">${axis}${lines}${dates}</svg>
<details><summary>The numbers</summary><table id="trend-table"><thead><tr><th scope="col">Scan</th><th scope="col">Collected</th>${[...severities].reverse().map((s) => `<th scope="col" class="num">${s}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></details>
</section>`;
}
