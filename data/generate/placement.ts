// Which parcel each compound gets. The report's named compounds go first, into one old core
// on the west bank by the river, each multi-member project into a chain of neighbouring
// parcels of one block (only a lane or a shared wall between them). Then every other compound
// gets a parcel in its 街道: old (≤2000) ones in the old core and the old factory quarter,
// 2001–2005 ones around them, new ones towards the periphery; within that preference the
// parcel whose area best matches floor area / a target floor-area ratio.
import type { Rng } from './rng.ts';
import { warpAreaScale, warpedArea, type UV } from './frame.ts';
import { RIVER_U, RIVERSIDE_OFFSET, splitParcel, urbanity, type Layout, type Parcel } from './layout.ts';
import { subdistrictOf } from './boundaries.ts';
import { PACKAGES, type Group, type SubdistrictName } from './report.ts';
import type { CommunitySpec } from './figures.ts';

/** Centre of the cluster of named 宿舍 compounds (west bank, by the river). */
export const NAMED_CENTRE: UV = [560, 320];
const FAR_TARGET: Record<Group, [number, number]> = { O: [1.0, 1.75], M: [1.2, 2.0], N: [1.6, 2.7] };
const FAR_OK: [number, number] = [0.7, 3.0];
const LANE_MAX = 10.5;
/** How loosely each age group follows its zone (0: strictly by rank). */
const PREFERENCE_NOISE: Record<Group, number> = { O: 0.5, M: 0.3, N: 0.3 };

export interface Placed {
  parcelOf: number[]; // spec.key -> parcel index
  groundArea: number[]; // parcel index -> warped area (m²)
  neighbours: number[][]; // parcel index -> parcels of the same block within a lane
}

function rectRing(p: Parcel): UV[] {
  const { u0, u1, v0, v1 } = p.rect;
  return [[u0, v0], [u1, v0], [u1, v1], [u0, v1]];
}

/** Parcels of one block that face each other across a lane or a wall (overlap ≥ 8 m). */
export function parcelNeighbours(parcels: Parcel[]): number[][] {
  const byBlock = new Map<number, Parcel[]>();
  for (const p of parcels) {
    const a = byBlock.get(p.block);
    if (a) a.push(p);
    else byBlock.set(p.block, [p]);
  }
  const nb: number[][] = parcels.map(() => []);
  for (const list of byBlock.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i].rect;
        const b = list[j].rect;
        const gapU = Math.max(b.u0 - a.u1, a.u0 - b.u1);
        const gapV = Math.max(b.v0 - a.v1, a.v0 - b.v1);
        const overU = Math.min(a.u1, b.u1) - Math.max(a.u0, b.u0);
        const overV = Math.min(a.v1, b.v1) - Math.max(a.v0, b.v0);
        const facing = (gapU >= 0 && gapU <= LANE_MAX && overV >= 8) || (gapV >= 0 && gapV <= LANE_MAX && overU >= 8);
        if (facing) {
          nb[list[i].index].push(list[j].index);
          nb[list[j].index].push(list[i].index);
        }
      }
    }
  }
  return nb;
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

export function placeCommunities(rng: Rng, layout: Layout, specs: CommunitySpec[]): Placed {
  const parcels = layout.parcels;
  const groundArea = parcels.map((p) => warpedArea(rectRing(p)));
  const neighbours = parcelNeighbours(parcels);
  const used: number[] = parcels.map(() => 0);
  const parcelOf = specs.map(() => -1);
  const far = (s: CommunitySpec, parcel: number) => s.floorArea / groundArea[parcel];
  const reqArea = specs.map((s) => s.floorArea / rng.uniform(...FAR_TARGET[s.group]));
  const fits = (s: CommunitySpec, parcel: number, lo = FAR_OK[0] + 0.1, hi = FAR_OK[1] - 0.4) => {
    const f = far(s, parcel);
    return f >= lo && f <= hi;
  };
  const misfit = (s: CommunitySpec, parcel: number) => Math.abs(Math.log(groundArea[parcel] / reqArea[s.key]));
  const dist = (p: UV, q: UV) => Math.hypot(p[0] - q[0], p[1] - q[1]);

  // ---- the report's named compounds, package by package, biggest packages first ----
  const byName = new Map(specs.filter((s) => s.named).map((s) => [s.named as string, s]));
  const westOfRiver = parcels.filter((p) => p.centre[0] < RIVER_U - RIVERSIDE_OFFSET);
  const order = [...PACKAGES].sort((a, b) => b.members.length - a.members.length || a.id.localeCompare(b.id));
  for (const pkg of order) {
    const members = pkg.members.map((n) => {
      const s = byName.get(n);
      if (!s) throw new Error(`placement: unknown named community ${n}`);
      return s;
    });
    // candidate parcel tuples: chains of neighbours in one block, near the centre
    const search = (radius: number) => {
      const tuples: number[][] = [];
      for (const p of westOfRiver) {
        if (used[p.index] || dist(p.centre, NAMED_CENTRE) >= radius) continue;
        if (members.length === 1) tuples.push([p.index]);
        for (const q of neighbours[p.index]) {
          if (used[q] || q <= p.index) continue;
          if (members.length === 2) tuples.push([p.index, q]);
          if (members.length === 3) {
            for (const r of [...neighbours[p.index], ...neighbours[q]]) if (!used[r] && r !== p.index && r !== q) tuples.push([p.index, q, r]);
          }
        }
      }
      let best: { score: number; assign: number[] } | null = null;
      for (const t of tuples) {
        for (const perm of permutations(t)) {
          if (!members.every((m, i) => fits(m, perm[i], 0.9, 2.4))) continue;
          const centre: UV = [
            perm.reduce((s, i) => s + parcels[i].centre[0], 0) / perm.length,
            perm.reduce((s, i) => s + parcels[i].centre[1], 0) / perm.length,
          ];
          const score = members.reduce((s, m, i) => s + misfit(m, perm[i]), 0) / members.length + dist(centre, NAMED_CENTRE) / 220 + rng.uniform(0, 0.15);
          if (!best || score < best.score) best = { score, assign: perm };
        }
      }
      return best;
    };
    const best = search(750) ?? search(1100) ?? search(1600); // widen only if need be
    if (!best) throw new Error(`placement: no site for ${pkg.name}`);
    best.assign.forEach((pi, i) => {
      parcelOf[members[i].key] = pi;
      used[pi] = 1;
    });
  }

  // ---- everything else, per 街道 and age group ----
  const prefer: Record<Group, (p: Parcel) => number> = {
    O: (p) => -urbanity(p.centre),
    M: (p) => Math.abs(urbanity(p.centre) - 0.3),
    N: (p) => urbanity(p.centre),
  };
  const subOf = parcels.map((p) => subdistrictOf(p.centre));
  for (const g of ['O', 'M', 'N'] as Group[]) {
    for (const sub of ['西郊街道', '新枫街道', '吕蒙街道'] as SubdistrictName[]) {
      const todo = specs
        .filter((s) => s.group === g && s.subdistrict === sub && parcelOf[s.key] < 0)
        .sort((a, b) => reqArea[b.key] - reqArea[a.key]);
      if (!todo.length) continue;
      const pool = parcels
        .filter((p) => subOf[p.index] === sub && !used[p.index])
        .map((p) => ({ p: p.index, score: prefer[g](p) + rng.uniform(0, PREFERENCE_NOISE[g]) }))
        .sort((a, b) => a.score - b.score)
        .map((x) => x.p);
      let left = todo.length;
      for (const s of todo) {
        const k = Math.min(pool.length, Math.max(12, Math.ceil(left * 1.8)));
        let pick = -1;
        for (const window of [k, pool.length]) {
          let bestScore = Infinity;
          for (let r = 0; r < window; r++) {
            const pi = pool[r];
            if (used[pi] || !fits(s, pi)) continue;
            const score = misfit(s, pi) + (0.6 * r) / window;
            if (score < bestScore) {
              bestScore = score;
              pick = pi;
            }
          }
          if (pick >= 0) break;
        }
        if (pick < 0) {
          // every parcel left is too big: cut the preferred one down to size, the rest stays other land
          for (let r = 0; r < k && pick < 0; r++) {
            const pi = pool[r];
            if (used[pi] || far(s, pi) > FAR_OK[0] + 0.1) continue;
            const rest = splitParcel(layout, rng, pi, reqArea[s.key] / warpAreaScale(parcels[pi].centre));
            if (rest < 0) continue;
            groundArea[pi] = warpedArea(rectRing(parcels[pi]));
            groundArea[rest] = warpedArea(rectRing(parcels[rest]));
            used[rest] = 0;
            pool.push(rest);
            if (far(s, pi) >= FAR_OK[0] && far(s, pi) <= FAR_OK[1]) pick = pi;
          }
        }
        if (pick < 0) throw new Error(`placement: no parcel fits a ${g} compound of ${s.households} households in ${sub}`);
        parcelOf[s.key] = pick;
        used[pick] = 1;
        pool.splice(pool.indexOf(pick), 1);
        left--;
      }
    }
  }
  return { parcelOf, groundArea, neighbours: parcelNeighbours(parcels) };
}
