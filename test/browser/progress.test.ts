// 进度 mode in a real browser against the demo: the time slider recolours the map (feature state and
// painted pixels) for a compound whose package started between two month-ends, the KPI cards agree
// with GET /api/progress, figures highlight their compounds, presentation mode (screenshots at
// 1280×800 and 1920×1080, tour, before/after swipe), the print PNG, one-page PDF reports, the XLSX
// project list read back with exceljs, and the English switch. Screenshots go to test-results/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResponse } from '../../server/domain/audit.ts';
import type { ProgressResponse } from '../../server/domain/progress.ts';
import { NO_PACKAGE_COLOUR, statusColour } from '../../client/map/colouring.ts';
import { PRINT_FRAME } from '../../client/progress/printFrame.ts';
import { browserAvailable, collectErrors, launchBrowser, RESULTS, startApp } from './harness.ts';
import { mapIdle, pixelAt, pointInside } from './mapPage.ts';

const SLOW = 120_000;
type Rgb = [number, number, number];

/** A status colour as the map paints it: the fill at 0.72 over the land colour #f2efe9. */
function painted(hex: string): Rgb {
  const land = [0xf2, 0xef, 0xe9];
  return [1, 3, 5].map((i, k) => Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.72 + land[k] * 0.28)) as Rgb;
}
const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** The last day of the month before / of the month of an ISO date. */
function monthEndOf(iso: string, monthsBack = 0): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - monthsBack;
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}
const monthsBetween = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));

/** Each compound's status on the date as the server reports its packages: the furthest one. */
function statusOf(p: ProgressResponse, id: string): string | null {
  const order = p.statuses.map((s) => s.code);
  let best: string | null = null;
  for (const x of p.packages) {
    if (x.status !== null && x.members.includes(id) && (best === null || order.indexOf(x.status) > order.indexOf(best))) best = x.status;
  }
  return best;
}

const pdfPages = (buf: Buffer) => (buf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
const digits = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));

describe.skipIf(!browserAvailable())('进度 mode in the browser', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  /** The compound the slider test follows, and the two month-ends around its package's start. */
  let subject: { id: string; pkg: string; before: string; after: string };
  let atAfter: ProgressResponse;

  const api = async <T,>(path: string): Promise<T> => (await fetch(new URL(path, app.url))).json() as Promise<T>;
  const state = (p: Page, id: string) => p.evaluate((cid) => window.__lianpian!.map.getFeatureState({ source: 'communities', id: cid }), id);
  const shownDate = (p: Page) => p.getByTestId('progress-date').getAttribute('data-date');
  const applied = (p: Page, date: string) => p.waitForFunction((d) => window.__lianpianProgress?.date === d, date, { timeout: 30_000 });

  /** Moves the slider with the keyboard, as a person would, to the month-end `date`. */
  async function slideTo(p: Page, date: string): Promise<number> {
    const slider = p.getByTestId('time-slider');
    await slider.focus();
    if ((await shownDate(p))! > date) await p.keyboard.press('Home');
    const from = (await shownDate(p))!;
    const steps = monthsBetween(from, date);
    const t0 = Date.now();
    for (let i = 0; i < steps; i++) await p.keyboard.press('ArrowRight');
    await expect.poll(() => shownDate(p)).toBe(date);
    await applied(p, date);
    await mapIdle(p);
    return Date.now() - t0;
  }

  /** In print, the sheet is one page tall and clips what overflows: its last block must end inside it. */
  async function expectFitsInPrint(p: Page): Promise<void> {
    const viewport = p.viewportSize()!;
    await p.setViewportSize({ width: Math.round((186 / 25.4) * 96), height: 1200 }); // A4 less 12 mm margins
    await p.emulateMedia({ media: 'print' });
    const { sheet, notes } = await p.evaluate(() => ({
      sheet: document.querySelector('.progress-sheet')!.getBoundingClientRect().bottom,
      notes: document.querySelector('.progress-sheet .report-notes')!.getBoundingClientRect().bottom,
    }));
    await p.emulateMedia({ media: null }); // back to the default: page.pdf prints with print styles
    await p.setViewportSize(viewport);
    expect(notes, 'the notes at the foot of the sheet are printed, not cut off').toBeLessThanOrEqual(sheet + 0.5);
  }

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    app = await startApp();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
    collectErrors(page, pageErrors);
    await page.goto(new URL('/progress', app.url).href);
    await page.waitForFunction(() => window.__lianpianProgress?.date !== undefined, null, { timeout: 60_000 });
    await mapIdle(page);

    // A package that started in some month after the first: its compound changes colour across that month's end.
    const last = (await shownDate(page))!;
    const latest = await api<ProgressResponse>(`/api/progress?date=${last}`);
    const first = latest.packages.map((x) => x.startedOn).filter((d): d is string => !!d).sort()[0];
    for (const x of latest.packages) {
      if (!x.startedOn || x.startedOn.slice(0, 7) === first.slice(0, 7)) continue;
      const before = monthEndOf(x.startedOn, 1);
      const after = monthEndOf(x.startedOn);
      const [b, a] = await Promise.all([api<ProgressResponse>(`/api/progress?date=${before}`), api<ProgressResponse>(`/api/progress?date=${after}`)]);
      const id = x.members.find((m) => statusOf(b, m) !== statusOf(a, m) && statusOf(a, m) !== null);
      if (id && b.packages.find((y) => y.id === x.id)?.startedOn === null && a.packages.find((y) => y.id === x.id)?.startedOn) {
        subject = { id, pkg: x.id, before, after };
        atAfter = a;
        break;
      }
    }
    expect(subject, 'the demo has a package that started after the first month').toBeDefined();
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens on its own URL with the 进度 tab current and the latest month shown', async () => {
    await expect(page.locator('nav.modes [aria-current=page]').textContent()).resolves.toBe('进度');
    expect(await page.title()).toContain('进度');
    const legend = await page.getByTestId('status-legend-item').allTextContents();
    expect(legend.map((s) => s.replace(/[\d,\s]+$/, ''))).toEqual(['储备', '申报', '立项', '招投标', '施工', '完工', '验收']);
    await page.screenshot({ path: join(RESULTS, 'progress.png') });
  }, SLOW);

  it('moving the slider recolours a compound whose package started between the two dates', async () => {
    const b = await api<ProgressResponse>(`/api/progress?date=${subject.before}`);
    const wasStatus = statusOf(b, subject.id);
    const nowStatus = statusOf(atAfter, subject.id)!;
    const colour = (s: string | null, p: ProgressResponse) => (s === null ? NO_PACKAGE_COLOUR : statusColour(s, p.statuses.findIndex((x) => x.code === s)));

    await slideTo(page, subject.before);
    expect((await state(page, subject.id)).ps ?? null).toBe(wasStatus);
    // Labels would sit on the pixel read: hide them while reading the fill.
    await page.evaluate(() => window.__lianpian!.map.setLayoutProperty('community-labels', 'visibility', 'none'));
    const { x, y } = await pointInside(page, { id: subject.id });
    await mapIdle(page);
    const was = await pixelAt(page, x, y);

    const ms = await slideTo(page, subject.after);
    expect((await state(page, subject.id)).ps).toBe(nowStatus);
    const now = await pixelAt(page, x, y);
    await page.evaluate(() => window.__lianpian!.map.setLayoutProperty('community-labels', 'visibility', 'visible'));
    const [paintedWas, paintedNow] = [painted(colour(wasStatus, b)), painted(colour(nowStatus, atAfter))];
    expect(distance(was, paintedWas), `before: ${was} vs ${paintedWas}`).toBeLessThan(distance(was, paintedNow));
    expect(distance(now, paintedNow), `after: ${now} vs ${paintedNow}`).toBeLessThan(distance(now, paintedWas));
    expect(distance(was, now)).toBeGreaterThan(20);
    const info = await page.evaluate(() => window.__lianpianProgress!);
    console.log(`slider one month ${subject.before} → ${subject.after}: ${info.changed} compounds recoloured, feature state applied in ${info.applyMs.toFixed(1)} ms, key press to figures fetched, map recoloured and idle ${ms} ms`);
  }, SLOW);

  it('play steps month by month and pause stops it', async () => {
    const p = await context.newPage();
    collectErrors(p, pageErrors);
    await p.goto(new URL(`/progress?date=${subject.before}`, app.url).href);
    await applied(p, subject.before);
    await p.getByTestId('play').click();
    // each month is shown once its figures are on the map, then the next follows
    await applied(p, subject.after);
    await applied(p, monthEndOf(subject.after, -1));
    await p.getByTestId('play').click();
    const stopped = (await shownDate(p))!;
    await p.waitForTimeout(2500);
    expect(await shownDate(p)).toBe(stopped);
    await p.close();
  }, SLOW);

  it('the KPI cards show what GET /api/progress says for that date', async () => {
    const t = atAfter.totals;
    expect(digits(await page.getByTestId('kpi-planned-communities').textContent())).toBe(t.planned.communities);
    expect(digits(await page.getByTestId('kpi-started-communities').textContent())).toBe(t.started.communities);
    expect(digits(await page.getByTestId('kpi-started-households').textContent())).toBe(t.started.households);
    expect(digits(await page.getByTestId('kpi-completed-communities').textContent())).toBe(t.completed.communities);
    expect(await page.getByTestId('kpi-start-rate-households').textContent()).toBe(`${(t.startRate.byHouseholds! * 100).toFixed(1)}%`);
    expect(await page.getByTestId('kpi-completion-rate-communities').textContent()).toBe(`${(t.completionRate.byCommunities! * 100).toFixed(1)}%`);
    expect(digits(await page.getByTestId('kpi-funding-gap').textContent())).toBe(Math.round(atAfter.funding.gap));
  }, SLOW);

  it('a KPI card, a ranking row and a bar highlight the compounds behind them', async () => {
    const hl = () => page.evaluate(() => window.__lianpianProgress?.highlighted ?? 0);
    // 已开工: exactly the compounds the server counts as started
    await page.getByTestId('kpi-started').click();
    await expect.poll(hl).toBe(atAfter.totals.started.communities);

    // A ranking row: that 街道's planned compounds, and none elsewhere.
    const sd = [...atAfter.subdistricts].sort((a, b) => b.planned.communities - a.planned.communities)[0];
    await page.getByTestId('ranking-row').filter({ hasText: sd.name }).click();
    await expect.poll(hl).toBe(sd.planned.communities);
    const layer = await api<{ features: { properties: { id: string; subdistrict: string } }[] }>('/api/layers/communities');
    const subdistrictOf = new Map(layer.features.map((f) => [f.properties.id, f.properties.subdistrict]));
    const planned = new Set(atAfter.packages.filter((x) => x.status !== null).flatMap((x) => x.members));
    const marks = await page.evaluate((ids) => ids.map((id) => !!window.__lianpian!.map.getFeatureState({ source: 'communities', id }).hl), [...subdistrictOf.keys()]);
    const expected = [...subdistrictOf.keys()].map((id) => planned.has(id) && subdistrictOf.get(id) === sd.name);
    expect(marks).toEqual(expected);
    await expect(page.getByTestId('focus').textContent()).resolves.toContain(sd.name);
    await mapIdle(page);
    await page.screenshot({ path: join(RESULTS, 'progress-ranking-highlight.png') });

    // A bar of the status chart: that 街道's compounds in that status.
    const withStatus = atAfter.statuses.map((s) => s.code).filter((code) => [...planned].some((id) => subdistrictOf.get(id) === sd.name && statusOf(atAfter, id) === code));
    const code = withStatus[withStatus.length - 1];
    const index = atAfter.statuses.findIndex((s) => s.code === code);
    const point = await page.evaluate(({ name, series }) => {
      const chart = window.__lianpianCharts!.status;
      const opt = chart.getOption() as { series: { data: number[] }[]; yAxis: { data: string[] }[] };
      const row = opt.yAxis[0].data.indexOf(name);
      // middle of the segment: the sum of the segments before it plus half of it
      const before = opt.series.slice(0, series).reduce((t, s) => t + (s.data[row] ?? 0), 0);
      const [px, py] = chart.convertToPixel({ seriesIndex: series }, [before + opt.series[series].data[row] / 2, row]);
      const r = chart.getDom().getBoundingClientRect();
      return { x: r.left + px, y: r.top + py };
    }, { name: sd.name, series: index });
    await page.mouse.click(point.x, point.y);
    const inBar = [...planned].filter((id) => subdistrictOf.get(id) === sd.name && statusOf(atAfter, id) === code);
    await expect.poll(hl).toBe(inBar.length);
    for (const id of inBar.slice(0, 5)) expect((await state(page, id)).hl).toBe(true);
  }, SLOW);

  it('an audit flag shows its compounds on the map', async () => {
    const audit = await api<AuditResponse>(`/api/audit?date=${subject.after}`);
    expect(audit.flags.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('audit-flag').count()).toBe(audit.flags.length);
    const flag = page.getByTestId('audit-flag').first();
    const text = await flag.textContent();
    const f = audit.flags.find((x) => text?.includes(x.message))!;
    expect(f).toBeDefined();
    await flag.click();
    await expect.poll(() => page.evaluate(() => window.__lianpianProgress?.highlighted ?? 0)).toBeGreaterThanOrEqual(f.communities.length);
    for (const c of f.communities) expect((await state(page, c.id)).hl).toBe(true);
    await mapIdle(page);
    await page.screenshot({ path: join(RESULTS, 'progress-audit.png') });
  }, SLOW);

  it('presentation mode fills the screen with large KPI cards, a chart and the map, at 1280×800 and 1920×1080', async () => {
    for (const [w, h, name] of [[1280, 800, 'progress-presentation.png'], [1920, 1080, 'progress-presentation-1920.png']] as const) {
      const p = await context.newPage();
      await p.setViewportSize({ width: w, height: h });
      collectErrors(p, pageErrors);
      await p.goto(new URL(`/progress?date=${subject.after}`, app.url).href);
      await applied(p, subject.after);
      await p.getByTestId('present').click();
      const box = await p.getByTestId('presentation').boundingBox();
      expect(box).toEqual({ x: 0, y: 0, width: w, height: h });
      await expect(p.locator('header.header').count()).resolves.toBe(0);
      await expect(p.getByTestId('map').boundingBox()).resolves.toEqual({ x: 0, y: 0, width: w, height: h });
      // large type: the headline figures are at least 28 px tall
      const size = await p.getByTestId('kpi-planned-communities').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(28);
      await p.getByTestId('chart-status').locator('svg').waitFor();
      await p.waitForTimeout(2200); // the tour's first flight
      await mapIdle(p);
      await p.screenshot({ path: join(RESULTS, name) });
      await p.close();
    }
  }, SLOW * 2);

  it('the tour steps through the 街道 and the swipe shows the earlier date left of the divider', async () => {
    const p = await context.newPage();
    await p.setViewportSize({ width: 1280, height: 800 });
    collectErrors(p, pageErrors);
    await p.goto(new URL(`/progress?date=${subject.after}`, app.url).href);
    await applied(p, subject.after);
    await p.getByTestId('present').click();
    await p.getByTestId('tour-toggle').click(); // pause the automatic tour
    const ranked = [...atAfter.subdistricts].filter((s) => s.planned.communities > 0).sort((a, b) => a.rank - b.rank);
    await p.getByTestId('tour-next').click();
    await expect(p.getByTestId('tour-card').getAttribute('data-name')).resolves.toBe(ranked[0].name);
    await expect.poll(() => p.evaluate(() => window.__lianpianProgress?.highlighted ?? 0)).toBe(ranked[0].planned.communities);
    await expect(p.getByTestId('tour-card').textContent()).resolves.toContain(`${(ranked[0].startRate.byCommunities! * 100).toFixed(1)}%`);

    // Before/after: the first month on the left of the divider, the chosen date on the right.
    await p.getByTestId('swipe-toggle').click();
    await p.getByTestId('swipe-before').selectOption(subject.before);
    await p.evaluate(() => window.__lianpian!.map.setLayoutProperty('community-labels', 'visibility', 'none'));
    const { x, y } = await pointInside(p, { id: subject.id });
    const handle = p.getByTestId('swipe-divider').locator('.swipe-handle');
    const drag = async (toX: number) => {
      const hb = (await handle.boundingBox())!;
      await p.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
      await p.mouse.down();
      await p.mouse.move(toX, hb.y + hb.height / 2, { steps: 4 });
      await p.mouse.up();
      await mapIdle(p);
    };
    await drag(Math.min(x + 150, 1200)); // the compound left of the divider: before
    const left = await pixelAt(p, x, y);
    await drag(Math.max(x - 150, 60)); // right of it: after
    const right = await pixelAt(p, x, y);
    const b = await api<ProgressResponse>(`/api/progress?date=${subject.before}`);
    const colour = (r: ProgressResponse) => {
      const s = statusOf(r, subject.id);
      return painted(s === null ? NO_PACKAGE_COLOUR : statusColour(s, r.statuses.findIndex((z) => z.code === s)));
    };
    expect(distance(left, colour(b)), `left ${left}`).toBeLessThan(distance(left, colour(atAfter)));
    expect(distance(right, colour(atAfter)), `right ${right}`).toBeLessThan(distance(right, colour(b)));
    await p.evaluate(() => window.__lianpian!.map.setLayoutProperty('community-labels', 'visibility', 'visible'));
    await drag(x);
    await p.screenshot({ path: join(RESULTS, 'progress-swipe.png') });
    await p.getByTestId('present-exit').click();
    await p.locator('header.header').waitFor();
    await p.close();
  }, SLOW);

  it('exports the map as a PNG at A4 landscape 300 dpi', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.getByTestId('export-png').click()]);
    const file = join(RESULTS, 'progress-map-a4-300dpi.png');
    await download.saveAs(file);
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // decoded by the browser, not only the header read
    const size = await page.evaluate(async (b64) => {
      const bmp = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      return { w: bmp.width, h: bmp.height };
    }, png.toString('base64'));
    expect(size.w).toBeGreaterThanOrEqual(PRINT_FRAME.widthPx);
    expect(size.h).toBeGreaterThanOrEqual(PRINT_FRAME.heightPx);
    expect(PRINT_FRAME.widthPx).toBeGreaterThanOrEqual(Math.floor((297 / 25.4) * 300));
    const t = await page.evaluate(() => window.__lianpianProgressExport!);
    console.log(`print PNG ${size.w}×${size.h}, ${(png.length / 1e6).toFixed(1)} MB: load ${t.loadMs.toFixed(0)} ms, draw ${t.drawMs.toFixed(0)} ms, encode ${t.encodeMs.toFixed(0)} ms`);
  }, 300_000);

  it('a 街道 report and a package report each print as exactly one A4 page', async () => {
    const sd = [...atAfter.subdistricts].sort((a, b) => b.planned.communities - a.planned.communities)[0];
    const r = await context.newPage();
    collectErrors(r, pageErrors);
    await r.goto(new URL(`/progress/report?subdistrict=${encodeURIComponent(sd.name)}&date=${subject.after}`, app.url).href);
    await r.waitForFunction(() => window.__lianpianProgressReport?.ready === true, null, { timeout: 60_000 });
    await expect(r.getByTestId('progress-report-title').textContent()).resolves.toBe(sd.name);
    expect(digits(await r.getByTestId('progress-report-planned').textContent())).toBe(sd.planned.communities);
    await expect(r.getByTestId('progress-report-start-rate').textContent()).resolves.toBe(`${(sd.startRate.byCommunities! * 100).toFixed(1)}%`);
    await r.screenshot({ path: join(RESULTS, 'progress-report-subdistrict.png'), fullPage: true });
    await expectFitsInPrint(r);
    const pdf = await r.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(RESULTS, 'progress-report-subdistrict.pdf'), pdf);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdfPages(pdf)).toBe(1);

    // The package with the most members (the longest member list).
    const pkg = [...atAfter.packages].filter((x) => x.status !== null).sort((a, b) => b.members.length - a.members.length)[0];
    await r.goto(new URL(`/progress/report?package=${encodeURIComponent(pkg.id)}&date=${subject.after}`, app.url).href);
    await r.waitForFunction(() => window.__lianpianProgressReport?.ready === true, null, { timeout: 60_000 });
    await expect(r.getByTestId('progress-report-title').textContent()).resolves.toBe(pkg.name);
    await expect(r.getByTestId('progress-report-started').textContent()).resolves.toBe(pkg.startedOn ?? '—');
    await r.screenshot({ path: join(RESULTS, 'progress-report-package.png'), fullPage: true });
    await expectFitsInPrint(r);
    const pdf2 = await r.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(RESULTS, 'progress-report-package.pdf'), pdf2);
    expect(pdfPages(pdf2)).toBe(1);

    // English words run longer: the same page still fits.
    await r.getByTestId('lang-switch').click();
    await expect(r.getByTestId('progress-report-status').textContent()).resolves.not.toMatch(/[\u4e00-\u9fff]/);
    await expectFitsInPrint(r);
    expect(pdfPages(await r.pdf({ format: 'A4', printBackground: true }))).toBe(1);
    await r.getByTestId('lang-switch').click();
    await r.close();
  }, SLOW);

  it('the XLSX project list downloads and reads back with one row per package planned on the date', async () => {
    const link = page.getByTestId('export-xlsx');
    expect(await link.getAttribute('href')).toContain(`date=${subject.after}`);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
    const file = join(RESULTS, 'progress-projects.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('项目清单')!;
    expect(ws).toBeDefined();
    const names: string[] = [];
    ws.eachRow((row, n) => {
      const first = row.getCell(1).value;
      if (n > 1 && typeof first === 'number') names.push(String(row.getCell(2).value));
    });
    // the packages planned on the date: the set /api/progress counts
    const planned = atAfter.packages.filter((x) => x.status !== null);
    expect(planned.length).toBe(atAfter.totals.planned.packages);
    expect(names.sort()).toEqual(planned.map((x) => x.name).sort());
  }, SLOW);

  it('a click on a compound names its package with a link to its report', async () => {
    const { x, y } = await pointInside(page, { id: subject.id });
    await page.mouse.click(x, y);
    const pkg = atAfter.packages.find((p) => p.id === subject.pkg)!;
    await expect(page.getByTestId('focus').textContent()).resolves.toContain(pkg.name);
    const href = await page.getByTestId('package-report-link').getAttribute('href');
    expect(href).toBe(`/progress/report?package=${encodeURIComponent(pkg.id)}&date=${subject.after}`);
    await expect.poll(() => page.evaluate(() => window.__lianpianProgress?.highlighted ?? 0)).toBe(pkg.members.length);
  }, SLOW);

  it('switching to 探索 and back keeps the one map: the mode takes its layers and states with it', async () => {
    await page.evaluate(() => { (window as unknown as { __mapBefore: unknown }).__mapBefore = window.__lianpian!.map; });
    await page.getByTestId('mode-explore').click();
    await page.getByTestId('legend').waitFor();
    const away = await page.evaluate((id) => {
      const map = window.__lianpian!.map;
      return {
        same: map === (window as unknown as { __mapBefore: unknown }).__mapBefore,
        layer: !!map.getLayer('progress-hl'),
        state: map.getFeatureState({ source: 'communities', id }),
      };
    }, subject.id);
    expect(away.same).toBe(true);
    expect(away.layer).toBe(false);
    expect(away.state.ps ?? null).toBeNull();
    expect(away.state.hl ?? false).toBe(false);
    await page.getByTestId('mode-progress').click();
    await applied(page, subject.after);
    expect((await state(page, subject.id)).ps).toBe(statusOf(atAfter, subject.id));
    expect(await page.evaluate(() => !!window.__lianpian!.map.getLayer('progress-hl'))).toBe(true);
  }, SLOW);

  it('switches to English and back', async () => {
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('nav.modes [aria-current=page]').textContent()).resolves.toBe('Progress');
    await expect(page.getByTestId('kpi-started').locator('.kpi-label').textContent()).resolves.toBe('Started');
    const legend = await page.getByTestId('status-legend-item').allTextContents();
    expect(legend.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    await expect(page.getByTestId('audit-panel').locator('.card-title').textContent()).resolves.toContain('Data checks');
    await mapIdle(page);
    await page.screenshot({ path: join(RESULTS, 'progress-en.png') });
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('nav.modes [aria-current=page]').textContent()).resolves.toBe('进度');
  }, SLOW);

  it('left no errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
