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
import { NodeHeap, type ExitPoints } from './access.ts';
import { attachPoints, type Attachments, type WalkNetwork } from './walk.ts';

/**
 * For each target, the nearest source over the network and the walking distance to it: one
 * multi-source Dijkstra that carries each node's source along. -1 / Infinity where none is reachable.
 */
export function nearestSource(network: WalkNetwork, sources: Attachments, targets: Attachments): { source: Int32Array; distM: Float64Array } {
  const source = new Int32Array(targets.count).fill(-1);
  const distM = new Float64Array(targets.count).fill(Infinity);
  if (sources.count === 0) return { source, distM };
  const dist = new Float64Array(network.n).fill(Infinity);
  const label = new Int32Array(network.n).fill(-1);
  const heap = new NodeHeap(network.n, dist);
  const seed = (v: number, d: number, s: number) => {
    if (d < dist[v]) {
      heap.lower(v, d);
      label[v] = s;
    }
  };
  for (let s = 0; s < sources.count; s++) {
    seed(sources.a[s], sources.connector[s] + sources.da[s], s);
    seed(sources.b[s], sources.connector[s] + sources.db[s], s);
  }
  const { offsets, targets: to, lengths } = network;
  while (heap.size > 0) {
    const u = heap.pop();
    for (let k = offsets[u], end = offsets[u + 1]; k < end; k++) {
      const v = to[k];
      const dv = dist[u] + lengths[k];
      if (dv < dist[v]) {
        heap.lower(v, dv);
        label[v] = label[u];
      }
    }
  }
  for (let t = 0; t < targets.count; t++) {
    const viaA = dist[targets.a[t]] + targets.da[t];
    const viaB = dist[targets.b[t]] + targets.db[t];
    let best = viaA <= viaB ? viaA : viaB;
    let who = viaA <= viaB ? label[targets.a[t]] : label[targets.b[t]];
    // a source on the same edge is reached along it without passing either end node
    for (let s = 0; s < sources.count; s++) {
      if (sources.edge[s] !== targets.edge[t]) continue;
      const d = Math.abs(sources.da[s] - targets.da[t]) + sources.connector[s];
      if (d < best) {
        best = d;
        who = s;
      }
    }
    if (Number.isFinite(best)) {
      source[t] = who;
      distM[t] = best + targets.connector[t];
    }
  }
  return { source, distM };
}

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
