// Length of a line inside a set of polygons, by exact clipping: each segment is split where it
// meets a polygon edge (or passes a vertex), and a piece counts when its midpoint is inside.
// A pipe's length inside a package's compounds is measured this way, not by guessing from
// midpoints of whole segments (a 200 m main crossing a corner would count all or nothing).
//
// Geometry runs in metres in an equirectangular projection about the centre of the polygons'
// bounding box, as in neighbours.ts: below 0.1 % scale error at city scale. Splitting and the
// inside test are affine-invariant, so only lengths depend on the projection.
import type { Position } from 'geojson';
import { emptyBBox, extendBBox } from './bbox.ts';
import { pointSegment, projectionAbout } from './geo.ts';

/** A point this close to an edge is on the boundary, which counts as inside (m). A pipe along a
 * wall two members share is counted once, and one along the package's outer wall belongs to it. */
const ON_EDGE = 1e-3;

/** A polygon as GeoJSON coordinates: outer ring first, then holes. */
export type PolygonRings = Position[][];

/**
 * Prepares the polygons once and returns a function giving the length (m) of a line (lon/lat)
 * inside their union: overlapping polygons count once, holes are outside, boundaries inside.
 */
export function clipper(polygons: PolygonRings[]): (line: Position[]) => number {
  const bounds = emptyBBox();
  for (const poly of polygons) for (const ring of poly) for (const p of ring) {
    if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) throw new Error(`clipper: position ${JSON.stringify(p)} is outside lon/lat; expected WGS84 degrees`);
    extendBBox(bounds, p[0], p[1]);
  }
  if (bounds[0] === Infinity) return () => 0;
  const { lon0, lat0, kx, ky } = projectionAbout(bounds);

  // Every edge as x0 y0 x1 y1 (m); polygon k owns edges from[k] … from[k + 1], box[4k…] is its bbox.
  const nEdges = polygons.reduce((n, poly) => n + poly.reduce((m, r) => m + Math.max(r.length - 1, 0), 0), 0);
  const seg = new Float64Array(4 * nEdges);
  const from = new Uint32Array(polygons.length + 1);
  const box = new Float64Array(4 * polygons.length);
  let e = 0;
  polygons.forEach((poly, k) => {
    from[k] = e;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const ax = (ring[i][0] - lon0) * kx, ay = (ring[i][1] - lat0) * ky;
        const bx = (ring[i + 1][0] - lon0) * kx, by = (ring[i + 1][1] - lat0) * ky;
        seg.set([ax, ay, bx, by], 4 * e++);
        x0 = Math.min(x0, ax, bx); y0 = Math.min(y0, ay, by); x1 = Math.max(x1, ax, bx); y1 = Math.max(y1, ay, by);
      }
    }
    box.set([x0 - ON_EDGE, y0 - ON_EDGE, x1 + ON_EDGE, y1 + ON_EDGE], 4 * k);
  });
  from[polygons.length] = e;

  const meets = (k: number, x0: number, y0: number, x1: number, y1: number) =>
    box[4 * k] <= x1 && box[4 * k + 2] >= x0 && box[4 * k + 1] <= y1 && box[4 * k + 3] >= y0;

  function inside(x: number, y: number): boolean {
    for (let k = 0; k < polygons.length; k++) {
      if (!meets(k, x, y, x, y)) continue;
      let odd = false;
      for (let s = from[k]; s < from[k + 1]; s++) {
        const ax = seg[4 * s], ay = seg[4 * s + 1], bx = seg[4 * s + 2], by = seg[4 * s + 3];
        if (pointSegment(x, y, ax, ay, bx, by) <= ON_EDGE) return true;
        if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) odd = !odd;
      }
      if (odd) return true;
    }
    return false;
  }

  const ts: number[] = [];
  return (line: Position[]): number => {
    let total = 0;
    for (let i = 0; i + 1 < line.length; i++) {
      const px = (line[i][0] - lon0) * kx, py = (line[i][1] - lat0) * ky;
      const qx = (line[i + 1][0] - lon0) * kx, qy = (line[i + 1][1] - lat0) * ky;
      const rx = qx - px, ry = qy - py;
      const len2 = rx * rx + ry * ry;
      if (len2 === 0) continue;
      const sx0 = Math.min(px, qx), sy0 = Math.min(py, qy), sx1 = Math.max(px, qx), sy1 = Math.max(py, qy);
      ts.length = 0;
      ts.push(0, 1);
      let near = false;
      for (let k = 0; k < polygons.length; k++) {
        if (!meets(k, sx0, sy0, sx1, sy1)) continue;
        near = true;
        for (let s = from[k]; s < from[k + 1]; s++) {
          const ax = seg[4 * s], ay = seg[4 * s + 1], bx = seg[4 * s + 2], by = seg[4 * s + 3];
          const ex = bx - ax, ey = by - ay;
          const denom = rx * ey - ry * ex;
          if (Math.abs(denom) > 1e-12 * Math.sqrt(len2 * (ex * ex + ey * ey))) {
            // Proper crossing of the two segments.
            const t = ((ax - px) * ey - (ay - py) * ex) / denom;
            const u = ((ax - px) * ry - (ay - py) * rx) / denom;
            if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
          }
          // A vertex on the segment: where a line touches a corner or starts or ends running along an edge.
          if (pointSegment(ax, ay, px, py, qx, qy) <= ON_EDGE) ts.push(Math.min(1, Math.max(0, ((ax - px) * rx + (ay - py) * ry) / len2)));
        }
      }
      if (!near) continue;
      ts.sort((a, b) => a - b);
      const len = Math.sqrt(len2);
      for (let j = 0; j + 1 < ts.length; j++) {
        const t0 = ts[j], t1 = ts[j + 1];
        if (t1 - t0 <= 1e-12) continue;
        const tm = (t0 + t1) / 2;
        if (inside(px + tm * rx, py + tm * ry)) total += (t1 - t0) * len;
      }
    }
    return total;
  };
}

/** Length (m) of `line` (lon/lat) inside the union of `polygons` (each outer ring then holes). */
export function lengthInside(line: Position[], polygons: PolygonRings[]): number {
  return clipper(polygons)(line);
}

