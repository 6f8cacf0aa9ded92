// 9. The app in a real browser on a city of 20 000 compounds (bigCity.ts), served by the built
//    server from a fresh SQLite file, in Debian's headless Chromium at 1600 × 1000:
//    a. page load to the first idle map: time, layer response sizes (Performance API), long tasks
//    b. frame times while panning in 探索 with real mouse drags, at the city's zoom and closer: the BASELINE
//    c. 组包: the switch from 探索, then click 运行建议 → summary shown and the map idle, against the
//       server's own time for POST /api/analysis/packaging; then panning with the suggestions drawn, against (b)
//    and diagnostics for the client: main-thread long tasks per phase, JSON.parse and structured-clone
//    cost of the communities layer, hover-query cost, repaint with no input, layers hidden one group at
//    a time, and a CPU profile of a reload.
// Figures only: nothing here asserts on wall time. Run alone: npm run bench -- browser (or -- 9).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadDataset } from '../../server/load.ts';
import { Store } from '../../server/store/store.ts';
import { CHROMIUM, launchBrowser, startApp } from '../browser/harness.ts';
import { bigCityDataset } from './bigCity.ts';
import { fmtMs } from './timing.ts';

const root = resolve(import.meta.dirname, '../..');
const VIEWPORT = { width: 1600, height: 1000 };
const PAN_MS = 5000;
const SLOW_FRAME_MS = 50;
const f = fmtMs;
const s = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : f(ms));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1)} MB`;
const int = (x: number) => x.toLocaleString('en-US').replace(/,/g, ' ');

// Page-side helpers, as plain JavaScript (tsx's transform would add helpers a page does not have).
// window.__bench records: long tasks, every map 'idle' and 'render', the click on 运行建议 and when
// the suggestions summary became visible, and frame intervals between start/stop.
const INIT = String.raw`(() => {
  const b = window.__bench = { longTasks: [], idle: [], maps: [], firstIdle: null, mapAt: null, renders: 0, clicks: {}, clickAt: null, summaryAt: null, hooked: new WeakSet(), renderJs: [] };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, ms: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) { b.noLongTasks = String(e); }
  const hook = (map) => {
    if (!map || b.hooked.has(map)) return;
    b.hooked.add(map);
    // every map the app builds (a mode switch builds a new one): when it loaded and first went idle
    const entry = { at: performance.now(), firstIdle: null };
    b.maps.push(entry);
    if (b.mapAt === null) b.mapAt = entry.at;
    map.on('idle', () => {
      const t = performance.now();
      b.idle.push(t);
      if (entry.firstIdle === null) entry.firstIdle = t;
      if (b.firstIdle === null) b.firstIdle = t;
    });
    map.on('render', () => { b.renders++; });
    // main-thread time of each frame MapLibre draws (its _render: placement, layout of the frame, GL calls)
    const render = map._render;
    if (typeof render === 'function') {
      map._render = function (t) {
        const t0 = performance.now();
        try { return render.call(this, t); } finally { b.renderJs.push(performance.now() - t0); }
      };
    }
  };
  // The app sets window.__lianpian = { map } in the map's 'load' handler: hook the map in that same
  // task, before its first 'idle' can fire. On the prototype, so that the app's delete cannot remove it.
  let value;
  Object.defineProperty(Window.prototype, '__lianpian', {
    configurable: true,
    get() { return value && value.map && value.map._removed ? undefined : value; },
    set(v) { value = v; if (v) hook(v.map); },
  });
  document.addEventListener('click', (e) => {
    const el = e.target instanceof Element ? e.target.closest('[data-testid]') : null;
    if (el) b.clicks[el.getAttribute('data-testid')] = e.timeStamp;
    if (!el || el.getAttribute('data-testid') !== 'run-suggestions') return;
    b.clickAt = e.timeStamp;
    b.summaryAt = null;
    const seen = () => {
      const el = document.querySelector('[data-testid="suggestions-summary"]');
      return el && (el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null);
    };
    const obs = new MutationObserver(() => {
      if (b.summaryAt === null && seen()) { b.summaryAt = performance.now(); obs.disconnect(); }
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, true);
  let rec = null;
  b.startFrames = () => {
    rec = { t: [], r0: b.renders, j0: b.renderJs.length };
    const loop = (ts) => { if (!rec) return; rec.t.push(ts); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  };
  b.stopFrames = () => {
    const r = rec; rec = null;
    const d = [];
    for (let i = 1; i < r.t.length; i++) d.push(r.t[i] - r.t[i - 1]);
    return { intervals: d, renders: b.renders - r.r0, renderJs: b.renderJs.slice(r.j0), span: r.t.length > 1 ? r.t[r.t.length - 1] - r.t[0] : 0 };
  };
  // Time of the map at rest after 'after': two frames on (so that effects that follow a React commit
  // have run), a map still busy is waited for; one at rest counts from its last idle since 'after'.
  b.settledAfter = (after, timeoutMs) => new Promise((resolve, reject) => {
    const map = window.__lianpian.map;
    const timer = setTimeout(() => reject(new Error('the map was not idle within ' + timeoutMs + ' ms')), timeoutMs);
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const busy = !map.loaded() || map.isMoving() || !map.areTilesLoaded();
      if (busy) { map.once('idle', () => { clearTimeout(timer); resolve(performance.now()); }); return; }
      clearTimeout(timer);
      const since = b.idle.filter((t) => t >= after);
      resolve(since.length ? since[since.length - 1] : after);
    }));
  });
  // Diagnostics for the client engineer. What one mousemove costs the hover handler (a
  // queryRenderedFeatures at a point), the median of 15 points across the map:
  b.queryCost = (layers) => {
    const map = window.__lianpian.map;
    const ls = layers.filter((id) => map.getLayer(id));
    const w = map.getCanvas().clientWidth, h = map.getCanvas().clientHeight, t = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      map.queryRenderedFeatures([w * (0.3 + 0.04 * i), h * (0.35 + 0.02 * i)], { layers: ls });
      t.push(performance.now() - t0);
    }
    t.sort((x, y) => x - y);
    return { ms: t[7], layers: ls.length };
  };
  // frames while the map repaints continuously with no input: the cost of drawing alone
  b.repaintFrames = (ms) => new Promise((resolve) => {
    const map = window.__lianpian.map;
    b.startFrames();
    map.repaint = true;
    setTimeout(() => { map.repaint = false; resolve(b.stopFrames()); }, ms);
  });
  // parsing a layer's JSON on the main thread, and the structured clone that hands an object to a worker
  b.parseCost = async (url) => {
    const text = await (await fetch(url)).text();
    const t0 = performance.now();
    const obj = JSON.parse(text);
    const t1 = performance.now();
    structuredClone(obj);
    return { chars: text.length, parse: t1 - t0, clone: performance.now() - t1 };
  };
  b.idleNow = (timeoutMs) => new Promise((resolve, reject) => {
    const map = window.__lianpian.map;
    const timer = setTimeout(() => reject(new Error('the map was not idle within ' + timeoutMs + ' ms')), timeoutMs);
    map.once('idle', () => { clearTimeout(timer); resolve(performance.now()); });
    map.triggerRepaint();
  });
})();`;

interface FrameRun { intervals: number[]; renders: number; renderJs: number[]; span: number }
interface FrameStats { median: number; p95: number; max: number; slow: number; slowTime: number; fps: number; frames: number; renders: number; renderJs: number }
interface ResourceEntry { name: string; start: number; end: number; ms: number; ttfb: number; encoded: number; decoded: number; transfer: number }
interface LongTask { start: number; ms: number }

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

function frameStats(runs: FrameRun[]): FrameStats {
  const all = runs.flatMap((r) => r.intervals).sort((a, b) => a - b);
  const span = runs.reduce((t, r) => t + r.span, 0);
  return {
    median: quantile(all, 0.5), p95: quantile(all, 0.95), max: all[all.length - 1] ?? NaN,
    slow: all.filter((x) => x > SLOW_FRAME_MS).length / Math.max(1, all.length),
    slowTime: all.filter((x) => x > SLOW_FRAME_MS).reduce((t, x) => t + x, 0) / Math.max(1, span),
    fps: (all.length / span) * 1000, frames: all.length, renders: runs.reduce((t, r) => t + r.renders, 0),
    renderJs: quantile(runs.flatMap((r) => r.renderJs).sort((a, b) => a - b), 0.5),
  };
}

const fmtFrames = (x: FrameStats) =>
  `median ${f(x.median)}, p95 ${f(x.p95)}, max ${f(x.max)}, ${(x.slow * 100).toFixed(0)}% of frames over ${SLOW_FRAME_MS} ms ` +
  `(${(x.slowTime * 100).toFixed(0)}% of the time; ${x.frames} frames, ${x.fps.toFixed(1)} fps, ${x.renders} map renders, ` +
  `median ${f(x.renderJs)} of main-thread JS per map render)`;
const ratio = (a: number, b: number) => `×${(a / b).toFixed(2)}`;

function longTaskSummary(tasks: LongTask[], from: number, to: number): string {
  const t = tasks.filter((x) => x.start >= from && x.start < to);
  if (!t.length) return 'no long tasks';
  const total = t.reduce((a, x) => a + x.ms, 0);
  const max = Math.max(...t.map((x) => x.ms));
  return `${t.length} long task${t.length > 1 ? 's' : ''} on the main thread, ${s(total)} in all, longest ${s(max)}`;
}

async function resources(page: Page): Promise<ResourceEntry[]> {
  return page.evaluate(`performance.getEntriesByType('resource').map((e) => ({
    name: e.name, start: e.startTime, end: e.responseEnd, ms: e.duration, ttfb: e.responseStart - e.requestStart,
    encoded: e.encodedBodySize, decoded: e.decodedBodySize, transfer: e.transferSize }))`) as Promise<ResourceEntry[]>;
}

/** Real mouse drags on the map for `ms`: back and forth across the middle of the map, 0.6 s a drag. */
async function pan(page: Page, ms = PAN_MS): Promise<FrameRun & { drags: number; moves: number }> {
  const box = (await page.getByTestId('map').boundingBox())!;
  // the right-hand middle of the map: the layer panel and legend float on the left
  const cx = box.x + box.width * 0.62, cy = box.y + box.height * 0.55;
  const dx = Math.min(320, box.width * 0.2), dy = Math.min(140, box.height * 0.15);
  const onCanvas = await page.evaluate(`[[${cx - dx}, ${cy - dy}], [${cx + dx}, ${cy + dy}]].every(([x, y]) =>
    document.elementFromPoint(x, y)?.classList.contains('maplibregl-canvas'))`);
  if (!onCanvas) console.log('   (warning: the drag path starts or ends outside the map canvas)');
  let dir = 1, drags = 0, moves = 0;
  await page.mouse.move(cx - dx, cy - dy);
  await page.evaluate('window.__bench.startFrames()');
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    await page.mouse.down();
    const d0 = Date.now();
    for (;;) {
      const u = Math.min(1, (Date.now() - d0) / 600);
      const k = dir * (2 * u - 1);
      await page.mouse.move(cx + k * dx, cy + k * dy);
      moves++;
      if (u >= 1) break;
    }
    await page.mouse.up();
    dir = -dir;
    drags++;
  }
  const run = await page.evaluate('window.__bench.stopFrames()') as FrameRun;
  await page.evaluate('window.__bench.idleNow(120000)');
  return { ...run, drags, moves };
}

type View = { center: [number, number]; zoom: number };
async function jumpTo(page: Page, v: View): Promise<void> {
  await page.evaluate(`window.__lianpian.map.jumpTo(${JSON.stringify(v)})`);
  await page.evaluate('window.__bench.idleNow(180000)');
}

// the app's layers by what they draw (client/map/layers.ts LAYER), for the ablation at the city's zoom
const LAYER_GROUPS: Record<string, string[]> = {
  'compound fill': ['communities-fill'],
  'compound outline': ['communities-outline'],
  'compound labels': ['community-labels'],
  'roads and lanes': ['roads-casing', 'roads', 'road-labels'],
  pipes: ['pipes-buried', 'pipes-overhead'],
  amenities: ['amenities'],
  'water, boundaries, packages': ['water', 'water-labels', 'boundaries-subdistrict', 'boundaries-district', 'subdistrict-labels', 'packages-outline'],
};
const ABLATION_MS = 4000;

// the layers the app's mousemove handler queries for hover (client/map/MapView.tsx INTERACTIVE_LAYERS)
const HOVER_LAYERS = ['amenities', 'pipes-overhead', 'pipes-buried', 'communities-fill', 'roads'];

interface ViewRun { label: string; stats: FrameStats; run: Awaited<ReturnType<typeof pan>>; repaint: FrameStats; query: { ms: number; layers: number } }

/** At each view in turn: repaint with no input, one hover query, then real drags. */
async function panViews(page: Page, views: { label: string; view: View }[]): Promise<ViewRun[]> {
  const out = [];
  for (const { label, view } of views) {
    await jumpTo(page, view);
    const repaint = frameStats([await page.evaluate('window.__bench.repaintFrames(3000)') as FrameRun]);
    await page.evaluate('window.__bench.idleNow(120000)');
    const query = await page.evaluate(`window.__bench.queryCost(${JSON.stringify(HOVER_LAYERS)})`) as { ms: number; layers: number };
    const run = await pan(page);
    out.push({ label, stats: frameStats([run]), run, repaint, query });
  }
  return out;
}

const diag = (r: ViewRun) =>
  `         no input, continuous repaint: median ${f(r.repaint.median)}, p95 ${f(r.repaint.p95)} (${r.repaint.fps.toFixed(1)} fps, ` +
  `${f(r.repaint.renderJs)} main-thread JS per render); ` +
  `one hover query (queryRenderedFeatures on ${r.query.layers} layers, run on every mousemove) ${f(r.query.ms)}`;

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }

/**
 * A CPU profile of the main thread over a reload of the page until the map is idle again (a second
 * load, after the measured one, so that the profiler's overhead is in no figure above): where the
 * self time goes, by function (file:line:column of the built client; names are minified).
 */
async function profileLoad(browser: Browser, url: string): Promise<{ busy: number; top: { name: string; ms: number }[] }> {
  const page = await browser.newPage({ viewport: VIEWPORT, locale: 'zh-CN' });
  try {
    await page.addInitScript({ content: INIT });
    await page.goto(url);
    await page.waitForFunction('window.__bench && window.__bench.firstIdle !== null', null, { timeout: 300_000, polling: 250 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    await page.reload();
    await page.waitForFunction('window.__bench && window.__bench.firstIdle !== null', null, { timeout: 300_000, polling: 250 });
    const { profile } = await cdp.send('Profiler.stop') as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    let busy = 0;
    profile.samples.forEach((id, i) => {
      const n = byId.get(id)!;
      const { functionName, url: u, lineNumber, columnNumber } = n.callFrame;
      if (functionName === '(idle)') return;
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      busy += ms;
      const file = u ? ` ${u.replace(/^.*\//, '')}:${lineNumber + 1}:${columnNumber + 1}` : '';
      const key = `${functionName || '(anonymous)'}${file}`;
      self.set(key, (self.get(key) ?? 0) + ms);
    });
    // name the minified functions by the first characters of their code
    const where = new Map<string, { url: string; line: number; col: number }>();
    for (const n of profile.nodes) {
      const { functionName, url: u, lineNumber, columnNumber } = n.callFrame;
      if (u) where.set(`${functionName || '(anonymous)'} ${u.replace(/^.*\//, '')}:${lineNumber + 1}:${columnNumber + 1}`, { url: u, line: lineNumber, col: columnNumber });
    }
    const sources = new Map<string, string[]>();
    const top = [];
    for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
      const w = where.get(name);
      let code = '';
      if (w && w.url.startsWith(url)) {
        if (!sources.has(w.url)) sources.set(w.url, (await (await fetch(w.url)).text()).split('\n'));
        code = ` «${(sources.get(w.url)![w.line] ?? '').slice(w.col, w.col + 60)}…»`;
      }
      top.push({ name: name + code, ms });
    }
    return { busy, top };
  } finally {
    await page.close();
  }
}

export async function benchBrowser(n = 20_000): Promise<void> {
  console.log(`\n9. the app in headless Chromium on a ${int(n)}-compound city (bigCity.ts), ${VIEWPORT.width}×${VIEWPORT.height}`);
  if (!existsSync(CHROMIUM)) {
    console.log(`   Chromium not found at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk): skipped`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lianpian-browser-bench-'));
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  let browser: Browser | undefined;
  try {
    // the data set, through the real load path into a fresh file
    const g0 = performance.now();
    const ds = bigCityDataset(n);
    const gen = performance.now() - g0;
    const db = join(dir, 'city.db');
    const store = new Store(db);
    const l0 = performance.now();
    let counts;
    try {
      counts = loadDataset(store, ds, 'bench');
    } finally {
      store.close();
    }
    console.log(`   data set generated in ${s(gen)}, validated and imported in ${s(performance.now() - l0)}: ` +
      Object.entries(counts).map(([k, v]) => `${int(v as number)} ${k}`).join(', '));

    if (!existsSync(resolve(root, 'dist/index.html'))) {
      console.log('   dist/ has no built client: npm run build');
      const b = spawnSync('npm', ['run', 'build', '--', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
      if (b.status !== 0) throw new Error(`npm run build failed with ${b.status}`);
    }
    app = await startApp({ db });
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.addInitScript({ content: INIT });

    const renderer = await page.evaluate(`(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const ext = gl && gl.getExtension('WEBGL_debug_renderer_info');
      return gl ? (ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'no WebGL2';
    })()`).catch(() => 'unknown');
    console.log(`   caveat: headless Chromium renders WebGL in software (${renderer}) on ${cpus().length} CPU cores here, ` +
      'so frame times are far slower than on a real GPU; compare the ratios within this run, not the absolute figures');

    // ---- a. page load to the first idle map ----
    await page.goto(app.url);
    await page.waitForFunction('window.__bench && window.__bench.firstIdle !== null', null, { timeout: 300_000, polling: 250 });
    const load = await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const map = window.__lianpian.map;
      const ids = new Set(map.queryRenderedFeatures({ layers: ['communities-fill'] }).map((f) => f.properties.id));
      const src = new Set(map.querySourceFeatures('communities').map((f) => f.properties.id));
      const c = map.getCenter();
      return {
        dcl: nav.domContentLoadedEventEnd, loadEvent: nav.loadEventEnd, mapAt: window.__bench.mapAt, firstIdle: window.__bench.firstIdle,
        rendered: ids.size, inSource: src.size, zoom: map.getZoom(), center: [c.lng, c.lat],
        heap: performance.memory ? performance.memory.usedJSHeapSize : null, noLongTasks: window.__bench.noLongTasks || null,
      };
    })()`) as {
      dcl: number; loadEvent: number; mapAt: number; firstIdle: number; rendered: number; inSource: number; zoom: number;
      center: [number, number]; heap: number | null; noLongTasks: string | null;
    };
    const res = await resources(page);
    const layers = res.filter((r) => r.name.includes('/api/layers/'));
    const apiEnd = Math.max(...res.filter((r) => r.name.includes('/api/')).map((r) => r.end));
    const tasks = (await page.evaluate('window.__bench.longTasks')) as LongTask[];
    console.log(`   a. page load → first idle map: ${s(load.firstIdle)} (DOMContentLoaded ${s(load.dcl)}, layers fetched ${s(apiEnd)}, ` +
      `map 'load' ${s(load.mapAt)}, first 'idle' ${s(load.firstIdle)}); ${int(load.rendered)} of ${int(n)} compounds rendered at zoom ` +
      `${load.zoom.toFixed(2)} (${int(load.inSource)} in loaded tiles)${load.heap ? `, JS heap ${mb(load.heap)}` : ''}`);
    const byName = (r: ResourceEntry) => r.name.replace(/^.*\/api\/layers\//, '').replace(/\?.*$/, '');
    console.log('      layer responses (JSON decoded / gzip on the wire, time): ' + [...layers].sort((a, b) => b.decoded - a.decoded)
      .map((r) => `${byName(r)} ${mb(r.decoded)} / ${mb(r.encoded)}, ${s(r.ms)}`).join('; '));
    const comm = layers.find((r) => byName(r) === 'communities');
    if (comm) console.log(`      communities: ${int(Math.round(comm.decoded / n))} bytes of JSON a compound`);
    const sum = (k: 'decoded' | 'encoded') => layers.reduce((t, r) => t + r[k], 0);
    console.log(`      all layers: ${mb(sum('decoded'))} of JSON, ${mb(sum('encoded'))} on the wire (${(sum('decoded') / Math.max(1, sum('encoded'))).toFixed(1)}× smaller)`);
    if (load.noLongTasks) console.log(`      (long tasks not observable: ${load.noLongTasks})`);
    else {
      console.log(`      main thread: until the layers arrived ${longTaskSummary(tasks, 0, apiEnd)}; ` +
        `layers → map 'load' ${longTaskSummary(tasks, apiEnd, load.mapAt)}; map 'load' → idle ${longTaskSummary(tasks, load.mapAt, load.firstIdle + 1)}`);
    }

    const parse = await page.evaluate(`window.__bench.parseCost('/api/layers/communities')`) as { chars: number; parse: number; clone: number };
    console.log(`      communities JSON on the main thread: JSON.parse ${s(parse.parse)} for ${mb(parse.chars)}, structuredClone of the result ` +
      `(what handing the object to MapLibre's worker costs, per source) ${s(parse.clone)}`);

    // ---- b. panning in 探索: the baseline ----
    const cityView: View = { center: load.center, zoom: load.zoom };
    const closeView: View = { center: load.center, zoom: 16 };
    const views = [{ label: `city zoom ${cityView.zoom.toFixed(1)}`, view: cityView }, { label: 'zoom 16', view: closeView }];
    const explore = await panViews(page, views);
    console.log(`   b. panning in 探索 (real mouse drags, ${PAN_MS / 1000} s per view; frame = interval between requestAnimationFrame callbacks) — BASELINE`);
    for (const r of explore) {
      console.log(`      ${r.label}: ${fmtFrames(r.stats)}; ${r.run.drags} drags, ${r.run.moves} mouse moves delivered`);
      console.log(diag(r));
    }

    // which layers the drawing time goes to: continuous repaint at the city's zoom with one group hidden at a time
    await jumpTo(page, cityView);
    const ablation = await page.evaluate(`(async () => {
      const map = window.__lianpian.map, b = window.__bench;
      const groups = ${JSON.stringify(LAYER_GROUPS)};
      const z = map.getZoom();
      const out = [];
      const control = async (name) => {
        const r = await b.repaintFrames(${ABLATION_MS});
        const d = [...r.intervals].sort((x, y) => x - y), j = [...r.renderJs].sort((x, y) => x - y);
        out.push({ name, frame: d[d.length >> 1], js: j[j.length >> 1], frames: d.length });
      };
      for (const [name, ids] of Object.entries(groups)) {
        // only layers drawn at this zoom
        const present = ids.filter((id) => {
          const l = map.getLayer(id);
          return l && map.getLayoutProperty(id, 'visibility') !== 'none' && (l.minzoom ?? 0) <= z && z < (l.maxzoom ?? 24);
        });
        if (!present.length) continue;
        for (const id of present) map.setLayoutProperty(id, 'visibility', 'none');
        await b.idleNow(120000);
        const r = await b.repaintFrames(${ABLATION_MS});
        for (const id of present) map.setLayoutProperty(id, 'visibility', 'visible');
        await b.idleNow(120000);
        const d = [...r.intervals].sort((x, y) => x - y), j = [...r.renderJs].sort((x, y) => x - y);
        out.push({ name: '−' + name, frame: d[d.length >> 1], js: j[j.length >> 1], frames: d.length });
      }
      await control('all shown again (the noise)');
      return out;
    })()`) as { name: string; frame: number; js: number; frames: number }[];
    const all = explore[0].repaint;
    console.log(`      where the city-zoom frame goes: continuous repaint, ${ABLATION_MS / 1000} s each, with one group of the layers drawn at this zoom hidden ` +
      `(all shown: ${f(all.median)} a frame, ${f(all.renderJs)} JS):`);
    console.log('         ' + ablation.map((a) => `${a.name} ${f(a.frame)} (${a.frames} frames, ${f(a.js)} JS)`).join(', '));

    // ---- c. 组包: run the suggestions, then pan with them drawn ----
    const tab = page.locator('[data-testid="mode-package"]');
    if ((await tab.count()) === 0) {
      console.log('   c. 组包 (package) mode not built yet: skipped (no [data-testid="mode-package"] tab in the header)');
    } else {
      // the mode is being built while this bench is written: a failure there is reported, not fatal to the rest
      try {
        // the switch: the map is shared by the modes, so 组包 only swaps its look and adds its layers
        const mapsBefore = (await page.evaluate('window.__bench.maps.length')) as number;
        const tasksAtSwitch = ((await page.evaluate('window.__bench.longTasks')) as LongTask[]).length;
        await tab.click();
        await page.locator('[data-testid="tab-suggest"]').waitFor({ state: 'visible', timeout: 300_000 });
        const swIdle = (await page.evaluate(`new Promise((ok) => { const m = window.__lianpian.map; m.once('idle', () => ok(performance.now())); m.triggerRepaint(); })`)) as number;
        const swClick = (await page.evaluate(`window.__bench.clicks['mode-package']`)) as number;
        const mapsAfter = (await page.evaluate('window.__bench.maps.length')) as number;
        const swTasks = ((await page.evaluate('window.__bench.longTasks')) as LongTask[]).slice(tasksAtSwitch);
        console.log(`   c. switch 探索 → 组包: ${mapsAfter === mapsBefore ? 'the same map' : 'a new map'}, idle with the 组包 look after ${s(swIdle - swClick)} ` +
          `(baseline: page load → first idle ${s(load.firstIdle)}, ×${(load.firstIdle / Math.max(1, swIdle - swClick)).toFixed(0)} faster); ${longTaskSummary(swTasks, swClick, swIdle + 1)}`);
        const run = page.locator('[data-testid="run-suggestions"]');
        await run.waitFor({ state: 'visible', timeout: 60_000 });
        await jumpTo(page, cityView);
        const before = (await resources(page)).length;
        const tasksBefore = ((await page.evaluate('window.__bench.longTasks')) as LongTask[]).length;
        const response = page.waitForResponse((r) => r.url().includes('/api/analysis/packaging') && r.request().method() === 'POST', { timeout: 600_000 });
        response.catch(() => undefined); // awaited below; a failed click must not leave it unhandled
        await run.click();
        const body = (await (await response).json()) as { stats?: { ms?: number; p?: number; small?: number; placedSmall?: number }; packages?: unknown[] };
        await page.locator('[data-testid="suggestions-summary"]').waitFor({ state: 'visible', timeout: 600_000 });
        await page.waitForFunction('window.__bench.summaryAt !== null', null, { timeout: 60_000 });
        const t = await page.evaluate(`(async () => {
          const b = window.__bench;
          const drawn = await b.settledAfter(b.summaryAt, 600000);
          return { clickAt: b.clickAt, summaryAt: b.summaryAt, drawn };
        })()`) as { clickAt: number; summaryAt: number; drawn: number };
        const after = (await resources(page)).slice(before);
        const post = after.find((r) => r.name.includes('/api/analysis/packaging'));
        const serverMs = body.stats?.ms ?? NaN;
        const drawnMs = t.drawn - t.clickAt;
        console.log(`      组包: click 运行建议 → summary shown ${s(t.summaryAt - t.clickAt)}, → packages drawn and the map idle ${s(drawnMs)}` +
          ` (${body.packages?.length ?? '?'} suggested packages${body.stats?.small !== undefined ? `, ${body.stats.placedSmall}/${body.stats.small} small sites placed` : ''})`);
        console.log(`      server: suggestPackages stats.ms ${s(serverMs)}; POST /api/analysis/packaging as the page saw it ${post ? `${s(post.ms)} ` +
          `(waiting for the first byte ${s(post.ttfb)}, response ${mb(post.decoded)} JSON / ${mb(post.encoded)} on the wire)` : '(no resource entry)'}`);
        console.log(`      → drawn vs server's own time ${ratio(drawnMs, serverMs)}${post ? `, drawn vs request wall time ${ratio(drawnMs, post.ms)}` : ''}; ` +
          `client after the response ${post ? s(t.drawn - post.end) : '?'}`);
        const others = after.filter((r) => r !== post);
        if (others.length) console.log(`      other requests after the click: ${others.map((r) => `${r.name.replace(/^https?:\/\/[^/]+/, '')} ${mb(r.decoded)} ${s(r.ms)}`).join('; ')}`);
        const tasksNow = ((await page.evaluate('window.__bench.longTasks')) as LongTask[]).slice(tasksBefore);
        const respEnd = post ? post.end : t.summaryAt;
        console.log(`      main thread: click → response ${longTaskSummary(tasksNow, t.clickAt, respEnd)}; response → summary ` +
          `${longTaskSummary(tasksNow, respEnd, t.summaryAt)}; summary → drawn ${longTaskSummary(tasksNow, t.summaryAt, t.drawn + 1)}`);

        const pkg = await panViews(page, views);
        console.log(`      panning in 组包 with the suggestions drawn, against the 探索 baseline:`);
        pkg.forEach((r, i) => {
          const b = explore[i].stats;
          console.log(`      ${r.label}: ${fmtFrames(r.stats)} → median ${ratio(r.stats.median, b.median)}, p95 ${ratio(r.stats.p95, b.p95)}, ` +
            `slow frames ${(r.stats.slow * 100).toFixed(0)}% vs ${(b.slow * 100).toFixed(0)}%, time in slow frames ${(r.stats.slowTime * 100).toFixed(0)}% vs ${(b.slowTime * 100).toFixed(0)}%`);
          console.log(diag(r));
        });
      } catch (err) {
        console.log(`   c. 组包 failed, figures above stand: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    if (errors.length) console.log(`   page errors (${errors.length}): ${errors.slice(0, 3).join(' | ').slice(0, 600)}`);
    await page.close(); // nothing else running while the profile is taken
    const prof = await profileLoad(browser, app.url);
    console.log(`   main-thread CPU profile of a reload until the map is idle (${s(prof.busy)} busy; '(program)' is native work: ` +
      `structured clones for the workers, GL calls into the software GPU process, layout), top self time:`);
    for (const t of prof.top) console.log(`      ${s(t.ms)}  ${t.name}`);
  } finally {
    await browser?.close().catch(() => {});
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// run alone: npx tsx test/bench/browser.ts (or npm run bench -- browser)
if (import.meta.url === `file://${process.argv[1]}`) await benchBrowser();
