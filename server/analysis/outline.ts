// A package's outline: the union of its members with the lanes between them closed
// (morphological closing: grow by d, union, shrink by d), so a package reads as one site.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export function packageOutline(members: Feature<Polygon>[], closeM: number): Polygon | MultiPolygon {
  if (members.length === 0) throw new Error('packageOutline: a package needs at least one member');
  if (!(closeM >= 0)) throw new Error(`packageOutline: closeM must be ≥ 0 m, got ${closeM}`);
  if (members.length === 1 && closeM === 0) return members[0].geometry;
  const grown = closeM > 0 ? members.map((m) => turf.buffer(m, closeM, { units: 'meters' }) as Feature<Polygon | MultiPolygon>) : members;
  const merged = grown.length === 1 ? grown[0] : turf.union(turf.featureCollection(grown));
  if (!merged) throw new Error('packageOutline: union of members is empty');
  if (closeM === 0) return merged.geometry;
  const shrunk = turf.buffer(merged, -closeM, { units: 'meters' });
  return (shrunk ?? merged).geometry as Polygon | MultiPolygon;
}
