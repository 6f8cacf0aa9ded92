// deck.gl layers of the walking-access tools: the distance field over the streets, the streets a
// facility reaches within its radius, and the suggested sites — coloured with the gap classes.
import { LineLayer, PathLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { FieldResponse, LocationResponse, ReachResponse } from '../../server/domain/api.ts';
import { WALK_COLOURS } from '../map/colouring.ts';
import { DECK_COMMON } from '../map/selectionOverlay.ts';
import { numberedSiteLayers } from '../map/siteLayer.ts';

type RGBA = [number, number, number, number];
const hex = (h: string, a = 255): RGBA => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];
const CLASS_RGBA = WALK_COLOURS.map((c) => hex(c));
const UNREACHABLE: RGBA = [92, 99, 106, 200];

/** The class colour of a walk (m) against a radius: the breaks of the compound colouring (r/2, r, 2r). */
export function walkRgba(m: number | null, radiusM: number): RGBA {
  if (m === null) return UNREACHABLE;
  return m <= radiusM / 2 ? CLASS_RGBA[0] : m <= radiusM ? CLASS_RGBA[1] : m <= radiusM * 2 ? CLASS_RGBA[2] : CLASS_RGBA[3];
}

interface FieldEdge { a: [number, number]; b: [number, number]; m: number | null }

/** Every street edge coloured by the walk from the nearest facility at its middle. */
export function fieldLayer(field: FieldResponse): Layer {
  const edges: FieldEdge[] = [];
  const { positions: p, distM: d } = field;
  for (let e = 0; e * 4 < p.length; e++) {
    const da = d[2 * e], db = d[2 * e + 1];
    edges.push({ a: [p[4 * e], p[4 * e + 1]], b: [p[4 * e + 2], p[4 * e + 3]], m: da === null || db === null ? null : (da + db) / 2 });
  }
  return new LineLayer<FieldEdge>({
    ...DECK_COMMON, id: 'access-field', data: edges, getSourcePosition: (x) => x.a, getTargetPosition: (x) => x.b,
    getColor: (x) => walkRgba(x.m, field.radiusM), getWidth: 3.5, widthUnits: 'pixels',
  });
}

/** The streets one facility reaches within its radius (the real service area, not a circle). */
export function reachLayer(reach: ReachResponse): Layer[] {
  const segs = reach.segments;
  return [
    new PathLayer<(typeof segs)[number]>({
      ...DECK_COMMON, id: 'access-reach-halo', data: segs, getPath: (s) => s.path, getColor: [255, 255, 255, 230], getWidth: 9, widthUnits: 'pixels', capRounded: true, jointRounded: true,
    }),
    new PathLayer<(typeof segs)[number]>({
      ...DECK_COMMON, id: 'access-reach', data: segs, getPath: (s) => s.path, getWidth: 5, widthUnits: 'pixels', capRounded: true, jointRounded: true,
      getColor: (s) => walkRgba((s.fromM + s.toM) / 2, reach.radiusM), // all within the radius: the two greens
    }),
  ];
}

export function locationLayers(location: LocationResponse): Layer[] {
  return numberedSiteLayers('access-sites', location.picks.map((p) => [p.lon, p.lat]));
}
