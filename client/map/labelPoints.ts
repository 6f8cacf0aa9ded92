// One label point per polygon feature, always inside it. MapLibre would place polygon labels per
// tile (repeating a name where a polygon crosses tiles), so names go on points we derive here.
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';

/** The widest interior run of the horizontal line through the ring's area centroid: its midpoint is inside. */
function interiorPoint(rings: Position[][]): Position {
  const outer = rings[0];
  let a = 0;
  let cy = 0;
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const cross = outer[j][0] * outer[i][1] - outer[i][0] * outer[j][1];
    a += cross;
    cy += (outer[j][1] + outer[i][1]) * cross;
  }
  const y = a === 0 ? outer[0][1] : cy / (3 * a);
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j];
      const [x2, y2] = ring[i];
      if ((y1 > y) !== (y2 > y)) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    }
  }
  xs.sort((p, q) => p - q);
  let best: Position = outer[0];
  let widest = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > widest) {
      widest = xs[i + 1] - xs[i];
      best = [(xs[i] + xs[i + 1]) / 2, y];
    }
  }
  return best;
}

function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return Math.abs(a / 2);
}

/** For a MultiPolygon the label goes in its largest part. */
function labelPoint(geometry: Polygon | MultiPolygon): Position {
  if (geometry.type === 'Polygon') return interiorPoint(geometry.coordinates);
  let largest = geometry.coordinates[0];
  for (const part of geometry.coordinates) if (ringArea(part[0]) > ringArea(largest[0])) largest = part;
  return interiorPoint(largest);
}

export function labelPoints<P>(fc: FeatureCollection<Polygon | MultiPolygon, P>): FeatureCollection<Point, P> {
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f): Feature<Point, P> => ({
      type: 'Feature',
      id: f.id,
      properties: f.properties,
      geometry: { type: 'Point', coordinates: labelPoint(f.geometry) },
    })),
  };
}
