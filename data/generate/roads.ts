// Road features: centre lines split at junctions (class, name), lon/lat.
import type { Feature, LineString } from 'geojson';
import { lineToLonLat } from './frame.ts';
import type { Segment } from './network.ts';
import type { RoadProps } from '../../server/domain/model.ts';

export function roadFeatures(segments: Segment[]): Feature<LineString, RoadProps>[] {
  return segments.map((s) => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: lineToLonLat([s.a, s.b], 25) },
    properties: { id: s.id, class: s.cls, name: s.name },
  }));
}
