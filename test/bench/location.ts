// 11. Where to put a new kindergarten in one 街道 of the 20 000-compound city of bigCity.ts, through
// the real route (GET /api/analysis/location), and the coverage step on its own against a naive
// version measured in the same run on the same input: one bounded Dijkstra per candidate (there
// are many more candidates than uncovered compounds), each scanning every demand exit point, then
// plain greedy that re-counts every candidate's gain each round (no per-candidate index built from
// the per-compound searches, no lazy evaluation). Both must pick the same sites.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position } from 'geojson';
import { createAccessIndex } from '../../server/accessIndex.ts';
import { locationProblem, type LocationArea } from '../../server/accessAnswers.ts';
import { BoundedSearch } from '../../server/analysis/bounded.ts';
import { maximalCoverage, type CoverageInput, type CoveragePick } from '../../server/analysis/coverage.ts';
import { attachPoints, type WalkNetwork } from '../../server/analysis/walk.ts';
import { createApp } from '../../server/app.ts';
import type { LocationResponse } from '../../server/domain/api.ts';
import { loadDataset } from '../../server/load.ts';
import { Store } from '../../server/store/store.ts';
import { bigCityDataset } from './bigCity.ts';
import { fmtMs, time } from './timing.ts';

const f = fmtMs;
const int = (x: number) => x.toLocaleString('en-US').replace(/,/g, ' ');

/** The naive way (see the header): per candidate a bounded search and a scan of every demand exit point, then plain greedy. */
export function naiveCoverage(network: WalkNetwork, input: CoverageInput): CoveragePick[] {
  const { demandPoints, weight, candidates, radiusM, maxSites } = input;
  const D = demandPoints.length;
  const owner: number[] = [];
  const flat: Position[] = [];
  demandPoints.forEach((pts, i) => { for (const p of pts) { flat.push(p); owner.push(i); } });
  const dem = attachPoints(network, flat);
  const cand = attachPoints(network, candidates);
  const search = new BoundedSearch(network);
  const sets: number[][] = [];
  const hit = new Uint8Array(D);
  for (let c = 0; c < candidates.length; c++) {
    search.run(cand, c, c + 1, radiusM);
    const { dist } = search;
    hit.fill(0);
    const list: number[] = [];
    for (let p = 0; p < dem.count; p++) {
      let d = Math.min(dist[dem.a[p]] + dem.da[p], dist[dem.b[p]] + dem.db[p]);
      if (dem.edge[p] === cand.edge[c]) d = Math.min(d, cand.connector[c] + Math.abs(cand.da[c] - dem.da[p]));
      if (d + dem.connector[p] <= radiusM && !hit[owner[p]]) { hit[owner[p]] = 1; list.push(owner[p]); }
    }
    sets.push(list.sort((a, b) => a - b));
  }
  search.reset();
  const covered = new Uint8Array(D);
  const picks: CoveragePick[] = [];
  while (picks.length < maxSites) {
    let best = -1, bw = 0, bn = 0;
    sets.forEach((s, c) => {
      let w = 0, n = 0;
      for (const d of s) if (!covered[d]) { w += weight[d]; n++; }
      if (w > bw || (w === bw && w > 0 && n > bn)) { best = c; bw = w; bn = n; }
    });
    if (best === -1) break;
    const covers = sets[best].filter((d) => !covered[d]);
    for (const d of covers) covered[d] = 1;
    picks.push({ candidate: best, gainWeight: bw, gainCount: bn, covers });
  }
  return picks;
}

export async function benchLocation(): Promise<void> {
  const N = 20_000;
  const dir = mkdtempSync(join(tmpdir(), 'lianpian-bench-location-'));
  try {
    const store = new Store(join(dir, 'city.db'));
    loadDataset(store, bigCityDataset(N), 'bench');
    const kind = 'kindergarten';
    // the 街道 with the most compounds
    const name = store.subdistricts()[0];
    const url = (count: number) => `/api/analysis/location?kind=${kind}&subdistrict=${encodeURIComponent(name)}&count=${count}`;

    const app = createApp({ store });
    let t0 = performance.now();
    const first = await app.request(url(5));
    const coldMs = performance.now() - t0;
    if (first.status !== 200) throw new Error(`location answered ${first.status}: ${await first.text()}`);
    const answer = (await first.json()) as LocationResponse;
    const warm: number[] = [];
    for (let k = 0; k < 5; k++) {
      t0 = performance.now();
      await (await app.request(url(5))).json();
      warm.push(performance.now() - t0);
    }
    warm.sort((a, b) => a - b);
    const warmMs = warm[2];
    console.log(`11. location of new ${kind}s in ${name} of a ${int(N)}-compound city (GET /api/analysis/location, 5 sites)`);
    console.log(`    ${int(answer.uncovered.communities)} compounds (${int(answer.uncovered.households)} households) lack one within ${answer.radiusM} m on foot; ${int(answer.candidates)} candidate sites; ${int(answer.coverable.communities)} compounds coverable`);
    console.log(`    first request ${f(coldMs)} (walking network + gap table for every kind + location), then ${f(warmMs)} (location only, median of 5)`);
    console.log(`    picks: ${answer.picks.map((p) => `+${int(p.gainHouseholds)} hh (${p.gainCommunities}, ${p.source})`).join(', ')} = ${int(answer.picks.at(-1)?.cumulativeHouseholds ?? 0)} households`);

    // the coverage step alone, on the input the route builds
    const access = createAccessIndex(store);
    const network = access.network();
    const boundary = store.boundaries().find((b) => b.properties.level === 'subdistrict' && b.properties.name === name)!;
    const g = boundary.geometry;
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new Error(`the outline of ${name} is a ${g.type}`);
    const area: LocationArea = { type: 'subdistrict', id: boundary.properties.id, name, polygons: g.type === 'Polygon' ? [g.coordinates] : g.coordinates };
    const radiusM = answer.radiusM;
    const prep = time(() => locationProblem(store, access, kind, radiusM, area, 5), 3);
    const problem = prep.out;
    const fast = time(() => maximalCoverage(network, problem.input), 3);
    const { out: naive, ms: naiveMs } = time(() => naiveCoverage(network, problem.input), 1); // after a warm-up run, as the fast one
    const same = JSON.stringify(naive) === JSON.stringify(fast.out.picks);
    const points = problem.input.demandPoints.reduce((s, p) => s + p.length, 0);
    console.log(`    coverage step (${int(problem.demand.length)} demand compounds, ${int(points)} exit points, ${int(problem.input.candidates.length)} candidates): ` +
      `per-compound bounded searches + inverted index + lazy greedy ${f(fast.ms)} (median of 3) vs naive, a bounded search per candidate + plain greedy, ${f(naiveMs)} (after a warm-up) → ${(naiveMs / fast.ms).toFixed(1)}× faster`);
    console.log(`    (building the input: uncovered compounds from the gap table, street nodes in the 街道, exit points: ${f(prep.ms)}); same sites and gains: ${same ? 'yes' : 'NO'}`);
    if (!same) throw new Error(`location bench: the naive version picked ${JSON.stringify(naive.map((p) => p.candidate))}, the fast one ${JSON.stringify(fast.out.picks.map((p) => p.candidate))}`);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
