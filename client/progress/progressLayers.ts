// What the 进度 mode adds to the shared map: compounds coloured by their package's status on the
// chosen date through feature state (`ps`, the status code), and an outline for the compounds
// behind the figure a person clicked (`hl`). Both are applied by difference, so moving the slider
// one month touches only the compounds whose status changed.
import type { ExpressionSpecification, FeatureIdentifier, Map as MapLibreMap } from 'maplibre-gl';
import { LAYER, SRC } from '../map/layers.ts';
import { NO_PACKAGE_COLOUR, statusColour } from '../map/colouring.ts';
import type { StatusLabel } from './types.ts';

export const STATUS_STATE = 'ps';
export const HIGHLIGHT_STATE = 'hl';

export const PROGRESS_LAYER = { highlightCasing: 'progress-hl-casing', highlight: 'progress-hl' } as const;
export const HIGHLIGHT_COLOUR = '#d6336c';

/** Compounds by the status code in their feature state; grey where none (no package, or not yet one on that date). */
export function progressFill(statuses: StatusLabel[]): ExpressionSpecification {
  if (!statuses.length) return ['literal', NO_PACKAGE_COLOUR] as unknown as ExpressionSpecification;
  return [
    'match', ['coalesce', ['feature-state', STATUS_STATE], ''],
    ...statuses.flatMap((s, i) => [s.code, statusColour(s.code, i)]),
    NO_PACKAGE_COLOUR,
  ] as unknown as ExpressionSpecification;
}

const hl: ExpressionSpecification = ['boolean', ['feature-state', HIGHLIGHT_STATE], false];

export function installProgressLayers(map: MapLibreMap): void {
  if (map.getLayer(PROGRESS_LAYER.highlight)) return;
  const before = LAYER.waterLabels;
  map.addLayer({
    id: PROGRESS_LAYER.highlightCasing, type: 'line', source: SRC.communities,
    paint: { 'line-color': '#ffffff', 'line-opacity': ['case', hl, 0.95, 0], 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 3, 16, 7] },
  }, before);
  map.addLayer({
    id: PROGRESS_LAYER.highlight, type: 'line', source: SRC.communities,
    paint: { 'line-color': HIGHLIGHT_COLOUR, 'line-opacity': ['case', hl, 1, 0], 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1.5, 16, 3.5] },
  }, before);
}

export function removeProgressLayers(map: MapLibreMap): void {
  for (const id of Object.values(PROGRESS_LAYER)) if (map.getLayer(id)) map.removeLayer(id);
}

/** Sets one feature-state key on compounds by difference from what it last set. */
export class StateByDifference<V extends string | boolean> {
  private applied = new Map<string, V>();

  constructor(private readonly map: MapLibreMap, private readonly key: string, private readonly cleared: V | null) {}

  /** Returns how many compounds changed. */
  apply(next: Map<string, V>): number {
    const target = (id: string): FeatureIdentifier => ({ source: SRC.communities, id });
    let changed = 0;
    for (const [id, v] of next) {
      if (this.applied.get(id) !== v) {
        this.map.setFeatureState(target(id), { [this.key]: v });
        changed += 1;
      }
    }
    for (const id of this.applied.keys()) {
      if (!next.has(id)) {
        this.map.setFeatureState(target(id), { [this.key]: this.cleared });
        changed += 1;
      }
    }
    this.applied = next;
    return changed;
  }

  clear(): void {
    this.apply(new Map());
  }
}
