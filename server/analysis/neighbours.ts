// The gap graph of walled compounds. Compounds do not touch: lanes (4–10 m) run between their
// walls. Two compounds are neighbours when their boundaries come within a tolerance, the
// shortest connection between them crosses no barrier (an arterial's centre line, a river),
// and (by default) they lie in the same 街道. Pairs that fail only the barrier or the 街道 test
// are reported, so a site that could not be packaged can say why.
//
// Geometry runs in metres in an equirectangular projection about the centre of the compounds'
// bounding box: at city scale (±10 km) its scale error is below 0.1 %. Candidate pairs come
// from a Flatbush index of the compounds' boxes grown by the tolerance, barrier segments from a
// second index: no all-pairs loop anywhere.
import Flatbush from 'flatbush';
import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { polygonParts } from './contiguity.ts';
import { graphFromEdges, type Edge, type Graph } from './csr.ts';
import { emptyBBox, extendBBox } from './bbox.ts';
import { projectionAbout, type Projection } from './geo.ts';

export interface BarrierProps {
  /** What the barrier is, e.g. 'arterial', 'river', 'rail'; reported with blocked pairs. */
  kind: string;
  name?: string | null;
}

export type BarrierFeature = Feature<LineString | MultiLineString | Polygon | MultiPolygon, BarrierProps>;

export interface GapGraphInput {
  /** Compound outlines, lon/lat (WGS84). Node i of the graph is features[i]. */
  features: Feature<Polygon | MultiPolygon>[];
  /** 街道 of each feature; required when sameSubdistrict holds and pairs should be split by it. */
  subdistrict?: string[];
  /** Centre lines (roads, rail) and areas (water) that separate compounds. */
  barriers?: BarrierFeature[];
  /** Largest gap between two boundaries that still makes neighbours (m); default 30. */
  toleranceM?: number;
  /** Link only compounds of the same 街道; default true. */
  sameSubdistrict?: boolean;
}

export interface BlockedPair {
  a: number;
  b: number;
  gap: number;
  /** The kind of the barrier crossed by the shortest connection. */
  barrier: string;
  name: string | null;
  /** Index of that barrier in input.barriers. */
  barrierIndex: number;
}

export interface CrossSubdistrictPair {
  a: number;
  b: number;
  gap: number;
}

export interface GapGraphResult {
  /** gap: closest boundary distance (m, 0 when touching); shared: facing boundary length (m). */
  graph: Graph;
  /** Features with no neighbour at all. */
  islands: number[];
  /** Pairs within tolerance whose shortest connection a barrier cuts (a < b, sorted). */
  blocked: BlockedPair[];
  /** Pairs within tolerance, not blocked, but in different 街道 (a < b, sorted; empty unless sameSubdistrict). */
  crossSubdistrict: CrossSubdistrictPair[];
}

export const DEFAULT_GAP_TOLERANCE_M = 30;

/** How far a neighbour's wall may lie behind one's own and still face it (m): the demo's
 * coordinates are rounded to 1e-6° (≈ 0.1 m), so a shared wall is not exactly collinear. */
const BEHIND = 0.5;
/** A connection this close to a barrier line touches it (m). */
const TOUCH = 1e-6;
/** A point this close to a barrier area's boundary is on it, not inside (m). */
const ON_BANK = 0.01;

/**
 * Neighbour graph of walled compounds: an edge joins two compounds whose boundaries come within
 * toleranceM, whose shortest connection (the segment between the closest points of the two
 * boundaries) neither touches a barrier line nor passes through a barrier polygon, and which, when
 * sameSubdistrict holds, have the same 街道. Each edge carries its gap and its shared length: the
 * mean over both compounds of the boundary length whose outward normal meets the other compound's
 * boundary within the tolerance (two 100 m walls facing across a lane share ≈ 100 m).
 */
export function gapGraph(input: GapGraphInput): GapGraphResult {
  const who = 'gapGraph';
  if (!input || typeof input !== 'object') throw new Error(`${who}: expected an input object with features`);
  const { features, subdistrict, barriers = [], toleranceM = DEFAULT_GAP_TOLERANCE_M, sameSubdistrict = true } = input;
  if (!Array.isArray(features)) throw new Error(`${who}: features must be an array of Polygon features`);
  if (typeof toleranceM !== 'number' || !Number.isFinite(toleranceM) || toleranceM < 0) {
    throw new Error(`${who}: toleranceM must be a finite number ≥ 0, got ${toleranceM}`);
  }
  if (!Array.isArray(barriers)) throw new Error(`${who}: barriers must be an array of features`);
  const n = features.length;
  if (subdistrict !== undefined) {
    if (!Array.isArray(subdistrict) || subdistrict.length !== n) {
      throw new Error(`${who}: subdistrict must have one entry per feature (${n}), got ${Array.isArray(subdistrict) ? subdistrict.length : typeof subdistrict}`);
    }
    subdistrict.forEach((s, i) => {
      if (typeof s !== 'string') throw new Error(`${who}: subdistrict of feature ${i} is not a string`);
    });
  }
  const parts = features.map((f, i) => polygonParts(f, i, who));
  const lines = barriers.map((b, i) => barrierRings(b, i, who));
  if (n === 0) return { graph: graphFromEdges(0, []), islands: [], blocked: [], crossSubdistrict: [] };

  const { lon0, lat0, kx, ky } = projection(parts);
  const proj = (ring: Position[]) => ring.flatMap((p) => [(p[0] - lon0) * kx, (p[1] - lat0) * ky]);
  const tol = toleranceM;

  // compound boundaries as segments, each ring turned so that the compound lies on its left
  let positions = 0;
  for (const polys of parts) for (const poly of polys) for (const ring of poly) positions += ring.length;
  const seg = new Float64Array(4 * positions);
  const segStart = new Uint32Array(n + 1);
  const box = new Float64Array(4 * n);
  let ns = 0;
  for (let i = 0; i < n; i++) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const poly of parts[i]) {
      for (let r = 0; r < poly.length; r++) {
        const ring = poly[r];
        const m = ring.length;
        const ccw = signedArea(ring) >= 0; // the projection keeps orientation
        const reverse = r === 0 ? !ccw : ccw; // exterior counter-clockwise, holes clockwise
        for (let k = 0; k < m; k++) {
          const a = reverse ? m - 1 - k : k;
          const b = reverse ? (a === 0 ? m - 1 : a - 1) : (a === m - 1 ? 0 : a + 1);
          const x0 = (ring[a][0] - lon0) * kx, y0 = (ring[a][1] - lat0) * ky;
          const x1 = (ring[b][0] - lon0) * kx, y1 = (ring[b][1] - lat0) * ky;
          if (x0 === x1 && y0 === y1) continue; // the closing position, or a repeated one
          seg[4 * ns] = x0;
          seg[4 * ns + 1] = y0;
          seg[4 * ns + 2] = x1;
          seg[4 * ns + 3] = y1;
          ns++;
          if (x0 < minX) minX = x0;
          if (y0 < minY) minY = y0;
          if (x0 > maxX) maxX = x0;
          if (y0 > maxY) maxY = y0;
        }
      }
    }
    segStart[i + 1] = ns;
    if (ns === segStart[i]) throw new Error(`gapGraph: feature ${i} has no extent (all its positions are equal)`);
    box[4 * i] = minX;
    box[4 * i + 1] = minY;
    box[4 * i + 2] = maxX;
    box[4 * i + 3] = maxY;
  }

  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) index.add(box[4 * i], box[4 * i + 1], box[4 * i + 2], box[4 * i + 3]);
  index.finish();

  const blocker = barrierIndex(lines, proj);

  const edges: Edge[] = [];
  const blocked: BlockedPair[] = [];
  const crossSubdistrict: CrossSubdistrictPair[] = [];
  const candA = new Uint32Array(maxRun(segStart));
  const candB = new Uint32Array(candA.length);

  for (let a = 0; a < n; a++) {
    const found = index.search(box[4 * a] - tol, box[4 * a + 1] - tol, box[4 * a + 2] + tol, box[4 * a + 3] + tol);
    for (const b of found) {
      if (b <= a) continue;
      // only segments within the tolerance of the other's box can come within it of the other
      const na = near(seg, segStart[a], segStart[a + 1], box, b, tol, candA);
      const nb = near(seg, segStart[b], segStart[b + 1], box, a, tol, candB);
      let gap = closest(seg, candA, na, candB, nb);
      if (gap > 0) {
        // boundaries apart but one outline inside the other (overlapping data): gap 0 at a vertex
        const inner = within(box, a, b) && contains(seg, segStart[b], segStart[b + 1], seg[4 * segStart[a]], seg[4 * segStart[a] + 1]) ? a
          : within(box, b, a) && contains(seg, segStart[a], segStart[a + 1], seg[4 * segStart[b]], seg[4 * segStart[b] + 1]) ? b : -1;
        if (inner !== -1) {
          gap = 0;
          CP[0] = CP[2] = seg[4 * segStart[inner]];
          CP[1] = CP[3] = seg[4 * segStart[inner] + 1];
        }
      }
      if (gap > tol) continue;
      const cut = blocker ? blocker(CP[0], CP[1], CP[2], CP[3]) : -1;
      if (cut >= 0) {
        const p = barriers[cut].properties;
        blocked.push({ a, b, gap, barrier: p.kind, name: p.name ?? null, barrierIndex: cut });
        continue;
      }
      if (sameSubdistrict && subdistrict && subdistrict[a] !== subdistrict[b]) {
        crossSubdistrict.push({ a, b, gap });
        continue;
      }
      const shared = (facing(seg, candA, na, candB, nb, tol) + facing(seg, candB, nb, candA, na, tol)) / 2;
      edges.push({ a, b, gap, shared });
    }
  }

  const byPair = (x: { a: number; b: number }, y: { a: number; b: number }) => x.a - y.a || x.b - y.b;
  blocked.sort(byPair);
  crossSubdistrict.sort(byPair);
  const graph = graphFromEdges(n, edges);
  const islands: number[] = [];
  for (let i = 0; i < n; i++) if (graph.offsets[i + 1] === graph.offsets[i]) islands.push(i);
  return { graph, islands, blocked, crossSubdistrict };
}

/** An equirectangular projection about the centre of the compounds' bounding box (metres). */
function projection(parts: Position[][][][]): Projection {
  const box = emptyBBox();
  parts.forEach((polys, i) => {
    for (const poly of polys) for (const ring of poly) for (const p of ring) {
      if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
        throw new Error(`gapGraph: feature ${i} has position ${JSON.stringify(p)} outside lon/lat; expected WGS84 degrees`);
      }
      extendBBox(box, p[0], p[1]);
    }
  });
  return projectionAbout(box);
}

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let k = 0, m = ring.length, j = m - 1; k < m; j = k++) sum += (ring[j][0] - ring[k][0]) * (ring[j][1] + ring[k][1]);
  return sum / 2;
}

/** Whether box i lies within box j. */
function within(box: Float64Array, i: number, j: number): boolean {
  return box[4 * i] >= box[4 * j] && box[4 * i + 1] >= box[4 * j + 1] && box[4 * i + 2] <= box[4 * j + 2] && box[4 * i + 3] <= box[4 * j + 3];
}

function maxRun(start: Uint32Array): number {
  let m = 0;
  for (let i = 0; i + 1 < start.length; i++) m = Math.max(m, start[i + 1] - start[i]);
  return m;
}

/** Writes into out the segments of [from, to) whose box comes within tol of feature other's box; returns their count. */
function near(seg: Float64Array, from: number, to: number, box: Float64Array, other: number, tol: number, out: Uint32Array): number {
  const minX = box[4 * other] - tol, minY = box[4 * other + 1] - tol;
  const maxX = box[4 * other + 2] + tol, maxY = box[4 * other + 3] + tol;
  let c = 0;
  for (let s = from; s < to; s++) {
    const x0 = seg[4 * s], y0 = seg[4 * s + 1], x1 = seg[4 * s + 2], y1 = seg[4 * s + 3];
    if (Math.max(x0, x1) < minX || Math.min(x0, x1) > maxX || Math.max(y0, y1) < minY || Math.min(y0, y1) > maxY) continue;
    out[c++] = s;
  }
  return c;
}

// closest points of the last closest() / segDist(): CP[0..1] on the first boundary, CP[2..3] on the second
const CP = new Float64Array(4);
const TMP = new Float64Array(4);

/** Smallest distance between two sets of segments; its closest points are left in CP. */
function closest(seg: Float64Array, A: Uint32Array, na: number, B: Uint32Array, nb: number): number {
  let best = Infinity;
  for (let i = 0; i < na && best > 0; i++) {
    const s = 4 * A[i];
    const ax = seg[s], ay = seg[s + 1], bx = seg[s + 2], by = seg[s + 3];
    const sMinX = Math.min(ax, bx), sMaxX = Math.max(ax, bx), sMinY = Math.min(ay, by), sMaxY = Math.max(ay, by);
    for (let j = 0; j < nb; j++) {
      const t = 4 * B[j];
      const cx = seg[t], cy = seg[t + 1], dx = seg[t + 2], dy = seg[t + 3];
      // the boxes' separation bounds the distance from below
      const gx = Math.max(Math.min(cx, dx) - sMaxX, sMinX - Math.max(cx, dx), 0);
      const gy = Math.max(Math.min(cy, dy) - sMaxY, sMinY - Math.max(cy, dy), 0);
      if (gx * gx + gy * gy >= best * best) continue;
      const d = segDist(ax, ay, bx, by, cx, cy, dx, dy);
      if (d < best) {
        best = d;
        CP.set(TMP);
        if (d === 0) break;
      }
    }
  }
  return best;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Distance between segments ab and cd; closest points in TMP (on ab, then on cd). */
function segDist(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): number {
  const d1 = orient(ax, ay, bx, by, cx, cy);
  const d2 = orient(ax, ay, bx, by, dx, dy);
  const d3 = orient(cx, cy, dx, dy, ax, ay);
  const d4 = orient(cx, cy, dx, dy, bx, by);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d3 / (d3 - d4);
    TMP[0] = TMP[2] = ax + t * (bx - ax);
    TMP[1] = TMP[3] = ay + t * (by - ay);
    return 0;
  }
  let best = Infinity;
  let d = pointSeg(ax, ay, cx, cy, dx, dy);
  if (d < best) { best = d; TMP[0] = ax; TMP[1] = ay; TMP[2] = PX; TMP[3] = PY; }
  d = pointSeg(bx, by, cx, cy, dx, dy);
  if (d < best) { best = d; TMP[0] = bx; TMP[1] = by; TMP[2] = PX; TMP[3] = PY; }
  d = pointSeg(cx, cy, ax, ay, bx, by);
  if (d < best) { best = d; TMP[0] = PX; TMP[1] = PY; TMP[2] = cx; TMP[3] = cy; }
  d = pointSeg(dx, dy, ax, ay, bx, by);
  if (d < best) { best = d; TMP[0] = PX; TMP[1] = PY; TMP[2] = dx; TMP[3] = dy; }
  return best;
}

let PX = 0;
let PY = 0;
/** Distance from p to segment ab; the foot is left in PX, PY. */
function pointSeg(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const l2 = dx * dx + dy * dy;
  const t = l2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2)) : 0;
  PX = ax + t * dx;
  PY = ay + t * dy;
  return Math.hypot(px - PX, py - PY);
}

/** Even-odd point in polygon over the segments [from, to) (every ring of a feature). */
function contains(seg: Float64Array, from: number, to: number, x: number, y: number): boolean {
  let inside = false;
  for (let s = from; s < to; s++) {
    const x0 = seg[4 * s], y0 = seg[4 * s + 1], x1 = seg[4 * s + 2], y1 = seg[4 * s + 3];
    if (y0 > y !== y1 > y && x < x0 + ((y - y0) * (x1 - x0)) / (y1 - y0)) inside = !inside;
  }
  return inside;
}

// intervals along one wall, reused
let LO: Float64Array = new Float64Array(64);
let HI: Float64Array = new Float64Array(64);

/**
 * Length of the segments A whose outward normal (to the right: compounds lie left of their
 * rings) meets one of the segments B within tol. A perpendicular side wall never faces, so two
 * 100 m walls across a lane give 100 m, not 100 m plus the ends of the side walls.
 */
function facing(seg: Float64Array, A: Uint32Array, na: number, B: Uint32Array, nb: number, tol: number): number {
  let total = 0;
  for (let i = 0; i < na; i++) {
    const s = 4 * A[i];
    const ox = seg[s], oy = seg[s + 1];
    const L = Math.hypot(seg[s + 2] - ox, seg[s + 3] - oy);
    const ux = (seg[s + 2] - ox) / L, uy = (seg[s + 3] - oy) / L; // along the wall
    const vx = uy, vy = -ux; // outward
    let m = 0;
    for (let j = 0; j < nb; j++) {
      const t = 4 * B[j];
      const w1 = (seg[t] - ox) * vx + (seg[t + 1] - oy) * vy;
      const w2 = (seg[t + 2] - ox) * vx + (seg[t + 3] - oy) * vy;
      if ((w1 < -BEHIND && w2 < -BEHIND) || (w1 > tol && w2 > tol)) continue; // behind, or too far ahead
      const u1 = (seg[t] - ox) * ux + (seg[t + 1] - oy) * uy;
      const u2 = (seg[t + 2] - ox) * ux + (seg[t + 3] - oy) * uy;
      if (Math.abs(u2 - u1) < 1e-9) continue; // seen edge-on
      let lo = Math.max(0, Math.min(u1, u2));
      let hi = Math.min(L, Math.max(u1, u2));
      if (hi <= lo) continue;
      if (w1 !== w2) {
        // w is linear in u: keep where -BEHIND ≤ w ≤ tol
        const k = (w2 - w1) / (u2 - u1);
        const uBehind = u1 + (-BEHIND - w1) / k;
        const uFar = u1 + (tol - w1) / k;
        lo = Math.max(lo, Math.min(uBehind, uFar));
        hi = Math.min(hi, Math.max(uBehind, uFar));
        if (hi <= lo) continue;
      }
      if (m === LO.length) {
        LO = grow(LO);
        HI = grow(HI);
      }
      LO[m] = lo;
      HI[m] = hi;
      m++;
    }
    total += unionLength(m);
  }
  return total;
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/** Total length of the union of the intervals [LO[k], HI[k]), k < m; sorts them in place (few). */
function unionLength(m: number): number {
  if (m === 0) return 0;
  for (let i = 1; i < m; i++) {
    const lo = LO[i], hi = HI[i];
    let j = i - 1;
    for (; j >= 0 && LO[j] > lo; j--) {
      LO[j + 1] = LO[j];
      HI[j + 1] = HI[j];
    }
    LO[j + 1] = lo;
    HI[j + 1] = hi;
  }
  let sum = 0;
  let curLo = LO[0], curHi = HI[0];
  for (let k = 1; k < m; k++) {
    if (LO[k] > curHi) {
      sum += curHi - curLo;
      curLo = LO[k];
      curHi = HI[k];
    } else if (HI[k] > curHi) curHi = HI[k];
  }
  return sum + curHi - curLo;
}

interface BarrierRings {
  area: boolean; // polygon: its rings bound water etc.; line: a centre line
  rings: Position[][];
}

function barrierRings(b: BarrierFeature, i: number, who: string): BarrierRings {
  if (!b || typeof b !== 'object' || b.type !== 'Feature') throw new Error(`${who}: barrier ${i} is not a GeoJSON Feature`);
  const kind = b.properties?.kind;
  if (typeof kind !== 'string' || kind === '') throw new Error(`${who}: barrier ${i} has no kind (e.g. 'arterial', 'river')`);
  const name = b.properties.name;
  if (name !== undefined && name !== null && typeof name !== 'string') throw new Error(`${who}: barrier ${i} has a name that is not a string`);
  const g = b.geometry;
  if (!g) throw new Error(`${who}: barrier ${i} has no geometry`);
  let rings: Position[][];
  let area = false;
  if (g.type === 'LineString') rings = [g.coordinates];
  else if (g.type === 'MultiLineString') rings = g.coordinates;
  else if (g.type === 'Polygon') { rings = g.coordinates; area = true; }
  else if (g.type === 'MultiPolygon') { rings = (g.coordinates ?? []).flat(); area = true; }
  else throw new Error(`${who}: barrier ${i} is a ${(g as { type: string }).type}; expected LineString, MultiLineString, Polygon or MultiPolygon`);
  if (!Array.isArray(rings) || rings.length === 0) throw new Error(`${who}: barrier ${i} has an empty geometry`);
  for (const r of rings) {
    if (!Array.isArray(r) || r.length < (area ? 3 : 2)) throw new Error(`${who}: barrier ${i} has a ${area ? 'ring' : 'line'} with too few positions`);
    for (const p of r) {
      if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
        throw new Error(`${who}: barrier ${i} has an invalid lon/lat position ${JSON.stringify(p)}`);
      }
    }
  }
  return { area, rings };
}

/**
 * A test for connections pq: the lowest index of a barrier line it touches or a barrier area it
 * passes through (crosses the boundary, or its midpoint lies inside), or -1.
 */
function barrierIndex(barriers: BarrierRings[], proj: (ring: Position[]) => number[]): ((px: number, py: number, qx: number, qy: number) => number) | null {
  const list: number[] = [];
  const owner: number[] = [];
  let areas = false;
  barriers.forEach((b, i) => {
    areas ||= b.area;
    for (const ring of b.rings) {
      const xy = proj(ring);
      const m = xy.length / 2;
      const last = b.area ? m : m - 1; // areas close their rings
      for (let k = 0; k < last; k++) {
        const j = (k + 1) % m;
        if (xy[2 * k] === xy[2 * j] && xy[2 * k + 1] === xy[2 * j + 1]) continue;
        list.push(xy[2 * k], xy[2 * k + 1], xy[2 * j], xy[2 * j + 1]);
        owner.push(i);
      }
    }
  });
  const count = owner.length;
  if (count === 0) return null;
  const seg = Float64Array.from(list);
  const own = Uint32Array.from(owner);
  const index = new Flatbush(count);
  for (let s = 0; s < count; s++) {
    const x0 = seg[4 * s], y0 = seg[4 * s + 1], x1 = seg[4 * s + 2], y1 = seg[4 * s + 3];
    index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
  }
  index.finish();
  const parity = new Uint8Array(barriers.length);

  return (px, py, qx, qy) => {
    let hit = -1;
    const found = index.search(Math.min(px, qx), Math.min(py, qy), Math.max(px, qx), Math.max(py, qy));
    for (const s of found) {
      const b = own[s];
      if (hit !== -1 && b >= hit) continue;
      const ax = seg[4 * s], ay = seg[4 * s + 1], bx = seg[4 * s + 2], by = seg[4 * s + 3];
      if (barriers[b].area) {
        // crossing an area's boundary properly enters it; running along the bank does not
        const d1 = orient(px, py, qx, qy, ax, ay), d2 = orient(px, py, qx, qy, bx, by);
        const d3 = orient(ax, ay, bx, by, px, py), d4 = orient(ax, ay, bx, by, qx, qy);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) hit = b;
      } else if (segDist(px, py, qx, qy, ax, ay, bx, by) <= TOUCH) hit = b;
    }
    if (hit !== -1 || !areas) return hit;
    // midpoint inside an area: cast a ray east and count crossings per barrier. A midpoint on
    // the bank (a connection running along it between two riverside compounds) is not inside.
    const mx = (px + qx) / 2, my = (py + qy) / 2;
    const ray = index.search(mx, my, index.maxX, my);
    for (const s of ray) parity[own[s]] = 0;
    for (const s of ray) {
      const b = own[s];
      if (!barriers[b].area) continue;
      const x0 = seg[4 * s], y0 = seg[4 * s + 1], x1 = seg[4 * s + 2], y1 = seg[4 * s + 3];
      if (y0 > my !== y1 > my && mx < x0 + ((my - y0) * (x1 - x0)) / (y1 - y0)) parity[b] ^= 1;
    }
    const bank = index.search(mx - ON_BANK, my - ON_BANK, mx + ON_BANK, my + ON_BANK);
    for (const s of bank) {
      if (barriers[own[s]].area && pointSeg(mx, my, seg[4 * s], seg[4 * s + 1], seg[4 * s + 2], seg[4 * s + 3]) <= ON_BANK) parity[own[s]] = 0;
    }
    for (const s of ray) if (parity[own[s]] && (hit === -1 || own[s] < hit)) hit = own[s];
    return hit;
  };
}
