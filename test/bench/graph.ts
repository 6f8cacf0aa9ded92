// Neighbour-graph figures, each against a baseline measured in the same run:
//  4. queen contiguity on NAT (3 085 US counties): vertex hash vs all pairs (vertex-set
//     intersection per pair; with and without a bbox pre-check)
//  5. gap graph on a generated city of 20 000 walled compounds: Flatbush candidates vs all pairs
//     with exact boundary distances (no index), on a 1 000-compound subset, extrapolated as n²
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { polygonContiguity } from '../../server/analysis/contiguity.ts';
import { gapGraph, type BarrierFeature } from '../../server/analysis/neighbours.ts';
import { fmtMs, time } from './timing.ts';

const root = resolve(import.meta.dirname, '../..');
const f = fmtMs;
const s = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : f(ms));
const int = (x: number) => x.toLocaleString('en-US').replace(/,/g, ' ');


type Poly = Feature<Polygon | MultiPolygon>;
const ringsOf = (p: Poly): Position[][] => (p.geometry.type === 'Polygon' ? p.geometry.coordinates : p.geometry.coordinates.flat());

/** Baseline queen: every pair intersects the two vertex sets (the textbook all-pairs loop). */
function queenAllPairs(features: Poly[], bboxFirst: boolean): number {
  const sets = features.map((p) => new Set(ringsOf(p).flat().map((q) => `${q[0] + 0},${q[1] + 0}`)));
  const box = features.map((p) => {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const q of ringsOf(p).flat()) {
      b[0] = Math.min(b[0], q[0]); b[1] = Math.min(b[1], q[1]); b[2] = Math.max(b[2], q[0]); b[3] = Math.max(b[3], q[1]);
    }
    return b;
  });
  let links = 0;
  for (let i = 0; i < features.length; i++) {
    for (let j = i + 1; j < features.length; j++) {
      if (bboxFirst && (box[i][0] > box[j][2] || box[j][0] > box[i][2] || box[i][1] > box[j][3] || box[j][1] > box[i][3])) continue;
      const [a, b] = sets[i].size < sets[j].size ? [sets[i], sets[j]] : [sets[j], sets[i]];
      for (const k of a) {
        if (b.has(k)) {
          links++;
          break;
        }
      }
    }
  }
  return links;
}

// ---- a generated city: blocks of 4 × 4 walled compounds (60 m, a vertex every 10 m) with 6 m
// lanes inside a block, 20 m branch roads between blocks (not barriers), and every fifth road
// an arterial (24 m between the walls, its centre line a barrier); a 20 m canal (a barrier
// polygon) at one fifth of the height; 街道 in bands of 7 block columns; every 23rd compound
// left out (a car park), and every 13th block a park with one compound left in it (an island).
const LON0 = 117.2;
const LAT0 = 29.3;
const KY = (6371008.8 * Math.PI) / 180;
const KX = KY * Math.cos((LAT0 * Math.PI) / 180);
/** Metres east and north of the city's origin to lon/lat. */
export const ll = (x: number, y: number): Position => [LON0 + x / KX, LAT0 + y / KY];

function wall(x0: number, y0: number, x1: number, y1: number, out: Position[]): void {
  const k = Math.max(1, Math.round(Math.hypot(x1 - x0, y1 - y0) / 10));
  for (let i = 0; i < k; i++) out.push(ll(x0 + ((x1 - x0) * i) / k, y0 + ((y1 - y0) * i) / k));
}

export function city(n: number) {
  const C = 60, LANE = 6, ROAD = 20, ART = 24, CANAL = 20, PER = 4;
  const blockCols = Math.ceil(Math.sqrt(n) / PER);
  // positions of block edges along one axis: road after every block, arterial after every fifth
  const axis = (blocks: number, canalAt = -1) => {
    const start: number[] = [];
    const roads: { at: number; kind: 'branch' | 'arterial' | 'canal' }[] = [];
    let x = 0;
    for (let b = 0; b < blocks; b++) {
      start.push(x);
      x += PER * C + (PER - 1) * LANE;
      const kind = b === canalAt ? 'canal' : (b + 1) % 5 === 0 ? 'arterial' : 'branch';
      const w = kind === 'arterial' ? ART : kind === 'canal' ? CANAL : ROAD;
      roads.push({ at: x + w / 2, kind });
      x += w;
    }
    return { start, roads, end: x };
  };
  const blockRows = Math.ceil((n * 1.2) / (blockCols * PER * PER));
  const cols = axis(blockCols);
  const rows = axis(blockRows, Math.floor(blockRows / 5));
  const features: Feature<Polygon>[] = [];
  const subdistrict: string[] = [];
  const cell: { br: number; bc: number; i: number; j: number }[] = []; // block row and column, row and column inside the block
  let k = 0;
  let usedRows = 0;
  for (let br = 0; br < blockRows && features.length < n; br++) {
    usedRows = br + 1;
    for (let i = 0; i < PER && features.length < n; i++) {
      for (let bc = 0; bc < blockCols && features.length < n; bc++) {
        for (let j = 0; j < PER && features.length < n; j++) {
          if (k++ % 23 === 22) continue;
          if ((br * blockCols + bc) % 13 === 7 && (i !== 1 || j !== 1)) continue;
          const x0 = cols.start[bc] + j * (C + LANE);
          const y0 = rows.start[br] + i * (C + LANE);
          const ring: Position[] = [];
          wall(x0, y0, x0 + C, y0, ring); wall(x0 + C, y0, x0 + C, y0 + C, ring);
          wall(x0 + C, y0 + C, x0, y0 + C, ring); wall(x0, y0 + C, x0, y0, ring);
          ring.push(ring[0]);
          features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } });
          subdistrict.push(`街道${Math.floor(bc / 7)}`);
          cell.push({ br, bc, i, j });
        }
      }
    }
  }
  const barriers: BarrierFeature[] = [];
  const line = (a: Position, b: Position, name: string): BarrierFeature =>
    ({ type: 'Feature', properties: { kind: 'arterial', name }, geometry: { type: 'LineString', coordinates: [a, b] } });
  cols.roads.forEach((r, i) => { if (r.kind === 'arterial') barriers.push(line(ll(r.at, -50), ll(r.at, rows.end + 50), `纵${i}路`)); });
  rows.roads.forEach((r, i) => {
    if (r.kind === 'arterial') barriers.push(line(ll(-50, r.at), ll(cols.end + 50, r.at), `横${i}路`));
    if (r.kind === 'canal') {
      const y0 = r.at - CANAL / 2, y1 = r.at + CANAL / 2;
      barriers.push({ type: 'Feature', properties: { kind: 'river', name: '运河' },
        geometry: { type: 'Polygon', coordinates: [[ll(-50, y0), ll(cols.end + 50, y0), ll(cols.end + 50, y1), ll(-50, y1), ll(-50, y0)]] } });
    }
  });
  // the layout in metres (ll() turns it into lon/lat), for data sets built on the same city (bigCity.ts)
  const grid = { C, LANE, PER, ROAD, ART, CANAL, blockCols, blockRows, usedRows, cols, rows, cell };
  return { features, subdistrict, barriers, grid };
}

/**
 * Baseline gap graph: every pair of compounds, their boxes grown by tol compared first, then the
 * exact distance over all vertex–segment pairs of the two rings. No index, no segment pruning.
 */
function gapAllPairs(features: Feature<Polygon>[], tol: number, bboxFirst: boolean): number {
  const lat0 = features[0].geometry.coordinates[0][0][1];
  const kx = KY * Math.cos((lat0 * Math.PI) / 180);
  const rings = features.map((p) => Float64Array.from(p.geometry.coordinates[0].flatMap((q) => [q[0] * kx, q[1] * KY])));
  const box = rings.map((r) => {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    for (let k = 0; k < r.length; k += 2) {
      b[0] = Math.min(b[0], r[k]); b[1] = Math.min(b[1], r[k + 1]); b[2] = Math.max(b[2], r[k]); b[3] = Math.max(b[3], r[k + 1]);
    }
    return b;
  });
  const pointSeg = (px: number, py: number, ax: number, ay: number, bx: number, by: number) => {
    const dx = bx - ax, dy = by - ay;
    const l2 = dx * dx + dy * dy;
    const t = l2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2)) : 0;
    return Math.hypot(px - ax - t * dx, py - ay - t * dy);
  };
  let links = 0;
  for (let i = 0; i < rings.length; i++) {
    const A = rings[i];
    for (let j = i + 1; j < rings.length; j++) {
      if (bboxFirst && (box[i][0] - tol > box[j][2] || box[j][0] - tol > box[i][2] || box[i][1] - tol > box[j][3] || box[j][1] - tol > box[i][3])) continue;
      const B = rings[j];
      let d = Infinity;
      // walls do not cross here, so the closest pair has a vertex of one on a segment of the other
      for (let a = 0; a < A.length; a += 2) for (let b = 0; b + 2 < B.length; b += 2) d = Math.min(d, pointSeg(A[a], A[a + 1], B[b], B[b + 1], B[b + 2], B[b + 3]));
      for (let b = 0; b < B.length; b += 2) for (let a = 0; a + 2 < A.length; a += 2) d = Math.min(d, pointSeg(B[b], B[b + 1], A[a], A[a + 1], A[a + 2], A[a + 3]));
      if (d <= tol) links++;
    }
  }
  return links;
}

export async function benchGraph(): Promise<void> {
  // 4. queen contiguity on NAT
  const nat = (JSON.parse(readFileSync(resolve(root, '../shared/data/regionalization/nat.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>).features;
  const queen = time(() => polygonContiguity(nat, 'queen'), 5);
  const rook = time(() => polygonContiguity(nat, 'rook'), 5);
  const links = queen.out.neighbours.length / 2;
  const bboxPairs = time(() => queenAllPairs(nat, true), 1);
  const SUB = 800;
  const plain = time(() => queenAllPairs(nat.slice(0, SUB), false), 1);
  const plainFull = plain.ms * ((nat.length * (nat.length - 1)) / (SUB * (SUB - 1)));
  if (bboxPairs.out !== links) throw new Error(`queen: hash found ${links} links, all-pairs ${bboxPairs.out}`);
  if (plain.out !== polygonContiguity(nat.slice(0, SUB), 'queen').neighbours.length / 2) throw new Error('queen: subset baseline disagrees');
  console.log(`4. queen contiguity, NAT ${int(nat.length)} counties (${int(links)} links; rook ${int(rook.out.neighbours.length / 2)} in ${f(rook.ms)}): vertex hash ${f(queen.ms)} median of 5`);
  console.log(`   baseline all pairs with a bbox pre-check ${s(bboxPairs.ms)} → ${(bboxPairs.ms / queen.ms).toFixed(0)}× slower; ` +
    `all pairs without it ${s(plain.ms)} on the first ${SUB} counties, ≈ ${s(plainFull)} for all (n² extrapolation) → ≈ ${(plainFull / queen.ms).toFixed(0)}× slower`);

  // 5. gap graph on a 20 000-compound city
  const N = 20_000;
  const c = city(N);
  const segs = c.features.reduce((t, p) => t + p.geometry.coordinates[0].length - 1, 0);
  const gg = time(() => gapGraph({ features: c.features, subdistrict: c.subdistrict, barriers: c.barriers }), 3);
  const r = gg.out;
  console.log(`5. gap graph, generated city of ${int(c.features.length)} walled compounds (${int(segs)} wall segments, ${c.barriers.length} barriers), tolerance 30 m: ${s(gg.ms)} median of 3`);
  console.log(`   ${int(r.graph.neighbours.length / 2)} edges, ${int(r.islands.length)} islands, ${int(r.blocked.length)} blocked (` +
    `${int(r.blocked.filter((b) => b.barrier === 'arterial').length)} arterial, ${int(r.blocked.filter((b) => b.barrier === 'river').length)} canal), ${int(r.crossSubdistrict.length)} across 街道`);
  // baselines: without barriers or 街道, so that they count the same pairs within 30 m
  const all = time(() => gapGraph({ features: c.features, sameSubdistrict: false }), 1);
  const pairs = all.out.graph.neighbours.length / 2;
  const boxed = time(() => gapAllPairs(c.features, 30, true), 1);
  if (boxed.out !== pairs) throw new Error(`gap graph: gapGraph found ${pairs} pairs within 30 m, all-pairs ${boxed.out}`);
  const SUBG = 300;
  const sub = c.features.slice(0, SUBG);
  const naive = time(() => gapAllPairs(sub, 30, false), 1);
  const subPairs = gapGraph({ features: sub, sameSubdistrict: false }).graph.neighbours.length / 2;
  if (naive.out !== subPairs) throw new Error(`gap graph: gapGraph found ${subPairs} pairs within 30 m on the subset, all-pairs ${naive.out}`);
  const naiveFull = naive.ms * ((c.features.length * (c.features.length - 1)) / (SUBG * (SUBG - 1)));
  console.log(`   baseline all pairs with a bbox pre-check, exact distances: ${s(boxed.ms)} (${int(pairs)} pairs within 30 m, as gapGraph without barriers in ${s(all.ms)}) → ${(boxed.ms / all.ms).toFixed(1)}× slower`);
  console.log(`   all pairs without the pre-check: ${s(naive.ms)} on the first ${SUBG} compounds, ≈ ${s(naiveFull)} for all (n² extrapolation) → ≈ ${int(Math.round(naiveFull / gg.ms))}× slower`);

  // the demo district, as the app runs it
  const demo = (name: string) => JSON.parse(readFileSync(resolve(root, 'data/demo', name), 'utf8')) as FeatureCollection;
  const communities = demo('communities.geojson').features as Feature<Polygon>[];
  const barriers = [
    ...demo('roads.geojson').features.filter((x) => x.properties!.class === 'arterial').map((x) => ({ ...x, properties: { kind: 'arterial', name: x.properties!.name } })),
    ...demo('water.geojson').features.map((x) => ({ ...x, properties: { kind: x.properties!.kind, name: x.properties!.name } })),
  ] as BarrierFeature[];
  const d = time(() => gapGraph({ features: communities, subdistrict: communities.map((x) => x.properties!.subdistrict as string), barriers }), 5);
  console.log(`   demo district (${communities.length} compounds, ${barriers.length} barrier features): ${f(d.ms)}, ${d.out.graph.neighbours.length / 2} edges, ${d.out.islands.length} islands`);
}

// run alone: npx tsx test/bench/graph.ts
if (import.meta.url === `file://${process.argv[1]}`) await benchGraph();
