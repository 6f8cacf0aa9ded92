// 10. Walking access on the generated city of graph.ts (20 000 compounds): the road grid with
// lanes running to the centre lines of the streets around each block (T-junctions to node), the
// canal crossed only by arterials, arterials joined only at junctions; 12 facility kinds placed at
// random (mulberry32). The multi-source way (compoundAccess: one Dijkstra per kind) against the
// baseline of one shortest-path run per compound (stopped as soon as the nearest facility of every
// kind is settled), measured in the same run on a sample and extrapolated to every compound.
import type { Feature, LineString, Position } from 'geojson';
import { compoundAccess, NodeHeap, type CompoundFeature, type FacilityFeature } from '../../server/analysis/access.ts';
import { mulberry32 } from '../../server/analysis/random.ts';
import { attachPoints, buildWalkNetwork, type WalkNetwork, type WalkRoadProps } from '../../server/analysis/walk.ts';
import { AMENITY_KINDS } from '../../server/domain/model.ts';
import { city, ll } from './graph.ts';
import { fmtMs, time } from './timing.ts';

const f = fmtMs;
const int = (x: number) => x.toLocaleString('en-US').replace(/,/g, ' ');

/** Roads, compounds with gates (every tenth without) and facilities of 12 kinds on city(n). */
export function accessCity(n = 20_000, seed = 10) {
  const { features, grid } = city(n);
  const { C, LANE, PER, CANAL, blockCols, usedRows, cols, rows, cell } = grid;
  const roads: Feature<LineString, WalkRoadProps>[] = [];
  const road = (cls: string, x0: number, y0: number, x1: number, y1: number) =>
    roads.push({ type: 'Feature', properties: { class: cls }, geometry: { type: 'LineString', coordinates: [ll(x0, y0), ll(x1, y1)] } });
  const xs = [{ at: -10, kind: 'branch' }, ...cols.roads];
  const ys = [{ at: -10, kind: 'branch' }, ...rows.roads.slice(0, usedRows)];
  xs.forEach((x, a) => ys.forEach((y, b) => {
    if (b + 1 < ys.length) {
      // branch roads end at the canal's banks; only arterials bridge it
      let y0 = y.at, y1 = ys[b + 1].at;
      if (x.kind !== 'arterial' && y.kind === 'canal') y0 += CANAL / 2;
      if (x.kind !== 'arterial' && ys[b + 1].kind === 'canal') y1 -= CANAL / 2;
      road(x.kind === 'arterial' ? 'arterial' : 'branch', x.at, y0, x.at, y1);
    }
    if (a + 1 < xs.length && y.kind !== 'canal') road(y.kind === 'arterial' ? 'arterial' : 'branch', x.at, y.at, xs[a + 1].at, y.at);
  }));
  // lanes between the compounds of a block, from street centre line to street centre line
  for (let br = 0; br < usedRows; br++) {
    for (let bc = 0; bc < blockCols; bc++) {
      if ((br * blockCols + bc) % 13 === 7) continue; // a park
      const x0 = cols.start[bc], y0 = rows.start[br];
      const south = ys[br], north = ys[br + 1];
      const yS = south.at + (south.kind === 'canal' ? CANAL / 2 : 0), yN = north.at - (north.kind === 'canal' ? CANAL / 2 : 0);
      for (let k = 1; k < PER; k++) {
        const off = k * (C + LANE) - LANE / 2;
        road('lane', x0 + off, yS, x0 + off, yN);
        road('lane', xs[bc].at, y0 + off, xs[bc + 1].at, y0 + off);
      }
    }
  }
  // gates: the middle of the south wall, a second one on the east wall of every third compound, none on every tenth
  const compounds: CompoundFeature[] = features.map((feat, k) => {
    const { br, bc, i, j } = cell[k];
    const x0 = cols.start[bc] + j * (C + LANE), y0 = rows.start[br] + i * (C + LANE);
    const gates: Position[] = k % 10 === 9 ? [] : k % 3 === 0 ? [ll(x0 + C / 2, y0), ll(x0 + C, y0 + C / 2)] : [ll(x0 + C / 2, y0)];
    return { ...feat, properties: { gates } };
  });
  // 12 kinds from common (400) to rare (10), uniform over the built-up area
  const rnd = mulberry32(seed);
  const kinds = AMENITY_KINDS.slice(0, 12) as string[];
  const counts = [400, 300, 200, 150, 120, 100, 80, 60, 40, 30, 20, 10];
  const top = rows.roads[usedRows - 1].at, right = cols.roads[blockCols - 1].at;
  const facilities: FacilityFeature[] = [];
  kinds.forEach((kind, k) => {
    for (let c = 0; c < counts[k]; c++) facilities.push({ type: 'Feature', properties: { kind }, geometry: { type: 'Point', coordinates: ll(rnd() * right, rnd() * top) } });
  });
  const radiusM: Record<string, number> = Object.fromEntries(kinds.map((kind, k) => [kind, [300, 500, 1000][k % 3]])); // 5-, 10-, 15-minute life circles
  return { roads, compounds, facilities, kinds, radiusM };
}

/**
 * Baseline: for each sampled compound, one Dijkstra from its gates (or boundary vertices) that
 * stops once the nearest facility of every kind is settled. Returns per sample compound per kind.
 */
function perCompound(network: WalkNetwork, compounds: CompoundFeature[], sample: number[], facilities: FacilityFeature[], kinds: string[]): Float64Array {
  const K = kinds.length;
  const kindOf = new Map(kinds.map((k, i) => [k, i]));
  const fac = attachPoints(network, facilities.map((x) => x.geometry.coordinates));
  const fk = Uint8Array.from(facilities, (x) => kindOf.get(x.properties.kind)!);
  // facilities by node (reached through either end of their edge) and by edge (reached along it)
  const atNode: [number, number][][] = Array.from({ length: network.n }, () => []);
  const onEdge = new Map<number, number[]>();
  for (let i = 0; i < fac.count; i++) {
    atNode[fac.a[i]].push([i, fac.da[i] + fac.connector[i]]);
    atNode[fac.b[i]].push([i, fac.db[i] + fac.connector[i]]);
    onEdge.set(fac.edge[i], [...(onEdge.get(fac.edge[i]) ?? []), i]);
  }
  const out = new Float64Array(sample.length * K);
  const best = new Float64Array(K);
  const { offsets, targets, lengths } = network;
  sample.forEach((c, s) => {
    const g = compounds[c];
    const pts = g.properties.gates?.length ? g.properties.gates : (g.geometry.coordinates[0] as Position[]).slice(0, -1);
    const from = attachPoints(network, pts);
    const dist = new Float64Array(network.n).fill(Infinity);
    const heap = new NodeHeap(network.n, dist);
    best.fill(Infinity);
    for (let p = 0; p < from.count; p++) {
      heap.lower(from.a[p], from.connector[p] + from.da[p]);
      heap.lower(from.b[p], from.connector[p] + from.db[p]);
      for (const i of onEdge.get(from.edge[p]) ?? []) best[fk[i]] = Math.min(best[fk[i]], Math.abs(from.da[p] - fac.da[i]) + from.connector[p] + fac.connector[i]);
    }
    while (heap.size > 0) {
      const u = heap.pop();
      const d = dist[u];
      let worst = 0;
      for (let k = 0; k < K; k++) if (best[k] > worst) worst = best[k];
      if (d >= worst) break; // every kind found, and nothing nearer can come
      for (const [i, off] of atNode[u]) if (d + off < best[fk[i]]) best[fk[i]] = d + off;
      for (let k = offsets[u], end = offsets[u + 1]; k < end; k++) {
        const v = targets[k];
        if (d + lengths[k] < dist[v]) heap.lower(v, d + lengths[k]);
      }
    }
    out.set(best, s * K);
  });
  return out;
}

export async function benchAccess(): Promise<void> {
  const N = 20_000;
  const { roads, compounds, facilities, kinds, radiusM } = accessCity(N);
  const build = time(() => buildWalkNetwork(roads, { arterialCrossingAtJunctionsOnly: true }), 3);
  const network = build.out;
  const access = time(() => compoundAccess(network, { compounds, facilities, kinds, radiusM }), 3);
  const total = build.ms + access.ms;
  console.log(`10. walking access, ${int(N)} compounds × ${kinds.length} kinds (${int(facilities.length)} facilities) on ${int(roads.length)} roads → ${int(network.n)} nodes, ${int(network.edgeA.length)} edges`);
  console.log(`    network ${f(build.ms)} + access (attach gates, 12 multi-source Dijkstra runs, straight lines) ${f(access.ms)} = ${f(total)} total (goal < 3 s), median of 3`);

  const SAMPLE = 200;
  const sample = Array.from({ length: SAMPLE }, (_, i) => Math.floor((i * N) / SAMPLE));
  const t0 = performance.now();
  const base = perCompound(network, compounds, sample, facilities, kinds);
  const baseMs = ((performance.now() - t0) * N) / SAMPLE;
  let diff = 0;
  sample.forEach((c, s) => kinds.forEach((_, k) => {
    const a = access.out.kinds[k].networkM[c], b = base[s * kinds.length + k];
    diff = Math.max(diff, a === b ? 0 : Math.abs(a - b));
  }));
  console.log(`    baseline, one Dijkstra per compound (early exit once every kind is settled): ${f(baseMs)} for ${int(N)} compounds, extrapolated from ${SAMPLE}`);
  console.log(`    → multi-source ${(baseMs / access.ms).toFixed(0)}× faster than the baseline (access only; both need the network); same distances on the sample (max difference ${diff.toExponential(1)} m)`);
  const res = access.out;
  const share = (k: number) => ((100 * res.kinds[k].within.reduce((s, x) => s + x, 0)) / N).toFixed(0);
  const ratio = (k: number) => {
    const r: number[] = [];
    for (let i = 0; i < N; i++) if (Number.isFinite(res.kinds[k].networkM[i]) && res.kinds[k].straightM[i] > 0) r.push(res.kinds[k].networkM[i] / res.kinds[k].straightM[i]);
    r.sort((a, b) => a - b);
    return r[Math.floor(r.length / 2)].toFixed(2);
  };
  console.log(`    within radius: ${kinds.map((k, i) => `${k} ${share(i)} %`).join(', ')}`);
  console.log(`    median walk / straight line: ${kinds[0]} ${ratio(0)}, ${kinds[11]} ${ratio(11)}`);
}
