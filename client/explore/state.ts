// What the Explore mode lets a planner choose: which layers, which compounds, which colours.
import type { DatasetResponse } from '../../server/domain/api.ts';
import { MANAGEMENT, PIPE_KINDS, type AmenityKind, type Management, type PipeKind } from '../../server/domain/model.ts';

export const COLOUR_BY = ['eligibility', 'households', 'buildYear', 'management', 'status', 'access'] as const;
export type ColourBy = (typeof COLOUR_BY)[number];

export const TOGGLES = ['communities', 'labels', 'packages', 'pipes', 'amenities', 'roads', 'water', 'boundaries'] as const;
export type Toggle = (typeof TOGGLES)[number];
export type Visibility = Record<Toggle, boolean>;

export type Scope = 'all' | 'old' | 'eligible';

export interface Filters {
  subdistricts: string[];
  buildYear: [number, number];
  households: [number, number];
  management: Management[];
  scope: Scope;
}

export interface ExploreState {
  colourBy: ColourBy;
  /** The facility kind whose walking distance colours the compounds when colourBy is 'access'. */
  accessKind: AmenityKind;
  visible: Visibility;
  pipeKinds: PipeKind[];
  filters: Filters;
}

export function defaultFilters(ds: DatasetResponse): Filters {
  return {
    subdistricts: [...ds.subdistricts],
    buildYear: [...ds.buildYearRange],
    households: [...ds.householdsRange],
    management: [...MANAGEMENT],
    scope: 'all',
  };
}

export function defaultState(ds: DatasetResponse): ExploreState {
  return {
    colourBy: 'eligibility',
    accessKind: 'kindergarten',
    visible: {
      communities: true, labels: true, packages: false, pipes: false, amenities: true, roads: true, water: true, boundaries: true,
    },
    pipeKinds: [...PIPE_KINDS],
    filters: defaultFilters(ds),
  };
}
