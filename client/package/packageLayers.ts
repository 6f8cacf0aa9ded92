// What the 组包 mode adds to the map: compounds coloured through feature state (no re-tiling when
// packages change, which matters at 20 000 compounds), member outlines in the package's colour,
// red outlines for what breaks a rule, dashed ones for small sites no suggestion could place, and
// one label per package.
import type { ExpressionSpecification, FeatureIdentifier, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { Settings } from '../../server/domain/settings.ts';
import { FONT_STACK } from '../map/fonts.ts';
import { LAYER, SRC } from '../map/layers.ts';
import { PALETTE, PALETTE_DARK } from './colours.ts';

/** The state each compound carries in this mode. */
export interface CompoundState {
  /** Palette index of its package or suggestion, −1 for none. */
  pk: number;
  /** Named by a failed rule of the selected package. */
  bad: boolean;
  /** A small site the suggestions could not place. */
  unplaced: boolean;
}
const CLEAR: CompoundState = { pk: -1, bad: false, unplaced: false };

export const PKG_LAYER = {
  memberOutline: 'pkg-member-outline',
  unplaced: 'pkg-unplaced',
  bad: 'pkg-bad',
  labels: 'pkg-labels',
} as const;
const LABEL_SRC = 'pkg-labels';

export const SMALL_COLOUR = '#f08c00';
export const LARGE_COLOUR = '#f5d7b0';
export const INELIGIBLE_COLOUR = '#d5d9de';
export const BAD_COLOUR = '#e03131';

const state = <T extends string>(key: T) => ['feature-state', key] as unknown as ExpressionSpecification;
const byPalette = (colours: string[], fallback: ExpressionSpecification | string): ExpressionSpecification =>
  ['match', ['coalesce', state('pk'), -1], ...colours.flatMap((c, i) => [i, c]), fallback] as unknown as ExpressionSpecification;

/** Compounds by package colour; free ones by what they mean for packaging: small eligible sites stand out. */
export function packageFill(s: Settings): ExpressionSpecification {
  const base: ExpressionSpecification = [
    'case', ['!', ['get', 'eligible']], INELIGIBLE_COLOUR,
    ['<', ['get', 'households'], s.minHouseholds], SMALL_COLOUR,
    LARGE_COLOUR,
  ];
  return byPalette(PALETTE, base);
}

/** Outlines from this zoom: below it they are a blur of 1-px lines, and laying out three line layers
 *  over every compound of a city at once is what made switching to this mode slow. */
const OUTLINE_MINZOOM = 13;

export function installPackageLayers(map: MapLibreMap): void {
  if (map.getSource(LABEL_SRC)) return;
  map.addSource(LABEL_SRC, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const before = LAYER.waterLabels;
  map.addLayer({
    id: PKG_LAYER.memberOutline, type: 'line', source: SRC.communities, minzoom: OUTLINE_MINZOOM,
    paint: {
      'line-color': byPalette(PALETTE_DARK, '#000000'),
      'line-opacity': ['case', ['>=', ['coalesce', state('pk'), -1], 0], 0.95, 0],
      'line-width': ['interpolate', ['linear'], ['zoom'], 13, 1, 16, 2.2],
    },
  }, before);
  map.addLayer({
    id: PKG_LAYER.unplaced, type: 'line', source: SRC.communities, minzoom: OUTLINE_MINZOOM,
    paint: {
      'line-color': BAD_COLOUR, 'line-dasharray': [1.5, 1],
      'line-opacity': ['case', ['boolean', state('unplaced'), false], 1, 0],
      'line-width': ['interpolate', ['linear'], ['zoom'], 13, 1.5, 16, 3],
    },
  }, before);
  map.addLayer({
    id: PKG_LAYER.bad, type: 'line', source: SRC.communities, minzoom: OUTLINE_MINZOOM,
    paint: {
      'line-color': BAD_COLOUR,
      'line-opacity': ['case', ['boolean', state('bad'), false], 1, 0],
      'line-width': ['interpolate', ['linear'], ['zoom'], 13, 2.5, 16, 5],
    },
  }, before);
  map.addLayer({
    id: PKG_LAYER.labels, type: 'symbol', source: LABEL_SRC, minzoom: 12.5,
    layout: {
      'text-field': ['get', 'text'], 'text-font': FONT_STACK, 'text-size': ['interpolate', ['linear'], ['zoom'], 12.5, 11, 17, 14],
      'text-max-width': 9, 'text-padding': 3,
    },
    paint: { 'text-color': ['get', 'colour'], 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
  });
}

export function removePackageLayers(map: MapLibreMap): void {
  for (const id of Object.values(PKG_LAYER)) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(LABEL_SRC)) map.removeSource(LABEL_SRC);
}

export interface PackageLabel {
  position: [number, number];
  text: string;
  colour: string;
}

export function setPackageLabels(map: MapLibreMap, labels: PackageLabel[]): void {
  const fc: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: labels.map((l) => ({ type: 'Feature', properties: { text: l.text, colour: l.colour }, geometry: { type: 'Point', coordinates: l.position } })),
  };
  (map.getSource(LABEL_SRC) as GeoJSONSource | undefined)?.setData(fc);
}

/**
 * Applies compound states by difference: only compounds whose state changed are touched, so an
 * edit costs a handful of setFeatureState calls, not one per compound in the city.
 */
export class CompoundStates {
  private applied = new Map<string, CompoundState>();

  constructor(private readonly map: MapLibreMap) {}

  apply(next: Map<string, CompoundState>): void {
    const target = (id: string): FeatureIdentifier => ({ source: SRC.communities, id });
    for (const [id, s] of next) {
      const was = this.applied.get(id);
      if (!was || was.pk !== s.pk || was.bad !== s.bad || was.unplaced !== s.unplaced) this.map.setFeatureState(target(id), s);
    }
    for (const id of this.applied.keys()) if (!next.has(id)) this.map.setFeatureState(target(id), CLEAR);
    this.applied = next;
  }

  clear(): void {
    this.apply(new Map());
  }
}
