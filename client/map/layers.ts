// The map's layers, bottom to top, and how Explore's choices map onto them. The basemap is drawn
// from the district's own roads, water and boundaries: nothing is fetched from the internet.
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { PIPE_KINDS, type PipeKind } from '../../server/domain/model.ts';
import type { Toggle } from '../explore/state.ts';
import { FONT_STACK } from './fonts.ts';
import { AMENITY_ICON_PREFIX } from './icons.ts';

export const SRC = {
  communities: 'communities',
  communityLabels: 'community-labels',
  packages: 'packages',
  pipes: 'pipes',
  amenities: 'amenities',
  roads: 'roads',
  water: 'water',
  boundaries: 'boundaries',
  boundaryLabels: 'boundary-labels',
} as const;

export const LAYER = {
  background: 'background',
  water: 'water',
  roadsCasing: 'roads-casing',
  roads: 'roads',
  communitiesFill: 'communities-fill',
  communitiesOutline: 'communities-outline',
  packagesOutline: 'packages-outline',
  subdistrictLines: 'boundaries-subdistrict',
  districtLine: 'boundaries-district',
  pipesBuried: 'pipes-buried',
  pipesOverhead: 'pipes-overhead',
  waterLabels: 'water-labels',
  roadLabels: 'road-labels',
  amenities: 'amenities',
  communityLabels: 'community-labels',
  subdistrictLabels: 'subdistrict-labels',
} as const;

/** Deck.gl's highlight of the selected compound is drawn just under the labels. */
export const DECK_BEFORE_LAYER = LAYER.waterLabels;

export const TOGGLE_LAYERS: Record<Toggle, string[]> = {
  communities: [LAYER.communitiesFill, LAYER.communitiesOutline],
  labels: [LAYER.communityLabels],
  packages: [LAYER.packagesOutline],
  pipes: [LAYER.pipesBuried, LAYER.pipesOverhead],
  amenities: [LAYER.amenities],
  roads: [LAYER.roadsCasing, LAYER.roads, LAYER.roadLabels],
  water: [LAYER.water, LAYER.waterLabels],
  boundaries: [LAYER.subdistrictLines, LAYER.districtLine, LAYER.subdistrictLabels],
};

/** Colours of the Chinese pipeline survey convention (给水 blue, 排水 brown, 燃气 magenta, 电力 red, 通信 green). */
export const PIPE_COLOURS: Record<PipeKind, string> = {
  water: '#1f6fd1', sewer: '#7a4a1e', storm: '#c0883a', combined: '#9c4f96', gas: '#e64bb4', power: '#e02020', telecom: '#2e9e3f',
};

const BOLD_STACK = ['Noto Sans CJK SC Bold', ...FONT_STACK];
const LAND_COLOUR = '#f2efe9';

const byClass = (arterial: number, secondary: number, branch: number, lane: number): ExpressionSpecification =>
  ['match', ['get', 'class'], 'arterial', arterial, 'secondary', secondary, 'branch', branch, lane];

/** Width grows with zoom (exponentially, like the ground it covers). */
const roadWidth = (scale: number): ExpressionSpecification => [
  'interpolate', ['exponential', 1.6], ['zoom'],
  12, byClass(1.6 * scale, 1 * scale, 0.5 * scale, 0.2 * scale),
  15, byClass(6 * scale, 4 * scale, 2.5 * scale, 1.2 * scale),
  18, byClass(28 * scale, 20 * scale, 12 * scale, 6 * scale),
];

/** Pipe width by diameter (mm), wider when zoomed in. */
const pipeWidth: ExpressionSpecification = [
  'interpolate', ['linear'], ['zoom'],
  13, ['interpolate', ['linear'], ['get', 'diameter'], 20, 0.4, 300, 1, 1200, 2.2],
  17, ['interpolate', ['linear'], ['get', 'diameter'], 20, 1, 300, 3, 1200, 7],
];

// Service lines inside compounds fade in from zoom 13.5: at district scale they only clutter the mains.
const pipeOpacity: ExpressionSpecification = [
  'interpolate', ['linear'], ['zoom'],
  13.5, ['match', ['get', 'level'], 'service', 0, 0.9],
  15, 0.9,
];

const pipeColour = ['match', ['get', 'kind'], ...PIPE_KINDS.flatMap((k) => [k, PIPE_COLOURS[k]]), '#666666'] as unknown as ExpressionSpecification;

export function pipeFilter(kinds: PipeKind[], overhead: boolean): FilterSpecification {
  return ['all', ['in', ['get', 'kind'], ['literal', kinds]], ['==', ['get', 'overhead'], overhead]];
}

const visibility = (on: boolean): 'visible' | 'none' => (on ? 'visible' : 'none');

export interface LayerOptions {
  visible: Record<Toggle, boolean>;
  communityFill: ExpressionSpecification;
  communityFilter: FilterSpecification;
  pipeKinds: PipeKind[];
}

export function buildLayers(o: LayerOptions): LayerSpecification[] {
  const vis = (t: Toggle) => ({ visibility: visibility(o.visible[t]) });
  const textBase = { 'text-font': FONT_STACK };
  return [
    { id: LAYER.background, type: 'background', paint: { 'background-color': LAND_COLOUR } },
    { id: LAYER.water, type: 'fill', source: SRC.water, layout: vis('water'), paint: { 'fill-color': '#a9cfeb', 'fill-outline-color': '#86b6dc' } },
    {
      id: LAYER.roadsCasing, type: 'line', source: SRC.roads, layout: { ...vis('roads'), 'line-cap': 'round', 'line-join': 'round', 'line-sort-key': byClass(4, 3, 2, 1) },
      paint: { 'line-color': ['match', ['get', 'class'], 'arterial', '#d9a55b', '#cfc6b6'], 'line-width': roadWidth(1.25) },
    },
    {
      id: LAYER.roads, type: 'line', source: SRC.roads, layout: { ...vis('roads'), 'line-cap': 'round', 'line-join': 'round', 'line-sort-key': byClass(4, 3, 2, 1) },
      paint: { 'line-color': ['match', ['get', 'class'], 'arterial', '#fcd68a', 'secondary', '#fff7e0', '#ffffff'], 'line-width': roadWidth(1) },
    },
    {
      id: LAYER.communitiesFill, type: 'fill', source: SRC.communities, layout: vis('communities'), filter: o.communityFilter,
      paint: {
        'fill-color': o.communityFill,
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.92, 0.72],
      },
    },
    {
      id: LAYER.communitiesOutline, type: 'line', source: SRC.communities, layout: vis('communities'), filter: o.communityFilter,
      paint: { 'line-color': '#5b5048', 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 0.3, 17, 1.2], 'line-opacity': 0.7 },
    },
    {
      id: LAYER.packagesOutline, type: 'line', source: SRC.packages, layout: { ...vis('packages'), 'line-join': 'round' },
      paint: { 'line-color': '#3b2f8f', 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 1.5, 17, 4], 'line-dasharray': [3, 1.5] },
    },
    {
      id: LAYER.subdistrictLines, type: 'line', source: SRC.boundaries, filter: ['==', ['get', 'level'], 'subdistrict'], layout: vis('boundaries'),
      paint: { 'line-color': '#8a6fa8', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1, 16, 2.5], 'line-dasharray': [4, 2, 1, 2] },
    },
    {
      id: LAYER.districtLine, type: 'line', source: SRC.boundaries, filter: ['==', ['get', 'level'], 'district'], layout: vis('boundaries'),
      paint: { 'line-color': '#5a3f7a', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2, 16, 4], 'line-opacity': 0.8 },
    },
    {
      id: LAYER.pipesBuried, type: 'line', source: SRC.pipes, filter: pipeFilter(o.pipeKinds, false), layout: { ...vis('pipes'), 'line-cap': 'round' },
      paint: { 'line-color': pipeColour, 'line-width': pipeWidth, 'line-opacity': pipeOpacity },
    },
    {
      id: LAYER.pipesOverhead, type: 'line', source: SRC.pipes, filter: pipeFilter(o.pipeKinds, true), layout: vis('pipes'),
      paint: { 'line-color': pipeColour, 'line-width': pipeWidth, 'line-opacity': pipeOpacity, 'line-dasharray': [2, 1.5] },
    },
    {
      id: LAYER.waterLabels, type: 'symbol', source: SRC.water, minzoom: 13, layout: {
        ...vis('water'), ...textBase, 'text-field': ['coalesce', ['get', 'name'], ''], 'symbol-placement': 'line', 'text-size': 14,
        'text-letter-spacing': 0.3, 'symbol-spacing': 400,
      },
      paint: { 'text-color': '#2d6da3', 'text-halo-color': '#dcecf8', 'text-halo-width': 1.5 },
    },
    {
      id: LAYER.roadLabels, type: 'symbol', source: SRC.roads, minzoom: 14, filter: ['!=', ['get', 'name'], null], layout: {
        ...vis('roads'), ...textBase, 'text-field': ['get', 'name'], 'symbol-placement': 'line', 'symbol-spacing': 300,
        'text-size': ['interpolate', ['linear'], ['zoom'], 14, 11, 18, 14], 'text-max-angle': 40,
      },
      paint: { 'text-color': '#5b4a32', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: LAYER.amenities, type: 'symbol', source: SRC.amenities, minzoom: 13.5, layout: {
        ...vis('amenities'), ...textBase,
        'icon-image': ['concat', AMENITY_ICON_PREFIX, ['get', 'kind']],
        'icon-size': ['interpolate', ['linear'], ['zoom'], 13.5, 0.6, 16, 1],
        'icon-allow-overlap': true,
        'text-field': ['step', ['zoom'], '', 16.5, ['get', 'name']],
        'text-size': 11, 'text-offset': [0, 1.3], 'text-anchor': 'top', 'text-optional': true,
      },
      paint: { 'text-color': '#33302c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
    },
    {
      id: LAYER.communityLabels, type: 'symbol', source: SRC.communityLabels, minzoom: 14.5, filter: o.communityFilter, layout: {
        ...vis('labels'), ...textBase, 'text-field': ['get', 'name'],
        'text-size': ['interpolate', ['linear'], ['zoom'], 14.5, 11, 18, 15], 'text-max-width': 8, 'text-padding': 2,
      },
      paint: { 'text-color': '#2b2522', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
    },
    {
      id: LAYER.subdistrictLabels, type: 'symbol', source: SRC.boundaryLabels, maxzoom: 15, filter: ['==', ['get', 'level'], 'subdistrict'], layout: {
        ...vis('boundaries'), 'text-font': BOLD_STACK, 'text-field': ['get', 'name'],
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 13, 14, 18], 'text-letter-spacing': 0.2, 'text-allow-overlap': false,
      },
      paint: { 'text-color': '#5a3f7a', 'text-halo-color': 'rgba(255,255,255,0.85)', 'text-halo-width': 2, 'text-opacity': 0.85 },
    },
  ];
}
