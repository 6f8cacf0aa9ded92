// What a facility really serves on foot: the street pieces within its walking radius (the real
// reachable area, not a circle), the walking distance from it to given compounds, and, for a
// whole kind, the walking distance from the nearest facility at both ends of every street edge
// (a distance field the map can colour).
//
// Cutting edges. The network's edges are straight, so the walking distance along an edge p–q of
// length L, entered from both ends at dp and dq, is min(dp + t, dq + L − t) at t metres from p: it
// rises from each end to a peak at t = (L + dq − dp) / 2. An edge is reported as at most two
// pieces, one from each end towards the peak, each cut where the distance reaches the radius, so
// the distance runs linearly from fromM to toM along every piece. The facility's own edge is cut
// at the facility's foot into two edges entered from the foot.
import type { Position } from 'geojson';
import { multiSourceDistances } from './access.ts';
import { BoundedSearch } from './bounded.ts';
import { attachPoints, type WalkNetwork } from './walk.ts';

export interface ReachSegment {
  /** the network edge the piece lies on */
  edge: number;
  /** [lon, lat] from the end nearer the facility to the farther one (two positions: edges are straight) */
  path: Position[];
  /** walking distance (m) at path's first position … */
  fromM: number;
  /** … and at its last; linear in between */
  toM: number;
}

/** The street pieces within radiusM on foot from a point (attached to its nearest edge); see the module comment. */
export function reachableSegments(network: WalkNetwork, from: Position, radiusM: number): ReachSegment[] {
  const who = 'reachableSegments';
  checkNetwork(network, who);
  checkRadius(radiusM, who);
  const att = attachPoints(network, [from]);
  const search = new BoundedSearch(network);
  search.run(att, 0, 1, radiusM);
  const { dist } = search;
  const { x, y, edgeA, edgeB, edgeLength, projection: { lon0, lat0, kx, ky } } = network;
  const out: ReachSegment[] = [];
  const at = (px: number, py: number): Position => [lon0 + px / kx, lat0 + py / ky];

  /** Pieces of the straight edge P–Q (L m) entered at dp from P and dq from Q; P or Q is a node when its id is ≥ 0. */
  const cut = (e: number, p: number, px: number, py: number, q: number, qx: number, qy: number, L: number, dp: number, dq: number) => {
    if (!(dp <= radiusM) && !(dq <= radiusM)) return;
    const peak = Math.min(L, Math.max(0, (L + dq - dp) / 2)); // metres from P; Infinity − Infinity cannot occur here
    const end = (id: number, ex: number, ey: number): Position => (id >= 0 ? [network.lon[id], network.lat[id]] : at(ex, ey));
    if (dp <= radiusM) {
      const s = Math.min(peak, radiusM - dp);
      if (s > 0) {
        const tip = s >= L ? end(q, qx, qy) : at(px + ((qx - px) * s) / L, py + ((qy - py) * s) / L);
        out.push({ edge: e, path: [end(p, px, py), tip], fromM: dp, toM: dp + s });
      }
    }
    if (dq <= radiusM) {
      const s = Math.min(L - peak, radiusM - dq);
      if (s > 0) {
        const tip = s >= L ? end(p, px, py) : at(qx + ((px - qx) * s) / L, qy + ((py - qy) * s) / L);
        out.push({ edge: e, path: [end(q, qx, qy), tip], fromM: dq, toM: dq + s });
      }
    }
  };

  const e0 = att.edge[0];
  for (let e = 0; e < edgeA.length; e++) {
    const a = edgeA[e], b = edgeB[e];
    if (e === e0) {
      // the facility's own edge: from its foot towards each end
      const L = edgeLength[e];
      const t = L > 0 ? att.da[0] / L : 0;
      const fx = x[a] + (x[b] - x[a]) * t, fy = y[a] + (y[b] - y[a]) * t;
      const c = att.connector[0];
      cut(e, -1, fx, fy, a, x[a], y[a], att.da[0], c, dist[a]);
      cut(e, -1, fx, fy, b, x[b], y[b], att.db[0], c, dist[b]);
    } else if (dist[a] <= radiusM || dist[b] <= radiusM) {
      cut(e, a, x[a], y[a], b, x[b], y[b], edgeLength[e], dist[a], dist[b]);
    }
  }
  search.reset();
  return out;
}

/**
 * Walking distance (m) from a point to each group of points (a compound's exit points: the best
 * of them), Infinity where it is beyond radiusM. One bounded search; points farther than radiusM in
 * a straight line cannot be within it on foot and are not attached.
 */
export function walkWithin(network: WalkNetwork, from: Position, radiusM: number, groups: Position[][]): Float64Array {
  const who = 'walkWithin';
  checkNetwork(network, who);
  checkRadius(radiusM, who);
  if (!Array.isArray(groups) || groups.some((g) => !Array.isArray(g))) throw new Error(`${who}: groups must be an array of arrays of [lon, lat]`);
  const out = new Float64Array(groups.length).fill(Infinity);
  const src = attachPoints(network, [from]);
  const { lon0, lat0, kx, ky } = network.projection;
  const fx = (from[0] - lon0) * kx, fy = (from[1] - lat0) * ky;
  const near: Position[] = [];
  const owner: number[] = [];
  groups.forEach((g, i) => {
    for (const p of g) {
      if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new Error(`${who}: group ${i} has position ${JSON.stringify(p)}; expected [lon, lat]`);
      if (Math.hypot((p[0] - lon0) * kx - fx, (p[1] - lat0) * ky - fy) <= radiusM) { near.push(p); owner.push(i); }
    }
  });
  if (near.length === 0) return out;
  const t = attachPoints(network, near);
  const search = new BoundedSearch(network);
  search.run(src, 0, 1, radiusM);
  const { dist } = search;
  for (let k = 0; k < t.count; k++) {
    let d = Math.min(dist[t.a[k]] + t.da[k], dist[t.b[k]] + t.db[k]);
    if (t.edge[k] === src.edge[0]) d = Math.min(d, src.connector[0] + Math.abs(src.da[0] - t.da[k]));
    d += t.connector[k];
    if (d <= radiusM && d < out[owner[k]]) out[owner[k]] = d;
  }
  search.reset();
  return out;
}

/**
 * Per network edge e, the walking distance (m) from the nearest source to its end nodes:
 * out[2e] at edgeA[e], out[2e + 1] at edgeB[e]; Infinity where no source is reachable (and
 * everywhere without sources). One multi-source search over the whole network.
 */
export function distanceField(network: WalkNetwork, sources: Position[]): Float64Array {
  const who = 'distanceField';
  checkNetwork(network, who);
  if (!Array.isArray(sources)) throw new Error(`${who}: sources must be an array of [lon, lat]`);
  const dist = multiSourceDistances(network, attachPoints(network, sources));
  const { edgeA, edgeB } = network;
  const out = new Float64Array(2 * edgeA.length);
  for (let e = 0; e < edgeA.length; e++) {
    out[2 * e] = dist[edgeA[e]];
    out[2 * e + 1] = dist[edgeB[e]];
  }
  return out;
}

function checkNetwork(network: WalkNetwork, who: string): void {
  if (!network || !(network.offsets instanceof Uint32Array) || !(network.edgeA instanceof Uint32Array)) throw new Error(`${who}: expected a network from buildWalkNetwork`);
}

function checkRadius(radiusM: number, who: string): void {
  if (typeof radiusM !== 'number' || !Number.isFinite(radiusM) || radiusM < 0) throw new Error(`${who}: radiusM must be a finite number ≥ 0, got ${radiusM}`);
}
