// Bounding boxes of GeoJSON geometries, without allocating per coordinate.
import type { Geometry, Position } from 'geojson';
import type { BBox } from '../domain/api.ts';

export function emptyBBox(): BBox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

export function extendBBox(b: BBox, x: number, y: number): void {
  if (x < b[0]) b[0] = x;
  if (y < b[1]) b[1] = y;
  if (x > b[2]) b[2] = x;
  if (y > b[3]) b[3] = y;
}

function walk(coords: unknown, b: BBox): void {
  const a = coords as Position | Position[];
  if (typeof a[0] === 'number') extendBBox(b, a[0] as number, a[1] as number);
  else for (const c of a as unknown[]) walk(c, b);
}

export function geometryBBox(g: Geometry): BBox {
  const b = emptyBBox();
  if (g.type === 'GeometryCollection') {
    for (const part of g.geometries) {
      const p = geometryBBox(part);
      extendBBox(b, p[0], p[1]);
      extendBBox(b, p[2], p[3]);
    }
  } else walk(g.coordinates, b);
  if (!Number.isFinite(b[0])) throw new Error(`geometryBBox: ${g.type} has no coordinates`);
  return b;
}

export function unionBBox(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}
