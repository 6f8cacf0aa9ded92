// The facility standards dialog (服务标准) in a real browser: the built client against the real
// server with a fresh demo database. Every change is checked where it lands: GET /api/settings
// and GET /api/analysis/gaps. Run `npm run build` first; screenshots go to test-results/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapsResponse, SettingsResponse } from '../../server/domain/api.ts';
import { browserAvailable, collectErrors, launchBrowser, RESULTS, startApp } from './harness.ts';
import { mapIdle } from './mapPage.ts';

const SLOW = 90_000;

describe.skipIf(!browserAvailable())('facility standards dialog', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const get = async <T,>(path: string): Promise<T> => {
    const r = await fetch(new URL(path, app.url));
    expect(r.status).toBe(200);
    return r.json() as Promise<T>;
  };
  const settings = () => get<SettingsResponse>('/api/settings');
  const gaps = (kind?: string) => get<GapsResponse>(`/api/analysis/gaps${kind ? `?kind=${kind}` : ''}`);
  const dialog = () => page.getByRole('dialog');
  const row = (kind: string) => page.getByTestId(`standard-${kind}`);

  async function open(): Promise<void> {
    await page.getByTestId('open-standards').click();
    await page.getByTestId('standards-table').waitFor();
  }
  /** Saves and waits for the dialog to close and the app to fetch the data set again. */
  async function saveAndRefresh(): Promise<void> {
    const refetched = page.waitForResponse((r) => r.url().endsWith('/api/dataset') && r.status() === 200);
    await page.getByTestId('standards-save').click();
    await dialog().waitFor({ state: 'detached' });
    await refetched;
  }

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    app = await startApp();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    collectErrors(page, pageErrors);
    await page.goto(app.url);
    await page.waitForFunction(() => window.__lianpian?.map !== undefined, null, { timeout: 60_000 });
    await mapIdle(page);
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens from the header as a labelled modal dialog listing every kind with its standard', async () => {
    await expect(page.getByTestId('open-standards').textContent()).resolves.toBe('服务标准');
    await open();
    const d = page.getByRole('dialog', { name: '服务设施标准' });
    await d.waitFor();
    expect(await d.getAttribute('aria-modal')).toBe('true');
    expect(await page.getByTestId('standards-table').locator('tbody tr').count()).toBe(16);

    const kg = await row('kindergarten').innerText();
    expect(kg).toContain('幼儿园');
    expect(kg).toContain('5 分钟');
    expect(kg).toContain('300 米');
    expect(kg).toContain('✔');
    expect(kg).toContain('3.8 分钟'); // 300 m at 80 m/min
    expect(kg).toContain('0.079 个/户');
    expect(await page.getByTestId('confidence-kindergarten').getAttribute('title')).toContain('已核实');

    const shop = await row('convenience').innerText();
    expect(shop).toContain('便利店');
    expect(shop).toContain('居住街坊');
    expect(shop).toContain('未规定');
    expect(shop).toContain('不分析');
    expect(await page.getByTestId('radius-convenience').getAttribute('placeholder')).toBe('未规定');
    const mark = await page.getByTestId('confidence-convenience').getAttribute('title');
    expect(mark).toContain('◐');
    expect(mark).toContain('不是硬性规定');
    // The source text is there, in full in its tooltip.
    expect(await row('kindergarten').locator('td.source span').getAttribute('title')).toContain('GB 50180-2018');
    await expect(page.getByTestId('walking-speed').inputValue()).resolves.toBe('80');
    await page.screenshot({ path: join(RESULTS, 'standards.png') });

    // Esc closes it and gives the focus back to the button that opened it.
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-standards');
  }, SLOW);

  it('kindergarten 500 m: the row is marked changed, minutes follow live, and the save reaches the gap analysis', async () => {
    await open();
    expect(await page.getByTestId('standards-save').isDisabled()).toBe(true); // nothing changed yet
    await page.getByTestId('radius-kindergarten').fill('500');
    expect(await row('kindergarten').getAttribute('data-changed')).toBe('true');
    expect(await row('nursery').getAttribute('data-changed')).toBeNull();
    await expect(page.getByTestId('minutes-kindergarten').innerText()).resolves.toBe('6.3 分钟');
    await page.getByTestId('walking-speed').fill('100');
    await expect(page.getByTestId('minutes-kindergarten').innerText()).resolves.toBe('5.0 分钟');
    await page.getByTestId('walking-speed').fill('80');
    await expect(page.getByTestId('standards-status').innerText()).resolves.toContain('已修改 1 项');
    await saveAndRefresh();

    const s = await settings();
    expect(s.settings.facilityRadiiM).toEqual({ kindergarten: 500 });
    expect(s.settings.walkingSpeedMPerMin).toBe(80);
    const kg = await gaps('kindergarten');
    expect(kg.kinds.map((k) => [k.kind, k.radiusM])).toEqual([['kindergarten', 500]]);

    await open(); // the dialog shows what was saved
    await expect(page.getByTestId('radius-kindergarten').inputValue()).resolves.toBe('500');
    expect(await row('kindergarten').getAttribute('data-changed')).toBeNull();
    await page.getByTestId('standards-cancel').click();
    await dialog().waitFor({ state: 'detached' });
  }, SLOW);

  it('a kind without a standard radius (便利店) is analysed once it is given one', async () => {
    expect((await gaps()).kinds.map((k) => k.kind)).not.toContain('convenience');
    await open();
    await page.getByTestId('radius-convenience').fill('200');
    await expect(page.getByTestId('minutes-convenience').innerText()).resolves.toBe('2.5 分钟');
    await saveAndRefresh();
    expect((await settings()).settings.facilityRadiiM).toEqual({ kindergarten: 500, convenience: 200 });
    const all = await gaps();
    expect(all.kinds.find((k) => k.kind === 'convenience')?.radiusM).toBe(200);
    expect(all.kinds.find((k) => k.kind === 'kindergarten')?.radiusM).toBe(500);
  }, SLOW);

  it('恢复标准值 clears every override', async () => {
    await open();
    await page.getByTestId('standards-reset').click();
    expect(await row('kindergarten').getAttribute('data-changed')).toBe('true');
    expect(await row('convenience').getAttribute('data-changed')).toBe('true');
    await expect(page.getByTestId('radius-kindergarten').inputValue()).resolves.toBe('');
    await saveAndRefresh();
    expect((await settings()).settings.facilityRadiiM).toEqual({});
    const all = await gaps();
    expect(all.kinds.find((k) => k.kind === 'kindergarten')?.radiusM).toBe(300);
    expect(all.kinds.map((k) => k.kind)).not.toContain('convenience');
  }, SLOW);

  it('a save based on a stale version is refused with the conflict message; 重新载入 shows the current settings', async () => {
    await open();
    // Someone else saves between opening and saving.
    const { version } = await settings();
    const other = await fetch(new URL('/api/settings', app.url), {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version, settings: { walkingSpeedMPerMin: 75 } }),
    });
    expect(other.status).toBe(200);

    await page.getByTestId('radius-kindergarten').fill('400');
    await page.getByTestId('standards-save').click();
    await expect(page.getByTestId('standards-conflict').innerText()).resolves.toBe('设置已被他人修改，请重新载入');
    await page.screenshot({ path: join(RESULTS, 'standards-conflict.png') });
    const after = await settings();
    expect(after.settings.facilityRadiiM).toEqual({});
    expect(after.settings.walkingSpeedMPerMin).toBe(75);

    await page.getByTestId('standards-reload').click();
    await expect.poll(() => page.getByTestId('walking-speed').inputValue()).toBe('75');
    await expect(page.getByTestId('radius-kindergarten').inputValue()).resolves.toBe('');
    await expect(page.getByTestId('minutes-kindergarten').innerText()).resolves.toBe('4.0 分钟'); // 300 m at 75 m/min
    await page.getByTestId('standards-cancel').click();
    await dialog().waitFor({ state: 'detached' });
    // The browser logs the refused request (409) as a console error; that one was expected.
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !e.includes('409')));
  }, SLOW);

  it('an invalid radius or speed is refused with a visible message and nothing is saved', async () => {
    const before = await settings();
    await open();
    for (const bad of ['-5', '99999', 'abc']) {
      await page.getByTestId('radius-kindergarten').fill(bad);
      const message = row('kindergarten').getByRole('alert');
      await expect(message.innerText()).resolves.toBe('请输入 0–5,000 之间的米数，或留空采用标准值');
      expect(await message.isVisible()).toBe(true);
      expect(await page.getByTestId('radius-kindergarten').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('standards-save').isDisabled()).toBe(true);
    }
    await page.screenshot({ path: join(RESULTS, 'standards-invalid.png') });
    await page.getByTestId('radius-kindergarten').fill('450');
    expect(await row('kindergarten').getByRole('alert').count()).toBe(0);
    await page.getByTestId('walking-speed').fill('0');
    await expect(page.locator('#standards-speed-note').innerText()).resolves.toBe('请输入大于 0、不超过 300 的步行速度');
    expect(await page.getByTestId('standards-save').isDisabled()).toBe(true);
    await page.keyboard.press('Enter'); // submitting the form by keyboard is refused too
    await page.getByTestId('standards-cancel').click();
    await dialog().waitFor({ state: 'detached' });
    const after = await settings();
    expect(after.version).toBe(before.version);
    expect(after.settings).toEqual(before.settings);
  }, SLOW);

  it('the English switch shows English labels', async () => {
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('open-standards').textContent()).resolves.toBe('Standards');
    await open();
    await page.getByRole('dialog', { name: 'Facility standards' }).waitFor();
    const head = await page.getByTestId('standards-table').locator('thead').innerText();
    for (const label of ['Facility', 'Life circle', 'Standard radius', 'Radius used (m)', 'Walking time', 'Confidence', 'Source']) expect(head).toContain(label);
    const kg = await row('kindergarten').innerText();
    expect(kg).toContain('Kindergarten');
    expect(kg).toContain('300 m');
    expect(kg).toContain('4.0 min');
    expect(await row('convenience').innerText()).toContain('Not specified');
    expect(await page.getByTestId('confidence-convenience').getAttribute('title')).toContain('never a hard rule');
    await page.getByTestId('radius-kindergarten').fill('-1');
    await expect(row('kindergarten').getByRole('alert').innerText()).resolves.toBe('Enter metres from 0 to 5,000, or leave empty for the standard');
    await page.getByTestId('radius-kindergarten').fill('');
    await page.screenshot({ path: join(RESULTS, 'standards-en.png') });
    await page.getByTestId('standards-cancel').click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('open-standards').textContent()).resolves.toBe('服务标准');
  }, SLOW);

  it('is in the header of 组包 mode too', async () => {
    await page.getByTestId('mode-package').click();
    await open();
    expect(await row('kindergarten').innerText()).toContain('幼儿园');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  }, SLOW);

  it('left no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
