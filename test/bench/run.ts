// npm run bench — figures for the store and the layer API, each against a baseline in the same run.
//  1. import: seeding the demo district through the real load path (validation + one transaction)
//  2. bbox query on a 20 000-compound city: SQLite R*Tree vs a full scan filtered in JS (baseline)
//  3. GET /api/layers/communities: full city, viewport bbox, and 304 revalidation; gzip ratio
//  4–8. neighbour graphs, max-p and the whole package suggestion (graph.ts, maxp.ts, packaging.ts)
//  9. the app in headless Chromium on a 20 000-compound city: load, panning, 组包 suggestions (browser.ts)
// 10. walking access on that city: one multi-source Dijkstra per facility kind vs one run per compound (access.ts)
// 11. where to site new kindergartens in one 街道 of that city: the route, and greedy coverage vs a naive version (location.ts)
// Only some sections: npm run bench -- 9 (numbers or names: import layers graph maxp packaging browser access location);
// a number runs the group it belongs to (2 and 3 share their city, so do 4–5 and 6–7).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createApp } from '../../server/app.ts';
import type { BBox } from '../../server/domain/api.ts';
import type { DatasetInput } from '../../server/domain/model.ts';
import { loadDataset } from '../../server/load.ts';
import { readDatasetDir } from '../../server/store/files.ts';
import { Store } from '../../server/store/store.ts';
import { benchGraph } from './graph.ts';
import { fmtMs, time, timeAsync } from './timing.ts';
import { benchMaxP } from './maxp.ts';
import { benchPackaging } from './packaging.ts';
import { benchBrowser } from './browser.ts';
import { benchAccess } from './access.ts';
import { benchLocation } from './location.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'lianpian-bench-'));

const f = fmtMs;

// A city of n walled compounds on a grid with lanes between them (≈ 60 m × 60 m each).
function syntheticCity(n: number): DatasetInput {
  const side = Math.ceil(Math.sqrt(n));
  const d = 0.0007; // ≈ 68 m at 29°N
  const features = [];
  for (let i = 0; i < n; i++) {
    const x = 117.0 + (i % side) * d;
    const y = 29.0 + Math.floor(i / side) * d;
    const w = d * 0.9;
    features.push({
      type: 'Feature' as const,
      geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + w, y], [x + w, y + w], [x, y + w], [x, y]] as [number, number][]] },
      properties: {
        id: `c${i}`, name: `小区${i}`, subdistrict: `街道${i % 12}`, households: 20 + ((i * 37) % 600), buildings: 1 + (i % 12),
        floorArea: 5000 + ((i * 91) % 40000), buildYear: 1975 + (i % 45), management: (['property', 'unit', 'none'] as const)[i % 3], isOld: i % 45 < 30,
      },
    });
  }
  return { meta: { name: 'bench city', synthetic: true, description: 'grid' }, communities: { type: 'FeatureCollection', features } };
}

const GROUPS = [
  { name: 'import', sections: [1] },
  { name: 'layers', sections: [2, 3] },
  { name: 'graph', sections: [4, 5] },
  { name: 'maxp', sections: [6, 7] },
  { name: 'packaging', sections: [8] },
  { name: 'browser', sections: [9] },
  { name: 'access', sections: [10] },
  { name: 'location', sections: [11] },
] as const;
type Group = (typeof GROUPS)[number]['name'];

/** The groups named on the command line (all when none is): `npm run bench -- 9` or `-- browser graph`. */
function selected(args: string[]): Set<Group> {
  if (args.length === 0) return new Set(GROUPS.map((g) => g.name));
  const out = new Set<Group>();
  for (const a of args) {
    const g = GROUPS.find((x) => x.name === a || (x.sections as readonly number[]).includes(Number(a)));
    if (!g) {
      console.error(`unknown bench section "${a}": use 1–11 or ${GROUPS.map((x) => x.name).join(', ')}`);
      process.exit(2);
    }
    out.add(g.name);
  }
  return out;
}

async function main() {
  const run = selected(process.argv.slice(2));
  console.log(`Lianpian bench — node ${process.version}, ${new Date().toISOString()}\n`);

  if (run.has('import')) importDemo();
  if (run.has('layers')) await layers();
  // 4–5. neighbour graphs: queen contiguity on NAT, the gap graph on a 20 000-compound city
  if (run.has('graph')) await benchGraph();
  // 6–7. max-p regionalization: mexico and sids2 against spopt and GeoDa, a 20 000-compound city
  if (run.has('maxp')) await benchMaxP();
  // 8. the whole package suggestion on that city: gap graph + max-p + explanations
  if (run.has('packaging')) await benchPackaging();
  // 9. the app in a real browser on a 20 000-compound city
  if (run.has('browser')) await benchBrowser();
  // 10. walking access: multi-source shortest paths per kind vs one run per compound
  if (run.has('access')) await benchAccess();
  // 11. siting a new facility: greedy maximal coverage vs a naive version
  if (run.has('location')) await benchLocation();
}

function importDemo() {
  // 1. import the demo
  const demoStore = new Store(join(dir, 'demo.db'));
  const raw = readDatasetDir(resolve(root, 'data/demo'));
  const imp = time(() => loadDataset(demoStore, raw, 'bench'), 3);
  console.log(`1. seed the demo district (${imp.out.communities} communities, ${imp.out.pipes} pipes, ${imp.out.roads} roads): ${f(imp.ms)} median of 3`);
  demoStore.close();
}

async function layers() {
  // 2. bbox queries on a 20 000-compound city
  const N = 20_000;
  const city = new Store(join(dir, 'city.db'));
  const ti = performance.now();
  loadDataset(city, syntheticCity(N), 'bench');
  console.log(`2. import a ${N}-compound city: ${f(performance.now() - ti)}`);
  const side = Math.ceil(Math.sqrt(N));
  const viewport: BBox = [117.0 + 0.0007 * side * 0.4, 29.0 + 0.0007 * side * 0.4, 117.0 + 0.0007 * side * 0.5, 29.0 + 0.0007 * side * 0.5];
  const rtree = time(() => city.communities(viewport), 20);
  const scan = time(() => city.communities().filter((c) => {
    const ring = c.geometry.coordinates[0];
    return ring.some(([x, y]) => x >= viewport[0] && x <= viewport[2] && y >= viewport[1] && y <= viewport[3]);
  }), 5);
  console.log(`   viewport query (${rtree.out.length} of ${N}): R*Tree ${f(rtree.ms)} vs full scan ${f(scan.ms)} (baseline) → ${(scan.ms / rtree.ms).toFixed(1)}× faster`);
  if (rtree.out.length !== scan.out.length) throw new Error(`R*Tree found ${rtree.out.length}, scan ${scan.out.length}`);

  // 3. the layer endpoint
  const app = createApp({ store: city });
  let body = '';
  const full = await timeAsync(async () => { body = await (await app.request('/api/layers/communities')).text(); }, 5);
  const bb = viewport.join(',');
  const part = await timeAsync(async () => { await (await app.request(`/api/layers/communities?bbox=${bb}`)).text(); }, 20);
  const etag = (await app.request('/api/layers/communities')).headers.get('etag')!;
  const revalidate = await timeAsync(async () => { await app.request('/api/layers/communities', { headers: { 'If-None-Match': etag } }); }, 50);
  const gz = gzipSync(body).length;
  console.log(`3. GET /api/layers/communities, ${N} compounds: full ${f(full)} (${(body.length / 1e6).toFixed(1)} MB JSON, gzip ${(gz / 1e6).toFixed(1)} MB = ${(body.length / gz).toFixed(1)}× smaller)`);
  console.log(`   viewport bbox ${f(part)} → ${(full / part).toFixed(1)}× faster than full; 304 revalidation ${f(revalidate)} → ${(full / revalidate).toFixed(0)}× faster than full`);
  city.close();
}

main().finally(() => rmSync(dir, { recursive: true, force: true }));
