// Explore mode in a real browser: the built client against the real server seeded with the demo.
// Run `npm run build` first. Screenshots go to test-results/ for a person to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunitySearchHit } from '../../server/domain/api.ts';
import { browserAvailable, collectErrors, launchBrowser, RESULTS, startApp } from './harness.ts';
import { mapIdle, pointInside } from './mapPage.ts';

const FILL_LAYER = 'communities-fill';
const SLOW = 90_000;

async function search(page: Page, q: string, name: string): Promise<void> {
  const input = page.getByTestId('search-input');
  await input.fill(q);
  await page.getByTestId('search-hit').filter({ hasText: name }).first().waitFor();
  // Pick with the keyboard: move to the hit, then Enter.
  const names = await page.getByTestId('search-hit').locator('strong').allTextContents();
  for (let i = 0; i < names.indexOf(name); i++) await input.press('ArrowDown');
  await input.press('Enter');
}

describe.skipIf(!browserAvailable())('Explore in the browser', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    app = await startApp();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    collectErrors(page, pageErrors);
    await page.goto(app.url);
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('loads the map and reaches idle', async () => {
    await page.waitForFunction(() => window.__lianpian?.map !== undefined, null, { timeout: 60_000 });
    await mapIdle(page);
    expect(await page.evaluate(() => window.__lianpian!.map.loaded())).toBe(true);
    await expect(page.locator('nav.modes [aria-current=page]').textContent()).resolves.toBe('探索');
    await page.screenshot({ path: join(RESULTS, 'explore-overview.png') });
  }, SLOW);

  it('renders more than 200 compound polygons', async () => {
    const ids = await page.evaluate((layer) => {
      const map = window.__lianpian!.map;
      return [...new Set(map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.id)))];
    }, FILL_LAYER);
    expect(ids.length).toBeGreaterThan(200);
  }, SLOW);

  it('clicking 紫薇花园 opens its panel with Chinese labels and its households', async () => {
    const { x, y, households } = await pointInside(page, { name: '紫薇花园' });
    await page.mouse.click(x, y);
    const panel = page.getByTestId('community-panel');
    await expect(panel.getByTestId('panel-title').textContent({ timeout: 30_000 })).resolves.toBe('紫薇花园');
    const text = await panel.textContent();
    for (const label of ['户数', '楼栋数', '建筑面积', '建成年代', '管理类型', '是否符合改造条件', '所属项目包', '容积率']) {
      expect(text).toContain(label);
    }
    await expect(panel.getByTestId('panel-households').textContent()).resolves.toBe(`${households.toLocaleString('zh-CN')} 户`);
    await mapIdle(page); // the deck.gl highlight is drawn
    await page.screenshot({ path: join(RESULTS, 'explore-panel.png') });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  }, SLOW);

  it('search 建国 flies to and selects 建国宿舍', async () => {
    const hits = await page.evaluate(async () => (await fetch('/api/communities?q=' + encodeURIComponent('建国'))).json()) as CommunitySearchHit[];
    const target = hits.find((h) => h.name === '建国宿舍');
    expect(target).toBeDefined();
    await page.evaluate(() => window.__lianpian!.map.jumpTo({ zoom: 13 }));
    await search(page, '建国', '建国宿舍');
    await expect(page.getByTestId('panel-title').textContent({ timeout: 30_000 })).resolves.toBe('建国宿舍');
    await page.waitForFunction(() => !window.__lianpian!.map.isMoving(), null, { timeout: 30_000 });
    await mapIdle(page);
    const view = await page.evaluate((bbox) => {
      const map = window.__lianpian!.map;
      const centre: [number, number] = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
      return { zoom: map.getZoom(), visible: map.getBounds().contains(centre) };
    }, target!.bbox);
    expect(view.zoom).toBeGreaterThan(15);
    expect(view.visible).toBe(true);
  }, SLOW);

  it('the language switch turns labels English and back', async () => {
    const panel = page.getByTestId('community-panel');
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('nav.modes [aria-current=page]').textContent()).resolves.toBe('Explore');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    const en = await panel.textContent();
    expect(en).toContain('Households');
    expect(en).toContain('Build');
    expect(await page.getByTestId('legend').textContent()).toContain('Legend');
    await mapIdle(page);
    await page.screenshot({ path: join(RESULTS, 'explore-en.png') });
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('nav.modes [aria-current=page]').textContent()).resolves.toBe('探索');
    expect(await panel.textContent()).toContain('户数');
    expect(await page.getByTestId('legend').textContent()).toContain('图例');
  }, SLOW);

  it('switching colour-by changes the map colouring and the legend', async () => {
    const legendItems = () => page.getByTestId('legend-item').allTextContents();
    const fill = () => page.evaluate((layer) => JSON.stringify(window.__lianpian!.map.getPaintProperty(layer, 'fill-color')), FILL_LAYER);
    const before = { items: await legendItems(), fill: await fill() };
    expect(before.items).toContain('符合改造条件');
    await page.getByTestId('colour-by').selectOption('households');
    const after = { items: await legendItems(), fill: await fill() };
    expect(after.items).not.toEqual(before.items);
    expect(after.items.some((t) => t.includes('户'))).toBe(true);
    expect(after.fill).not.toBe(before.fill);
    await page.getByTestId('colour-by').selectOption('status');
    expect(await legendItems()).toContain('未入项目包');
  }, SLOW);

  it('draws compound names with Chinese and digits, pipes and package outlines', async () => {
    await page.getByTestId('toggle-pipes').check();
    await page.getByTestId('toggle-packages').check();
    const hits = await page.evaluate(async () => (await fetch('/api/communities?q=4321')).json()) as CommunitySearchHit[];
    const target = hits.find((h) => h.name === '4321厂宿舍');
    expect(target).toBeDefined();
    await page.evaluate((b) => window.__lianpian!.map.jumpTo({ center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], zoom: 16 }), target!.bbox);
    await mapIdle(page);
    // A label is only placed once its glyphs exist, so a placed label proves the text rendered.
    const rendered = await page.evaluate(() => {
      const map = window.__lianpian!.map;
      const names = map.queryRenderedFeatures({ layers: ['community-labels'] }).map((f) => String(f.properties.name));
      return {
        names,
        pipes: map.queryRenderedFeatures({ layers: ['pipes-buried', 'pipes-overhead'] }).length,
        packages: map.queryRenderedFeatures({ layers: ['packages-outline'] }).length,
      };
    });
    expect(rendered.names).toContain('4321厂宿舍');
    expect(rendered.pipes).toBeGreaterThan(0);
    expect(rendered.packages).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS, 'explore-labels.png') });
  }, SLOW);

  it('changing the cut-off year to Jiangxi’s 2005 recolours compounds; a stale edit from a second page is refused', async () => {
    const eligibleCount = () => page.evaluate(() => {
      const ids = new Set<string>();
      for (const f of window.__lianpian!.map.querySourceFeatures('communities')) {
        if (f.properties.eligibility === 'eligible') ids.add(String(f.properties.id));
      }
      return ids.size;
    });
    await page.getByTestId('colour-by').selectOption('eligibility');
    await page.evaluate(() => window.__lianpian!.map.jumpTo({ center: window.__lianpian!.map.getCenter(), zoom: 13 }));
    await mapIdle(page);
    const before = await eligibleCount();

    await page.getByTestId('cutoff-edit').click();
    await page.getByTestId('cutoff-input').fill('2005');
    await page.getByTestId('cutoff-save').click();
    await page.getByTestId('cutoff').filter({ hasText: '2005' }).waitFor();
    await mapIdle(page);
    const after = await eligibleCount();
    // The demo's 31 old compounds built 2001–2005, less those already renovated, become eligible.
    expect(after - before).toBeGreaterThanOrEqual(25);
    expect(after - before).toBeLessThanOrEqual(31);
    await page.screenshot({ path: join(RESULTS, 'explore-cutoff-2005.png') });

    // Two planners edit at once: the second save, based on what it saw, is refused, not merged.
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await other.goto(app.url);
    await other.waitForFunction(() => window.__lianpian?.map !== undefined, null, { timeout: 60_000 });
    await page.getByTestId('cutoff-edit').click();
    await other.getByTestId('cutoff-edit').click();
    await other.getByTestId('cutoff-input').fill('2000');
    await other.getByTestId('cutoff-save').click();
    await other.getByTestId('cutoff').filter({ hasText: '2000' }).waitFor();
    await page.getByTestId('cutoff-input').fill('2003');
    await page.getByTestId('cutoff-save').click();
    await expect(page.getByTestId('cutoff-conflict').textContent()).resolves.toContain('已被他人修改');
    await page.screenshot({ path: join(RESULTS, 'explore-cutoff-conflict.png') });
    await page.getByTestId('cutoff-reload').click();
    await page.getByTestId('cutoff').filter({ hasText: '2000' }).waitFor();
    await mapIdle(page);
    expect(await eligibleCount()).toBe(before);
    await other.close();
    // The browser logs the refused request (409) as a console error; that one was expected.
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !e.includes('409')));
  }, SLOW);

  it('left no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
