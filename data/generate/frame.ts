// The local metric frame of the demo town. Everything is laid out on a clean (u, v) grid in
// metres (u east, v north before rotation), then every coordinate goes through one smooth
// warp plus a small rotation and an equirectangular projection to lon/lat (WGS84).
//
// The warp is x = u + f(v), y = v + g(u). With |f'| ≤ a and |g'| ≤ b and a·b < 1 the map is
// one-to-one (if two points met, |Δu| ≤ a|Δv| ≤ a·b|Δu|, so Δu = Δv = 0), hence disjoint
// compounds stay disjoint and shared walls stay shared. Here a ≈ 0.33, b ≈ 0.25.

/** Urban-area centre (WGS84), found by fitting the 5 km × 4 km area inside the real outline
 * with ≥ 450 m to spare, as close as that allows to the district's label point, i.e. towards
 * the border with 珠山区 and the city centre to the east. */
export const ORIGIN: [number, number] = [117.1639, 29.2861];
/** Counter-clockwise rotation of the (u, v) grid, degrees. */
export const ROTATION_DEG = 22;
/** Urban area in (u, v): the perimeter arterials run along these lines. */
export const URBAN = { u0: -2500, u1: 2500, v0: -2000, v1: 2000 } as const;

const EARTH_R = 6371008.8;
const DEG = Math.PI / 180;
const M_PER_DEG_LAT = EARTH_R * DEG;
const M_PER_DEG_LON = EARTH_R * DEG * Math.cos(ORIGIN[1] * DEG);
const COS = Math.cos(ROTATION_DEG * DEG);
const SIN = Math.sin(ROTATION_DEG * DEG);

// warp terms: amplitude (m), length scale (m), phase
const F = [
  [120, 650, 0.7],
  [35, 240, 2.1],
] as const;
const G = [
  [80, 600, 4.0],
  [25, 220, 1.3],
] as const;

export type UV = [number, number];

/** Smoothly warped metric coordinates (still metres, not rotated). */
export function warp(p: UV): UV {
  let x = p[0];
  let y = p[1];
  for (const [amp, len, ph] of F) x += amp * Math.sin(p[1] / len + ph);
  for (const [amp, len, ph] of G) y += amp * Math.sin(p[0] / len + ph);
  return [x, y];
}

/** Local determinant of the warp's Jacobian: area scale factor at p. */
export function warpAreaScale(p: UV): number {
  let fp = 0;
  let gp = 0;
  for (const [amp, len, ph] of F) fp += (amp / len) * Math.cos(p[1] / len + ph);
  for (const [amp, len, ph] of G) gp += (amp / len) * Math.cos(p[0] / len + ph);
  return 1 - fp * gp;
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** (u, v) → [lon, lat], rounded to 6 decimals (≈ 0.1 m). */
export function toLonLat(p: UV): [number, number] {
  const [wx, wy] = warp(p);
  const x = wx * COS - wy * SIN;
  const y = wx * SIN + wy * COS;
  return [round6(ORIGIN[0] + x / M_PER_DEG_LON), round6(ORIGIN[1] + y / M_PER_DEG_LAT)];
}

/** Densify a polyline in (u, v) so that no step exceeds `step` metres. Each segment is cut
 * from its lexicographically smaller end, so two rings sharing a segment get the very same
 * intermediate points whichever way they run. */
export function densify(pts: UV[], step = 20): UV[] {
  const out: UV[] = [];
  for (let i = 0; i < pts.length - 1; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    out.push(a);
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const n = Math.ceil(len / step - 1e-9);
    if (n <= 1) continue;
    const fwd = a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
    const [p, q] = fwd ? [a, b] : [b, a];
    const mid: UV[] = [];
    for (let k = 1; k < n; k++) mid.push([p[0] + ((q[0] - p[0]) * k) / n, p[1] + ((q[1] - p[1]) * k) / n]);
    if (!fwd) mid.reverse();
    out.push(...mid);
  }
  out.push(pts[pts.length - 1]);
  return out;
}

/** A (u, v) line to lon/lat: densified, warped, rounded, consecutive duplicates dropped. */
export function lineToLonLat(pts: UV[], step = 20): [number, number][] {
  const out: [number, number][] = [];
  for (const p of densify(pts, step)) {
    const q = toLonLat(p);
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

/** A closed (u, v) ring (first point not repeated) to a closed lon/lat ring. */
export function ringToLonLat(ring: UV[], step = 20): [number, number][] {
  const out = lineToLonLat([...ring, ring[0]], step);
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) return out;
  out.push(out[0]);
  return out;
}

/** Shoelace area (m²) of a (u, v) ring after warping, i.e. close to its area on the ground. */
export function warpedArea(ring: UV[], step = 20): number {
  const pts = densify([...ring, ring[0]], step).map(warp);
  let s = 0;
  for (let i = 0; i < pts.length - 1; i++) s += pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1];
  return Math.abs(s) / 2;
}
