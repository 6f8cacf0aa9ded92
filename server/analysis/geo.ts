// Local metric geometry shared by the analyses: an equirectangular projection about the centre of
// a lon/lat box (metres, with Turf's mean Earth radius), and the distance from a point to a segment.
import type { BBox } from '../domain/api.ts';

export const EARTH_RADIUS = 6371008.8; // mean radius (m), as Turf uses

export interface Projection {
  lon0: number;
  lat0: number;
  /** metres per degree of longitude and latitude at lat0 */
  kx: number;
  ky: number;
}

/** Accurate to well under 0.1 % across a city: distances here are a few kilometres at most. */
export function projectionAbout(b: BBox): Projection {
  const lat0 = (b[1] + b[3]) / 2;
  const ky = (EARTH_RADIUS * Math.PI) / 180;
  return { lon0: (b[0] + b[2]) / 2, lat0, kx: ky * Math.cos((lat0 * Math.PI) / 180), ky };
}

/** Distance from point P to segment AB (any planar units). */
export function pointSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
