// Amenity gaps and pipe issues in Explore, in a real browser against the demo: compounds coloured
// by their walk to the chosen facility kind, the 街道 table, and the compound panel's gap and pipe lists.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapsResponse, PackageGaps, PackagePipesResponse, PipesResponse, SewerTraceResponse } from '../../server/domain/api.ts';
import { browserAvailable, collectErrors, launchBrowser, RESULTS, startApp } from './harness.ts';
import { deckLayerIds, mapIdle, pixelAt, pointInside } from './mapPage.ts';

const SLOW = 90_000;

describe.skipIf(!browserAvailable())('amenity gaps in the browser', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let page: Page;
  let gaps: GapsResponse;
  let pipes: PipesResponse;
  const pageErrors: string[] = [];

  const walkState = (id: string) => page.evaluate((cid) => window.__lianpian!.map.getFeatureState({ source: 'communities', id: cid }).walk as number | null | undefined, id);

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    app = await startApp();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    collectErrors(page, pageErrors);
    await page.goto(app.url);
    await page.waitForFunction(() => window.__lianpian?.map !== undefined, null, { timeout: 60_000 });
    await mapIdle(page);
    gaps = await page.evaluate(async () => (await fetch('/api/analysis/gaps')).json()) as GapsResponse;
    pipes = await page.evaluate(async () => (await fetch('/api/analysis/pipes')).json()) as PipesResponse;
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('colouring by walk to a kindergarten sets every compound\'s walk and shows the gap summary', async () => {
    await page.getByTestId('colour-by').selectOption('access');
    const summary = page.getByTestId('gap-summary');
    const kg = gaps.kinds.find((k) => k.kind === 'kindergarten')!;
    await expect(summary.textContent({ timeout: 30_000 })).resolves.toBe(`${kg.withoutCommunities} 个小区、${kg.withoutHouseholds.toLocaleString('zh-CN')} 户在步行半径外`);
    const far = gaps.communities.find((c) => c.access.kindergarten.walkM !== null && c.access.kindergarten.walkM > 600)!;
    const near = gaps.communities.find((c) => c.access.kindergarten.within)!;
    await expect.poll(() => walkState(far.id)).toBe(far.access.kindergarten.walkM);
    expect(await walkState(near.id)).toBe(near.access.kindergarten.walkM);
    // the legend names the radius classes
    const legend = await page.getByTestId('legend-item').allTextContents();
    expect(legend).toEqual(['≤ 150 米', '150 – 300 米', '300 – 600 米', '> 600 米', '不可达 / 无此设施']);
    // the 街道 table adds up to the summary
    const rows = await page.getByTestId('gap-subdistricts').locator('tbody tr').all();
    expect(rows).toHaveLength(gaps.subdistricts.length);
    await mapIdle(page);
    await page.screenshot({ path: join(RESULTS, 'gaps-kindergarten.png') });
  }, SLOW);

  it('the map paints a compound beyond twice the radius red and one within it green', async () => {
    const far = gaps.communities.find((c) => (c.access.kindergarten.walkM ?? 0) > 700)!;
    const near = gaps.communities.find((c) => c.access.kindergarten.walkM !== null && c.access.kindergarten.walkM < 140)!;
    // labels and icons sit on top of the fill: take them away while reading the fill's colour
    await page.getByTestId('toggle-labels').uncheck();
    await page.getByTestId('toggle-amenities').uncheck();
    for (const [c, rgb] of [[far, [0xd7, 0x30, 0x27]], [near, [0x1a, 0x98, 0x50]]] as const) {
      const { x, y } = await pointInside(page, { id: c.id });
      await mapIdle(page);
      // the fill is translucent over a light ground: the hue's strongest channel still dominates
      const [r, g] = await pixelAt(page, x, y);
      if (rgb[0] > rgb[1]) expect(r, `${c.name} red`).toBeGreaterThan(g + 40);
      else expect(g, `${c.name} green`).toBeGreaterThan(r + 20);
    }
    await page.getByTestId('toggle-labels').check();
    await page.getByTestId('toggle-amenities').check();
  }, SLOW);

  it('another kind re-colours from the same answer', async () => {
    await page.getByTestId('gap-kind').selectOption('primarySchool');
    const c = gaps.communities.find((x) => x.access.primarySchool.walkM !== null && x.access.primarySchool.walkM !== x.access.kindergarten.walkM)!;
    await expect.poll(() => walkState(c.id)).toBe(c.access.primarySchool.walkM);
    const ps = gaps.kinds.find((k) => k.kind === 'primarySchool')!;
    await expect(page.getByTestId('gap-summary').textContent()).resolves.toContain(`${ps.withoutCommunities} 个小区`);
    await page.getByTestId('gap-kind').selectOption('kindergarten');
  }, SLOW);

  it('a compound\'s panel lists the kinds beyond reach with walking and straight-line metres, and its pipe issues', async () => {
    // a compound with no sewer outlet and at least one combined pipe or overhead line, beyond a kindergarten
    const flag = pipes.communities.find((f) => f.noSewerOutlet && (f.overheadM > 0 || f.combinedM > 0)) ?? pipes.communities.find((f) => f.noSewerOutlet)!;
    const row = gaps.communities.find((c) => c.id === flag.id)!;
    const { x, y } = await pointInside(page, { id: flag.id });
    await page.mouse.click(x, y);
    const panel = page.getByTestId('community-panel');
    await expect(panel.getByTestId('panel-title').textContent({ timeout: 30_000 })).resolves.toBe(row.name);
    const beyond = gaps.kinds.filter((k) => !row.access[k.kind].within);
    await expect.poll(() => panel.getByTestId('panel-gap').count()).toBe(beyond.length);
    const first = await panel.getByTestId('panel-gap').first().textContent();
    const a = row.access[beyond[0].kind];
    if (a.walkM !== null) expect(first).toContain(`步行 ${Math.round(a.walkM).toLocaleString('zh-CN')}`);
    const issues = await panel.getByTestId('panel-pipe-issue').allTextContents();
    expect(issues.some((t) => t.includes(`${pipes.sewerOutletMaxM} 米内无污水管`))).toBe(true);
    if (flag.overheadM > 0) expect(issues.some((t) => t.includes('架空线'))).toBe(true);
    await mapIdle(page);
    await page.screenshot({ path: join(RESULTS, 'gaps-panel.png') });
    await page.keyboard.press('Escape');
  }, SLOW);

  it('the distance field colours the streets, and the location search numbers its sites on the map', async () => {
    await page.getByTestId('toggle-field').check();
    await expect.poll(() => deckLayerIds(page), { timeout: 30_000 }).toContain('access-field');
    await page.getByTestId('location-area').selectOption('西郊街道');
    await page.getByTestId('location-run').click();
    const picks = page.getByTestId('location-picks').locator('li');
    await expect.poll(() => picks.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const loc = await page.evaluate(async () => (await fetch('/api/analysis/location?kind=kindergarten&subdistrict=' + encodeURIComponent('西郊街道') + '&count=3')).json()) as { picks: { gainHouseholds: number }[] };
    expect(await picks.count()).toBe(loc.picks.length);
    await expect(picks.first().textContent()).resolves.toContain(`新增覆盖 ${loc.picks[0].gainHouseholds.toLocaleString('zh-CN')} 户`);
    await mapIdle(page);
    await page.screenshot({ path: join(RESULTS, 'gaps-location.png') });
    await picks.first().click(); // flies to the first site
    await mapIdle(page);
    await page.screenshot({ path: join(RESULTS, 'gaps-site.png') });
    await page.getByTestId('toggle-field').uncheck();
  }, SLOW);

  it('an amenity\'s popup offers its reach on foot: the streets within its radius and the compounds it serves', async () => {
    const kg = await page.evaluate(async () => (await (await fetch('/api/layers/amenities')).json()).features
      .find((f: { properties: { kind: string } }) => f.properties.kind === 'kindergarten')) as { properties: { id: string; name: string }; geometry: { coordinates: [number, number] } };
    await page.evaluate((c) => window.__lianpian!.map.jumpTo({ center: c, zoom: 16 }), kg.geometry.coordinates);
    await mapIdle(page);
    const at = await page.evaluate((c) => window.__lianpian!.map.project(c), kg.geometry.coordinates);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.getByTestId('reach-run').click();
    const reach = await page.evaluate(async (id) => (await fetch('/api/analysis/reach?amenity=' + id)).json(), kg.properties.id) as { communities: unknown[]; segments: unknown[] };
    expect(reach.segments.length).toBeGreaterThan(3);
    await expect(page.getByTestId('reach-card').textContent({ timeout: 30_000 })).resolves.toContain(`300 米内可达 ${reach.communities.length} 个小区`);
    await mapIdle(page);
    await page.screenshot({ path: join(RESULTS, 'gaps-reach.png') });
    await page.getByTestId('reach-card').getByRole('button').click();
    await page.getByTestId('reach-card').waitFor({ state: 'detached' });
  }, SLOW);

  it('a sewer pipe\'s popup traces its flow: downstream to the outfall and the catchment upstream', async () => {
    const sewers = await page.evaluate(async () => (await (await fetch('/api/layers/pipes?kind=sewer')).json()).features) as { properties: { id: string; level: string }; geometry: { coordinates: [number, number][] } }[];
    const pipe = sewers.find((f) => f.properties.level === 'main' && f.geometry.coordinates.length >= 2)!;
    const [a, b] = pipe.geometry.coordinates;
    const mid: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    await page.getByTestId('toggle-pipes').check();
    // pipes of other kinds run a metre or two beside the sewer: show the sewers alone so the click hits one
    for (const k of ['water', 'storm', 'combined', 'gas', 'power', 'telecom']) await page.getByTestId(`pipe-${k}`).uncheck();
    await page.evaluate((c) => window.__lianpian!.map.jumpTo({ center: c, zoom: 18 }), mid);
    await mapIdle(page);
    const at = await page.evaluate((c) => window.__lianpian!.map.project(c), mid);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.getByTestId('trace-run').click();
    const trace = await page.evaluate(async (id) => (await fetch('/api/analysis/sewer-trace?pipe=' + id)).json(), pipe.properties.id) as SewerTraceResponse;
    const card = page.getByTestId('trace-card');
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain(`至 ${trace.downstream.outfalls.length} 个出口`);
    expect(await card.textContent()).toContain(`服务 ${trace.communities.length} 个小区`);
    await expect.poll(() => deckLayerIds(page)).toContain('trace');
    await page.evaluate(() => window.__lianpian!.map.zoomTo(14.5, { duration: 0 }));
    await mapIdle(page);
    await page.screenshot({ path: join(RESULTS, 'gaps-trace.png') });
    await card.getByRole('button').click();
    for (const k of ['water', 'storm', 'combined', 'gas', 'power', 'telecom']) await page.getByTestId(`pipe-${k}`).check();
    await page.getByTestId('toggle-pipes').uncheck();
  }, SLOW);

  it('in 组包, a package\'s panel lists its members\' gaps and shows the one site that would serve them', async () => {
    // the demo package with the most members, and a kind it lacks with a shared site
    const list = await page.evaluate(async () => (await fetch('/api/packages')).json()) as { id: string; name: string; members: string[] }[];
    const pkg = list.sort((a, b) => b.members.length - a.members.length)[0];
    const g = await page.evaluate(async (id) => (await fetch(`/api/packages/${id}/gaps`)).json(), pkg.id) as PackageGaps;
    const lacking = g.kinds.filter((k) => k.lacking.length > 0);
    await page.getByTestId('mode-package').click();
    await page.getByTestId('tab-packages').click();
    await page.getByTestId('package-item').filter({ hasText: pkg.name }).first().locator('button').click();
    const section = page.getByTestId('package-gaps');
    await expect.poll(() => section.getByTestId('package-gap').count(), { timeout: 30_000 }).toBe(lacking.length);
    const withSite = lacking.find((k) => k.sharedSite)!;
    const row = section.getByTestId('package-gap').nth(lacking.indexOf(withSite));
    await expect(row.textContent()).resolves.toContain(`${withSite.lacking.length} 个成员小区`);
    await row.getByRole('button').click();
    await expect.poll(() => deckLayerIds(page)).toContain('pkg-shared-site');
    await page.evaluate((c) => window.__lianpian!.map.jumpTo({ center: c }), [withSite.sharedSite!.lon, withSite.sharedSite!.lat] as [number, number]);
    await mapIdle(page);
    // its pipe work, priced as the report prices it
    const pw = await page.evaluate(async (id) => (await fetch(`/api/packages/${id}/pipes`)).json(), pkg.id) as PackagePipesResponse;
    if (pw.workTotal > 0) {
      await expect(page.getByTestId('package-pipe-total').textContent()).resolves.toBe(`管网工程合计 ${(pw.workTotal / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} 万元`);
      expect(await page.getByTestId('package-pipe-work').count()).toBe(pw.work.filter((w) => w.quantityM > 0).length);
    }
    await page.screenshot({ path: join(RESULTS, 'gaps-package.png') });
    await page.getByTestId('mode-explore').click();
  }, SLOW);

  it('reads in English after the switch', async () => {
    await page.getByTestId('colour-by').selectOption('access'); // Explore starts afresh after 组包
    await page.getByTestId('lang-switch').click();
    const kg = gaps.kinds.find((k) => k.kind === 'kindergarten')!;
    await expect(page.getByTestId('gap-summary').textContent()).resolves.toBe(`${kg.withoutCommunities} compounds, ${kg.withoutHouseholds.toLocaleString('en-GB')} households beyond walking radius`);
    expect(await page.getByTestId('legend-item').allTextContents()).toEqual(['≤ 150 m', '150 – 300 m', '300 – 600 m', '> 600 m', 'unreachable / none']);
    await page.screenshot({ path: join(RESULTS, 'gaps-en.png') });
    await page.getByTestId('lang-switch').click();
  }, SLOW);

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
