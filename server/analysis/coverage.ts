// Where to put a new facility: greedy maximal coverage on the walking network. Given the compounds
// that lack a facility of some kind within its walking radius (the demand, weighted by households)
// and candidate sites, pick up to maxSites sites, each time the one that brings the most not yet
// covered households within the radius on foot.
//
// Who covers whom. A candidate covers a compound when the walk between them is ≤ radiusM: the
// candidate enters the network at its nearest edge (connector + along the edge to either end), the
// compound leaves through its best exit point (gates, else outer-ring vertices: compoundExitPoints,
// as the gap analysis measures). One radius-bounded multi-source search from each demand compound's
// exit points settles the nodes within the radius; a candidate is covered through either end node
// of its edge, or directly along the edge when an exit point is attached to the same edge (as in
// nearestByNetwork). That is one small search per compound that lacks the facility, instead of one
// per candidate (there are many more candidates: every street node of a 街道), and the searches
// write only the nodes they touch (BoundedSearch).
//
// Greedy. Maximal coverage is NP-hard; greedy reaches at least 1 − 1/e of the optimum and is what a
// planner can follow ("this site first: it serves the most households"). The cover sets are turned
// into per-candidate lists (an inverted index from the per-compound results), and the greedy is
// lazy: a candidate's gain can only fall as others are picked, so a stale gain is an upper bound and
// only the candidate on top of the heap is re-counted. Ties: more households, then more compounds,
// then the lower candidate index, so the answer is deterministic and equal to plain greedy's.
import type { Position } from 'geojson';
import { BoundedSearch } from './bounded.ts';
import { attachPoints, type WalkNetwork } from './walk.ts';

export interface CoverageInput {
  /** per demand compound: the points it leaves from (compoundExitPoints: gates, else outer-ring vertices) */
  demandPoints: Position[][];
  /** per demand compound: its weight (households), finite and ≥ 0 */
  weight: ArrayLike<number>;
  /** candidate sites, [lon, lat] */
  candidates: Position[];
  /** walking radius (m) */
  radiusM: number;
  /** at most this many picks (an integer ≥ 0) */
  maxSites: number;
}

export interface CoveragePick {
  /** index into input.candidates */
  candidate: number;
  /** weight of the demand compounds this pick newly covers (> 0) */
  gainWeight: number;
  /** how many demand compounds it newly covers */
  gainCount: number;
  /** demand indices newly covered, ascending */
  covers: number[];
}

export interface CoverageResult {
  /** in the order picked; every pick adds weight */
  picks: CoveragePick[];
  /** demand indices that some candidate covers, ascending */
  coverable: number[];
}

/**
 * Per candidate, the demand compounds within radiusM on foot: an inverted index (CSR), the
 * demands of candidate c at demands[start[c] … start[c + 1]) in ascending order.
 */
export interface CoverSets {
  start: Uint32Array;
  demands: Uint32Array;
}

/** Greedy maximal coverage with lazy evaluation (see the module comment). */
export function maximalCoverage(network: WalkNetwork, input: CoverageInput): CoverageResult {
  checkInput(network, input, 'maximalCoverage');
  return greedy(buildCoverSets(network, input), input.weight, input.maxSites);
}

/** Who covers whom: one radius-bounded search from every demand compound's exit points, inverted per candidate. */
export function coverSets(network: WalkNetwork, input: CoverageInput): CoverSets {
  checkInput(network, input, 'coverSets');
  return buildCoverSets(network, input);
}

function buildCoverSets(network: WalkNetwork, input: CoverageInput): CoverSets {
  const { demandPoints, candidates, radiusM } = input;
  const D = demandPoints.length, C = candidates.length, n = network.n, E = network.edgeA.length;

  // candidates by node (reached through that end of their edge, at that extra distance) and by edge
  const cand = attachPoints(network, candidates);
  const nodeStart = new Uint32Array(n + 1);
  const edgeStart = new Uint32Array(E + 1);
  for (let c = 0; c < C; c++) { nodeStart[cand.a[c] + 1]++; nodeStart[cand.b[c] + 1]++; edgeStart[cand.edge[c] + 1]++; }
  for (let i = 0; i < n; i++) nodeStart[i + 1] += nodeStart[i];
  for (let e = 0; e < E; e++) edgeStart[e + 1] += edgeStart[e];
  const nodeCand = new Uint32Array(2 * C);
  const nodeExtra = new Float64Array(2 * C);
  const edgeCand = new Uint32Array(C);
  {
    const nf = nodeStart.slice(0, n), ef = edgeStart.slice(0, E);
    for (let c = 0; c < C; c++) {
      let k = nf[cand.a[c]]++;
      nodeCand[k] = c; nodeExtra[k] = cand.da[c] + cand.connector[c];
      k = nf[cand.b[c]]++;
      nodeCand[k] = c; nodeExtra[k] = cand.db[c] + cand.connector[c];
      edgeCand[ef[cand.edge[c]]++] = c;
    }
  }

  // every demand compound's exit points, attached once
  const pStart = new Uint32Array(D + 1);
  const flat: Position[] = [];
  demandPoints.forEach((pts, i) => { for (const p of pts) flat.push(p); pStart[i + 1] = flat.length; });
  const dem = attachPoints(network, flat);

  // (demand, candidate) pairs, demand-major; stamp[c] = 1 + the last demand that took c
  let pairD = new Uint32Array(1024), pairC = new Uint32Array(1024), P = 0;
  const take = (i: number, c: number) => {
    if (P === pairD.length) {
      const d2 = new Uint32Array(2 * P), c2 = new Uint32Array(2 * P);
      d2.set(pairD); c2.set(pairC);
      pairD = d2; pairC = c2;
    }
    pairD[P] = i; pairC[P++] = c;
  };
  const stamp = new Uint32Array(C);
  const search = new BoundedSearch(network);
  const { dist, settled } = search;
  for (let i = 0; i < D; i++) {
    const mark = i + 1;
    search.run(dem, pStart[i], pStart[i + 1], radiusM);
    for (let s = 0; s < search.count; s++) {
      const v = settled[s];
      const dv = dist[v];
      for (let k = nodeStart[v], end = nodeStart[v + 1]; k < end; k++) {
        const c = nodeCand[k];
        if (stamp[c] !== mark && dv + nodeExtra[k] <= radiusM) { stamp[c] = mark; take(i, c); }
      }
    }
    // along a shared edge, past neither end node
    for (let p = pStart[i]; p < pStart[i + 1]; p++) {
      const e = dem.edge[p];
      for (let k = edgeStart[e], end = edgeStart[e + 1]; k < end; k++) {
        const c = edgeCand[k];
        if (stamp[c] !== mark && dem.connector[p] + Math.abs(dem.da[p] - cand.da[c]) + cand.connector[c] <= radiusM) { stamp[c] = mark; take(i, c); }
      }
    }
  }
  search.reset();

  // invert: per candidate its demands (pairs are demand-major, so each list comes out ascending)
  const start = new Uint32Array(C + 1);
  for (let k = 0; k < P; k++) start[pairC[k] + 1]++;
  for (let c = 0; c < C; c++) start[c + 1] += start[c];
  const fill = start.slice(0, C);
  const demands = new Uint32Array(P);
  for (let k = 0; k < P; k++) demands[fill[pairC[k]]++] = pairD[k];
  return { start, demands };
}

/**
 * Lazy greedy over cover sets: repeatedly the candidate with the largest gain (weight of its not
 * yet covered demands), ties by count then index; stops at maxSites or when no candidate adds weight.
 */
export function greedy(sets: CoverSets, weight: ArrayLike<number>, maxSites: number): CoverageResult {
  const who = 'greedy';
  if (!sets || !(sets.start instanceof Uint32Array) || !(sets.demands instanceof Uint32Array) || sets.start.length === 0) throw new Error(`${who}: expected cover sets from coverSets`);
  if (!weight || typeof weight.length !== 'number') throw new Error(`${who}: weight must be an array of numbers, one per demand compound`);
  if (!Number.isInteger(maxSites) || maxSites < 0) throw new Error(`${who}: maxSites must be an integer ≥ 0, got ${maxSites}`);
  const { start, demands } = sets;
  const C = start.length - 1;
  const D = weight.length;
  if (start[C] !== demands.length) throw new Error(`${who}: cover sets are inconsistent (start ends at ${start[C]}, ${demands.length} entries)`);
  for (let k = 0; k < demands.length; k++) if (demands[k] >= D) throw new Error(`${who}: a cover set names demand ${demands[k]}, but there are ${D} weights`);
  const covered = new Uint8Array(D);
  const anyone = new Uint8Array(D);
  for (let k = 0; k < demands.length; k++) anyone[demands[k]] = 1;
  const coverable: number[] = [];
  for (let i = 0; i < D; i++) if (anyone[i]) coverable.push(i);

  // max-heap of candidates by (gain weight, gain count, −index); keys are upper bounds until re-counted
  const keyW = new Float64Array(C);
  const keyN = new Uint32Array(C);
  const heap = new Uint32Array(C);
  let size = 0;
  const above = (a: number, b: number) => keyW[a] > keyW[b] || (keyW[a] === keyW[b] && (keyN[a] > keyN[b] || (keyN[a] === keyN[b] && a < b)));
  const down = (i: number) => {
    const v = heap[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && above(heap[c + 1], heap[c])) c++;
      if (!above(heap[c], v)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = v;
  };
  for (let c = 0; c < C; c++) {
    let w = 0;
    for (let k = start[c]; k < start[c + 1]; k++) w += weight[demands[k]];
    keyW[c] = w;
    keyN[c] = start[c + 1] - start[c];
    if (w > 0) heap[size++] = c;
  }
  for (let i = (size >> 1) - 1; i >= 0; i--) down(i);

  const picks: CoveragePick[] = [];
  while (picks.length < maxSites && size > 0) {
    const c = heap[0];
    let w = 0, cnt = 0;
    for (let k = start[c]; k < start[c + 1]; k++) {
      const d = demands[k];
      if (!covered[d]) { w += weight[d]; cnt++; }
    }
    if (w === keyW[c] && cnt === keyN[c]) {
      // its gain is current and at least every other's upper bound: the greedy choice
      heap[0] = heap[--size];
      down(0);
      const covers: number[] = [];
      for (let k = start[c]; k < start[c + 1]; k++) {
        const d = demands[k];
        if (!covered[d]) { covered[d] = 1; covers.push(d); }
      }
      picks.push({ candidate: c, gainWeight: w, gainCount: cnt, covers });
    } else if (w > 0) {
      keyW[c] = w;
      keyN[c] = cnt;
      down(0);
    } else {
      heap[0] = heap[--size];
      down(0);
    }
  }
  return { picks, coverable };
}

function checkInput(network: WalkNetwork, input: CoverageInput, who: string): void {
  if (!network || !(network.offsets instanceof Uint32Array) || !(network.edgeA instanceof Uint32Array)) throw new Error(`${who}: expected a network from buildWalkNetwork`);
  if (!input || typeof input !== 'object') throw new Error(`${who}: expected an input object with demandPoints, weight, candidates, radiusM and maxSites`);
  const { demandPoints, weight, candidates, radiusM, maxSites } = input;
  if (!Array.isArray(demandPoints)) throw new Error(`${who}: demandPoints must be an array (per demand compound, an array of [lon, lat])`);
  demandPoints.forEach((pts, i) => {
    if (!Array.isArray(pts) || pts.length === 0) throw new Error(`${who}: demand compound ${i} has no exit points; give its gates or its outer-ring vertices`);
  });
  if (!weight || typeof weight.length !== 'number') throw new Error(`${who}: weight must be an array of numbers, one per demand compound`);
  if (weight.length !== demandPoints.length) throw new Error(`${who}: ${weight.length} weights for ${demandPoints.length} demand compounds; give one per compound`);
  for (let i = 0; i < weight.length; i++) {
    if (typeof weight[i] !== 'number' || !Number.isFinite(weight[i]) || weight[i] < 0) throw new Error(`${who}: demand compound ${i} has weight ${weight[i]}; expected a finite number ≥ 0 (households)`);
  }
  if (!Array.isArray(candidates)) throw new Error(`${who}: candidates must be an array of [lon, lat]`);
  if (typeof radiusM !== 'number' || !Number.isFinite(radiusM) || radiusM < 0) throw new Error(`${who}: radiusM must be a finite number ≥ 0, got ${radiusM}`);
  if (!Number.isInteger(maxSites) || maxSites < 0) throw new Error(`${who}: maxSites must be an integer ≥ 0, got ${maxSites}`);
}

/**
 * The nodes of the network inside an area (lon/lat polygons, each outer ring then holes; a point
 * on a boundary may fall either way), ascending. Candidate sites for a 街道.
 */
export function nodesInPolygons(network: WalkNetwork, polygons: Position[][][]): number[] {
  const who = 'nodesInPolygons';
  if (!Array.isArray(polygons)) throw new Error(`${who}: polygons must be an array of polygons (arrays of rings of [lon, lat])`);
  const boxes = polygons.map((poly, k) => {
    if (!Array.isArray(poly) || poly.length === 0 || !Array.isArray(poly[0]) || poly[0].length < 4) throw new Error(`${who}: polygon ${k} has no outer ring of at least 4 positions`);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const p of poly[0]) { x0 = Math.min(x0, p[0]); y0 = Math.min(y0, p[1]); x1 = Math.max(x1, p[0]); y1 = Math.max(y1, p[1]); }
    return [x0, y0, x1, y1];
  });
  const out: number[] = [];
  const { lon, lat } = network;
  for (let v = 0; v < network.n; v++) {
    const x = lon[v], y = lat[v];
    for (let k = 0; k < polygons.length; k++) {
      const b = boxes[k];
      if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
      let inside = false;
      for (const ring of polygons[k]) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const yi = ring[i][1], yj = ring[j][1];
          if ((yi > y) !== (yj > y) && x < ring[j][0] + ((y - yj) * (ring[i][0] - ring[j][0])) / (yi - yj)) inside = !inside;
        }
      }
      if (inside) { out.push(v); break; }
    }
  }
  return out;
}

/** The nodes of the network within a lon/lat box grown by growM metres on every side, ascending. Candidate sites for a package. */
export function nodesInBox(network: WalkNetwork, box: [number, number, number, number], growM: number): number[] {
  const who = 'nodesInBox';
  if (!Array.isArray(box) || box.length !== 4 || !box.every(Number.isFinite) || box[0] > box[2] || box[1] > box[3]) throw new Error(`${who}: box must be [minLon, minLat, maxLon, maxLat], got ${JSON.stringify(box)}`);
  if (typeof growM !== 'number' || !Number.isFinite(growM) || growM < 0) throw new Error(`${who}: growM must be a finite number ≥ 0, got ${growM}`);
  const { kx, ky } = network.projection;
  const gx = growM / kx, gy = growM / ky;
  const x0 = box[0] - gx, y0 = box[1] - gy, x1 = box[2] + gx, y1 = box[3] + gy;
  const out: number[] = [];
  for (let v = 0; v < network.n; v++) {
    if (network.lon[v] >= x0 && network.lon[v] <= x1 && network.lat[v] >= y0 && network.lat[v] <= y1) out.push(v);
  }
  return out;
}
