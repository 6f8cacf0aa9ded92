// Before/after swipe on the one shared map. The map's own fill shows the "after" date; the "before"
// date is drawn over it by deck.gl (interleaved into MapLibre's WebGL context), clipped to the left
// of the divider by ClipExtension. Dragging the divider changes one uniform: no second map, no
// second WebGL context, no re-tiling, which is what keeps it smooth in software GL (SwiftShader).
import { ClipExtension, type ClipExtensionProps } from '@deck.gl/extensions';
import { PolygonLayer } from '@deck.gl/layers';
import type { Polygon } from 'geojson';
import type { AppData } from '../api.ts';
import { NO_PACKAGE_COLOUR, statusColour } from '../map/colouring.ts';
import { DECK_COMMON } from '../map/selectionOverlay.ts';
import type { StatusLabel } from './types.ts';

type Rgba = [number, number, number, number];
type Feature = AppData['communities']['features'][number];

/** The map's land colour and its compound fill opacity (client/map/layers.ts). */
const LAND: [number, number, number] = [0xf2, 0xef, 0xe9];
const FILL_OPACITY = 0.72;

/** A colour as MapLibre shows it over land at the compound fill opacity, made opaque so it hides what lies beneath. */
function overLand(hex: string): Rgba {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return [...c.map((v, i) => Math.round(v * FILL_OPACITY + LAND[i] * (1 - FILL_OPACITY))), 255] as Rgba;
}

const clip = new ClipExtension();

/**
 * What the "before" layer draws: compounds in a package on either date (everywhere else both dates
 * show the same grey). Keep the array while the dates stay: a new one makes deck.gl rebuild.
 */
export function swipeData(features: Feature[], before: Map<string, string>, after: Map<string, string>): Feature[] {
  return features.filter((f) => before.has(f.properties.id) || after.has(f.properties.id));
}

/** The "before" colouring, left of longitude `dividerLng`. */
export function swipeLayer(opts: {
  data: Feature[];
  statuses: StatusLabel[];
  before: Map<string, string>;
  dividerLng: number;
  beforeKey: string;
}) {
  const colours = new Map(opts.statuses.map((s, i) => [s.code, overLand(statusColour(s.code, i))]));
  const grey = overLand(NO_PACKAGE_COLOUR);
  const { data } = opts;
  return new PolygonLayer<Feature, ClipExtensionProps>({
    ...DECK_COMMON,
    id: 'progress-swipe-before',
    data,
    getPolygon: (f) => (f.geometry as Polygon).coordinates as [number, number][][],
    getFillColor: (f) => colours.get(opts.before.get(f.properties.id) ?? '') ?? grey,
    getLineColor: [91, 80, 72, 180],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    stroked: true,
    filled: true,
    extensions: [clip],
    clipBounds: [-180, -90, opts.dividerLng, 90],
    updateTriggers: { getFillColor: [opts.beforeKey] },
  });
}
