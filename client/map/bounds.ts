// The extent of a layer's features: the map opens on the compounds (where the planning happens),
// not on the whole district outline, which in the demo is mostly countryside.
import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { BBox } from '../../server/domain/api.ts';

function eachPosition(g: Geometry, visit: (p: Position) => void): void {
  switch (g.type) {
    case 'Point': return visit(g.coordinates);
    case 'MultiPoint': case 'LineString': return g.coordinates.forEach(visit);
    case 'MultiLineString': case 'Polygon': return g.coordinates.forEach((l) => l.forEach(visit));
    case 'MultiPolygon': return g.coordinates.forEach((p) => p.forEach((l) => l.forEach(visit)));
    case 'GeometryCollection': return g.geometries.forEach((c) => eachPosition(c, visit));
  }
}

/** The bounding box of all features, or null for an empty collection. */
export function featureBounds(fc: FeatureCollection): BBox | null {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fc.features) {
    if (!f.geometry) continue;
    eachPosition(f.geometry, ([x, y]) => {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    });
  }
  return b[0] <= b[2] ? b : null;
}
