// The whole map style from the district's own data. No `glyphs` URL: MapLibre then draws every
// label locally (TinySDF with the system CJK font), and no sprite: amenity icons are drawn at runtime.
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { layerUrl, type LayerData, type LayerName } from '../api.ts';
import { buildLayers, SRC, type LayerOptions } from './layers.ts';
import { labelPoints } from './labelPoints.ts';

/** What each layer's source is fed: its data, or the URL MapLibre's worker loads it from. */
export type SourceData = { [K in LayerName]: LayerData[K] | string };

export const LAYER_URLS: SourceData = {
  communities: layerUrl('communities'), packages: layerUrl('packages'), pipes: layerUrl('pipes'), amenities: layerUrl('amenities'),
  roads: layerUrl('roads'), water: layerUrl('water'), boundaries: layerUrl('boundaries'),
};

/** Label points are derived here, in the page, from the polygons the app already holds. */
export interface LabelSources {
  communities: FeatureCollection<Polygon | MultiPolygon>;
  boundaries: FeatureCollection<Polygon | MultiPolygon>;
}

export function buildStyle(sources: SourceData, labels: LabelSources, options: LayerOptions): StyleSpecification {
  return {
    version: 8,
    name: 'Lianpian offline basemap',
    sources: {
      [SRC.water]: { type: 'geojson', data: sources.water },
      [SRC.roads]: { type: 'geojson', data: sources.roads },
      [SRC.boundaries]: { type: 'geojson', data: sources.boundaries },
      [SRC.boundaryLabels]: { type: 'geojson', data: labelPoints(labels.boundaries) },
      // promoteId lets hover state and clicks address a compound by its own id.
      [SRC.communities]: { type: 'geojson', data: sources.communities, promoteId: 'id' },
      [SRC.communityLabels]: { type: 'geojson', data: labelPoints(labels.communities) },
      [SRC.packages]: { type: 'geojson', data: sources.packages, promoteId: 'id' },
      [SRC.pipes]: { type: 'geojson', data: sources.pipes },
      [SRC.amenities]: { type: 'geojson', data: sources.amenities },
    },
    layers: buildLayers(options),
  };
}
