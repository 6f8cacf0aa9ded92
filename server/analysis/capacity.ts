// Capacity as a second gap measure (issue 5 §3): a kindergarten 200 m away is no help when its
// places are all taken. Every compound is allotted to the facility of the kind nearest to it on
// foot (its catchment); a facility's load is the places its catchment needs (households × places
// per household) against the places it has. A compound then reads "places per needed place" off
// its facility: below 1 means the nearest one is too small for those who walk to it.
//
// Nearest-facility allotment is the simplest model planners can check by hand on a map; it ignores
// that families also choose farther facilities (a 2SFCA would spread them), so it is a screening
// figure, not a school-place plan.
import type { Position } from 'geojson';
import { nearestSource, type ExitPoints } from './access.ts';
import { attachPoints, type WalkNetwork } from './walk.ts';

export interface CatchmentInput {
  /** where each compound's residents step out (compoundExitPoints) */
  exits: ExitPoints;
  households: ArrayLike<number>;
  facilities: Position[];
  /** places per facility; null where the data does not say */
  capacity: (number | null)[];
  /** places a household needs (e.g. kindergarten places per household) */
  perHousehold: number;
}

export interface Catchments {
  /** per compound: the facility it is allotted to (-1: none reachable) */
  facility: Int32Array;
  /** per facility: households allotted, and the places they need */
  households: Float64Array;
  demand: Float64Array;
  /** per facility: places ÷ places needed (Infinity with no demand, NaN when its capacity is unknown) */
  ratio: Float64Array;
}

/** Allots every compound to its nearest facility on foot and weighs each facility's places against its catchment. */
export function catchments(network: WalkNetwork, input: CatchmentInput): Catchments {
  const who = 'catchments';
  const { exits, households, facilities, capacity, perHousehold } = input;
  if (!exits?.start || exits.start.length !== households.length + 1) throw new Error(`${who}: exits (from compoundExitPoints) and households must describe the same compounds`);
  if (!Array.isArray(facilities) || !Array.isArray(capacity) || capacity.length !== facilities.length) throw new Error(`${who}: capacity must give one value (or null) per facility`);
  if (!(perHousehold >= 0)) throw new Error(`${who}: perHousehold must be a number ≥ 0, got ${perHousehold}`);
  const n = households.length;
  const { start } = exits;
  const near = nearestSource(network, attachPoints(network, facilities), attachPoints(network, exits.points));

  const facility = new Int32Array(n).fill(-1);
  const hh = new Float64Array(facilities.length);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let k = start[i]; k < start[i + 1]; k++) {
      if (near.distM[k] < best) {
        best = near.distM[k];
        facility[i] = near.source[k];
      }
    }
    if (facility[i] >= 0) hh[facility[i]] += households[i];
  }
  const demand = hh.map((h) => h * perHousehold);
  const ratio = new Float64Array(facilities.length);
  for (let f = 0; f < facilities.length; f++) {
    const c = capacity[f];
    ratio[f] = c == null ? NaN : demand[f] > 0 ? c / demand[f] : Infinity;
  }
  return { facility, households: hh, demand, ratio };
}
