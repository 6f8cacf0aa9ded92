// Suggested sites for a new facility (the location search, a package's shared site): a purple disc
// with a white rim, numbered in pick order when there is more than one.
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { DECK_COMMON } from './selectionOverlay.ts';

const SITE_RGB: [number, number, number] = [103, 65, 217];

export function siteLayer(id: string, positions: [number, number][]): Layer {
  return new ScatterplotLayer<[number, number]>({
    ...DECK_COMMON, id, data: positions, getPosition: (p) => p,
    getRadius: 9, radiusUnits: 'pixels', stroked: true, getLineColor: [255, 255, 255, 255], getLineWidth: 2.5, lineWidthUnits: 'pixels',
    getFillColor: [...SITE_RGB, 235],
  });
}

/** Sites with their pick number on the disc. */
export function numberedSiteLayers(id: string, positions: [number, number][]): Layer[] {
  const labelled = positions.map((position, i) => ({ position, text: String(i + 1) }));
  return [
    siteLayer(id, positions),
    new TextLayer<(typeof labelled)[number]>({
      ...DECK_COMMON, id: `${id}-numbers`, data: labelled, getPosition: (d) => d.position, getText: (d) => d.text,
      getSize: 12, getColor: [255, 255, 255, 255], fontWeight: 700, getTextAnchor: 'middle', getAlignmentBaseline: 'center',
    }),
  ];
}
