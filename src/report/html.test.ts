// The HTML report, statically (self-contained, escaped) and in real Chromium (loads without console errors or
// network, counts equal the JSON report's, filters narrow the list correctly, keyboard works, rows are virtual).
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { CHROMIUM_MISSING, chromiumAvailable, launchChromium } from '../../test/support/chromium.ts';
import { statuses, type Finding } from '../findings/finding.ts';
import { edgeCaseReport, repeatedReport } from './fixtures.ts';
import { renderHtml } from './html.ts';
import type { ScanReport } from './json.ts';

const report = edgeCaseReport();
const html = renderHtml(report);


describe('HTML report (static)', () => {
  it('is one self-contained file: no external scripts, styles, images or fonts, and a CSP that forbids network use', () => {
    assert.doesNotMatch(html, /<script[^>]+src=/i);
    assert.doesNotMatch(html, /<link[^>]+href=/i);
    assert.doesNotMatch(html, /(src|href)=["']?(https?:)?\/\//i);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('escapes report values: markup from the account never becomes markup in the page', () => {
    const outsideData = html.replace(/<script type="application\/json" id="rampart-data">[\s\S]*?<\/script>/, '');
    assert.ok(!outsideData.includes('<script>alert(1)'));
    assert.ok(!outsideData.includes('<b>title</b>'));
    const data = /<script type="application\/json" id="rampart-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    assert.ok(!data.includes('<'), 'no raw < inside the data block');
  });

  it('shows the controls of each framework by roll-up status exactly as the JSON report has them', () => {
    const cis = report.frameworks!.find((f) => f.id === 'cis-3.0')!;
    for (const [status, n] of Object.entries(cis.totals)) {
      assert.match(html, new RegExp(`data-framework="cis-3\\.0" data-control-status="${status}">${n}<`), status);
    }
    assert.ok(cis.totals.manual > 0, 'the demo has manual controls, which must not be counted as passing');
  });

  it('grows linearly and modestly with findings', () => {
    const a = renderHtml(repeatedReport(2_000)).length;
    const b = renderHtml(repeatedReport(4_000)).length;
    const perFinding = (b - a) / 2_000;
    assert.ok(perFinding < 1_000, `${perFinding.toFixed(0)} bytes per finding`);
    assert.ok(b < 2 * a, 'doubling the findings less than doubles the file (fixed parts are shared)');
  });
});

describe('HTML report in Chromium', { skip: chromiumAvailable() ? false : CHROMIUM_MISSING }, () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let dir: string;
  before(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'rampart-html-'));
  });
  after(async () => browser?.close());

  async function open(r: ScanReport, name: string): Promise<{ page: Page; problems: string[] }> {
    const file = join(dir, name);
    await writeFile(file, renderHtml(r));
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) problems.push(`network request: ${req.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready=true]');
    return { page, problems };
  }

  const shown = async (page: Page) => Number(/^([\d,]+) of/.exec((await page.textContent('#count')) ?? '')![1]!.replaceAll(',', ''));

  it('loads without console errors, dialogs or network requests, and its counts equal the JSON report', async () => {
    const { page, problems } = await open(report, 'report.html');
    assert.deepEqual(problems, []);
    for (const s of statuses) assert.equal(Number(await page.textContent(`#count-${s}`)), report.summary.byStatus[s], s);
    assert.equal(Number(await page.textContent('#count-muted')), report.summary.muted);
    for (const [sev, n] of Object.entries(report.summary.failBySeverity)) assert.equal(Number(await page.textContent(`[data-severity=${sev}]`)), n, sev);
    assert.equal(Number(await page.textContent('#error-count')), report.summary.byStatus.error);
    await page.close();
  });

  it('filters narrow the list exactly as the findings say', async () => {
    const { page } = await open(report, 'filters.html');
    const count = (pred: (f: Finding) => boolean) => report.findings.filter(pred).length;
    // opens on the failures, muted included
    assert.equal(await shown(page), count((f) => f.status === 'fail'));
    await page.uncheck('#f-muted');
    assert.equal(await shown(page), count((f) => f.status === 'fail' && !f.muted));
    await page.click('#f-reset');
    assert.equal(await shown(page), report.findings.length);
    await page.selectOption('#f-account', { label: '222222222222' });
    assert.equal(await shown(page), count((f) => f.accountId === '222222222222'));
    await page.selectOption('#f-severity', { label: 'high' });
    assert.equal(await shown(page), count((f) => f.accountId === '222222222222' && f.severity === 'high'));
    await page.click('#f-reset');
    await page.selectOption('#f-region', { label: 'eu-west-1' });
    await page.selectOption('#f-status', { label: 'Not evaluated' });
    assert.equal(await shown(page), count((f) => f.region === 'eu-west-1' && f.status === 'error'));
    await page.click('#f-reset');
    await page.selectOption('#f-check', { label: 'root-mfa' });
    assert.equal(await shown(page), count((f) => f.checkId === 'root-mfa'));
    await page.click('#f-reset');
    await page.fill('#f-q', 'LEGACY-ci');
    await page.locator('#count', { hasText: /^1 of/ }).waitFor();
    assert.match((await page.textContent('#detail')) ?? '', /muted: accepted until the CI migration/);
    await page.close();
  });

  it('is usable from the keyboard: arrows move the selection and the detail shows evidence, why and the fix', async () => {
    const { page } = await open(report, 'keys.html');
    await page.click('#f-reset');
    await page.focus('#list');
    await page.keyboard.press('End');
    const last = report.findings.at(-1)!;
    assert.match((await page.textContent('#detail')) ?? '', new RegExp(last.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const second = report.findings[1]!;
    const detail = (await page.textContent('#detail')) ?? '';
    assert.ok(detail.includes(second.resource.id) && detail.includes('Fix'), detail);
    assert.equal(await page.getAttribute('#list', 'aria-activedescendant'), 'fi-1');
    await page.close();
  });

  it('renders only the visible rows of a large report', async () => {
    const big = repeatedReport(20_000);
    const { page, problems } = await open(big, 'big.html');
    await page.click('#f-reset');
    assert.equal(await shown(page), 20_000);
    const rows = await page.locator('.row:not([hidden])').count();
    assert.ok(rows > 0 && rows < 120, `${rows} rows in the DOM`);
    // a page function as a string: the project compiles without the DOM library
    await page.evaluate("const l = document.getElementById('list'); l.scrollTop = l.scrollHeight; l.dispatchEvent(new Event('scroll'))");
    await page.locator('.row[data-pos="19999"]:not([hidden])').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });
});
