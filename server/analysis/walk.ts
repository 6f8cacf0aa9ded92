// The walking network: the roads layer (every class, lanes and footpaths included) noded into a
// graph whose edges are straight pieces between junctions, with lengths in metres, and a way to
// attach points (gates, facilities) to it at the nearest edge.
//
// Noding. Road data is drawn by hand: streets cross without a shared vertex, a side street stops a
// metre short of the street it meets, two ends nearly coincide. So:
//  - vertices closer than snapM merge into one node (the first one met keeps its position);
//  - a road's end within snapM of another road's interior is a T-junction: that road is split there;
//  - two segments that cross are split at the crossing.
//
// Arterials (arterialCrossingAtJunctionsOnly). With the setting on, a road that crosses an
// arterial without sharing a vertex with it is taken to pass over or under it (the OSM
// convention: a crossing with no shared node is grade-separated), so it is NOT noded there and
// nobody can step from it onto the arterial mid-block. One can change between the arterial and
// another road only where they share a vertex (within snapM) or where the other road ends on the
// arterial (a T-junction: the side street stops at the arterial, which is a junction). With the
// setting off, every crossing is a junction. The graph has one centre line per road, so it does
// not model the two sides of an arterial: walking along it and crossing it cost the same.
//
// Geometry runs in metres in an equirectangular projection about the centre of the roads'
// bounding box, as in neighbours.ts: below 0.1 % scale error at city scale (±10 km).
import Flatbush from 'flatbush';
import type { Feature, LineString, Position } from 'geojson';
import { emptyBBox, extendBBox } from './bbox.ts';
import { projectionAbout, type Projection } from './geo.ts';

export type { Projection };

export interface WalkRoadProps {
  /** 'arterial' | 'secondary' | 'branch' | 'lane' (RoadProps.class); only 'arterial' is treated apart. */
  class: string;
}

export interface WalkNetworkOptions {
  /** Vertices this close merge, and a road end this close to another road joins it (m); default 1. */
  snapM?: number;
  /** Roads join an arterial only at shared vertices or where they end on it; default false. */
  arterialCrossingAtJunctionsOnly?: boolean;
}

export interface WalkNetwork {
  /** number of nodes */
  n: number;
  lon: Float64Array;
  lat: Float64Array;
  /** node positions in metres in `projection` */
  x: Float64Array;
  y: Float64Array;
  /** CSR adjacency: the neighbours of node i are targets[offsets[i] .. offsets[i + 1]); each edge stored twice */
  offsets: Uint32Array;
  targets: Uint32Array;
  /** length (m) of the edge to targets[k] */
  lengths: Float64Array;
  /** the undirected edges once each: edge e joins edgeA[e] and edgeB[e] and is edgeLength[e] long */
  edgeA: Uint32Array;
  edgeB: Uint32Array;
  edgeLength: Float64Array;
  /** whether edge e comes from an arterial */
  edgeArterial: Uint8Array;
  /** boxes of the edges in metres, item e = edge e: for snapping points */
  index: Flatbush;
  projection: Projection;
}

/** Points attached to the network: point i lies connector[i] m off edge[i], da[i] m along it from node a[i], db[i] from b[i]. */
export interface Attachments {
  count: number;
  edge: Uint32Array;
  a: Uint32Array;
  b: Uint32Array;
  da: Float64Array;
  db: Float64Array;
  /** straight distance from the point to its foot on the edge (m) */
  connector: Float64Array;
}

/** Builds the walking network from road centre lines (lon/lat); see the module comment for the noding rules. */
export function buildWalkNetwork(roads: Feature<LineString, WalkRoadProps>[], options: WalkNetworkOptions = {}): WalkNetwork {
  const who = 'buildWalkNetwork';
  if (!Array.isArray(roads)) throw new Error(`${who}: roads must be an array of LineString features`);
  const { snapM = 1, arterialCrossingAtJunctionsOnly = false } = options;
  if (typeof snapM !== 'number' || !Number.isFinite(snapM) || snapM < 0) throw new Error(`${who}: snapM must be a finite number ≥ 0, got ${snapM}`);
  if (typeof arterialCrossingAtJunctionsOnly !== 'boolean') throw new Error(`${who}: arterialCrossingAtJunctionsOnly must be a boolean`);

  const lines: Position[][] = roads.map((r, i) => {
    if (!r || r.type !== 'Feature' || !r.geometry) throw new Error(`${who}: road ${i} is not a GeoJSON Feature with a geometry`);
    if (r.geometry.type !== 'LineString') throw new Error(`${who}: road ${i} is a ${r.geometry.type}; expected LineString`);
    if (typeof r.properties?.class !== 'string') throw new Error(`${who}: road ${i} has no class (arterial, secondary, branch or lane)`);
    const c = r.geometry.coordinates;
    if (!Array.isArray(c) || c.length < 2) throw new Error(`${who}: road ${i} has fewer than two positions`);
    for (const p of c) checkLonLat(p, who, `road ${i}`);
    return c;
  });
  if (lines.length === 0) throw new Error(`${who}: no roads; a walking network needs at least one`);

  const box = emptyBBox();
  for (const c of lines) for (const p of c) extendBBox(box, p[0], p[1]);
  const projection = projectionAbout(box);
  const { lon0, lat0, kx, ky } = projection;

  // ---- segments: x0 y0 x1 y1, their road, whether it is an arterial, whether each end is a road end ----
  let total = 0;
  for (const c of lines) total += c.length - 1;
  const seg = new Float64Array(4 * total);
  const segRoad = new Uint32Array(total);
  const segK = new Uint32Array(total); // index of the segment within its road
  const segArt = new Uint8Array(total);
  const segEnds = new Uint8Array(total); // bit 1: start is the road's first position, bit 2: end is its last
  let S = 0;
  lines.forEach((c, r) => {
    const art = roads[r].properties.class === 'arterial' ? 1 : 0;
    const m = c.length;
    for (let k = 0; k + 1 < m; k++) {
      const x0 = (c[k][0] - lon0) * kx, y0 = (c[k][1] - lat0) * ky;
      const x1 = (c[k + 1][0] - lon0) * kx, y1 = (c[k + 1][1] - lat0) * ky;
      if (x0 === x1 && y0 === y1) continue;
      seg[4 * S] = x0; seg[4 * S + 1] = y0; seg[4 * S + 2] = x1; seg[4 * S + 3] = y1;
      segRoad[S] = r;
      segK[S] = k;
      segArt[S] = art;
      // a repeated first or last position leaves a zero-length piece: compare positions, not indices
      segEnds[S] = (samePos(c[k], c[0]) ? 1 : 0) | (samePos(c[k + 1], c[m - 1]) ? 2 : 0);
      S++;
    }
  });
  if (S === 0) throw new Error(`${who}: every road has zero length (all its positions equal)`);

  // ---- where each segment is split: t along it and the point (x, y) ----
  const splits: (number[] | undefined)[] = new Array(S);
  const split = (s: number, t: number, x: number, y: number) => (splits[s] ??= []).push(t, x, y);
  const segIndex = new Flatbush(S);
  for (let s = 0; s < S; s++) {
    const x0 = seg[4 * s], y0 = seg[4 * s + 1], x1 = seg[4 * s + 2], y1 = seg[4 * s + 3];
    segIndex.add(Math.min(x0, x1) - snapM, Math.min(y0, y1) - snapM, Math.max(x0, x1) + snapM, Math.max(y0, y1) + snapM);
  }
  segIndex.finish();
  const s2 = snapM * snapM;

  for (let s = 0; s < S; s++) {
    const sx0 = seg[4 * s], sy0 = seg[4 * s + 1], sx1 = seg[4 * s + 2], sy1 = seg[4 * s + 3];
    for (const u of segIndex.search(Math.min(sx0, sx1), Math.min(sy0, sy1), Math.max(sx0, sx1), Math.max(sy0, sy1))) {
      if (u <= s) continue;
      if (segRoad[u] === segRoad[s] && segK[u] - segK[s] <= 1) continue; // consecutive pieces of one road meet at their vertex
      const ux0 = seg[4 * u], uy0 = seg[4 * u + 1], ux1 = seg[4 * u + 2], uy1 = seg[4 * u + 3];
      // T-junctions: a road's end near the other's interior splits the other there, at the end's position
      if (segEnds[s] & 1) tee(sx0, sy0, u);
      if (segEnds[s] & 2) tee(sx1, sy1, u);
      if (segEnds[u] & 1) tee(ux0, uy0, s);
      if (segEnds[u] & 2) tee(ux1, uy1, s);
      // crossings
      const dx = sx1 - sx0, dy = sy1 - sy0, ex = ux1 - ux0, ey = uy1 - uy0;
      const den = dx * ey - dy * ex;
      if (den === 0) continue; // parallel: only their ends can meet, handled above and by vertex snapping
      const ts = ((ux0 - sx0) * ey - (uy0 - sy0) * ex) / den;
      const tu = ((ux0 - sx0) * dy - (uy0 - sy0) * dx) / den;
      if (ts < 0 || ts > 1 || tu < 0 || tu > 1) continue;
      const px = sx0 + ts * dx, py = sy0 + ts * dy;
      const nearS = nearEnd(px, py, sx0, sy0, sx1, sy1, s2, segEnds[s]);
      const nearU = nearEnd(px, py, ux0, uy0, ux1, uy1, s2, segEnds[u]);
      if (nearS && nearU) continue; // a shared vertex: snapping merges it
      if (nearS === 2 || nearU === 2) continue; // a road ending on the other: a T-junction, done above
      // a crossing with no shared vertex (or at a vertex of one road only): grade-separated under the setting
      if (arterialCrossingAtJunctionsOnly && segArt[s] !== segArt[u]) continue;
      if (!nearS) split(s, ts, px, py);
      if (!nearU) split(u, tu, px, py);
    }
  }

  /** Splits segment u at the foot of (px, py) when the point is within snapM of u's interior (not of its ends). */
  function tee(px: number, py: number, u: number) {
    const ax = seg[4 * u], ay = seg[4 * u + 1], bx = seg[4 * u + 2], by = seg[4 * u + 3];
    if (dist2(px, py, ax, ay) <= s2 || dist2(px, py, bx, by) <= s2) return; // at a vertex: snapping merges it
    const dx = bx - ax, dy = by - ay;
    const t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
    if (t <= 0 || t >= 1) return;
    if (dist2(px, py, ax + t * dx, ay + t * dy) > s2) return;
    split(u, t, px, py); // the split point is the road end itself, so the two merge into one node
  }

  // ---- points along every segment: its start, its splits in order, its end ----
  const px: number[] = [];
  const py: number[] = [];
  const ptStart = new Uint32Array(S + 1);
  for (let s = 0; s < S; s++) {
    px.push(seg[4 * s]); py.push(seg[4 * s + 1]);
    const sp = splits[s];
    if (sp) {
      const order = Array.from({ length: sp.length / 3 }, (_, i) => i).sort((i, j) => sp[3 * i] - sp[3 * j]);
      for (const i of order) { px.push(sp[3 * i + 1]); py.push(sp[3 * i + 2]); }
    }
    px.push(seg[4 * s + 2]); py.push(seg[4 * s + 3]);
    ptStart[s + 1] = px.length;
  }

  // ---- snap points into nodes: each point not yet taken starts a node and takes those within snapM ----
  const P = px.length;
  const ptIndex = new Flatbush(P);
  for (let i = 0; i < P; i++) ptIndex.add(px[i], py[i], px[i], py[i]);
  ptIndex.finish();
  const nodeOf = new Int32Array(P).fill(-1);
  const nx: number[] = [];
  const ny: number[] = [];
  for (let i = 0; i < P; i++) {
    if (nodeOf[i] !== -1) continue;
    const node = nx.length;
    const x = px[i], y = py[i];
    nx.push(x); ny.push(y);
    for (const j of ptIndex.search(x - snapM, y - snapM, x + snapM, y + snapM)) {
      if (nodeOf[j] === -1 && dist2(x, y, px[j], py[j]) <= s2) nodeOf[j] = node;
    }
  }
  const n = nx.length;

  // ---- edges between consecutive points, merged when two pieces join the same nodes ----
  const ea: number[] = [];
  const eb: number[] = [];
  const eart: number[] = [];
  const seen = new Map<number, number>();
  for (let s = 0; s < S; s++) {
    for (let k = ptStart[s]; k + 1 < ptStart[s + 1]; k++) {
      const a = nodeOf[k], b = nodeOf[k + 1];
      if (a === b) continue;
      const key = a < b ? a * n + b : b * n + a;
      const e = seen.get(key);
      if (e !== undefined) { eart[e] &= segArt[s]; continue; }
      seen.set(key, ea.length);
      ea.push(a); eb.push(b); eart.push(segArt[s]);
    }
  }
  const E = ea.length;
  const x = Float64Array.from(nx), y = Float64Array.from(ny);
  const edgeA = Uint32Array.from(ea), edgeB = Uint32Array.from(eb);
  const edgeLength = new Float64Array(E);
  for (let e = 0; e < E; e++) edgeLength[e] = Math.sqrt(dist2(x[edgeA[e]], y[edgeA[e]], x[edgeB[e]], y[edgeB[e]]));
  if (E === 0) throw new Error(`${who}: the roads collapse to a single point at snapM = ${snapM} m`);

  // ---- CSR by counting ----
  const offsets = new Uint32Array(n + 1);
  for (let e = 0; e < E; e++) { offsets[edgeA[e] + 1]++; offsets[edgeB[e] + 1]++; }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const targets = new Uint32Array(2 * E);
  const lengths = new Float64Array(2 * E);
  for (let e = 0; e < E; e++) {
    const a = edgeA[e], b = edgeB[e];
    targets[fill[a]] = b; lengths[fill[a]++] = edgeLength[e];
    targets[fill[b]] = a; lengths[fill[b]++] = edgeLength[e];
  }

  const index = new Flatbush(E);
  for (let e = 0; e < E; e++) {
    const ax = x[edgeA[e]], ay = y[edgeA[e]], bx = x[edgeB[e]], by = y[edgeB[e]];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();

  const lon = new Float64Array(n), lat = new Float64Array(n);
  for (let i = 0; i < n; i++) { lon[i] = lon0 + x[i] / kx; lat[i] = lat0 + y[i] / ky; }
  return {
    n, lon, lat, x, y, offsets, targets, lengths, edgeA, edgeB, edgeLength,
    edgeArterial: Uint8Array.from(eart), index, projection,
  };
}

/**
 * Attaches points (lon/lat) to the nearest edge of the network: the foot of the perpendicular (or
 * the nearer end), its distances along the edge to both end nodes, and the straight connector.
 */
export function attachPoints(network: WalkNetwork, points: Position[]): Attachments {
  const who = 'attachPoints';
  if (!network || !(network.index instanceof Flatbush)) throw new Error(`${who}: expected a network from buildWalkNetwork`);
  if (!Array.isArray(points)) throw new Error(`${who}: points must be an array of [lon, lat]`);
  const count = points.length;
  const out: Attachments = {
    count, edge: new Uint32Array(count), a: new Uint32Array(count), b: new Uint32Array(count),
    da: new Float64Array(count), db: new Float64Array(count), connector: new Float64Array(count),
  };
  const { x, y, edgeA, edgeB, edgeLength, index, projection: { lon0, lat0, kx, ky } } = network;
  const span = Math.max(index.maxX - index.minX, index.maxY - index.minY, 1);
  for (let i = 0; i < count; i++) {
    const p = points[i];
    checkLonLat(p, who, `point ${i}`);
    const qx = (p[0] - lon0) * kx, qy = (p[1] - lat0) * ky;
    // grow the search box until the best edge found lies within it: no nearer edge can lie outside
    let best = Infinity, bestE = -1, bestT = 0;
    for (let r = 32; ; r *= 4) {
      for (const e of index.search(qx - r, qy - r, qx + r, qy + r)) {
        const ax = x[edgeA[e]], ay = y[edgeA[e]], bx = x[edgeB[e]], by = y[edgeB[e]];
        const dx = bx - ax, dy = by - ay;
        const t = Math.max(0, Math.min(1, ((qx - ax) * dx + (qy - ay) * dy) / (dx * dx + dy * dy)));
        const d = dist2(qx, qy, ax + t * dx, ay + t * dy);
        if (d < best || (d === best && e < bestE)) { best = d; bestE = e; bestT = t; }
      }
      if (Math.sqrt(best) <= r || r > 4 * span + Math.abs(qx) + Math.abs(qy)) break;
    }
    out.edge[i] = bestE;
    out.a[i] = edgeA[bestE];
    out.b[i] = edgeB[bestE];
    out.da[i] = bestT * edgeLength[bestE];
    out.db[i] = (1 - bestT) * edgeLength[bestE];
    out.connector[i] = Math.sqrt(best);
  }
  return out;
}

function checkLonLat(p: Position, who: string, what: string): void {
  if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
    throw new Error(`${who}: ${what} has position ${JSON.stringify(p)}; expected [lon, lat] in WGS84 degrees`);
  }
}

function samePos(p: Position, q: Position): boolean {
  return p[0] === q[0] && p[1] === q[1];
}

function dist2(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  return dx * dx + dy * dy;
}

/** 0 when (px, py) is farther than √s2 from both ends of segment a–b; 1 when near an end that is not a road end; 2 when near a road end. */
function nearEnd(px: number, py: number, ax: number, ay: number, bx: number, by: number, s2: number, ends: number): 0 | 1 | 2 {
  let near: 0 | 1 | 2 = 0;
  if (dist2(px, py, ax, ay) <= s2) near = ends & 1 ? 2 : 1;
  if (dist2(px, py, bx, by) <= s2 && near !== 2) near = ends & 2 ? 2 : 1;
  return near;
}
