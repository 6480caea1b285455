// Benchmark: report writers over 1k / 10k / 100k findings — HTML render time and size, OCSF and CSV write
// throughput against the JSON writer as the same-run baseline — and, when Chromium is installed, how long a
// 100,000-finding HTML report takes to become interactive. Prints figures only; nothing is asserted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repeatedReport } from '../src/report/fixtures.ts';
import { renderCsv } from '../src/report/csv.ts';
import { renderHtml } from '../src/report/html.ts';
import { renderJson } from '../src/report/json.ts';
import { renderOcsf } from '../src/report/ocsf.ts';
import { chromiumAvailable, launchChromium } from '../test/support/chromium.ts';

const SIZES = [1_000, 10_000, 100_000];
const writers = { json: renderJson, html: (r: Parameters<typeof renderJson>[0]) => renderHtml(r), ocsf: renderOcsf, csv: renderCsv } as const;

function time<T>(run: () => T): { ms: number; out: T } {
  const t0 = performance.now();
  const out = run();
  return { ms: performance.now() - t0, out };
}

const mib = (bytes: number) => (bytes / 1048576).toFixed(1);
let big: ReturnType<typeof repeatedReport> | undefined;
console.log('findings   writer  time ms   findings/s   MiB    bytes/finding  × JSON time');
for (const n of SIZES) {
  const report = repeatedReport(n);
  if (n === 100_000) big = report;
  let jsonMs = 0;
  for (const [name, write] of Object.entries(writers)) {
    write(report); // warm-up: the first call pays for JIT
    const { ms, out } = time(() => write(report));
    if (name === 'json') jsonMs = ms;
    const bytes = Buffer.byteLength(out);
    console.log(
      `${n.toLocaleString().padStart(8)}   ${name.padEnd(6)}  ${ms.toFixed(0).padStart(7)}   ${Math.round(n / (ms / 1000)).toLocaleString().padStart(10)}   ${mib(bytes).padStart(5)}  ${Math.round(bytes / n).toLocaleString().padStart(13)}  ${(ms / jsonMs).toFixed(2).padStart(10)}`,
    );
  }
}

if (!chromiumAvailable()) {
  console.log('HTML interactivity: skipped (/usr/bin/chromium is not installed)');
} else if (big) {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-bench-html-'));
  const file = join(dir, 'report.html');
  await writeFile(file, renderHtml(big));
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const t0 = performance.now();
    await page.goto(pathToFileURL(file).href);
    const loaded = performance.now();
    await page.waitForSelector('body[data-ready=true]');
    const ready = performance.now();
    // interactive: a filter applied and the list redrawn with its count
    await page.click('#f-reset');
    await page.waitForFunction("document.getElementById('count').textContent.startsWith('100,000 of')");
    const filtered = performance.now();
    console.log(
      `HTML 100,000 findings in Chromium: load ${(loaded - t0).toFixed(0)} ms, ready ${(ready - t0).toFixed(0)} ms, first filter answered ${(filtered - ready).toFixed(0)} ms after (interactive at ${(filtered - t0).toFixed(0)} ms)`,
    );
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
