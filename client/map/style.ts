// The whole map style from the district's own data. No `glyphs` URL: MapLibre then draws every
// label locally (TinySDF with the system CJK font), and no sprite: amenity icons are drawn at runtime.
import type { StyleSpecification } from 'maplibre-gl';
import type { LayerData } from '../api.ts';
import { buildLayers, SRC, type LayerOptions } from './layers.ts';
import { labelPoints } from './labelPoints.ts';

export function buildStyle(data: LayerData, options: LayerOptions): StyleSpecification {
  return {
    version: 8,
    name: 'Lianpian offline basemap',
    sources: {
      [SRC.water]: { type: 'geojson', data: data.water },
      [SRC.roads]: { type: 'geojson', data: data.roads },
      [SRC.boundaries]: { type: 'geojson', data: data.boundaries },
      [SRC.boundaryLabels]: { type: 'geojson', data: labelPoints(data.boundaries) },
      // promoteId lets hover state and clicks address a compound by its own id.
      [SRC.communities]: { type: 'geojson', data: data.communities, promoteId: 'id' },
      [SRC.communityLabels]: { type: 'geojson', data: labelPoints(data.communities) },
      [SRC.packages]: { type: 'geojson', data: data.packages, promoteId: 'id' },
      [SRC.pipes]: { type: 'geojson', data: data.pipes },
      [SRC.amenities]: { type: 'geojson', data: data.amenities },
    },
    layers: buildLayers(options),
  };
}
