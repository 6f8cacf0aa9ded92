// The printable package report in a real browser: the built client against the real server seeded
// with the demo. Run `npm run build` first. The screenshot and the PDF go to test-results/ for a
// person to look at.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageGaps, PackageListItem, PackagePipesResponse, PackageReport } from '../../server/domain/api.ts';
import { browserAvailable, launchBrowser, RESULTS, startApp } from './harness.ts';

const SLOW = 90_000;
/** Digit groups in Chinese are narrow spaces (1 234); compare text with plain spaces. */
const plain = (s: string | null) => (s ?? '').replace(/[\u202f\u00a0\u2009]/g, ' ');

describe.skipIf(!browserAvailable())('Package report in the browser', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let page: Page;
  let first: PackageListItem;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    app = await startApp();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    const list = await (await fetch(new URL('/api/packages', app.url))).json() as PackageListItem[];
    expect(list.length).toBeGreaterThan(0);
    first = list[0];
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens the first package’s report and waits for its map image', async () => {
    await page.goto(new URL(`/report/${encodeURIComponent(first.id)}`, app.url).href);
    await page.waitForFunction(() => window.__lianpianReport?.ready === true, null, { timeout: 60_000 });
    await expect(page.getByTestId('report-title').textContent()).resolves.toBe(first.name);
    expect(await page.title()).toContain(first.name);
  }, SLOW);

  it('lists the amenity gaps of its members, one row per kind some member lacks', async () => {
    const g = await page.evaluate(async (id) => (await fetch(`/api/packages/${encodeURIComponent(id)}/gaps`)).json(), first.id) as PackageGaps;
    const lacking = g.kinds.filter((k) => k.lacking.length > 0);
    const rows = page.getByTestId('report-gaps').locator('tbody tr');
    expect(await rows.count()).toBe(lacking.length);
    if (lacking.length) expect(await rows.first().textContent()).toContain(lacking[0].lacking.map((m) => m.name).join('、'));
  }, SLOW);

  it('lists one row per member plus a totals row, and the totals match the package', async () => {
    const rows = page.getByTestId('report-members').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(first.members.length);
    await expect(page.getByTestId('report-total-row').count()).resolves.toBe(1);
    const total = plain(await page.getByTestId('report-total-households').textContent());
    expect(Number(total.replace(/\s/g, ''))).toBe(first.households);
    const perMember = (await page.getByTestId('report-member-households').allTextContents()).map((s) => Number(plain(s).replace(/\s/g, '')));
    expect(perMember.reduce((a, b) => a + b, 0)).toBe(first.households);
  }, SLOW);

  it('states the cost basis: the default 27 000 元/户', async () => {
    const cost = plain(await page.getByTestId('report-cost').textContent());
    expect(cost).toContain('按 27 000 元/户 估算');
    expect(cost).toContain('万元');
    // 27 000 元 × households, shown in 万元 with one decimal.
    expect(cost).toContain(`${((first.households * 27000) / 10000).toFixed(1).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} 万元`);
  }, SLOW);

  it('does not hide a failing rule check', async () => {
    const checks = await page.getByTestId('report-checks').textContent();
    if (first.valid) {
      expect(checks).toContain('全部');
      await expect(page.getByTestId('report-failed-rule').count()).resolves.toBe(0);
    } else {
      expect(checks).toContain('未通过');
      await expect(page.getByTestId('report-failed-rule').count()).resolves.toBe(first.failedRules.length);
    }
  }, SLOW);

  it('draws the map as a non-blank image', async () => {
    const stats = await page.evaluate(async () => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="report-map-image"]')!;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return { w: c.width, h: c.height, colours: colours.size, shown: img.getBoundingClientRect().width };
    });
    expect(stats.w).toBeGreaterThan(600);
    expect(stats.h).toBeGreaterThan(300);
    expect(stats.shown).toBeGreaterThan(500);
    expect(stats.colours).toBeGreaterThan(50);
    // The members are drawn and named on the map.
    const named = await page.evaluate(() => window.__lianpianReport!.map
      .queryRenderedFeatures({ layers: ['report-member-labels'] }).map((f) => String(f.properties.id)));
    expect(new Set(named).size).toBe(first.members.length);
  }, SLOW);

  it('saves a screenshot and an A4 PDF of one or two pages', async () => {
    await page.screenshot({ path: join(RESULTS, 'report.png'), fullPage: true });
    const pdfPath = join(RESULTS, 'report.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(2);
  }, SLOW);

  it('switches to English and back', async () => {
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('report-status').textContent()).resolves.not.toMatch(/[\u4e00-\u9fff]/);
    expect(plain(await page.getByTestId('report-cost').textContent())).toContain('27,000 yuan per household');
    await page.getByTestId('lang-switch').click();
    expect(plain(await page.getByTestId('report-cost').textContent())).toContain('27 000 元/户');
  }, SLOW);

  it('the 元/㎡ mode from the toolbar re-estimates the cost from floor area', async () => {
    await page.getByTestId('cost-mode').selectOption('perFloorArea');
    await expect(page.getByTestId('cost-unit').inputValue()).resolves.toBe('275');
    await page.getByTestId('cost-settings').getByRole('button').click();
    await page.getByText('按 275 元/m² 估算').first().waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => window.__lianpianReport?.ready === true, null, { timeout: 60_000 });
    const settings = await (await fetch(new URL('/api/settings', app.url))).json() as { settings: { costMode: string } };
    expect(settings.settings.costMode).toBe('perFloorArea');
    await page.getByTestId('cost-mode').selectOption('perHousehold');
    await page.getByTestId('cost-settings').getByRole('button').click();
    await page.getByText('按 27 000 元/户 估算').first().waitFor({ timeout: 15_000 });
  }, SLOW);

  it('left no failed requests or errors in the page', () => {
    expect(problems).toEqual([]);
  });

  it('the cost estimate lists the base and each pipe work line, labelled, and the total is their sum', async () => {
    // the package with the most pipe work, in a page of its own
    const list = await (await fetch(new URL('/api/packages', app.url))).json() as PackageListItem[];
    const works = await Promise.all(list.map(async (p) => ({ p, r: await (await fetch(new URL(`/api/packages/${p.id}/pipes`, app.url))).json() as PackagePipesResponse })));
    const { p, r } = works.sort((a, b) => b.r.workTotal - a.r.workTotal)[0];
    expect(r.workTotal).toBeGreaterThan(0);
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      await other.goto(new URL(`/report/${encodeURIComponent(p.id)}`, app.url).href);
      await other.waitForFunction(() => window.__lianpianReport?.ready === true, null, { timeout: 60_000 });
      const lines = await other.getByTestId('report-cost-line').evaluateAll((rows) => rows.map((row) => ({
        item: row.getAttribute('data-item'), yuan: Number(row.getAttribute('data-yuan')), text: row.textContent ?? '',
      })));
      expect(lines.map((l) => l.item)).toEqual(['base', 'separation', 'overheadBurial', 'replacement', 'sewerConnection']);
      const report = await (await fetch(new URL(`/api/packages/${p.id}/report`, app.url))).json() as PackageReport;
      expect(lines[0].yuan).toBe(report.cost.total);
      expect(lines.slice(1).map((l) => l.yuan)).toEqual(r.work.map((w) => w.cost));
      const yuan = async (id: string) => Number(await other.getByTestId(id).getAttribute('data-yuan'));
      const pipeWork = lines.slice(1).reduce((s, l) => s + l.yuan, 0);
      expect(await yuan('report-pipe-work-total')).toBe(pipeWork);
      expect(await yuan('report-cost-grand-total')).toBe(lines[0].yuan + pipeWork);
      // what is printed: 万元 with one decimal, the labels in Chinese, quantities in m at unit prices in 元/m
      const wan = (x: number) => (x / 10000).toFixed(1).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
      expect(plain(await other.getByTestId('report-cost-grand-total').textContent())).toBe(wan(lines[0].yuan + pipeWork));
      expect(lines[1].text).toContain('雨污分流');
      expect(lines[2].text).toContain('架空线');
      const sep = r.work.find((w) => w.item === 'separation')!;
      if (sep.quantityM > 0) expect(plain(lines[1].text)).toContain(`${sep.unitCost.toLocaleString('en').replace(/,/g, ' ')} 元/m`);
      expect(plain(await other.getByTestId('report-cost').textContent())).toContain(`合计 ${wan(lines[0].yuan + pipeWork)} 万元`);
      await other.screenshot({ path: join(RESULTS, 'report-pipe-work.png'), fullPage: true });
      await other.getByTestId('lang-switch').click();
      expect(await other.getByTestId('report-cost-table').textContent()).toContain('Pipe work, subtotal');
      expect(await other.getByTestId('report-cost-table').textContent()).toContain('Burying or tidying overhead lines');
      await other.getByTestId('lang-switch').click();
    } finally {
      await other.close();
    }
  }, SLOW);

  it('an unknown package id shows a clear message with a link back', async () => {
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      await other.goto(new URL('/report/no-such-package', app.url).href);
      const error = other.getByTestId('report-error');
      await error.waitFor({ timeout: 30_000 });
      const text = await error.textContent();
      expect(text).toContain('找不到这个项目包');
      expect(text).toContain('no-such-package');
      await expect(error.getByRole('link').getAttribute('href')).resolves.toBe('/package');
      await expect(other.getByTestId('report-sheet').count()).resolves.toBe(0);
    } finally {
      await other.close();
    }
  }, SLOW);
});
