// The report map's style: the app's offline basemap (client/map/style.ts) with only basemap and
// compounds shown, members in a strong colour, the package outline as a thick line and the
// members' names on top. Data arrive after the map has fitted the package: sources start empty.
import type { FeatureCollection, Geometry, Polygon } from 'geojson';
import type { ExpressionSpecification, FilterSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { FONT_STACK } from '../map/fonts.ts';
import { SRC } from '../map/layers.ts';
import { buildStyle, type SourceData } from '../map/style.ts';

export const REPORT_SRC = { outline: 'report-outline', memberLabels: 'report-member-labels' } as const;
export const REPORT_LAYER = {
  memberOutline: 'report-member-outline',
  outlineCasing: 'report-outline-casing',
  outline: 'report-outline',
  memberLabels: 'report-member-labels',
} as const;

/** Also used by the legend under the map, so the two always agree. */
export const REPORT_COLOURS = {
  member: '#e4572e',
  memberLine: '#9a3412',
  other: '#cdc8c0',
  outline: '#3b2f8f',
  road: '#ffffff',
  roadCasing: '#cfc6b6',
  arterial: '#fcd68a',
  water: '#a9cfeb',
  boundary: '#8a6fa8',
  land: '#f2efe9',
} as const;

const empty = <G extends Geometry = Geometry>(): FeatureCollection<G> => ({ type: 'FeatureCollection', features: [] });

/** The report fills its sources with the area around the package once the map is up. */
function emptySources(): SourceData {
  return {
    communities: empty(), packages: empty(), pipes: empty(), amenities: empty(), roads: empty(), water: empty(), boundaries: empty(),
  } as SourceData;
}

export function isMemberExpression(memberIds: string[]): ExpressionSpecification {
  return ['in', ['get', 'id'], ['literal', memberIds]];
}

export function reportStyle(memberIds: string[], outline: Geometry): StyleSpecification {
  const isMember = isMemberExpression(memberIds);
  const base = buildStyle(emptySources(), { communities: empty<Polygon>(), boundaries: empty<Polygon>() }, {
    visible: { communities: true, labels: false, packages: false, pipes: false, amenities: false, roads: true, water: true, boundaries: true },
    communityFill: ['case', isMember, REPORT_COLOURS.member, REPORT_COLOURS.other],
    communityFilter: ['all'] as FilterSpecification,
    pipeKinds: [],
  });
  const extra: LayerSpecification[] = [
    {
      id: REPORT_LAYER.memberOutline, type: 'line', source: SRC.communities, filter: isMember,
      paint: { 'line-color': REPORT_COLOURS.memberLine, 'line-width': 1.4 },
    },
    {
      id: REPORT_LAYER.outlineCasing, type: 'line', source: REPORT_SRC.outline, layout: { 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 7, 'line-opacity': 0.85 },
    },
    {
      id: REPORT_LAYER.outline, type: 'line', source: REPORT_SRC.outline, layout: { 'line-join': 'round' },
      paint: { 'line-color': REPORT_COLOURS.outline, 'line-width': 3.5 },
    },
    {
      id: REPORT_LAYER.memberLabels, type: 'symbol', source: REPORT_SRC.memberLabels, layout: {
        'text-field': ['get', 'name'], 'text-font': ['Noto Sans CJK SC Bold', ...FONT_STACK], 'text-size': 14,
        'text-max-width': 7, 'text-padding': 1,
        'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'], 'text-radial-offset': 0.4,
        'text-allow-overlap': false,
      },
      paint: { 'text-color': '#1f1a17', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 2 },
    },
  ];
  return {
    ...base,
    name: 'Lianpian package report',
    sources: {
      ...base.sources,
      [REPORT_SRC.outline]: { type: 'geojson', data: { type: 'Feature', geometry: outline, properties: {} } },
      [REPORT_SRC.memberLabels]: { type: 'geojson', data: empty() },
    },
    layers: [...base.layers, ...extra],
  };
}

/** Metres per CSS pixel at `lat` and `zoom` (MapLibre's world is 512 px wide at zoom 0). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The longest 1-2-5 length that fits in `maxFraction` of the map's width, and its share of that width. */
export function scaleBar(mPerPx: number, widthPx: number, maxFraction = 0.22): { metres: number; fraction: number; label: string } {
  const span = mPerPx * widthPx;
  const max = span * maxFraction;
  const pow = 10 ** Math.floor(Math.log10(max));
  const metres = [5, 2, 1].map((k) => k * pow).find((v) => v <= max) ?? pow;
  return { metres, fraction: metres / span, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}
