// The selected compound drawn by deck.gl, interleaved into MapLibre's own layer stack (one WebGL
// context): a glowing outline (PathLayer) and its gates (ScatterplotLayer), above any layers a mode adds.
import type { Layer } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Position } from 'geojson';
import type { CommunityViewFeature } from '../../server/domain/api.ts';
import { DECK_BEFORE_LAYER } from './layers.ts';

type Rgba = [number, number, number, number];
const GLOW: Rgba = [255, 255, 255, 230];
const OUTLINE: Rgba = [0, 150, 199, 255];
const GATE_FILL: Rgba = [255, 214, 10, 255];
const GATE_LINE: Rgba = [40, 40, 40, 255];

/** Deck layers share one place in MapLibre's stack, under the labels, and ignore depth. */
export const DECK_COMMON = { beforeId: DECK_BEFORE_LAYER, parameters: { depthCompare: 'always' as const } };

export class SelectionOverlay {
  private readonly overlay = new MapLibreOverlay({ interleaved: true, layers: [] });

  constructor(map: MapLibreMap) {
    map.addControl(this.overlay);
  }

  /** Highlights `feature` (or nothing) and draws `extra` layers beneath it. */
  show(feature: CommunityViewFeature | null, extra: Layer[] = []): void {
    if (!feature) {
      this.overlay.setProps({ layers: extra });
      return;
    }
    const rings: Position[][] = feature.geometry.coordinates;
    const gates: Position[] = feature.properties.gates;
    this.overlay.setProps({
      layers: [
        ...extra,
        new PathLayer<Position[]>({
          ...DECK_COMMON, id: 'selected-glow', data: rings, getPath: (r) => r as [number, number][],
          getColor: GLOW, getWidth: 9, widthUnits: 'pixels', jointRounded: true, capRounded: true,
        }),
        new PathLayer<Position[]>({
          ...DECK_COMMON, id: 'selected-outline', data: rings, getPath: (r) => r as [number, number][],
          getColor: OUTLINE, getWidth: 4, widthUnits: 'pixels', jointRounded: true, capRounded: true,
        }),
        new ScatterplotLayer<Position>({
          ...DECK_COMMON, id: 'selected-gates', data: gates, getPosition: (g) => [g[0], g[1]],
          getRadius: 6, radiusUnits: 'pixels', radiusMinPixels: 4, stroked: true, filled: true,
          getFillColor: GATE_FILL, getLineColor: GATE_LINE, getLineWidth: 2, lineWidthUnits: 'pixels',
        }),
      ],
    });
  }
}
