// How compounds are coloured by the chosen attribute: one data-driven fill expression and the
// legend classes that describe it, built together so the legend always matches the map.
import type { ExpressionSpecification } from 'maplibre-gl';
import type { Settings } from '../../server/domain/settings.ts';
import { ELIGIBILITY_CLASSES, type EligibilityClass } from '../../server/domain/eligibility.ts';
import { MANAGEMENT, PACKAGE_STATUS, type Management, type PackageStatus } from '../../server/domain/model.ts';
import type { ColourBy } from '../explore/state.ts';

export type LegendLabel =
  | { kind: 'eligibility'; value: EligibilityClass }
  | { kind: 'management'; value: Management }
  | { kind: 'status'; value: PackageStatus | null }
  | { kind: 'range'; unit: 'households' | 'year'; from: number | null; to: number | null } // [from, to), open ends as null
  | { kind: 'walk'; from: number | null; to: number | null } // metres on foot, (from, to], open ends as null
  | { kind: 'unreachable' };

export interface LegendClass {
  colour: string;
  label: LegendLabel;
}

interface Colouring {
  fill: ExpressionSpecification;
  classes: LegendClass[];
}

const ELIGIBILITY_COLOURS: Record<EligibilityClass, string> = {
  eligible: '#e4572e', oldAfterCutoff: '#f3a712', renovated: '#3f9b5b', notOld: '#a9b2bd',
};
const MANAGEMENT_COLOURS: Record<Management, string> = { property: '#4c78a8', unit: '#f58518', none: '#d1495b' };
export const NO_PACKAGE_COLOUR = '#c4cad1';
export const STATUS_COLOURS: Record<PackageStatus, string> = {
  reserve: '#cfc3e8', declared: '#a9a4d6', approved: '#8fc1e3', tendering: '#3f88c5', construction: '#f2a541', completed: '#74c476', accepted: '#1b7837',
};
/** Colours for statuses a setting adds beyond the known list (the list of statuses is a setting). */
const SPARE_STATUS_COLOURS = ['#9e7bb5', '#e377c2', '#8c564b', '#17becf', '#bcbd22'];

/** A status code's colour: the known ones from STATUS_COLOURS, others a spare colour by their place in the list. */
export function statusColour(code: string, index: number): string {
  return (STATUS_COLOURS as Record<string, string>)[code] ?? SPARE_STATUS_COLOURS[index % SPARE_STATUS_COLOURS.length];
}
const SEQUENTIAL = ['#fde0c5', '#facba6', '#f59e72', '#eb7050', '#d64933', '#a62b1f'];

function matchColours<K extends string>(prop: string, keys: readonly K[], colours: Record<K, string>, fallback: string): ExpressionSpecification {
  const pairs = keys.flatMap((k) => [k, colours[k]]);
  return ['match', ['get', prop], ...pairs, fallback] as unknown as ExpressionSpecification;
}

/**
 * Step colouring over ascending breaks; class i covers [breaks[i-1], breaks[i]). Darker means more:
 * more households, or older (the older a compound, the likelier it needs renovation).
 */
function steps(prop: string, breaks: number[], unit: 'households' | 'year'): Colouring {
  const ramp = SEQUENTIAL.slice(SEQUENTIAL.length - breaks.length - 1);
  const colours = unit === 'year' ? ramp.reverse() : ramp;
  const fill = ['step', ['get', prop], colours[0], ...breaks.flatMap((b, i) => [b, colours[i + 1]])] as unknown as ExpressionSpecification;
  const classes = colours.map((colour, i) => ({
    colour,
    label: { kind: 'range' as const, unit, from: i === 0 ? null : breaks[i - 1], to: i === breaks.length ? null : breaks[i] },
  }));
  return { fill, classes };
}

const ascending = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

/** Walking distance to the nearest facility, by the kind's radius: green within it, red at twice it. */
export const WALK_COLOURS = ['#1a9850', '#91cf60', '#fdae61', '#d73027'] as const;
const UNREACHABLE_COLOUR = '#5c636a';
const PENDING_COLOUR = '#d5d9de';
/** Feature state `walk` (m): −1 where no facility is reachable; absent until the distances arrive. */
export const WALK_STATE = 'walk';

function walkColouring(radiusM: number): Colouring {
  const walk = ['coalesce', ['feature-state', WALK_STATE], -2];
  const breaks = [radiusM / 2, radiusM, radiusM * 2];
  const fill = [
    'case', ['<', walk, -1.5], PENDING_COLOUR, ['<', walk, 0], UNREACHABLE_COLOUR,
    ...breaks.flatMap((b, i) => [['<=', walk, b], WALK_COLOURS[i]]), WALK_COLOURS[3],
  ] as unknown as ExpressionSpecification;
  const classes: LegendClass[] = WALK_COLOURS.map((colour, i) => ({
    colour, label: { kind: 'walk', from: i === 0 ? null : breaks[i - 1], to: i === 3 ? null : breaks[i] },
  }));
  classes.push({ colour: UNREACHABLE_COLOUR, label: { kind: 'unreachable' } });
  return { fill, classes };
}

/** `radiusM`: the walking radius of the kind that colours the map by access (colourBy 'access'). */
export function colouring(by: ColourBy, settings: Settings, radiusM = 300): Colouring {
  switch (by) {
    case 'access':
      return walkColouring(radiusM);
    case 'eligibility':
      return {
        fill: matchColours('eligibility', ELIGIBILITY_CLASSES, ELIGIBILITY_COLOURS, NO_PACKAGE_COLOUR),
        classes: ELIGIBILITY_CLASSES.map((value) => ({ colour: ELIGIBILITY_COLOURS[value], label: { kind: 'eligibility', value } })),
      };
    case 'management':
      return {
        fill: matchColours('management', MANAGEMENT, MANAGEMENT_COLOURS, NO_PACKAGE_COLOUR),
        classes: MANAGEMENT.map((value) => ({ colour: MANAGEMENT_COLOURS[value], label: { kind: 'management', value } })),
      };
    case 'status':
      return {
        fill: [
          'case', ['==', ['get', 'packageStatus'], null], NO_PACKAGE_COLOUR,
          matchColours('packageStatus', PACKAGE_STATUS, STATUS_COLOURS, NO_PACKAGE_COLOUR),
        ],
        classes: [
          { colour: NO_PACKAGE_COLOUR, label: { kind: 'status', value: null } },
          ...PACKAGE_STATUS.map((value) => ({ colour: STATUS_COLOURS[value], label: { kind: 'status' as const, value } })),
        ],
      };
    case 'households': {
      // The first break is the merge threshold: compounds under it must join a package.
      const min = settings.minHouseholds;
      return steps('households', ascending([min, ...[300, 600, 1000].filter((b) => b > min)]), 'households');
    }
    case 'buildYear': {
      // The cut-off year splits eligible from too-recent compounds; years are whole, so the break is cut-off + 1.
      const next = settings.eligibilityCutoffYear + 1;
      return steps('buildYear', ascending([...[1980, 1990].filter((b) => b < next), next, ...[2010].filter((b) => b > next)]), 'year');
    }
  }
}
